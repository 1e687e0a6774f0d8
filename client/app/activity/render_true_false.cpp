// true_false: a statement, answered True or False. Draft: truth.
#include <imgui.h>

#include "app/activity/renderer.h"
#include "app/widgets.h"

namespace pathwise::client::activity {

namespace {

void begin(const content::Activity&, Draft&, std::uint64_t) {}

Ask draw(Context& ctx) {
  draw_prompt(ctx, ctx.activity.prompt);
  ImGui::Spacing();
  if (ctx.grade) ImGui::BeginDisabled();
  if (ui::option(item_path(ctx, "true").c_str(), "True", ctx.draft.truth == std::optional<bool>(true))) {
    ctx.draft.truth = true;
  }
  ImGui::Spacing();
  if (ui::option(item_path(ctx, "false").c_str(), "False", ctx.draft.truth == std::optional<bool>(false))) {
    ctx.draft.truth = false;
  }
  if (ctx.grade) ImGui::EndDisabled();
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
