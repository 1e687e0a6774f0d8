// numeric: the answer is typed: a number, with the phone's numeric keyboard when the answer needs no "/" or "-".
// Once checked, the typed answer is shown read-only with its mark. Draft: texts = {typed}.
#include <imgui.h>

#include "app/activity/renderer.h"
#include "app/widgets.h"

namespace pathwise::client::activity {

namespace {

void begin(const content::Activity&, Draft& draft, std::uint64_t) { draft.texts = {""}; }

Ask draw(Context& ctx) {
  const auto& numeric = std::get<content::Numeric>(ctx.activity.payload);
  draw_prompt(ctx, ctx.activity.prompt);
  ImGui::Spacing();
  if (ctx.draft.texts.empty()) ctx.draft.texts = {""};
  std::string& typed = ctx.draft.texts.front();
  if (ctx.grade) {
    const ui::Mark mark = ctx.grade->correct ? ui::Mark::right : ctx.grade->score > 0.0 ? ui::Mark::partial : ui::Mark::wrong;
    ui::marked_text(item_path(ctx, "answer").c_str(), "Your answer", typed, mark, "");
    return Ask::incomplete;
  }
  const ui::TextMode keyboard = keyboard_for_number(numeric.check, numeric.answer);
  ui::text_field(item_path(ctx, "answer").c_str(), "Your answer",
                 keyboard == ui::TextMode::number ? "Type a number" : "Type your answer", &typed, false, keyboard);
  return typed.empty() ? Ask::incomplete : Ask::ready;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.texts = draft.texts;
  return response;
}

std::string said(const content::Activity&, const Draft& draft) { return draft.texts.empty() ? "" : draft.texts.front(); }

}  // namespace

const Renderer kNumeric{begin, draw, response, said};

}  // namespace pathwise::client::activity
