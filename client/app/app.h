// The Pathwise application: screens drawn with Dear ImGui from state. It knows nothing of the browser: the
// platform layer (client/web) feeds it input through ImGui, hands it fetched content, and carries out the
// requests it makes (take_catalog_request). Screens never grade or store; the core (shared/) decides.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/bundle.h"
#include "content/catalog.h"
#include "content/diagnostic.h"
#include "content/grading.h"
#include "content/problem_template.h"
#include "content/site_config.h"
#include "learner/learner_state.h"
#include "path/path_engine.h"
#include "path/skill_layers.h"
#include "app/activity/renderer.h"
#include "app/learner_session.h"
#include "app/platform.h"
#include "app/progress_view.h"
#include "app/preferences.h"
#include "app/text_coverage.h"
#include "store/record_store.h"

namespace pathwise::client {

enum class Screen { home, course, practice, settings, dashboard, goals, summary };
enum class CatalogStatus { loading, ready, failed };
enum class BundleStatus { loading, ready, failed };

// The activity on the practice screen: what the engine chose, the answer being composed (the renderer's draft),
// the hints shown, and once answered, the grade, the points and the saved state of the attempt's event.
struct PracticeItem {
  int activity = -1;                   // index into the bundle's activities
  std::uint64_t seed = 0;
  int level = 0;
  std::string reason;                  // the engine's words: why this one
  bool show_worked_example = false;    // the engine opens with the worked explanation (the learner is stuck)
  double shown_at = 0.0;               // unix seconds
  std::optional<content::GeneratedProblem> problem;  // parameterized
  activity::Draft draft;
  int hints_shown = 0;
  std::vector<double> hint_seconds;    // seconds after shown_at at which each hint was asked for
  int confidence = 0;                  // the optional "how sure are you?", 1..5
  bool answered = false;
  content::Grade grade;
  int points = 0;                      // earned by this answer (learner/points.h)
  std::vector<int> newly_mastered;     // skills this answer mastered: celebrated
  double answered_at = 0.0;            // unix seconds: the celebration's clock
  bool result_scrolled = false;        // the result was scrolled into view once
  bool fresh = false;                  // not drawn yet: scroll to the top first
  learner::EventId attempt;            // the attempt's event: its save state is shown
};

// The bundle of the open course, fetched when the course is opened.
struct OpenCourse {
  std::string id;
  BundleStatus status = BundleStatus::loading;
  std::optional<content::Bundle> bundle;
  std::string failure;                 // why it failed, one sentence
  std::vector<std::string> problems;   // the validator's diagnostics (or catalog mismatches), formatted
};

class App {
 public:
  // Hands the app its record store and its platform, once, before the first frame. `storage` is ok when the
  // store is the browser's own; when the browser offers none, the platform passes a memory store and says why
  // (StoreFailure::unavailable + a sentence), and the app runs the session in memory with a banner. The app then
  // loads the profiles and the last used profile's records; ready() turns true once that has finished, and the
  // platform renders no frame before (the learner never sees a state without their progress).
  void start(store::RecordStore& store, Platform& platform, const store::StoreStatus& storage);
  bool ready() const { return ready_; }

  // Inside an LMS (app/lms.h), before start(): the LMS learner is opened instead of the picker, with the
  // progress the LMS kept merged first. A launch that is not active only shows its notice (no API found...).
  void set_lms_launch(const LmsLaunch& launch) { session_.set_lms_launch(launch); }
  // The platform could not write progress to the LMS, or had to leave part of it out: a sentence for the
  // learner ("" clears it).
  void lms_mirror_notice(std::string notice) { lms_mirror_notice_ = std::move(notice); }
  // The open learner's progress file with only the newest `newest_events` events (for the LMS's suspend_data).
  std::string lms_progress_text(std::size_t newest_events) const { return session_.progress_text(newest_events); }

  // The file the learner chose after Platform::choose_file_to_import (its name, for messages, and its text).
  void import_file_chosen(std::string_view file_name, std::string_view text);
  // navigator.storage's answer to Platform::estimate_storage or request_persistent_storage.
  void storage_estimated(const StorageEstimate& estimate);

  // The site's settings (site.json) arrived, or could not be read (a missing file is not reported: it is
  // optional). Delivered before the catalog, which they filter.
  void site_loaded(std::string_view text);
  void site_failed(std::string message);

  // Offline use: the platform's state (service worker, a waiting update) and a course's, as they change.
  void offline_support_changed(const OfflineSupport& support);
  void offline_course_changed(const std::string& course, const OfflineCourse& status);

  // The catalog's text arrived (`file` names it in messages) or could not be fetched.
  void catalog_loaded(std::string_view text, std::string_view file);
  void catalog_failed(std::string message);

  // True once after the user asked to load the catalog again (the platform then fetches it).
  bool take_catalog_request();

  // The bundle path (relative to content/) the platform should fetch, once; empty when none is wanted.
  std::string take_bundle_request();
  // The bundle's bytes arrived for `path`, or could not be fetched. Stale answers (another course was opened
  // meanwhile) are ignored.
  void bundle_loaded(std::string_view path, std::string_view text);
  void bundle_failed(std::string_view path, std::string message);

  // Draws one frame of UI. Call between ImGui::NewFrame() and ImGui::Render(). `ui_scale` is physical pixels
  // per CSS pixel (the device pixel ratio): sizes are designed in CSS pixels and scaled here.
  void draw(float ui_scale);

  // The test hook's state(): current screen and what it shows, as JSON (documented in tests/e2e/README.md).
  std::string state_json() const;

  // The page's address fragment, at start and whenever it changes: "#/course/<id>" opens that course once a
  // learner is open (a teacher's link, a bookmark). Anything else is ignored; an unknown course is reported.
  void follow_link(std::string_view fragment);

  // The test hook's openActivity(course, activity): opens that course and shows that activity on the practice
  // screen, as if the engine had chosen it, so that tests reach every activity type. False when the course or
  // the activity is unknown, or no learner is open.
  bool open_activity_for_test(const std::string& course_id, const std::string& activity_id);

  // This device's display preferences (theme, text size, dyslexia-friendly font, reduced motion): read from the
  // platform in start(), saved through it by set_display(). Also readable anywhere as
  // active_display_preferences() and reduced_motion() (app/preferences.h).
  const DisplayPreferences& display() const { return display_; }
  void set_display(const DisplayPreferences& display);

  // The characters the screens need beyond the interface's own: the course list, the open course, the
  // learners' names and the text being typed (app/text_coverage.h). text_revision() changes whenever they do;
  // the platform compares it before each frame and rebuilds the font atlas when it lacks some of them.
  const std::vector<char32_t>& text_codepoints() const { return text_coverage_.codepoints(); }
  std::uint64_t text_revision() const { return text_coverage_.revision(); }

  // True while something on screen moves (a celebration): the platform keeps drawing frames.
  bool animating() const;
  // The learner asked for reduced motion (or the browser did): nothing animates.
  bool reduced_motion() const { return display_.reduced_motion; }

  // The store reports changes on its own (another tab, a completed write): the platform asks for a frame then.
  LearnerSession& session() { return session_; }

 private:
  void apply_theme_if_changed(float ui_scale);
  void note_shown_text();
  void draw_home();
  void draw_privacy_notice(const char* heading_path);
  // shown_courses_ again: the site's courses (site.json, in its order) whose text matches the search.
  void refresh_shown_courses();
  void draw_course();
  void draw_course_outline(const content::Bundle& bundle);
  void draw_course_start(const content::Bundle& bundle);
  void draw_challenge_choice();
  std::vector<char> showable_activities() const;
  void draw_course_problem(const content::CourseEntry& entry);
  // Offline use (offline_view.cpp): the course's "Available offline" panel, the update banner, and applying the
  // update at a point between activities (false when it cannot be applied now).
  void draw_course_offline(const content::CourseEntry& entry, const content::Bundle& bundle);
  void draw_update_banner();
  bool apply_update_between_activities();
  std::string offline_json() const;
  void open_course(std::size_t index);
  void open_linked_course();
  void scroll_by_touch_drag(float ui_scale);
  void draw_profiles();
  void draw_profile_form();
  void draw_learner_bar();
  void draw_banners();
  void mirror_to_lms_if_needed();
  void draw_practice();
  void draw_practice_result(const content::Activity& activity);
  void draw_settings();
  void draw_display_settings();
  void keep_in_view_after_relayout(bool anchored_here_and_applied);
  bool draw_delete_confirmation(const ProfileEntry& entry);
  void start_next_activity(int skill = -1);
  void begin_activity(const path::Recommendation& next);
  void start_pending_activity();
  void draw_practice_hints(const content::Activity& activity);
  void draw_confidence();
  void submit_answer();
  void refold_if_needed();
  // The progress screens (screen_dashboard.cpp, screen_goals.cpp, screen_summary.cpp).
  void draw_dashboard();
  void draw_goals();
  void draw_summary();
  void open_summary();                // "Finish for now": summarises this tab's session and shows it
  bool refresh_progress();            // refolds and recomputes progress_ when needed; false with no course open
  void draw_progress_course_picker(const char* screen);
  std::string progress_json() const;  // state_json's learner.progress on a progress screen
  std::string learner_json() const;  // the "learner" and "storage" parts of state_json()

  Screen screen_ = Screen::home;
  DisplayPreferences display_;
  TextCoverage text_coverage_;
  CatalogStatus catalog_status_ = CatalogStatus::loading;
  content::Catalog catalog_;
  std::vector<Diagnostic> catalog_problems_;
  std::string catalog_failure_;
  bool catalog_requested_ = false;
  std::string search_;
  std::vector<std::size_t> shown_courses_;   // indices into catalog_.courses: the site's courses matching search_
  content::SiteConfig site_;                 // site.json's settings (the defaults without one)
  std::vector<Diagnostic> site_problems_;    // site.json's own problems
  std::vector<Diagnostic> site_course_problems_;  // its courses the catalog does not have
  OfflineSupport offline_support_;
  std::map<std::string, OfflineCourse> offline_courses_;  // by course id, as last reported
  std::string offline_checked_;              // the course whose offline state was asked for on opening it
  bool update_applying_ = false;             // apply_update was asked: the page reloads into the new version
  std::size_t open_course_ = 0;              // index into catalog_.courses while screen_ == course
  OpenCourse course_;
  std::string bundle_request_;

  store::RecordStore* store_ = nullptr;
  Platform* platform_ = nullptr;
  bool ready_ = false;
  LearnerSession session_;

  // The open course's learner model, refolded when the events or the course change.
  std::optional<learner::CourseIndex> course_index_;
  learner::LearnerState learner_state_;
  std::uint64_t folded_revision_ = ~0ull;
  std::string folded_course_;
  std::optional<path::PathChoice> path_choice_;
  // The course home: the engine's suggestion and alternatives (recomputed when the learner's log changes), the
  // path map's layers (once per course), and the locked skill last tapped with why it is locked.
  std::optional<path::PathChoice> home_choice_;
  std::uint64_t home_choice_revision_ = ~0ull;
  std::optional<path::SkillLayers> skill_layers_;
  int locked_skill_ = -1;
  PracticeItem practice_;
  ProgressView progress_;          // the progress screens' figures and choices
  std::string pending_activity_;
  std::string linked_course_;      // follow_link: the course to open once the catalog and a learner are there
  std::string link_problem_;       // why the last link could not be followed   // open_activity_for_test: shown once the course's bundle is ready
  bool session_started_ = false;   // a SessionStarted event was recorded since the learner opened
  std::string drawn_learner_;      // the learner the screens were last drawn for
  // state_json's digest of the history, recomputed only when the log changes.
  mutable std::uint64_t digest_revision_ = ~0ull;
  mutable std::string digest_;
  mutable std::size_t attempts_ = 0;

  // Profile picker and forms.
  bool creating_profile_ = false;
  std::string new_name_;
  int new_avatar_ = 0;
  std::string new_pin_;
  std::string pin_for_;          // the profile whose PIN is being asked
  std::string pin_entry_;
  std::string profile_message_;  // why the last profile action was refused
  // Settings.
  bool confirm_delete_ = false;
  std::string settings_pin_;
  std::string settings_message_;
  // A display change that moves everything (text size, font): the control that made it is kept in view.
  enum class DisplayAnchor { none, text_size, dyslexia_font };
  DisplayAnchor display_anchor_ = DisplayAnchor::none;

  // Inside an LMS: what the platform was last asked to report (lms_progress_json), and its notice.
  std::string lms_reported_;
  std::string lms_mirror_notice_;

  ThemeName applied_theme_ = ThemeName::light;
  float applied_scale_ = 0.0f;
};

}  // namespace pathwise::client
