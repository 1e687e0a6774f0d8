// A course's page: its outline (units, lessons, skills) once the bundle has arrived and passed the validator,
// or a clear error screen when it could not be downloaded, is broken, or does not match the catalog.
// Practising the activities arrives with the student experience; until then the page says so plainly.
#include <imgui.h>


#include "app/app.h"
#include "app/widgets.h"

namespace pathwise::client {

namespace {

int total_minutes(const content::Bundle& bundle) {
  int seconds = 0;
  for (const content::Activity& activity : bundle.activities) seconds += activity.seconds;
  return (seconds + 59) / 60;
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
  if (course_index_ && folded_course_ == course_.id) {
    std::size_t mastered = 0;
    for (const learner::SkillState& skill : learner_state_.skills) mastered += skill.mastered;
    ui::paragraph((std::to_string(mastered) + " of " + std::to_string(bundle.skills.size()) + " skills mastered · " +
                   std::to_string(learner_state_.attempts) + " answers").c_str());
  }
  if (ui::button("course/continue", learner_state_.attempts > 0 ? "Continue" : "Start")) {
    start_next_activity();
    return;
  }
  ImGui::Spacing();
  ui::paragraph((std::to_string(bundle.skills.size()) + " skills · " + std::to_string(bundle.activities.size()) +
                 " activities · about " + std::to_string(total_minutes(bundle)) + " minutes · version " +
                 bundle.version).c_str(),
                true);
  ImGui::Spacing();
  for (const content::Unit& unit : bundle.units) {
    ui::heading(("course/unit/" + unit.id).c_str(), unit.title.c_str());
    for (const content::Lesson& lesson : unit.lessons) {
      std::string skills;
      for (const std::string& skill_id : lesson.skills) {
        const content::Skill* skill = bundle.find_skill(skill_id);
        if (!skill || skill->title == lesson.title) continue;  // a one-skill lesson often shares its title
        if (!skills.empty()) skills += " · ";
        skills += skill->title;
      }
      ui::paragraph(lesson.title.c_str());
      if (!skills.empty()) ui::paragraph(skills.c_str(), true);
    }
    ImGui::Spacing();
  }
  if (!bundle.licence.empty() || !bundle.attribution.empty()) {
    std::string credit = bundle.licence;
    if (!bundle.attribution.empty()) credit += (credit.empty() ? "" : " · ") + bundle.attribution;
    ui::paragraph(credit.c_str(), true);
  }
}

}  // namespace pathwise::client
