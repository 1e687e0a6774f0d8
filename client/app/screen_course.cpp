// A course's page: its outline (units, lessons, skills) once the bundle has arrived and passed the validator,
// or a clear error screen when it could not be downloaded, is broken, or does not match the catalog.
// Once it is ready: progress in numbers, the large Continue button with the engine's reason and two alternatives,
// the challenge level, and the path map (path_map.h).
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "app/fonts.h"
#include "app/item_registry.h"
#include "app/path_map.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "content/rich_text.h"

namespace pathwise::client {

namespace {

int total_minutes(const content::Bundle& bundle) {
  int seconds = 0;
  for (const content::Activity& activity : bundle.activities) seconds += activity.seconds;
  return (seconds + 59) / 60;
}

// The tag under an alternative: what the learner will do.
const char* activity_kind_words(content::ActivityType type) {
  switch (type) {
    case content::ActivityType::reading: return "Read";
    case content::ActivityType::video: return "Watch";
    case content::ActivityType::flashcard: return "Flashcards";
    case content::ActivityType::single_choice: return "Choose one";
    case content::ActivityType::multiple_select: return "Choose all that apply";
    case content::ActivityType::true_false: return "True or false";
    case content::ActivityType::numeric: return "Type a number";
    case content::ActivityType::short_text: return "Type an answer";
    case content::ActivityType::cloze: return "Fill the gaps";
    case content::ActivityType::ordering: return "Put in order";
    case content::ActivityType::matching: return "Match";
    case content::ActivityType::parameterized: return "Practice problem";
  }
  return "Practise";
}

// The first line of a prompt as plain text, cut at a word to fit a card's title line or two.
std::string prompt_title(const std::string& prompt) {
  constexpr std::size_t kMaxBytes = 90;
  std::string text = content::plain_text(content::parse_rich_text(prompt));
  text = text.substr(0, text.find('\n'));
  if (text.size() <= kMaxBytes) return text;
  std::size_t cut = text.rfind(' ', kMaxBytes);
  if (cut == std::string::npos || cut < kMaxBytes / 2) {
    cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  }
  return text.substr(0, cut) + "…";
}

// What an alternative offers, in a few words: a reading or video by its title, a question by its prompt (two
// alternatives on the same skill must not look alike), generated problems and flashcards by their skill.
std::string activity_title(const content::Activity& activity, const std::string& skill_title) {
  if (const auto* reading = std::get_if<content::Reading>(&activity.payload)) return "Read: " + reading->title;
  if (const auto* video = std::get_if<content::Video>(&activity.payload)) return "Watch: " + video->title;
  switch (activity.type()) {
    case content::ActivityType::flashcard: return "Flashcards: " + skill_title;
    case content::ActivityType::parameterized: return "Practice problems: " + skill_title;  // its prompt has {{x}}
    default: {
      const std::string title = prompt_title(activity.prompt);
      return title.empty() ? "Questions: " + skill_title : title;
    }
  }
}

}  // namespace

void App::draw_course() {
  const content::CourseEntry& entry = catalog_.courses[open_course_];
  if (ui::button("course/back", "← All courses", ui::ButtonKind::secondary) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput)) {
    screen_ = Screen::home;
    return;
  }
  ImGui::Spacing();
  ui::heading("course/title", entry.title.c_str());
  if (!entry.description.empty()) ui::paragraph(entry.description.c_str());
  ImGui::Spacing();
  switch (course_.status) {
    case BundleStatus::loading:
      ui::paragraph("Loading the course…", true);
      break;
    case BundleStatus::failed:
      draw_course_problem(entry);
      break;
    case BundleStatus::ready:
      draw_course_outline(*course_.bundle);
      break;
  }
}

void App::draw_course_problem(const content::CourseEntry& entry) {
  ui::heading("course/error-title", "This course cannot be opened");
  ui::paragraph(course_.failure.c_str());
  if (ui::button("course/retry", "Try again")) {
    course_ = OpenCourse{};
    course_.id = entry.id;
    bundle_request_ = entry.bundle;
  }
  if (course_.problems.empty()) return;
  ImGui::Spacing();
  const std::size_t count = course_.problems.size();
  ui::paragraph((std::to_string(count) + (count == 1 ? " problem" : " problems") +
                 " found (for the site's maintainer):").c_str());
  for (std::size_t i = 0; i < count && i < 10; ++i) ui::paragraph(course_.problems[i].c_str(), true);
  if (count > 10) ui::paragraph(("… and " + std::to_string(count - 10) + " more.").c_str(), true);
}

void App::draw_course_outline(const content::Bundle& bundle) {
  refold_if_needed();
  if (!course_index_ || folded_course_ != course_.id) return;
  if (!skill_layers_) {
    skill_layers_ = path::skill_layers(*course_index_);
  }
  const learner::Seconds now = static_cast<learner::Seconds>(platform_->unix_seconds());
  std::size_t mastered = 0;
  for (const learner::SkillState& skill : learner_state_.skills) mastered += skill.mastered;
  const int streak = learner::streak_days(learner_state_, now);
  std::string summary = std::to_string(mastered) + " of " + std::to_string(bundle.skills.size()) + " skills mastered · " +
                        std::to_string(learner_state_.points) + " points";
  if (streak > 0) summary += " · " + std::to_string(streak) + (streak == 1 ? "-day streak" : "-day streak");
  ui::paragraph(summary.c_str());
  ImGui::Spacing();
  draw_course_start(bundle);
  if (screen_ != Screen::course) return;
  ImGui::Spacing();

  ui::heading("course/map-title", "Your path");
  draw_path_map_legend();
  ImGui::Spacing();
  const std::vector<path::SkillStatus> statuses = path::skill_statuses(learner_state_, now);
  const int suggested = home_choice_ && !home_choice_->options.empty() ? home_choice_->options.front().skill : -1;
  if (locked_skill_ >= 0 && static_cast<std::size_t>(locked_skill_) < statuses.size() &&
      statuses[static_cast<std::size_t>(locked_skill_)] == path::SkillStatus::locked) {
    std::string names;
    const std::vector<int> missing = path::missing_prerequisites(learner_state_, locked_skill_);
    for (std::size_t i = 0; i < missing.size(); ++i) {
      names += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + bundle.skills[static_cast<std::size_t>(missing[i])].title;
    }
    ui::banner("course/locked", (bundle.skills[static_cast<std::size_t>(locked_skill_)].title + " is locked: master " +
                                 names + " first.").c_str(), ui::BannerKind::info);
    ImGui::Spacing();
  }
  const int tapped = draw_path_map({bundle, learner_state_, *skill_layers_, statuses, suggested});
  if (tapped >= 0) {
    if (statuses[static_cast<std::size_t>(tapped)] == path::SkillStatus::locked) {
      locked_skill_ = tapped;
    } else {
      locked_skill_ = -1;
      start_next_activity(tapped);
      return;
    }
  }
  ImGui::Spacing();
  draw_challenge_choice();
  ImGui::Spacing();
  draw_course_offline(catalog_.courses[open_course_], bundle);
  ImGui::Spacing();
  ui::paragraph((std::to_string(bundle.skills.size()) + " skills · " + std::to_string(bundle.activities.size()) +
                 " activities · about " + std::to_string(total_minutes(bundle)) + " minutes · version " +
                 bundle.version).c_str(),
                true);
  if (!bundle.licence.empty() || !bundle.attribution.empty()) {
    std::string credit = bundle.licence;
    if (!bundle.attribution.empty()) credit += (credit.empty() ? "" : " · ") + bundle.attribution;
    ui::paragraph(credit.c_str(), true);
  }
}

// The large Continue button with the engine's reason, and the two alternatives with theirs.
void App::draw_course_start(const content::Bundle& bundle) {
  if (home_choice_revision_ != session_.revision() || !home_choice_) {
    path::PathRequest request;
    request.now = static_cast<learner::Seconds>(platform_->unix_seconds());
    request.entropy = platform_->random64();
    request.showable = showable_activities();
    learner::ModelSettings settings;
    home_choice_ = path::choose_next(learner_state_, request, settings);
    home_choice_revision_ = session_.revision();
  }
  if (home_choice_->options.empty()) {
    ui::banner("course/done", home_choice_->all_mastered ? "You mastered every skill here. Come back later for reviews."
                                                          : "There is nothing to practise in this course right now.",
               ui::BannerKind::success);
    return;
  }
  const path::Recommendation& first = home_choice_->options.front();
  const float s = ImGui::GetStyle().FramePadding.y / 10.0f;
  // The skill's name is in the reason under the button: a long title would not fit a phone's button.
  const std::string label = learner_state_.attempts > 0 ? "Continue" : "Start";
  ImGui::PushFont(fonts::heading());
  ImGui::PushStyleColor(ImGuiCol_Text, palette().switch_knob);
  const bool go = ImGui::Button((label + "###course/continue").c_str(), ImVec2(ImGui::GetContentRegionAvail().x, 64.0f * s));
  ImGui::PopStyleColor();
  ImGui::PopFont();
  if (ItemRegistry* registry = current_item_registry()) registry->annotate_last_item("course/continue", "button", label.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ui::paragraph(first.reason.c_str(), true);
  if (go) {
    path_choice_ = home_choice_;
    begin_activity(first);
    return;
  }
  if (home_choice_->options.size() > 1) {
    ImGui::Spacing();
    ui::paragraph("Or choose:", true);
    for (std::size_t i = 1; i < home_choice_->options.size(); ++i) {
      const path::Recommendation& option = home_choice_->options[i];
      const content::Activity& activity = bundle.activities[static_cast<std::size_t>(option.activity)];
      const std::string title = activity_title(activity, bundle.skills[static_cast<std::size_t>(std::max(option.skill, 0))].title);
      const std::string path = "course/alternative/" + std::to_string(i);
      if (ui::card(path.c_str(), title.c_str(), option.reason.c_str(), activity_kind_words(activity.type()))) {
        path_choice_ = home_choice_;
        begin_activity(option);
        return;
      }
    }
  }
}

// Easier / normal / harder: the success rate the engine aims for (0.90 / 0.75 / 0.60). Recorded as an event, so
// it follows the learner to other devices; never a penalty, only how hard the next questions are.
void App::draw_challenge_choice() {
  struct Level { const char* id; const char* label; double target; };
  static const Level kLevels[] = {{"easier", "Easier", 0.90}, {"normal", "Normal", 0.75}, {"harder", "Harder", 0.60}};
  ui::paragraph("Challenge", true);
  for (std::size_t i = 0; i < std::size(kLevels); ++i) {
    if (i > 0) ImGui::SameLine();
    const bool chosen = std::abs(learner_state_.target_success - kLevels[i].target) < 0.01;
    const std::string path = std::string("course/challenge/") + kLevels[i].id;
    if (ui::option_chip(path.c_str(), kLevels[i].label, chosen) && !chosen) {
      session_.record(learner::ChallengeChosen{kLevels[i].target});
    }
  }
  const int percent = static_cast<int>(std::lround(learner_state_.target_success * 100));
  ui::paragraph(("Questions are picked so you get about " + std::to_string(percent) + "% right.").c_str(), true);
}

}  // namespace pathwise::client
