// Practice: the activity the path engine chose, answered and graded by the core, the attempt recorded through the
// learner's log, and the answer shown as saved only once the store says it is durable.
//
// This screen renders the activity types whose answers need nothing beyond taps and typing (single choice,
// true/false, numeric, short text, parameterized problems, flashcards, readings without checkpoints). The
// others (multiple select, cloze, ordering, matching, video, readings with checkpoints) get their own renderer
// files with the student experience; until then the engine is asked only for activities this screen can show.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "app/widgets.h"
#include "content/problem_template.h"
#include "content/rich_text.h"
#include "content/seeded_random.h"

namespace pathwise::client {

namespace {

std::string plain(const std::string& rich) { return content::plain_text(content::parse_rich_text(rich)); }

bool renderable(const content::Activity& activity) {
  switch (activity.type()) {
    case content::ActivityType::single_choice:
    case content::ActivityType::true_false:
    case content::ActivityType::numeric:
    case content::ActivityType::short_text:
    case content::ActivityType::parameterized:
    case content::ActivityType::flashcard:
      return true;
    case content::ActivityType::reading:
      return std::get<content::Reading>(activity.payload).checkpoints.empty();
    default:
      return false;
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

void App::start_next_activity(int skill) {
  refold_if_needed();
  if (!course_index_) return;
  path::PathRequest request;
  request.now = static_cast<learner::Seconds>(platform_->unix_seconds());
  request.entropy = platform_->random64();
  for (const content::Activity& activity : course_.bundle->activities) {
    if (renderable(activity)) request.scope.push_back(activity.id);
  }
  if (skill >= 0) request.skill = course_.bundle->skills[static_cast<std::size_t>(skill)].id;
  path_choice_ = path::choose_next(learner_state_, request);
  practice_ = PracticeItem{};
  screen_ = Screen::practice;
  if (path_choice_->options.empty()) return;
  const path::Recommendation& next = path_choice_->options.front();
  practice_.activity = next.activity;
  practice_.seed = next.seed;
  practice_.level = next.level;
  practice_.reason = next.reason;
  practice_.shown_at = platform_->unix_seconds();
  const content::Activity& activity = course_.bundle->activities[static_cast<std::size_t>(next.activity)];
  if (const auto* single = std::get_if<content::SingleChoice>(&activity.payload)) {
    for (int i = 0; i < static_cast<int>(single->choices.size()); ++i) practice_.choice_order.push_back(i);
    if (single->shuffle) {
      SplitMix64 random(platform_->random64());
      for (std::size_t i = practice_.choice_order.size(); i > 1; --i) {
        std::swap(practice_.choice_order[i - 1], practice_.choice_order[random.below(i)]);
      }
    }
  }
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

void App::submit_answer() {
  const content::Activity& activity = course_.bundle->activities[static_cast<std::size_t>(practice_.activity)];
  content::Response response;
  std::string said;  // the answer in words, for reports
  switch (activity.type()) {
    case content::ActivityType::single_choice: {
      response.selected = {practice_.chosen};
      said = plain(std::get<content::SingleChoice>(activity.payload).choices[static_cast<std::size_t>(practice_.chosen)].text);
      break;
    }
    case content::ActivityType::true_false:
      response.truth = practice_.truth;
      said = *practice_.truth ? "true" : "false";
      break;
    case content::ActivityType::flashcard:
      response.rating = practice_.rating;
      said = std::to_string(practice_.rating);
      break;
    case content::ActivityType::reading:
      break;
    default:
      response.texts = {practice_.typed};
      said = practice_.typed;
      break;
  }
  if (activity.type() == content::ActivityType::parameterized) {
    const auto& payload = std::get<content::Parameterized>(activity.payload);
    if (practice_.problem) {
      practice_.grade = content::grade_number(payload.check, practice_.problem->answer, practice_.problem->wrong_answers,
                                              practice_.typed);
    } else {
      practice_.grade.graded = false;
      practice_.grade.problem = "this problem could not be generated";
    }
  } else {
    practice_.grade = content::grade(activity, response);
  }
  learner::Attempt attempt;
  attempt.activity = activity.id;
  attempt.seed = practice_.seed;
  attempt.level = practice_.level;
  attempt.response = said;
  attempt.graded = practice_.grade.graded;
  attempt.score = practice_.grade.score;
  attempt.rating = practice_.rating;
  if (!practice_.grade.misconception.empty()) attempt.misconceptions.push_back(practice_.grade.misconception);
  attempt.seconds = std::max(0.0, std::min(platform_->unix_seconds() - practice_.shown_at, 86400.0));
  practice_.attempt = session_.record(std::move(attempt));
  practice_.answered = true;
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
  const content::Activity& activity = course_.bundle->activities[static_cast<std::size_t>(practice_.activity)];
  ui::paragraph(practice_.reason.c_str(), true);
  ImGui::Spacing();
  if (practice_.answered) draw_practice_result(activity);
  else draw_practice_answer(activity);
}

void App::draw_practice_answer(const content::Activity& activity) {
  std::string prompt = plain(practice_.problem ? practice_.problem->prompt : activity.prompt);
  if (const auto* card = std::get_if<content::Flashcard>(&activity.payload)) prompt = plain(card->front);
  if (const auto* reading = std::get_if<content::Reading>(&activity.payload)) {
    ui::heading("practice/title", reading->title.c_str());
    ui::paragraph(plain(reading->body).c_str());
    ImGui::Spacing();
    if (ui::button("practice/done", "Done")) submit_answer();
    return;
  }
  ui::heading("practice/prompt", prompt.c_str());
  ImGui::Spacing();
  bool ready = false;
  switch (activity.type()) {
    case content::ActivityType::single_choice: {
      const auto& choices = std::get<content::SingleChoice>(activity.payload).choices;
      for (int index : practice_.choice_order) {
        const std::string path = "practice/choice/" + std::to_string(index);
        if (ui::option(path.c_str(), plain(choices[static_cast<std::size_t>(index)].text).c_str(), practice_.chosen == index)) {
          practice_.chosen = index;
        }
        ImGui::Spacing();
      }
      ready = practice_.chosen >= 0;
      break;
    }
    case content::ActivityType::true_false:
      if (ui::option("practice/true", "True", practice_.truth == std::optional<bool>(true))) practice_.truth = true;
      ImGui::Spacing();
      if (ui::option("practice/false", "False", practice_.truth == std::optional<bool>(false))) practice_.truth = false;
      ready = practice_.truth.has_value();
      break;
    case content::ActivityType::flashcard: {
      const auto& card = std::get<content::Flashcard>(activity.payload);
      if (!practice_.revealed) {
        if (ui::button("practice/reveal", "Show the answer")) practice_.revealed = true;
        return;
      }
      ui::paragraph(plain(card.back).c_str());
      ImGui::Spacing();
      ui::paragraph("How well did you know it?", true);
      const char* labels[] = {"Again", "Hard", "Good", "Easy"};
      for (int rating = 1; rating <= 4; ++rating) {
        if (rating > 1) ImGui::SameLine();
        const std::string path = "practice/rate/" + std::to_string(rating);
        if (ui::button(path.c_str(), labels[rating - 1], ui::ButtonKind::secondary)) {
          practice_.rating = rating;
          submit_answer();
          return;
        }
      }
      return;
    }
    default:
      ui::text_field("practice/answer", "Your answer", "Type your answer", &practice_.typed);
      ready = !practice_.typed.empty();
      break;
  }
  ImGui::Spacing();
  if (!ready) ImGui::BeginDisabled();
  const bool check = ui::button("practice/check", "Check") || (ready && ImGui::IsKeyPressed(ImGuiKey_Enter));
  if (!ready) ImGui::EndDisabled();
  if (check && ready) submit_answer();
}

void App::draw_practice_result(const content::Activity& activity) {
  const content::Grade& grade = practice_.grade;
  if (!grade.graded) {
    ui::banner("practice/result", activity.type() == content::ActivityType::reading ? "Done." : grade.problem.c_str(),
               ui::BannerKind::info);
  } else if (grade.correct) {
    ui::banner("practice/result", "Correct!", ui::BannerKind::success);
  } else if (grade.score > 0.0) {
    ui::banner("practice/result", ("Partly right: " + std::to_string(static_cast<int>(std::lround(grade.score * 100))) +
                                   "%").c_str(), ui::BannerKind::warning);
  } else {
    ui::banner("practice/result", "Not quite.", ui::BannerKind::warning);
  }
  for (const std::string& feedback : grade.feedback) ui::paragraph(plain(feedback).c_str());
  if (grade.graded && !grade.correct && !grade.expected.empty()) {
    ui::paragraph(("The answer: " + plain(grade.expected)).c_str(), true);
  }
  const std::string explanation = practice_.problem ? practice_.problem->explanation : activity.explanation;
  if (grade.graded && !grade.correct && !explanation.empty()) ui::paragraph(plain(explanation).c_str());
  ImGui::Spacing();
  // Saved means durable: the store confirmed the write (IndexedDB's transaction completed).
  switch (session_.log()->save_state(practice_.attempt)) {
    case store::SaveState::saving: ui::paragraph("Saving…", true); break;
    case store::SaveState::saved: ui::paragraph("✓ Saved", true); break;
    case store::SaveState::failed: ui::paragraph("Not saved yet (see above)", true); break;
  }
  ImGui::Spacing();
  if (ui::button("practice/next", "Next") || ImGui::IsKeyPressed(ImGuiKey_Enter)) start_next_activity();
}

}  // namespace pathwise::client
