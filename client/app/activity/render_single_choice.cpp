// single_choice: one answer among several, shown as full-width rows in a shuffled order (when the author allows).
// Once checked, the rows stay where they were, read-only: the learner's pick marked right or wrong with the
// feedback written for that very choice under it (a misconception addressed where it was made), and the right
// choice marked right. Draft: order = display order of the choices, selected = {chosen index}.
#include <imgui.h>

#include <algorithm>

#include "app/activity/renderer.h"
#include "app/rich_text_view.h"
#include "app/widgets.h"
#include "content/rich_text.h"

namespace pathwise::client::activity {

namespace {

std::string plain(const std::string& rich) { return content::plain_text(content::parse_rich_text(rich)); }

void begin(const content::Activity& activity, Draft& draft, std::uint64_t entropy) {
  const auto& single = std::get<content::SingleChoice>(activity.payload);
  const int count = static_cast<int>(single.choices.size());
  draft.order = shuffled_indices(count, entropy);
  if (!single.shuffle) std::sort(draft.order.begin(), draft.order.end());
}

void draw_checked(const Context& ctx, const std::vector<content::Choice>& choices, int chosen) {
  for (int index : ctx.draft.order) {
    const content::Choice& choice = choices[static_cast<std::size_t>(index)];
    const bool picked = index == chosen;
    ui::Mark mark = ui::Mark::none;
    const char* caption = "";
    if (picked) {
      mark = choice.correct ? ui::Mark::right : ui::Mark::wrong;
      caption = choice.correct ? "Your answer: right" : "Your answer: not right";
    } else if (choice.correct) {
      mark = ui::Mark::right;
      caption = "The right answer";
    }
    ui::marked_option(item_path(ctx, "choice/" + std::to_string(index)).c_str(), "radio", plain(choice.text).c_str(),
                      picked, mark, caption, picked ? plain(choice.feedback).c_str() : "");
    ImGui::Spacing();
  }
}

Ask draw(Context& ctx) {
  const auto& choices = std::get<content::SingleChoice>(ctx.activity.payload).choices;
  draw_prompt(ctx, ctx.activity.prompt);
  ImGui::Spacing();
  const int chosen = ctx.draft.selected.empty() ? -1 : ctx.draft.selected.front();
  if (ctx.grade) {
    draw_checked(ctx, choices, chosen);
    return Ask::incomplete;
  }
  for (int index : ctx.draft.order) {
    const std::string label = plain(choices[static_cast<std::size_t>(index)].text);
    if (ui::option(item_path(ctx, "choice/" + std::to_string(index)).c_str(), label.c_str(), chosen == index)) {
      ctx.draft.selected = {index};
    }
    ImGui::Spacing();
  }
  return ctx.draft.selected.empty() ? Ask::incomplete : Ask::ready;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.selected = draft.selected;
  return response;
}

std::string said(const content::Activity& activity, const Draft& draft) {
  const auto& choices = std::get<content::SingleChoice>(activity.payload).choices;
  if (draft.selected.empty() || draft.selected.front() < 0 ||
      draft.selected.front() >= static_cast<int>(choices.size())) {
    return "";
  }
  return plain(choices[static_cast<std::size_t>(draft.selected.front())].text);
}

}  // namespace

const Renderer kSingleChoice{begin, draw, response, said};

}  // namespace pathwise::client::activity
