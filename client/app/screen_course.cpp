// A course's page: what the course is about. Its learning path arrives with the content bundles and the path
// engine; until then the page says so plainly.
#include <imgui.h>

#include "app/app.h"
#include "app/widgets.h"

namespace pathwise::client {

void App::draw_course() {
  const content::CourseEntry& course = catalog_.courses[open_course_];
  if (ui::button("course/back", "← All courses", ui::ButtonKind::secondary) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput)) {
    screen_ = Screen::home;
    return;
  }
  ImGui::Spacing();
  ui::heading("course/title", course.title.c_str());
  if (!course.description.empty()) ui::paragraph(course.description.c_str());
  ui::paragraph(("Language: " + course.language).c_str(), true);
  ImGui::Spacing();
  ui::paragraph("Activities for this course are not available in this version of Pathwise yet.", true);
}

}  // namespace pathwise::client
