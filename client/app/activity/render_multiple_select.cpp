// multiple_select: "tick all that apply": one row with a tick box per choice, in a shuffled order (when the
// author allows); Check is ready once something is ticked. Once checked, each row is marked by the grade's
// decision for it (grade.part_scores: 1 when ticking or leaving it was right): right ticks, wrong ticks and
// missed choices are marked, each with the feedback written for that choice; choices rightly left out are
// shown quietly. Draft: order = display order of the choices, selected = ticked indices (in the order ticked).
#include <imgui.h>

#include <algorithm>

#include "app/activity/renderer.h"
#include "app/widgets.h"
#include "content/rich_text.h"

namespace pathwise::client::activity {

namespace {

std::string plain(const std::string& rich) { return content::plain_text(content::parse_rich_text(rich)); }

bool is_ticked(const Draft& draft, int index) {
  return std::find(draft.selected.begin(), draft.selected.end(), index) != draft.selected.end();
}

void begin(const content::Activity& activity, Draft& draft, std::uint64_t entropy) {
  const auto& multiple = std::get<content::MultipleSelect>(activity.payload);
  draft.order = shuffled_indices(static_cast<int>(multiple.choices.size()), entropy);
  if (!multiple.shuffle) std::sort(draft.order.begin(), draft.order.end());
}

void draw_checked(const Context& ctx, const std::vector<content::Choice>& choices) {
  const std::vector<double>& decisions = ctx.grade->part_scores;
  for (int index : ctx.draft.order) {
    const content::Choice& choice = choices[static_cast<std::size_t>(index)];
    const bool ticked = is_ticked(ctx.draft, index);
    // The grader's verdict on this choice; a grade without parts (not graded) falls back to the choice itself.
    const bool right_decision = static_cast<std::size_t>(index) < decisions.size()
                                    ? decisions[static_cast<std::size_t>(index)] >= 1.0
                                    : ticked == choice.correct;
    ui::Mark mark = ui::Mark::none;
    const char* caption = "";
    bool show_feedback = false;
    if (ticked) {
      mark = right_decision ? ui::Mark::right : ui::Mark::wrong;
      caption = right_decision ? "You ticked it: right" : "You ticked it: it does not belong";
      show_feedback = true;
    } else if (!right_decision) {
      mark = ui::Mark::wrong;
      caption = "Missed: this one belongs too";
      show_feedback = true;
    } else {
      caption = "Rightly left out";
    }
    ui::marked_option(item_path(ctx, "choice/" + std::to_string(index)).c_str(), "checkbox", plain(choice.text).c_str(),
                      ticked, mark, caption, show_feedback ? plain(choice.feedback).c_str() : "");
    ImGui::Spacing();
  }
}

Ask draw(Context& ctx) {
  const auto& choices = std::get<content::MultipleSelect>(ctx.activity.payload).choices;
  draw_prompt(ctx, ctx.activity.prompt);
  ImGui::Spacing();
  if (ctx.grade) {
    draw_checked(ctx, choices);
    return Ask::incomplete;
  }
  for (int index : ctx.draft.order) {
    const std::string label = plain(choices[static_cast<std::size_t>(index)].text);
    const bool ticked = is_ticked(ctx.draft, index);
    if (ui::tick_option(item_path(ctx, "choice/" + std::to_string(index)).c_str(), label.c_str(), ticked)) {
      if (ticked) {
        ctx.draft.selected.erase(std::find(ctx.draft.selected.begin(), ctx.draft.selected.end(), index));
      } else {
        ctx.draft.selected.push_back(index);
      }
    }
    ImGui::Spacing();
  }
  return ctx.draft.selected.empty() ? Ask::incomplete : Ask::ready;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.selected = draft.selected;
  std::sort(response.selected.begin(), response.selected.end());
  return response;
}

// The ticked choices' texts in the bundle's order, e.g. "2/4, 4/8".
std::string said(const content::Activity& activity, const Draft& draft) {
  const auto& choices = std::get<content::MultipleSelect>(activity.payload).choices;
  std::string words;
  for (std::size_t index = 0; index < choices.size(); ++index) {
    if (!is_ticked(draft, static_cast<int>(index))) continue;
    if (!words.empty()) words += ", ";
    words += plain(choices[index].text);
  }
  return words;
}

}  // namespace

const Renderer kMultipleSelect{begin, draw, response, said};

}  // namespace pathwise::client::activity
