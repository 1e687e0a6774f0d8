// true_false: a statement, answered True or False. Once checked, both rows stay, read-only: the learner's pick
// marked right or wrong (a wrong pick with the activity's feedback for the wrong answer under it), and the right
// one marked right. Draft: truth.
#include <imgui.h>

#include "app/activity/renderer.h"
#include "app/widgets.h"
#include "content/rich_text.h"

namespace pathwise::client::activity {

namespace {

void begin(const content::Activity&, Draft&, std::uint64_t) {}

void draw_checked(const Context& ctx, const content::TrueFalse& statement) {
  for (bool value : {true, false}) {
    const bool picked = ctx.draft.truth == std::optional<bool>(value);
    const bool right = value == statement.answer;
    ui::Mark mark = ui::Mark::none;
    const char* caption = "";
    std::string feedback;
    if (picked) {
      mark = right ? ui::Mark::right : ui::Mark::wrong;
      caption = right ? "Your answer: right" : "Your answer: not right";
      if (!right) feedback = content::plain_text(content::parse_rich_text(statement.feedback_wrong));
    } else if (right) {
      mark = ui::Mark::right;
      caption = "The right answer";
    }
    ui::marked_option(item_path(ctx, value ? "true" : "false").c_str(), "radio", value ? "True" : "False", picked, mark,
                      caption, feedback.c_str());
    ImGui::Spacing();
  }
}

Ask draw(Context& ctx) {
  draw_prompt(ctx, ctx.activity.prompt);
  ImGui::Spacing();
  if (ctx.grade) {
    draw_checked(ctx, std::get<content::TrueFalse>(ctx.activity.payload));
    return Ask::incomplete;
  }
  if (ui::option(item_path(ctx, "true").c_str(), "True", ctx.draft.truth == std::optional<bool>(true))) {
    ctx.draft.truth = true;
  }
  ImGui::Spacing();
  if (ui::option(item_path(ctx, "false").c_str(), "False", ctx.draft.truth == std::optional<bool>(false))) {
    ctx.draft.truth = false;
  }
  return ctx.draft.truth ? Ask::ready : Ask::incomplete;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.truth = draft.truth;
  return response;
}

std::string said(const content::Activity&, const Draft& draft) {
  return !draft.truth ? "" : *draft.truth ? "true" : "false";
}

}  // namespace

const Renderer kTrueFalse{begin, draw, response, said};

}  // namespace pathwise::client::activity
