#include "app/activity/renderer.h"

#include <algorithm>
#include <cmath>
#include <imgui.h>

#include <utility>

#include "app/rich_text_view.h"
#include "content/seeded_random.h"

namespace pathwise::client::activity {

const Renderer& renderer_for(content::ActivityType type) {
  switch (type) {
    case content::ActivityType::single_choice: return kSingleChoice;
    case content::ActivityType::multiple_select: return kMultipleSelect;
    case content::ActivityType::true_false: return kTrueFalse;
    case content::ActivityType::numeric: return kNumeric;
    case content::ActivityType::short_text: return kShortText;
    case content::ActivityType::cloze: return kCloze;
    case content::ActivityType::ordering: return kOrdering;
    case content::ActivityType::matching: return kMatching;
    case content::ActivityType::flashcard: return kFlashcard;
    case content::ActivityType::reading: return kReading;
    case content::ActivityType::video: return kVideo;
    case content::ActivityType::parameterized: return kParameterized;
  }
  return kSingleChoice;
}

content::Response checkpoints_response(const std::vector<content::Checkpoint>& checkpoints, const Draft& draft) {
  content::Response response;
  for (std::size_t i = 0; i < checkpoints.size() && i < draft.checkpoints.size(); ++i) {
    const content::Activity& question = checkpoints[i].question;
    response.checkpoints.push_back(renderer_for(question.type()).response(question, draft.checkpoints[i]));
  }
  return response;
}

std::string checkpoints_said(const std::vector<content::Checkpoint>& checkpoints, const Draft& draft) {
  std::string words;
  for (std::size_t i = 0; i < checkpoints.size() && i < draft.checkpoints.size(); ++i) {
    const content::Activity& question = checkpoints[i].question;
    if (i > 0) words += "; ";
    words += renderer_for(question.type()).said(question, draft.checkpoints[i]);
  }
  return words;
}

std::vector<int> shuffled_indices(int count, std::uint64_t entropy) {
  std::vector<int> order;
  for (int i = 0; i < count; ++i) order.push_back(i);
  SplitMix64 random(entropy);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
  return order;
}

std::string item_path(const Context& ctx, const std::string& leaf) { return ctx.path + "/" + leaf; }

void draw_prompt(const Context& ctx, const std::string& rich_prompt) {
  if (!rich_prompt.empty()) ui::rich_text(item_path(ctx, "prompt").c_str(), rich_prompt);
  draw_media(ctx, rich_prompt);
}

void draw_media(const Context& ctx, const std::string& shown_rich_text) {
  for (std::size_t i = 0; i < ctx.activity.media.size(); ++i) {
    const content::Media& media = ctx.activity.media[i];
    if (ui::shows_picture(shown_rich_text, media.path)) continue;
    ImGui::Spacing();
    ui::picture(item_path(ctx, "media/" + std::to_string(i)).c_str(), media.path, media.alt);
  }
}

ui::TextMode keyboard_for_number(const content::NumberCheck& check, double answer) {
  if (check.form == content::NumberForm::fraction || check.form == content::NumberForm::simplest) return ui::TextMode::text;
  if (answer < 0.0) return ui::TextMode::text;
  // A short decimal (at most 4 places, or close enough for the tolerance): 1/3 needs its "/".
  const double tolerance = std::max({check.tolerance.absolute, check.tolerance.relative * std::fabs(answer), 1e-9});
  const double rounded = std::round(answer * 10000.0) / 10000.0;
  return std::fabs(rounded - answer) <= tolerance ? ui::TextMode::number : ui::TextMode::text;
}

}  // namespace pathwise::client::activity
