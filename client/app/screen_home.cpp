// The home screen: the site's course catalog, a search field, and display settings.
#include <imgui.h>

#include "app/app.h"
#include "app/rich_text_view.h"
#include "app/widgets.h"

namespace pathwise::client {

void App::draw_home() {
  // The school's logo (site.json): a file of the site, which the platform resolves from the site's folder.
  if (!site_.logo.empty()) ui::picture_at_height("home/logo", "site:" + site_.logo, site_.school + " logo", 64.0f);
  ui::heading("home/title", site_.school.empty() ? "Pathwise" : site_.school.c_str());
  ui::paragraph("Choose a course to start learning.", true);
  ImGui::Spacing();
  if (!link_problem_.empty()) ui::banner("home/link-problem", link_problem_.c_str(), ui::BannerKind::warning);

  switch (catalog_status_) {
    case CatalogStatus::loading:
      ui::paragraph("Loading courses…", true);
      break;
    case CatalogStatus::failed:
      ui::paragraph(("The course list could not be loaded: " + catalog_failure_).c_str());
      if (ui::button("home/retry", "Try again")) {
        catalog_requested_ = true;
        catalog_status_ = CatalogStatus::loading;
      }
      break;
    case CatalogStatus::ready: {
      if (ui::text_field("home/search", "Search courses", "Type a word from the title", &search_)) {
        refresh_shown_courses();
      }
      ImGui::Spacing();
      for (std::size_t index : shown_courses_) {
        const content::CourseEntry& course = catalog_.courses[index];
        const std::string path = "home/course/" + course.id;
        const std::string tag = "Language: " + course.language;
        if (ui::card(path.c_str(), course.title.c_str(), course.description.c_str(), tag.c_str())) {
          open_course(index);
        }
      }
      if (catalog_.courses.empty()) {
        ui::paragraph("This site offers no courses yet.", true);
      } else if (shown_courses_.empty()) {
        ui::paragraph(("No course matches \"" + search_ + "\".").c_str(), true);
      }
      // The people who maintain the site need to know when entries were left out, and why.
      std::vector<const Diagnostic*> problems;
      for (const auto* list : {&catalog_problems_, &site_problems_, &site_course_problems_}) {
        for (const Diagnostic& problem : *list) problems.push_back(&problem);
      }
      if (!problems.empty()) {
        ImGui::Spacing();
        const std::size_t count = problems.size();
        ui::paragraph((std::to_string(count) + (count == 1 ? " problem" : " problems") +
                       " in the site's settings or course list (for the site's maintainer):").c_str());
        for (std::size_t i = 0; i < count && i < 5; ++i) ui::paragraph(format_diagnostic(*problems[i]).c_str(), true);
      }
      break;
    }
  }

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  bool dark = display_.theme == ThemeName::dark;
  if (ui::toggle("home/dark-theme", "Dark theme", &dark)) {
    DisplayPreferences display = display_;
    display.theme = dark ? ThemeName::dark : ThemeName::light;
    set_display(display);
  }
}

}  // namespace pathwise::client
