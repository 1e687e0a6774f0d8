// The end of a session ("Finish for now" on the practice screen): what was done since the session started
// (answers, right, points, time, skills practised and mastered), a short reflection ("What was hard?", optional;
// "How confident do you feel?" 1 to 5) and a goal for next time. Save records the Reflection, a ConfidenceRated
// for each skill practised (the confidence question is about them), the chosen goal and SessionEnded, then goes
// back to the course page. Looking back on a session and planning the next is the self-regulation loop (plan,
// monitor, reflect) that the dashboard's numbers feed.
#include <imgui.h>

#include "app/app.h"
#include "app/charts.h"
#include "app/widgets.h"

namespace pathwise::client {

void App::open_summary() {
  refold_if_needed();
  if (!course_index_ || !session_.log()) return;
  const learner::Seconds now = static_cast<learner::Seconds>(platform_->unix_seconds());
  // This tab's session: another tab's SessionStarted must not cut it short.
  progress_.summary = report::summarize_session(*course_index_, session_.log()->events(), session_.log()->writer());
  progress_.suggestions = path::suggest_goals(learner_state_, now);
  progress_.suggestion = -1;
  progress_.hard.clear();
  progress_.confidence = 0;
  screen_ = Screen::summary;
}

void App::draw_summary() {
  if (!course_.bundle || !course_index_ || !session_.current()) {
    screen_ = Screen::home;
    return;
  }
  if (ui::button("summary/back", "← Keep practising", ui::ButtonKind::secondary) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput)) {
    screen_ = Screen::practice;
    return;
  }
  ImGui::Spacing();
  const content::Bundle& bundle = *course_.bundle;
  const report::SessionSummary& summary = progress_.summary;
  const std::string& name = session_.current()->profile.name;
  ui::heading("summary/title", (summary.answers > 0 ? "Well done, " + name + "!" : "See you soon, " + name + "!").c_str());
  ui::paragraph(summary.answers > 0 ? "Here is what you did in this session." : "No answers in this session yet.", true);
  ImGui::Spacing();

  // [SECTION] What was done
  const std::string answers = std::to_string(summary.answers);
  const std::string correct = std::to_string(summary.correct);
  const std::string points = std::to_string(summary.points);
  const std::string minutes = report::minutes_phrase(summary.minutes);
  charts::stat_tiles({
      {"summary/answers", answers, summary.answers == 1 ? "answer" : "answers",
       answers + (summary.answers == 1 ? " answer" : " answers")},
      {"summary/correct", correct, "right", correct + " right"},
      {"summary/points", "+" + points, "points", "+" + points + " points"},
      {"summary/minutes", summary.minutes < 1.0 ? "<1" : std::to_string(static_cast<long long>(summary.minutes + 0.5)),
       "minutes of practice", minutes + " of practice"},
  }, 104.0f, 4);
  ImGui::Spacing();
  if (!summary.skills_practised.empty()) {
    std::string practised = "You practised ";
    for (std::size_t i = 0; i < summary.skills_practised.size(); ++i) {
      if (i > 0) practised += i + 1 == summary.skills_practised.size() ? " and " : ", ";
      practised += bundle.skills[static_cast<std::size_t>(summary.skills_practised[i])].title;
    }
    ui::paragraph((practised + ".").c_str());
  }
  for (int skill : summary.skills_mastered) {
    const content::Skill& info = bundle.skills[static_cast<std::size_t>(skill)];
    ui::banner(("summary/mastered/" + info.id).c_str(), ("You mastered " + info.title + "!").c_str(),
               ui::BannerKind::success);
  }

  // [SECTION] Reflection
  ImGui::Spacing();
  ui::heading("summary/reflect-title", "Looking back");
  ui::text_field("summary/hard", "What was hard? (optional)", "A word or a sentence, just for you", &progress_.hard);
  ImGui::Spacing();
  ui::paragraph(summary.skills_practised.empty() ? "How confident do you feel?"
                                                 : "How confident do you feel about what you practised?");
  ui::paragraph("1 = not yet, 5 = very (optional)", true);
  // Five chips sharing one row, like the practice screen's "How sure are you?".
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float chip_width = (ImGui::GetContentRegionAvail().x - gap * 4.0f) / 5.0f;
  for (int level = 1; level <= 5; ++level) {
    if (level > 1) ImGui::SameLine();
    const bool chosen = progress_.confidence == level;
    if (ui::option_chip(("summary/confidence/" + std::to_string(level)).c_str(), std::to_string(level).c_str(), chosen,
                        chip_width)) {
      progress_.confidence = chosen ? 0 : level;
    }
  }

  // [SECTION] A goal for next time
  if (!progress_.suggestions.empty()) {
    ImGui::Spacing();
    ui::heading("summary/goal-title", "A goal for next time");
    for (std::size_t i = 0; i < progress_.suggestions.size(); ++i) {
      const std::string title = path::goal_title(progress_.suggestions[i], *course_index_);
      const bool chosen = progress_.suggestion == static_cast<int>(i);
      if (ui::option(("summary/goal/" + std::to_string(i)).c_str(), title.c_str(), chosen)) {
        progress_.suggestion = chosen ? -1 : static_cast<int>(i);
      }
    }
    if (ui::option("summary/goal/none", "No new goal for now", progress_.suggestion < 0)) progress_.suggestion = -1;
  }

  ImGui::Spacing();
  ImGui::Spacing();
  if (ui::button("summary/save", "Save and finish")) {
    if (!progress_.hard.empty() || progress_.confidence > 0) {
      session_.record(learner::Reflection{progress_.hard, progress_.confidence});
    }
    if (progress_.confidence > 0) {
      for (int skill : summary.skills_practised) {
        session_.record(learner::ConfidenceRated{bundle.skills[static_cast<std::size_t>(skill)].id, progress_.confidence});
      }
    }
    if (progress_.suggestion >= 0 && progress_.suggestion < static_cast<int>(progress_.suggestions.size())) {
      session_.record(progress_.suggestions[static_cast<std::size_t>(progress_.suggestion)]);
    }
    session_.record(learner::SessionEnded{});
    session_started_ = false;  // the next activity starts a new session
    screen_ = Screen::course;
  }
}

}  // namespace pathwise::client
