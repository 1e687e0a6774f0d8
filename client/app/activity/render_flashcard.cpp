// flashcard: the front, then (on request) the back, then the learner's own rating of how well they recalled it
// (FSRS's Again / Hard / Good / Easy), which submits. Draft: revealed, rating.
#include <imgui.h>

#include "app/activity/renderer.h"
#include "app/rich_text_view.h"
#include "app/widgets.h"

namespace pathwise::client::activity {

namespace {

void begin(const content::Activity&, Draft&, std::uint64_t) {}

Ask draw(Context& ctx) {
  const auto& card = std::get<content::Flashcard>(ctx.activity.payload);
  draw_prompt(ctx, card.front);
  ImGui::Spacing();
  if (!ctx.draft.revealed) {
    if (ui::button(item_path(ctx, "reveal").c_str(), "Show the answer")) ctx.draft.revealed = true;
    return Ask::incomplete;
  }
  ui::rich_text(item_path(ctx, "back").c_str(), card.back);
  if (ctx.grade) return Ask::incomplete;
  ImGui::Spacing();
  ui::paragraph("How well did you know it?", true);
  const char* labels[] = {"Again", "Hard", "Good", "Easy"};
  for (int rating = 1; rating <= 4; ++rating) {
    if (rating > 1) ImGui::SameLine();
    if (ui::button(item_path(ctx, "rate/" + std::to_string(rating)).c_str(), labels[rating - 1], ui::ButtonKind::secondary)) {
      ctx.draft.rating = rating;
      return Ask::submit;
    }
  }
  return Ask::incomplete;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.rating = draft.rating;
  return response;
}

std::string said(const content::Activity&, const Draft& draft) { return std::to_string(draft.rating); }

}  // namespace

const Renderer kFlashcard{begin, draw, response, said};

}  // namespace pathwise::client::activity
