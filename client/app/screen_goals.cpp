// Goals: the learner's current goals with how far along each one is, adding one ("Master <unit> by <day>", the
// day picked among a week, two weeks or a month from today; or "<N> minutes a day") and removing one. Choices
// are large buttons and rows, not a date picker: this is used with a finger on a phone. Goals are GoalSet events
// like everything else the learner does (learner/events.h); this screen records them and draws the fold.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "app/charts.h"
#include "app/widgets.h"

namespace pathwise::client {

namespace {

const char* deadline_words(int days) {
  switch (days) {
    case 7: return "In a week";
    case 14: return "In 2 weeks";
    default: return "In a month";
  }
}

}  // namespace

void App::draw_goals() {
  if (ui::button("goals/back", "← Progress", ui::ButtonKind::secondary) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput)) {
    screen_ = Screen::dashboard;
    return;
  }
  ImGui::Spacing();
  ui::heading("goals/title", "Your goals");
  if (!refresh_progress()) {
    draw_progress_course_picker("goals");
    return;
  }
  const content::Bundle& bundle = *course_.bundle;
  const learner::Seconds now = static_cast<learner::Seconds>(platform_->unix_seconds());

  // [SECTION] Current goals
  if (progress_.goals.empty()) {
    ui::paragraph("No goals yet. A goal gives your practice a direction: add one below.", true);
  }
  for (const path::GoalProgress& goal : progress_.goals) {
    const std::string value = goal.done ? "Done" : std::to_string(static_cast<int>(std::lround(goal.fraction * 100))) + "%";
    std::string title = goal.title;
    if (!goal.known) {
      // A unit of another course: name the course when the catalog knows it.
      for (const learner::Goal& set : learner_state_.goals) {
        if (set.spec.goal != goal.goal) continue;
        const std::string course = path::goal_course(set.spec);
        for (const content::CourseEntry& entry : catalog_.courses) {
          if (entry.id == course) title = "A goal in " + entry.title;
        }
      }
    }
    charts::meter(("goals/goal/" + goal.goal).c_str(), "progressbar", title, value, goal.status, float(goal.fraction),
                  goal.done, title + ": " + goal.status);
    if (ui::button(("goals/remove/" + goal.goal).c_str(), "Remove", ui::ButtonKind::secondary)) {
      for (const learner::Goal& set : learner_state_.goals) {
        if (set.spec.goal == goal.goal) {
          session_.record(path::removal(set.spec));
          break;
        }
      }
    }
    ImGui::Spacing();
  }

  // [SECTION] Adding a goal
  ImGui::Spacing();
  ui::heading("goals/add-title", "Add a goal");
  using Adding = ProgressView::Adding;
  if (ui::option("goals/kind/unit", "Master a unit by a day you choose", progress_.adding == Adding::unit)) {
    progress_.adding = progress_.adding == Adding::unit ? Adding::nothing : Adding::unit;
    // Start from the unit in progress (the one the end-of-session summary would suggest).
    if (progress_.adding == Adding::unit && progress_.unit.empty()) {
      for (const learner::GoalSet& suggestion : path::suggest_goals(learner_state_, now)) {
        if (suggestion.kind == learner::GoalKind::master_unit) progress_.unit = suggestion.targets.front();
      }
    }
  }
  if (ui::option("goals/kind/minutes", "Practise a few minutes every day", progress_.adding == Adding::minutes)) {
    progress_.adding = progress_.adding == Adding::minutes ? Adding::nothing : Adding::minutes;
  }
  ImGui::Spacing();

  if (progress_.adding == Adding::unit) {
    ui::paragraph("Which unit?");
    for (const content::Unit& unit : bundle.units) {
      const std::vector<int> skills = path::unit_skills(*course_index_, unit.id);
      if (skills.empty()) continue;
      int mastered = 0;
      for (int skill : skills) mastered += learner_state_.skills[static_cast<std::size_t>(skill)].mastered;
      const std::string label = unit.title + " · " + std::to_string(mastered) + " of " +
                                std::to_string(skills.size()) + (skills.size() == 1 ? " skill mastered" : " skills mastered");
      if (ui::option(("goals/unit/" + unit.id).c_str(), label.c_str(), progress_.unit == unit.id)) {
        progress_.unit = unit.id;
      }
    }
    ImGui::Spacing();
    ui::paragraph("By when?");
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float deadline_width = (ImGui::GetContentRegionAvail().x - gap * 2.0f) / 3.0f;  // one row, even on a phone
    bool first = true;
    for (int days : path::kDeadlineChoices) {
      if (!first) ImGui::SameLine();
      first = false;
      if (ui::option_chip(("goals/deadline/" + std::to_string(days)).c_str(), deadline_words(days),
                          progress_.deadline_days == days, deadline_width)) {
        progress_.deadline_days = days;
      }
    }
    ImGui::Spacing();
    const bool chosen = std::any_of(bundle.units.begin(), bundle.units.end(),
                                    [&](const content::Unit& unit) { return unit.id == progress_.unit; });
    if (chosen) {
      const learner::GoalSet goal = path::master_unit_goal(bundle, progress_.unit, now, progress_.deadline_days);
      ui::paragraph(("Your goal: " + path::goal_title(goal, *course_index_) + ".").c_str(), true);
      if (ui::button("goals/save", "Set this goal")) {
        session_.record(goal);
        progress_.adding = Adding::nothing;
        progress_.unit.clear();
      }
    } else {
      ui::paragraph("Pick a unit above.", true);
    }
  } else if (progress_.adding == Adding::minutes) {
    ui::paragraph("How many minutes a day?");
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float minutes_width = (ImGui::GetContentRegionAvail().x - gap * 3.0f) / 4.0f;
    bool first = true;
    for (int minutes : path::kMinutesChoices) {
      const std::string label = std::to_string(minutes) + " min";
      if (!first) ImGui::SameLine();
      first = false;
      if (ui::option_chip(("goals/minutes/" + std::to_string(minutes)).c_str(), label.c_str(),
                          progress_.minutes == minutes, minutes_width)) {
        progress_.minutes = minutes;
      }
    }
    ImGui::Spacing();
    const bool replacing = std::any_of(learner_state_.goals.begin(), learner_state_.goals.end(), [](const learner::Goal& g) {
      return g.spec.kind == learner::GoalKind::minutes_per_day;
    });
    ui::paragraph(("Your goal: " + std::to_string(progress_.minutes) + " minutes of practice a day" +
                   (replacing ? ", instead of your current daily goal." : ".")).c_str(),
                  true);
    if (ui::button("goals/save", "Set this goal")) {
      session_.record(path::minutes_goal(progress_.minutes));
      progress_.adding = Adding::nothing;
    }
  }
}

}  // namespace pathwise::client
