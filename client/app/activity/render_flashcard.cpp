// flashcard: a card: its front, then (on request) its back under a rule on the same card, then the learner's own
// rating of how well they recalled it (FSRS's Again / Hard / Good / Easy), which submits. Draft: revealed, rating.
#include <imgui.h>

#include "app/activity/renderer.h"
#include "app/fonts.h"
#include "app/rich_text_view.h"
#include "app/widgets.h"

namespace pathwise::client::activity {

namespace {

// FSRS's ratings, 1 to 4.
constexpr const char* kRatingLabels[] = {"Again", "Hard", "Good", "Easy"};

void begin(const content::Activity&, Draft&, std::uint64_t) {}

void draw_card(const Context& ctx, const content::Flashcard& card) {
  ui::begin_panel(item_path(ctx, "card").c_str(), 120.0f);
  ui::paragraph("Front", true);
  // The front is what the learner recalls from: large, like the word on a paper card.
  ImGui::PushFont(fonts::heading());
  draw_prompt(ctx, card.front);
  ImGui::PopFont();
  if (ctx.draft.revealed) {
    ui::divider();
    ui::paragraph("Back", true);
    ui::rich_text(item_path(ctx, "card/back").c_str(), card.back);
  }
  ui::end_panel();
}

// Again, Hard, Good, Easy: one row of equal buttons, wide enough for a thumb on a phone.
bool draw_ratings(Context& ctx) {
  ui::paragraph("How well did you know it?", true);
  for (int rating = 1; rating <= 4; ++rating) {
    if (ui::row_button(item_path(ctx, "rate/" + std::to_string(rating)).c_str(), kRatingLabels[rating - 1], rating - 1, 4)) {
      ctx.draft.rating = rating;
      return true;
    }
  }
  return false;
}

Ask draw(Context& ctx) {
  const auto& card = std::get<content::Flashcard>(ctx.activity.payload);
  draw_card(ctx, card);
  ImGui::Spacing();
  if (!ctx.draft.revealed) {
    if (ui::button(item_path(ctx, "reveal").c_str(), "Show the answer")) ctx.draft.revealed = true;
    return Ask::incomplete;
  }
  if (ctx.grade) {
    if (ctx.draft.rating >= 1 && ctx.draft.rating <= 4) {
      ui::paragraph((std::string("You rated it: ") + kRatingLabels[ctx.draft.rating - 1]).c_str(), true);
    }
    return Ask::incomplete;
  }
  return draw_ratings(ctx) ? Ask::submit : Ask::incomplete;
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
