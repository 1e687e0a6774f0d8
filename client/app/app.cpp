#include "app/app.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "app/drag_drop.h"
#include "app/fonts.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "content/rich_text.h"
#include "content/sha256.h"
#include "store/record_format.h"

namespace pathwise::client {

namespace {

const char* screen_name(Screen screen) {
  switch (screen) {
    case Screen::home: return "home";
    case Screen::course: return "course";
    case Screen::practice: return "practice";
    case Screen::settings: return "settings";
    case Screen::dashboard: return "dashboard";
    case Screen::goals: return "goals";
    case Screen::summary: return "summary";
  }
  return "home";
}

const char* phase_name(SessionPhase phase) {
  switch (phase) {
    case SessionPhase::loading_profiles: return "loading";
    case SessionPhase::choosing: return "choosing";
    case SessionPhase::opening: return "opening";
    case SessionPhase::open: return "open";
  }
  return "loading";
}

const char* failure_name(store::StoreFailure failure) {
  switch (failure) {
    case store::StoreFailure::none: return "";
    case store::StoreFailure::unavailable: return "unavailable";
    case store::StoreFailure::quota_exceeded: return "quota_exceeded";
    case store::StoreFailure::version_change: return "version_change";
    case store::StoreFailure::failed: return "failed";
  }
  return "failed";
}

}  // namespace

void App::site_loaded(std::string_view text) {
  content::SiteConfigParse parse = content::parse_site_config(text, "site.json");
  site_ = std::move(parse.config);
  site_problems_ = std::move(parse.diagnostics);
  text_coverage_.add(site_.school);
  text_coverage_.add(site_.privacy_notice);
  refresh_shown_courses();
}

void App::site_failed(std::string message) {
  site_ = content::SiteConfig{};
  site_problems_ = {Diagnostic{Severity::error, "site.json", 0, 0, "", std::move(message)}};
  refresh_shown_courses();
}

void App::refresh_shown_courses() {
  const std::vector<std::size_t> matching = content::find_courses(catalog_, search_);
  site_course_problems_.clear();
  shown_courses_.clear();
  for (std::size_t index : content::site_courses(site_, catalog_, "site.json", &site_course_problems_)) {
    if (std::find(matching.begin(), matching.end(), index) != matching.end()) shown_courses_.push_back(index);
  }
}

void App::catalog_loaded(std::string_view text, std::string_view file) {
  content::CatalogParse parse = content::parse_catalog(text, file);
  catalog_ = std::move(parse.catalog);
  catalog_problems_ = std::move(parse.diagnostics);
  catalog_failure_.clear();
  catalog_status_ = CatalogStatus::ready;
  text_coverage_.set_catalog(text);
  refresh_shown_courses();
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
  if (catalog_.courses[index].id != course_.id) {
    // Everything derived from the previous course's bundle refers to its skills and activities by index.
    home_choice_.reset();
    skill_layers_.reset();
    locked_skill_ = -1;
  }
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
  text_coverage_.set_course(text);  // its titles, questions and diagnostics are about to be shown
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
  if (!pending_activity_.empty()) start_pending_activity();
}

void App::follow_link(std::string_view fragment) {
  constexpr std::string_view kCourse = "#/course/";
  if (fragment.substr(0, kCourse.size()) != kCourse) return;
  const std::string_view id = fragment.substr(kCourse.size());
  const bool well_formed = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
  link_problem_.clear();
  if (!well_formed) {
    link_problem_ = "This link does not name a course Pathwise can open.";
    return;
  }
  linked_course_ = std::string(id);
}

// A link waits for the catalog and for a learner to be open, then opens its course once.
void App::open_linked_course() {
  if (linked_course_.empty() || catalog_status_ != CatalogStatus::ready) return;
  if (session_.phase() != SessionPhase::open || !session_.current()) return;
  const std::string id = std::move(linked_course_);
  linked_course_.clear();
  for (std::size_t i = 0; i < catalog_.courses.size(); ++i) {
    if (catalog_.courses[i].id == id) {
      open_course(i);
      return;
    }
  }
  link_problem_ = "The link names a course this site does not offer (" + id + ").";
}

void App::bundle_failed(std::string_view path, std::string message) {
  if (screen_ != Screen::course || catalog_.courses[open_course_].bundle != path) return;
  course_.status = BundleStatus::failed;
  course_.failure = "The course could not be downloaded: " + message + ".";
}

void App::apply_theme_if_changed(float ui_scale) {
  const float scale = ui_scale * display_.text_scale();
  if (display_.theme == applied_theme_ && scale == applied_scale_) return;
  apply_theme(display_.theme, scale);
  applied_theme_ = display_.theme;
  applied_scale_ = scale;
}

void App::set_display(const DisplayPreferences& display) {
  if (display == display_) return;
  display_ = display;
  set_active_display_preferences(display_);
  if (platform_) platform_->save_display_preferences(display_preferences_json(display_));
}

// Learners' names and typed text may hold characters the font atlas lacks (a name in Greek, a pasted "≈"): they
// are noted here, and the platform adds them to the atlas before the next frame. Course texts are noted when
// they arrive.
void App::note_shown_text() {
  for (const ProfileEntry& entry : session_.profiles()) text_coverage_.add(entry.profile.name);
  if (const ImGuiInputTextState* field = ImGui::GetInputTextState(ImGui::GetActiveID())) {
    for (ImWchar c : field->TextW) {
      if (c >= 0x80) text_coverage_.add(static_cast<char32_t>(c));
    }
  }
}

void App::start(store::RecordStore& store, Platform& platform, const store::StoreStatus& storage) {
  store_ = &store;
  platform_ = &platform;
  display_ = parse_display_preferences(platform.load_display_preferences(), platform.display_hints());
  set_active_display_preferences(display_);
  session_.start(store, platform, storage, [this] { ready_ = true; });
}

void App::import_file_chosen(std::string_view file_name, std::string_view text) {
  session_.import_progress(file_name, text);
}

void App::storage_estimated(const StorageEstimate& estimate) { session_.set_estimate(estimate); }

// Dear ImGui scrolls with a wheel only; on a touch screen a finger drags the page. A drag longer than a tap's
// jitter scrolls the screen and cancels the press it started on, so the button under the finger is not clicked.
// A finger that pressed a draggable item (drag_drop.h) drags the item instead.
void App::scroll_by_touch_drag(float ui_scale) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseSource != ImGuiMouseSource_TouchScreen || !ImGui::IsMouseDown(ImGuiMouseButton_Left)) return;
  if (ui::pointer_drag_claimed()) return;
  if (!ImGui::IsMouseDragging(ImGuiMouseButton_Left, 10.0f * ui_scale)) return;
  if (ImGui::GetActiveID() != 0 && !ImGui::GetIO().WantTextInput) ImGui::ClearActiveID();
  ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

void App::draw(float ui_scale) {
  apply_theme_if_changed(ui_scale);
  // A learner switch (here or in another tab) starts their screens afresh.
  const std::string learner = session_.current() ? session_.current()->id : std::string();
  if (learner != drawn_learner_) {
    drawn_learner_ = learner;
    session_started_ = false;
    practice_ = PracticeItem{};
    folded_revision_ = ~0ull;
    home_choice_.reset();
    locked_skill_ = -1;
    if (screen_ == Screen::practice || screen_ == Screen::settings || screen_ == Screen::dashboard ||
        screen_ == Screen::goals || screen_ == Screen::summary)
      screen_ = Screen::home;
  }
  open_linked_course();
  mirror_to_lms_if_needed();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kScreenFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  // One readable column, centred: long lines are hard to read on a wide screen. The side padding makes the
  // window's content region exactly that column, so every widget's "available width" is the column's. It grows
  // with the text size, so that larger text keeps as many words to a line where the screen allows.
  const float layout_scale = ui_scale * display_.text_scale();
  const float column_width = 720.0f * layout_scale;
  const float edge = ImGui::GetStyle().WindowPadding.x;
  const float side = std::max(edge, (viewport->WorkSize.x - column_width) * 0.5f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(side, ImGui::GetStyle().WindowPadding.y));
  const bool learner_open = session_.phase() == SessionPhase::open && session_.current();
  const char* window = !learner_open ? "profiles" : screen_name(screen_);
  ImGui::Begin(window, nullptr, kScreenFlags);
  ImGui::PopStyleVar();
  scroll_by_touch_drag(ui_scale);
  draw_banners();
  if (learner_open) draw_update_banner();
  if (!learner_open) {
    draw_profiles();
  } else {
    draw_learner_bar();
    switch (screen_) {
      case Screen::home: draw_home(); break;
      case Screen::course: draw_course(); break;
      case Screen::practice: draw_practice(); break;
      case Screen::settings: draw_settings(); break;
      case Screen::dashboard: draw_dashboard(); break;
      case Screen::goals: draw_goals(); break;
      case Screen::summary: draw_summary(); break;
    }
  }
  ImGui::End();
  draw_focus_ring(layout_scale);
  note_shown_text();
}

// Inside an LMS, after each saved learning event (nothing is still on its way to the store: what the LMS gets
// is durable here too) and whenever the open course's mastery changes, the platform is asked to report it.
void App::mirror_to_lms_if_needed() {
  const store::LearnerLog* log = session_.log();
  if (!session_.lms_learner_open() || !session_.lms_mirror() || !log || session_.phase() != SessionPhase::open) return;
  if (log->unsaved_count() > 0 || log->failed_count() > 0) return;
  std::optional<LmsCourseProgress> course;
  if (course_.status == BundleStatus::ready && course_.bundle) {
    refold_if_needed();
    if (course_index_ && folded_course_ == course_.id) {
      course = LmsCourseProgress{course_.id, static_cast<int>(course_.bundle->skills.size()), 0};
      for (const learner::SkillState& skill : learner_state_.skills) course->mastered += skill.mastered ? 1 : 0;
    }
  }
  std::string report = lms_progress_json(log->events().size(), course);
  // The revision makes a new event a new report even when the counts look the same.
  const std::string key = report + std::to_string(log->revision());
  if (key == lms_reported_) return;
  lms_reported_ = key;
  platform_->lms_progress(report);
}

std::string App::state_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.StartObject();
  out.Key("screen");
  out.String(session_.phase() == SessionPhase::open && session_.current() ? screen_name(screen_) : "profiles");
  out.Key("theme");
  out.String(theme_name(display_.theme));
  out.Key("display");
  out.StartObject();
  out.Key("theme");
  out.String(theme_name(display_.theme));
  out.Key("text_size");
  out.Int(display_.text_size);
  out.Key("dyslexia_font");
  out.Bool(display_.dyslexia_font);
  out.Key("reduced_motion");
  out.Bool(display_.reduced_motion);
  const fonts::AtlasInfo& atlas = fonts::atlas_info();
  out.Key("atlas");
  out.StartObject();
  out.Key("bytes");
  out.Uint64(atlas.bytes);
  out.Key("width");
  out.Int(atlas.width);
  out.Key("height");
  out.Int(atlas.height);
  out.Key("glyphs");
  out.Int(atlas.glyphs);
  out.Key("raster_scale");
  out.Double(atlas.raster_scale);
  out.Key("dyslexia_font");
  out.Bool(atlas.dyslexia_font);
  out.EndObject();
  out.Key("text_codepoints");
  out.Uint64(text_coverage_.codepoints().size());
  out.EndObject();
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
  out.Key("site");
  out.StartObject();
  out.Key("school");
  out.String(site_.school.c_str());
  out.Key("courses");
  out.StartArray();
  for (const std::string& id : site_.courses) out.String(id.c_str());
  out.EndArray();
  out.Key("privacy_notice");
  out.String(site_.privacy_notice.c_str());
  out.Key("problems");
  out.StartArray();
  for (const Diagnostic& problem : site_problems_) out.String(format_diagnostic(problem).c_str());
  for (const Diagnostic& problem : site_course_problems_) out.String(format_diagnostic(problem).c_str());
  out.EndArray();
  out.EndObject();
  if (catalog_status_ == CatalogStatus::failed) {
    out.Key("failure");
    out.String(catalog_failure_.c_str());
  }
  out.EndObject();
  out.Key("search");
  out.String(search_.c_str());
  out.Key("lms");
  out.StartObject();
  out.Key("active");
  out.Bool(session_.in_lms());
  out.Key("mirror");
  out.Bool(session_.in_lms() && session_.lms_mirror());
  out.Key("imported");
  out.Uint64(session_.lms_imported());
  out.Key("notice");
  out.String(session_.lms_notice().c_str());
  out.Key("mirror_notice");
  out.String(lms_mirror_notice_.c_str());
  out.EndObject();
  if (screen_ == Screen::course || screen_ == Screen::practice) {
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
  const std::string learner = learner_json();
  out.Key("learner");
  out.RawValue(learner.data(), learner.size(), rapidjson::kObjectType);
  const std::string offline = offline_json();
  out.Key("offline");
  out.RawValue(offline.data(), offline.size(), rapidjson::kObjectType);
  out.EndObject();
  return buffer.GetString();
}

// The learner's part of the test hook's state: who is open, what is stored, what the practice screen shows.
// `digest` is a SHA-256 over every event in canonical order: two states with equal digests hold the same history.
std::string App::learner_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.StartObject();
  out.Key("phase");
  out.String(phase_name(session_.phase()));
  out.Key("profiles");
  out.StartArray();
  for (const ProfileEntry& entry : session_.profiles()) {
    out.StartObject();
    out.Key("id");
    out.String(entry.id.c_str());
    out.Key("name");
    out.String(entry.profile.name.c_str());
    out.Key("avatar");
    out.Int(entry.profile.avatar);
    out.Key("pin");
    out.Bool(entry.profile.has_pin());
    out.EndObject();
  }
  out.EndArray();
  out.Key("profile");
  if (const ProfileEntry* entry = session_.current()) out.String(entry->id.c_str());
  else out.Null();
  out.Key("storage");
  out.StartObject();
  out.Key("available");
  out.Bool(session_.storage().ok());
  out.Key("message");
  out.String(session_.storage().message.c_str());
  out.Key("lost");
  out.String(failure_name(session_.lost().failure));
  // The failure the learner is being told about: unsaved answers first, else the last failed profile write.
  const store::LearnerLog* open_log = session_.log();
  out.Key("failure");
  out.String(failure_name(open_log && open_log->failed_count() > 0 ? open_log->last_failure().failure
                                                                   : session_.failure().failure));
  out.Key("persist_requested");
  out.Bool(session_.persistence_requested());
  out.Key("estimate_known");
  out.Bool(session_.estimate().known);
  out.Key("persisted");
  out.Bool(session_.estimate().persisted);
  out.Key("usage");
  out.Double(session_.estimate().usage_bytes);
  out.Key("quota");
  out.Double(session_.estimate().quota_bytes);
  out.EndObject();
  if (const store::LearnerLog* log = session_.log()) {
    if (digest_revision_ != log->revision()) {
      std::size_t attempts = 0;
      Sha256 hash;
      for (const learner::Event* event : learner::canonical_order(log->events()).events) {
        attempts += std::holds_alternative<learner::Attempt>(event->body);
        hash.update(store::event_json(*event));
        hash.update("\n");
      }
      const auto digest = hash.finish();
      static const char* const kHex = "0123456789abcdef";
      digest_.clear();
      for (std::uint8_t byte : digest) {
        digest_ += kHex[byte >> 4];
        digest_ += kHex[byte & 15];
      }
      attempts_ = attempts;
      digest_revision_ = log->revision();
    }
    const store::LoadReport& report = log->load_report();
    out.Key("events");
    out.Uint64(log->events().size());
    out.Key("attempts");
    out.Uint64(attempts_);
    out.Key("digest");
    out.String(digest_.c_str());
    out.Key("writer");
    out.String(log->writer().c_str());
    out.Key("unsaved");
    out.Uint64(log->unsaved_count());
    out.Key("failed");
    out.Uint64(log->failed_count());
    out.Key("set_aside");
    out.Uint64(report.set_aside.size());
    out.Key("set_aside_reasons");
    out.StartArray();
    for (const std::string& reason : report.set_aside) out.String(reason.c_str());
    out.EndArray();
    out.Key("newer");
    out.Uint64(report.newer);
    out.Key("conflicts");
    out.Uint64(report.conflicts.size());
    if (course_index_ && folded_course_ == course_.id && course_.bundle) {
      out.Key("points");
      out.Int(learner_state_.points);
      out.Key("target_success");
      out.Double(learner_state_.target_success);
      out.Key("mastered");
      out.StartArray();
      for (std::size_t i = 0; i < learner_state_.skills.size(); ++i) {
        if (learner_state_.skills[i].mastered) out.String(course_.bundle->skills[i].id.c_str());
      }
      out.EndArray();
    }
  }
  if (const auto& outcome = session_.last_import()) {
    out.Key("import");
    out.StartObject();
    out.Key("number");
    out.Int(outcome->number);
    out.Key("ok");
    out.Bool(outcome->ok);
    out.Key("pending");
    out.Bool(outcome->pending);
    out.Key("message");
    out.String(outcome->message.c_str());
    out.EndObject();
  }
  if (screen_ == Screen::practice && course_.bundle && practice_.activity >= 0) {
    const content::Activity& activity = course_.bundle->activities[static_cast<std::size_t>(practice_.activity)];
    out.Key("practice");
    out.StartObject();
    out.Key("activity");
    out.String(activity.id.c_str());
    out.Key("type");
    out.String(content::activity_type_name(activity.type()));
    out.Key("answered");
    out.Bool(practice_.answered);
    // Numbers: the right answer as the grader would show it, so the journey test can answer like a student who
    // knows it (a generated problem's answer exists nowhere else). Test hook only: no screen shows it early. The
    // grader fills `expected` only for a readable number, hence the "0".
    const content::NumberCheck* check = nullptr;
    double answer = 0.0;
    if (const auto* numeric = std::get_if<content::Numeric>(&activity.payload)) {
      check = &numeric->check;
      answer = numeric->answer;
    } else if (const auto* generated = std::get_if<content::Parameterized>(&activity.payload); generated && practice_.problem) {
      check = &generated->check;
      answer = practice_.problem->answer;
    }
    if (check) {
      out.Key("number_answer");
      out.String(content::plain_text(content::parse_rich_text(content::grade_number(*check, answer, {}, "0").expected)).c_str());
    }
    out.Key("hints_shown");
    out.Int(practice_.hints_shown);
    out.Key("confidence");
    out.Int(practice_.confidence);
    if (practice_.answered) {
      out.Key("score");
      out.Double(practice_.grade.score);
      out.Key("points");
      out.Int(practice_.points);
      out.Key("mastered");
      out.StartArray();
      for (int skill : practice_.newly_mastered) out.String(course_.bundle->skills[static_cast<std::size_t>(skill)].id.c_str());
      out.EndArray();
      out.Key("saved");
      const store::SaveState state = session_.log() ? session_.log()->save_state(practice_.attempt) : store::SaveState::failed;
      out.String(state == store::SaveState::saved ? "saved" : state == store::SaveState::saving ? "saving" : "failed");
      out.Key("points");
      out.Int(practice_.points);
    }
    out.EndObject();
  }
  if (screen_ == Screen::dashboard || screen_ == Screen::goals || screen_ == Screen::summary) {
    const std::string progress = progress_json();
    out.Key("progress");
    out.RawValue(progress.data(), progress.size(), rapidjson::kObjectType);
  }
  out.EndObject();
  return buffer.GetString();
}

}  // namespace pathwise::client

