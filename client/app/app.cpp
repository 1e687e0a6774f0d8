#include "app/app.h"

#include <imgui.h>

#include <algorithm>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "app/theme.h"
#include "content/sha256.h"

namespace pathwise::client {

void App::catalog_loaded(std::string_view text, std::string_view file) {
  content::CatalogParse parse = content::parse_catalog(text, file);
  catalog_ = std::move(parse.catalog);
  catalog_problems_ = std::move(parse.diagnostics);
  catalog_failure_.clear();
  catalog_status_ = CatalogStatus::ready;
  shown_courses_ = content::find_courses(catalog_, search_);
  if (screen_ == Screen::course && open_course_ >= catalog_.courses.size()) screen_ = Screen::home;
}

void App::catalog_failed(std::string message) {
  catalog_status_ = CatalogStatus::failed;
  catalog_failure_ = std::move(message);
}

bool App::take_catalog_request() {
  bool requested = catalog_requested_;
  catalog_requested_ = false;
  return requested;
}

void App::open_course(std::size_t index) {
  open_course_ = index;
  screen_ = Screen::course;
  const content::CourseEntry& entry = catalog_.courses[index];
  if (course_.id == entry.id && course_.status == BundleStatus::ready) return;  // already loaded
  course_ = OpenCourse{};
  course_.id = entry.id;
  bundle_request_ = entry.bundle;
}

std::string App::take_bundle_request() {
  std::string request = std::move(bundle_request_);
  bundle_request_.clear();
  return request;
}

void App::bundle_loaded(std::string_view path, std::string_view text) {
  if (screen_ != Screen::course || catalog_.courses[open_course_].bundle != path) return;
  const content::CourseEntry& entry = catalog_.courses[open_course_];
  // The file name in messages is the one a maintainer finds on the server: content/<path>.
  content::BundleParse parse = content::parse_bundle(text, "content/" + std::string(path));
  for (const Diagnostic& diagnostic : parse.diagnostics) {
    if (diagnostic.severity == Severity::error) course_.problems.push_back(format_diagnostic(diagnostic));
  }
  if (!parse.bundle) {
    course_.status = BundleStatus::failed;
    course_.failure = "The course file has mistakes, so it cannot be used. The site's maintainer can fix them "
                      "with `pathwise validate`.";
    return;
  }
  std::vector<std::string> mismatches = content::bundle_entry_mismatches(
      entry, sha256_hex(text), parse.bundle->id, parse.bundle->version, parse.bundle->language);
  if (!mismatches.empty()) {
    course_.status = BundleStatus::failed;
    course_.failure = "The course file does not match the course list, so it may be damaged or out of date.";
    course_.problems = std::move(mismatches);
    return;
  }
  course_.bundle = std::move(parse.bundle);
  course_.status = BundleStatus::ready;
}

void App::bundle_failed(std::string_view path, std::string message) {
  if (screen_ != Screen::course || catalog_.courses[open_course_].bundle != path) return;
  course_.status = BundleStatus::failed;
  course_.failure = "The course could not be downloaded: " + message + ".";
}

void App::apply_theme_if_changed(float ui_scale) {
  if (theme_ == applied_theme_ && ui_scale == applied_scale_) return;
  apply_theme(theme_, ui_scale);
  applied_theme_ = theme_;
  applied_scale_ = ui_scale;
}

void App::draw(float ui_scale) {
  apply_theme_if_changed(ui_scale);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kScreenFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  // One readable column, centred: long lines are hard to read on a wide screen. The side padding makes the
  // window's content region exactly that column, so every widget's "available width" is the column's.
  const float column_width = 720.0f * ui_scale;
  const float edge = ImGui::GetStyle().WindowPadding.x;
  const float side = std::max(edge, (viewport->WorkSize.x - column_width) * 0.5f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(side, ImGui::GetStyle().WindowPadding.y));
  ImGui::Begin(screen_ == Screen::home ? "home" : "course", nullptr, kScreenFlags);
  ImGui::PopStyleVar();
  if (screen_ == Screen::home) draw_home();
  else draw_course();
  ImGui::End();
}

std::string App::state_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.StartObject();
  out.Key("screen");
  out.String(screen_ == Screen::home ? "home" : "course");
  out.Key("theme");
  out.String(theme_ == ThemeName::light ? "light" : "dark");
  out.Key("catalog");
  out.StartObject();
  out.Key("status");
  out.String(catalog_status_ == CatalogStatus::loading ? "loading"
             : catalog_status_ == CatalogStatus::ready ? "ready" : "failed");
  out.Key("courses");
  out.StartArray();
  for (const content::CourseEntry& course : catalog_.courses) out.String(course.id.c_str());
  out.EndArray();
  out.Key("shown");
  out.StartArray();
  for (std::size_t index : shown_courses_) out.String(catalog_.courses[index].id.c_str());
  out.EndArray();
  out.Key("problems");
  out.StartArray();
  for (const Diagnostic& problem : catalog_problems_) out.String(format_diagnostic(problem).c_str());
  out.EndArray();
  if (catalog_status_ == CatalogStatus::failed) {
    out.Key("failure");
    out.String(catalog_failure_.c_str());
  }
  out.EndObject();
  out.Key("search");
  out.String(search_.c_str());
  if (screen_ == Screen::course) {
    out.Key("course");
    out.String(catalog_.courses[open_course_].id.c_str());
    out.Key("bundle");
    out.StartObject();
    out.Key("status");
    out.String(course_.status == BundleStatus::loading ? "loading"
               : course_.status == BundleStatus::ready ? "ready" : "failed");
    if (course_.bundle) {
      out.Key("skills");
      out.Uint64(course_.bundle->skills.size());
      out.Key("activities");
      out.Uint64(course_.bundle->activities.size());
      out.Key("units");
      out.StartArray();
      for (const content::Unit& unit : course_.bundle->units) out.String(unit.id.c_str());
      out.EndArray();
    }
    if (course_.status == BundleStatus::failed) {
      out.Key("failure");
      out.String(course_.failure.c_str());
    }
    out.Key("problems");
    out.StartArray();
    for (const std::string& problem : course_.problems) out.String(problem.c_str());
    out.EndArray();
    out.EndObject();
  }
  // The learner's progress: no learner model exists yet (it arrives with the learner model and storage), so
  // the summary is empty rather than invented.
  out.Key("progress");
  out.StartObject();
  out.EndObject();
  out.EndObject();
  return buffer.GetString();
}

}  // namespace pathwise::client

namespace pathwise::client {

// Scaffolding while issue 5 lands: the store is kept but not used yet.
void App::start(store::RecordStore& store, Platform& platform, const store::StoreStatus&) {
  store_ = &store;
  platform_ = &platform;
  ready_ = true;
}

void App::import_file_chosen(std::string_view, std::string_view) {}
void App::storage_estimated(const StorageEstimate&) {}

}  // namespace pathwise::client
