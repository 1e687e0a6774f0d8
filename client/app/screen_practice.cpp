// Practice: the activity the path engine chose, drawn by its type's renderer (activity/render_<type>.cpp),
// graded by the core, recorded through the learner's log, and shown as saved only once the store says it is
// durable. Around the renderer this screen draws what every type shares: why this activity, the hints one at a
// time, the optional "how sure are you?", Check, and after it the grade, the feedback tied to the answer, the
// worked explanation after a wrong answer, the points earned and a celebration when a skill is mastered.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "app/rich_text_view.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "content/problem_template.h"
#include "content/rich_text.h"
#include "learner/points.h"

namespace pathwise::client {

namespace {

std::string plain(const std::string& rich) { return content::plain_text(content::parse_rich_text(rich)); }

// Whether the practice screen can show the activity: its type has a renderer, and so do its checkpoint questions.
bool renderable(const content::Activity& activity) {
  if (!activity::renderer_for(activity.type()).available) return false;
  auto questions_renderable = [](const std::vector<content::Checkpoint>& checkpoints) {
    return std::all_of(checkpoints.begin(), checkpoints.end(), [](const content::Checkpoint& checkpoint) {
      return activity::renderer_for(checkpoint.question.type()).available;
    });
  };
  if (const auto* reading = std::get_if<content::Reading>(&activity.payload)) {
    return questions_renderable(reading->checkpoints);
  }
  if (const auto* video = std::get_if<content::Video>(&activity.payload)) return questions_renderable(video->checkpoints);
  return true;
}

constexpr double kCelebrationSeconds = 2.0;

// Feedback the choice renderers draw under the answer it belongs to (a choice's own feedback, a true/false's
// wrong-answer feedback): the result below does not repeat it.
bool shown_with_the_answer(const content::Activity& activity, const std::string& feedback) {
  auto in_choices = [&feedback](const std::vector<content::Choice>& choices) {
    return std::any_of(choices.begin(), choices.end(), [&](const content::Choice& choice) { return choice.feedback == feedback; });
  };
  if (const auto* single = std::get_if<content::SingleChoice>(&activity.payload)) return in_choices(single->choices);
  if (const auto* multiple = std::get_if<content::MultipleSelect>(&activity.payload)) return in_choices(multiple->choices);
  if (const auto* truth = std::get_if<content::TrueFalse>(&activity.payload)) return truth->feedback_wrong == feedback;
  return false;
}

// Confetti over the whole screen for a mastered skill: pieces fall and fade over kCelebrationSeconds. Positions
// come from a fixed sequence, so every celebration looks the same and costs the same (60 quads a frame).
void draw_confetti(double elapsed, float ui_scale) {
  if (elapsed < 0.0 || elapsed >= kCelebrationSeconds) return;
  const ImVec2 size = ImGui::GetMainViewport()->Size;
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  static const ImU32 kColours[] = {IM_COL32(37, 99, 235, 255), IM_COL32(22, 163, 74, 255), IM_COL32(217, 119, 6, 255),
                                   IM_COL32(219, 39, 119, 255), IM_COL32(124, 58, 237, 255)};
  const float t = static_cast<float>(elapsed / kCelebrationSeconds);
  const float alpha = 1.0f - t * t;
  std::uint64_t random = 0x9E3779B97F4A7C15ull;
  auto next = [&random] {
    random ^= random << 13;
    random ^= random >> 7;
    random ^= random << 17;
    return static_cast<float>(random % 10000) / 10000.0f;
  };
  for (int i = 0; i < 60; ++i) {
    const float x0 = next() * size.x, speed = 0.5f + next(), sway = next() * 6.28f, spin = next() * 6.28f;
    const float x = x0 + std::sin(sway + t * 6.0f) * 24.0f * ui_scale;
    const float y = -20.0f * ui_scale + t * speed * size.y;
    const float half = (4.0f + 3.0f * next()) * ui_scale;
    const float angle = spin + t * 8.0f;
    const ImVec2 ax(std::cos(angle) * half, std::sin(angle) * half), ay(-std::sin(angle) * half * 0.5f, std::cos(angle) * half * 0.5f);
    const ImU32 colour = (kColours[i % 5] & 0x00FFFFFF) | (static_cast<ImU32>(alpha * 255.0f) << 24);
    draw->AddQuadFilled(ImVec2(x - ax.x - ay.x, y - ax.y - ay.y), ImVec2(x + ax.x - ay.x, y + ax.y - ay.y),
                        ImVec2(x + ax.x + ay.x, y + ax.y + ay.y), ImVec2(x - ax.x + ay.x, y - ax.y + ay.y), colour);
  }
}

}  // namespace

void App::refold_if_needed() {
  if (!course_.bundle || !session_.log()) return;
  const std::uint64_t revision = session_.revision();
  if (revision == folded_revision_ && folded_course_ == course_.id && course_index_) return;
  if (folded_course_ != course_.id || !course_index_) course_index_ = learner::index_course(*course_.bundle);
  learner_state_ = learner::fold(*course_index_, session_.log()->events());
  folded_revision_ = revision;
  folded_course_ = course_.id;
}

std::vector<char> App::showable_activities() const {
  std::vector<char> showable;
  for (const content::Activity& activity : course_.bundle->activities) showable.push_back(renderable(activity) ? 1 : 0);
  return showable;
}

void App::start_next_activity(int skill) {
  // Between activities: the moment a waiting new version of Pathwise takes over (offline_view.cpp).
  if (apply_update_between_activities()) return;
  refold_if_needed();
  if (!course_index_) return;
  path::PathRequest request;
  request.now = static_cast<learner::Seconds>(platform_->unix_seconds());
  request.entropy = platform_->random64();
  request.showable = showable_activities();
  if (skill >= 0) request.skill = course_.bundle->skills[static_cast<std::size_t>(skill)].id;
  path_choice_ = path::choose_next(learner_state_, request);
  practice_ = PracticeItem{};
  screen_ = Screen::practice;
  if (path_choice_->options.empty()) return;
  begin_activity(path_choice_->options.front());
}

void App::begin_activity(const path::Recommendation& next) {
  practice_ = PracticeItem{};
  practice_.fresh = true;
  screen_ = Screen::practice;
  practice_.activity = next.activity;
  practice_.seed = next.seed;
  practice_.level = next.level;
  practice_.reason = next.reason;
  practice_.show_worked_example = next.show_worked_example;
  practice_.shown_at = platform_->unix_seconds();
  const content::Activity& activity = course_.bundle->activities[static_cast<std::size_t>(next.activity)];
  activity::renderer_for(activity.type()).begin(activity, practice_.draft, platform_->random64());
  if (activity.type() == content::ActivityType::parameterized) {
    content::Generation generation = content::generate_problem(activity, static_cast<std::size_t>(next.level), next.seed);
    practice_.problem = std::move(generation.problem);
  }
  if (!session_started_) {
    session_.record(learner::SessionStarted{});
    session_started_ = true;
  }
  session_.record(learner::ActivityShown{activity.id, next.seed, next.level});
  session_.note_course(course_.bundle->id, course_.bundle->version);
}

bool App::open_activity_for_test(const std::string& course_id, const std::string& activity_id) {
  if (session_.phase() != SessionPhase::open || !session_.current()) return false;
  for (std::size_t i = 0; i < catalog_.courses.size(); ++i) {
    if (catalog_.courses[i].id != course_id) continue;
    open_course(i);
    pending_activity_ = activity_id;
    if (course_.status == BundleStatus::ready) {
      if (!course_.bundle->find_activity(activity_id)) {
        pending_activity_.clear();
        return false;
      }
      start_pending_activity();
    }
    return true;
  }
  return false;
}

void App::start_pending_activity() {
  const std::string id = std::move(pending_activity_);
  pending_activity_.clear();
  if (!course_.bundle) return;
  for (std::size_t i = 0; i < course_.bundle->activities.size(); ++i) {
    if (course_.bundle->activities[i].id != id) continue;
    refold_if_needed();
    path::Recommendation next;
    next.activity = static_cast<int>(i);
    next.seed = platform_->random64();
    next.reason = "Opened by the test hook";
    path_choice_ = path::PathChoice{};
    path_choice_->options.push_back(next);
    begin_activity(next);
    return;
  }
}

void App::submit_answer() {
  const content::Activity& activity = course_.bundle->activities[static_cast<std::size_t>(practice_.activity)];
  const activity::Renderer& renderer = activity::renderer_for(activity.type());
  const content::Response response = renderer.response(activity, practice_.draft);
  if (activity.type() == content::ActivityType::parameterized) {
    const auto& payload = std::get<content::Parameterized>(activity.payload);
    if (practice_.problem) {
      practice_.grade = content::grade_number(payload.check, practice_.problem->answer,
                                              practice_.problem->wrong_answers, practice_.draft.texts.empty() ? "" : practice_.draft.texts.front());
      const std::string& general = practice_.grade.correct ? practice_.problem->feedback_correct : practice_.problem->feedback_incorrect;
      if (!general.empty()) practice_.grade.feedback.push_back(general);
    } else {
      practice_.grade.graded = false;
      practice_.grade.problem = "this problem could not be generated";
    }
  } else {
    practice_.grade = content::grade(activity, response);
  }
  refold_if_needed();
  std::vector<bool> mastered_before;
  for (const learner::SkillState& skill : learner_state_.skills) mastered_before.push_back(skill.mastered);

  learner::Attempt attempt;
  attempt.activity = activity.id;
  attempt.seed = practice_.seed;
  attempt.level = practice_.level;
  attempt.response = renderer.said(activity, practice_.draft);
  attempt.graded = practice_.grade.graded;
  attempt.score = practice_.grade.score;
  attempt.rating = practice_.draft.rating;
  attempt.confidence = practice_.confidence;
  attempt.hint_seconds = practice_.hint_seconds;
  if (!practice_.grade.misconception.empty()) attempt.misconceptions.push_back(practice_.grade.misconception);
  attempt.seconds = std::max(0.0, std::min(platform_->unix_seconds() - practice_.shown_at, 86400.0));
  practice_.points = learner::attempt_points(activity, attempt);
  practice_.attempt = session_.record(std::move(attempt));
  practice_.answered = true;
  practice_.answered_at = platform_->unix_seconds();

  refold_if_needed();
  for (std::size_t i = 0; i < learner_state_.skills.size() && i < mastered_before.size(); ++i) {
    if (learner_state_.skills[i].mastered && !mastered_before[i]) practice_.newly_mastered.push_back(static_cast<int>(i));
  }
}

bool App::animating() const {
  return screen_ == Screen::practice && practice_.answered && !practice_.newly_mastered.empty() && platform_ &&
         !reduced_motion() &&
         platform_->unix_seconds() - practice_.answered_at < kCelebrationSeconds;
}

void App::draw_practice() {
  if (ui::button("practice/back", "← Course", ui::ButtonKind::secondary) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput)) {
    screen_ = Screen::course;
    return;
  }
  ImGui::Spacing();
  if (!course_.bundle || !path_choice_) {
    screen_ = Screen::course;
    return;
  }
  if (practice_.activity < 0) {
    ui::heading("practice/title", path_choice_->all_mastered ? "You mastered everything here!" : "Nothing to practise");
    ui::paragraph(path_choice_->all_mastered ? "Come back later: Pathwise will bring skills back for review."
                                             : "There is nothing to practise in this course right now.", true);
    return;
  }
  if (practice_.fresh) {
    // A new activity starts at the top, with no field of the previous one still being edited.
    practice_.fresh = false;
    ImGui::SetScrollY(0.0f);
    ImGui::ClearActiveID();
  }
  const content::Activity& activity = course_.bundle->activities[static_cast<std::size_t>(practice_.activity)];
  ui::paragraph(practice_.reason.c_str(), true);
  ImGui::Spacing();
  const std::string& explanation = practice_.problem ? practice_.problem->explanation : activity.explanation;
  if (practice_.show_worked_example && !explanation.empty()) {
    ui::banner("practice/worked-example-title", "A worked example first:", ui::BannerKind::info);
    ui::rich_text("practice/worked-example", explanation);
    ImGui::Spacing();
  }
  activity::Context ctx{activity, practice_.problem ? &*practice_.problem : nullptr, practice_.draft,
                        practice_.answered ? &practice_.grade : nullptr, "practice", *platform_,
                        ImGui::GetStyle().FramePadding.y / 10.0f};
  const activity::Ask ask = activity::renderer_for(activity.type()).draw(ctx);
  ImGui::Spacing();
  if (practice_.answered) {
    draw_practice_result(activity);
    return;
  }
  if (ask == activity::Ask::submit) {
    submit_answer();
    return;
  }
  if (ask == activity::Ask::incomplete && (activity.type() == content::ActivityType::flashcard ||
                                           activity.type() == content::ActivityType::reading ||
                                           activity.type() == content::ActivityType::video)) {
    return;  // these submit themselves (a rating, Done, the last question)
  }
  draw_practice_hints(activity);
  draw_confidence();
  const bool ready = ask == activity::Ask::ready;
  if (!ready) ImGui::BeginDisabled();
  const bool check = ui::button("practice/check", "Check") ||
                     (ready && ImGui::IsKeyPressed(ImGuiKey_Enter) && ImGui::GetIO().WantTextInput);
  if (!ready) ImGui::EndDisabled();
  if (check && ready) submit_answer();
}

// Hints, one at a time; the time of each request is recorded (asking quickly is one sign of being stuck).
void App::draw_practice_hints(const content::Activity& activity) {
  const std::vector<std::string>& hints = practice_.problem ? practice_.problem->hints : activity.hints;
  for (int i = 0; i < practice_.hints_shown && i < static_cast<int>(hints.size()); ++i) {
    ui::banner(("practice/hint/" + std::to_string(i)).c_str(),
               ("Hint " + std::to_string(i + 1) + ": " + plain(hints[static_cast<std::size_t>(i)])).c_str(),
               ui::BannerKind::info);
  }
  if (practice_.hints_shown < static_cast<int>(hints.size())) {
    const std::string label = practice_.hints_shown == 0
                                  ? "Show a hint"
                                  : "Another hint (" + std::to_string(practice_.hints_shown + 1) + " of " +
                                        std::to_string(hints.size()) + ")";
    if (ui::button("practice/hint", label.c_str(), ui::ButtonKind::secondary)) {
      ++practice_.hints_shown;
      practice_.hint_seconds.push_back(std::max(0.0, platform_->unix_seconds() - practice_.shown_at));
    }
  }
  ImGui::Spacing();
}

// "How sure are you?" before checking: optional, and it feeds the calibration chart on the dashboard.
void App::draw_confidence() {
  ui::paragraph("How sure are you? 1 = guessing, 5 = sure (optional)", true);
  // Five chips that share the row, so they fit a 360-px phone.
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float width = (ImGui::GetContentRegionAvail().x - gap * 4.0f) / 5.0f;
  for (int level = 1; level <= 5; ++level) {
    if (level > 1) ImGui::SameLine();
    const bool chosen = practice_.confidence == level;
    const std::string path = "practice/confidence/" + std::to_string(level);
    if (ui::option_chip(path.c_str(), std::to_string(level).c_str(), chosen, width)) {
      practice_.confidence = chosen ? 0 : level;
    }
  }
  ImGui::Spacing();
}

void App::draw_practice_result(const content::Activity& activity) {
  const content::Grade& grade = practice_.grade;
  if (!grade.graded) {
    ui::banner("practice/result", activity.type() == content::ActivityType::reading ||
                                          activity.type() == content::ActivityType::video
                                      ? "Done."
                                      : grade.problem.c_str(),
               ui::BannerKind::info);
  } else if (grade.correct) {
    ui::banner("practice/result", "Correct!", ui::BannerKind::success);
  } else if (grade.score > 0.0) {
    ui::banner("practice/result", ("Partly right: " + std::to_string(static_cast<int>(std::lround(grade.score * 100))) +
                                   "% of the marks").c_str(), ui::BannerKind::warning);
  } else {
    ui::banner("practice/result", "Not quite.", ui::BannerKind::warning);
  }
  for (std::size_t i = 0; i < grade.feedback.size(); ++i) {
    if (shown_with_the_answer(activity, grade.feedback[i])) continue;  // already under the choice it belongs to
    ui::rich_text(("practice/feedback/" + std::to_string(i)).c_str(), grade.feedback[i]);
  }
  if (grade.graded && !grade.correct && !grade.expected.empty()) {
    ui::rich_text("practice/expected", "The answer: " + grade.expected, true);
  }
  const std::string& explanation = practice_.problem ? practice_.problem->explanation : activity.explanation;
  if (grade.graded && !grade.correct && !explanation.empty() && !practice_.show_worked_example) {
    ImGui::Spacing();
    ui::heading("practice/explanation-title", "How to solve it");
    ui::rich_text("practice/explanation", explanation);
  }
  ImGui::Spacing();
  if (practice_.points > 0) {
    ui::paragraph(("+" + std::to_string(practice_.points) + " points").c_str());
  }
  if (!practice_.newly_mastered.empty() && !reduced_motion()) {
    draw_confetti(platform_->unix_seconds() - practice_.answered_at, ImGui::GetStyle().FramePadding.y / 10.0f);
  }
  for (int skill : practice_.newly_mastered) {
    const std::string text = "You mastered " + course_.bundle->skills[static_cast<std::size_t>(skill)].title + "!";
    ui::banner(("practice/mastered/" + course_.bundle->skills[static_cast<std::size_t>(skill)].id).c_str(),
               text.c_str(), ui::BannerKind::success);
  }
  // Saved means durable: the store confirmed the write (IndexedDB's transaction completed).
  switch (session_.log()->save_state(practice_.attempt)) {
    case store::SaveState::saving: ui::paragraph("Saving…", true); break;
    case store::SaveState::saved: {
      // A drawn check mark: the embedded fonts have no U+2713.
      const float size = ImGui::GetFontSize();
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const ImVec2 points[] = {ImVec2(at.x + size * 0.15f, at.y + size * 0.55f), ImVec2(at.x + size * 0.4f, at.y + size * 0.8f),
                               ImVec2(at.x + size * 0.85f, at.y + size * 0.25f)};
      ImGui::GetWindowDrawList()->AddPolyline(points, 3, IM_COL32(22, 163, 74, 255), 0, size * 0.12f);
      ImGui::Indent(size * 1.1f);
      ui::paragraph("Saved", true);
      ImGui::Unindent(size * 1.1f);
      break;
    }
    case store::SaveState::failed: ui::paragraph("Not saved yet (see above)", true); break;
  }
  ImGui::Spacing();
  const bool next = ui::button("practice/next", "Next") || ImGui::IsKeyPressed(ImGuiKey_Enter);
  // The frame after answering, bring the result and Next into view (a long reading pushes them down).
  if (!practice_.result_scrolled) {
    practice_.result_scrolled = true;
    if (!ImGui::IsItemVisible()) ImGui::SetScrollHereY(1.0f);
    // Check, which had the keyboard focus, is gone or disabled now, and Dear ImGui cannot Tab on from there: the
    // focus moves to Next. Its ring shows only to someone using the keyboard (a click hides the nav highlight).
    ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
  }
  ImGui::SameLine();
  const bool finish = ui::button("practice/finish", "Finish for now", ui::ButtonKind::secondary);
  if (next) start_next_activity();
  else if (finish) open_summary();
}

}  // namespace pathwise::client
