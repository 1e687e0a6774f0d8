// short_text: the answer is typed: a word or a few words. Draft: texts = {typed}.
#include <imgui.h>

#include "app/activity/renderer.h"
#include "app/widgets.h"

namespace pathwise::client::activity {

namespace {

void begin(const content::Activity&, Draft& draft, std::uint64_t) { draft.texts = {""}; }

Ask draw(Context& ctx) {
  draw_prompt(ctx, ctx.activity.prompt);
  ImGui::Spacing();
  if (ctx.draft.texts.empty()) ctx.draft.texts = {""};
  if (ctx.grade) ImGui::BeginDisabled();
  ui::text_field(item_path(ctx, "answer").c_str(), "Your answer", "Type your answer", &ctx.draft.texts.front());
  if (ctx.grade) ImGui::EndDisabled();
  return ctx.draft.texts.front().empty() ? Ask::incomplete : Ask::ready;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.texts = draft.texts;
  return response;
}

std::string said(const content::Activity&, const Draft& draft) { return draft.texts.empty() ? "" : draft.texts.front(); }

}  // namespace

const Renderer kShortText{begin, draw, response, said};

}  // namespace pathwise::client::activity
