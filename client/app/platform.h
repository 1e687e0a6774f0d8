// What the app asks of the platform it runs on, beyond drawing: files in and out, storage status, time and
// randomness (the core has none of its own). The web layer implements it on the browser (client/web); tests
// and other hosts can implement it their own way. Answers that take time come back through App's methods.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pathwise::client {

// navigator.storage, as far as the browser tells.
struct StorageEstimate {
  bool known = false;        // false: the browser does not say (or has not answered yet)
  bool persisted = false;    // true: the browser promised not to evict this site's data under pressure
  double usage_bytes = 0.0;
  double quota_bytes = 0.0;
};

// ---- Pictures and videos over the canvas ----------------------------------------------------------------------
// Dear ImGui cannot draw SVG or play video, so the platform shows them (HTML <img> and <video> on the web) over
// the canvas, at rectangles the app laid out and reserved. The app describes every one on screen each frame.

// A moment at which a video pauses by itself for a checkpoint question.
struct VideoStop {
  double seconds = 0.0;  // from the start of the video
  int checkpoint = 0;    // the question's index, reported back in VideoStatus::checkpoint
};

// A one-shot request to a video, sent with its placement in the frame that asks (a tap on "Continue").
enum class VideoRequest { none, play, pause };

struct MediaPlacement {
  enum class Kind { image, video };
  Kind kind = Kind::image;
  // Stable while the same picture or video stays on screen: the item path ("practice/body/image/0",
  // "practice/video"). The platform keeps one element per key, so a playing video is never restarted.
  std::string key;
  // Video: a new number gives a fresh element (a new activity showing the same video starts from the beginning).
  int generation = 0;
  // As the course wrote it: a path relative to the folder of the open course's bundle ("media/leaf.svg"; the
  // platform resolves it against the bundle it last fetched for take_bundle_request) or an https:// URL.
  std::string src;
  std::string alt;       // image: the description read to students who cannot see it; video: its title
  std::string captions;  // video: WebVTT captions, shown by default (same path rules as src); may be empty
  std::string poster;    // video: the picture shown before playing; may be empty
  // The reserved rectangle and the part of the screen it may show in (the scrolled window's visible area),
  // in physical canvas pixels. Whatever lies outside the clip is hidden, so scrolled-away media disappear.
  float x = 0, y = 0, width = 0, height = 0;
  float clip_x0 = 0, clip_y0 = 0, clip_x1 = 0, clip_y1 = 0;
  std::vector<VideoStop> stops;  // video: where to pause, in time order (the unanswered checkpoints)
  VideoRequest request = VideoRequest::none;
};

// What the platform reports about a video (through media_overlay.h's set_video_status).
struct VideoStatus {
  bool known = false;      // false until the platform reported on this video
  double position = 0.0;   // seconds
  double duration = 0.0;   // seconds, 0 until known
  bool playing = false;
  bool ended = false;
  int checkpoint = -1;     // the stop the video paused at by itself (VideoStop::checkpoint), else -1
};

// How the device likes to be shown (CSS media queries on the web): the defaults of the display preferences.
struct DisplayHints {
  bool prefers_dark = false;            // prefers-color-scheme: dark
  bool prefers_more_contrast = false;   // prefers-contrast: more, or forced-colors: active
  bool prefers_reduced_motion = false;  // prefers-reduced-motion: reduce
};

// ---- Offline use (a service worker on the web) ----------------------------------------------------------------

// Whether the app is kept for offline use on this device, and whether a newer version waits to take over.
struct OfflineSupport {
  enum class State { checking, ready, unavailable };
  State state = State::checking;  // ready: the app starts with no network; unavailable: `reason` says why
  std::string reason;
  bool update_ready = false;      // a new version is installed and waits for Platform::apply_update
  std::string new_version;        // its version, when known
};

// How much of one course (its bundle, pictures and videos) is kept on the device for offline use.
struct OfflineCourse {
  enum class State { unknown, checking, downloading, known, failed };
  State state = State::unknown;
  int files = 0;
  int saved_files = 0;
  double total_bytes = 0.0;   // when size_known: what the course needs in all
  double saved_bytes = 0.0;
  bool size_known = false;    // false: some sizes could not be learned (no network)
  std::string message;        // failed: one or two sentences
  bool saved() const { return files > 0 && saved_files == files; }
};

enum class OfflineAction { check, save, remove };

class Platform {
 public:
  virtual ~Platform() = default;

  // Seconds since 1970-01-01 UTC (wall clock) and a monotonic clock for durations.
  virtual double unix_seconds() = 0;
  // 64 random bits (crypto.getRandomValues on the web): writer ids, profile ids, PIN salts.
  virtual std::uint64_t random64() = 0;

  // Offers `text` to the user as a downloaded file called `file_name`.
  virtual void download(const std::string& file_name, const std::string& mime_type, const std::string& text) = 0;
  // Opens the system's file picker; the chosen file's text arrives through App::import_file_chosen (nothing
  // arrives when the user cancels).
  virtual void choose_file_to_import() = 0;

  // Asks the browser to keep this site's storage (navigator.storage.persist()); the outcome arrives through
  // App::storage_estimated. Asking again is harmless.
  virtual void request_persistent_storage() = 0;
  // Asks for persisted / usage / quota; the answer arrives through App::storage_estimated.
  virtual void estimate_storage() = 0;

  // Reloads the page (after a newer Pathwise took over the database).
  virtual void reload() = 0;
  // Lets the waiting new version take over and reloads into it at `fragment` ("#/course/<id>" or ""); the app
  // asks only between activities, with every answer saved. Answers arrive through App::offline_support_changed.
  virtual void apply_update(const std::string& fragment) { (void)fragment; reload(); }
  // Checks, saves or removes a course kept for offline use: `files` are its bundle and media, relative to the
  // site's folder. Progress and outcomes arrive through App::offline_course_changed. A platform without offline
  // use says nothing (its OfflineSupport stays `unavailable`).
  virtual void offline_course(OfflineAction action, const std::string& course, const std::vector<std::string>& files) {
    (void)action, (void)course, (void)files;
  }

  // Every picture and video of the frame just drawn, once per frame: the platform shows exactly these (moved,
  // resized, clipped as given) and hides the rest; a hidden video is paused. Pictures never take taps meant
  // for the app; a video's own controls do. Facts learned meanwhile (a picture's natural size, a video's
  // progress, a pause at a stop) reach the app through media_overlay.h and ask for a frame: a playing video
  // costs no frames.
  virtual void place_media(const std::vector<MediaPlacement>& placements) = 0;
  // The device's display wishes, read once at start (app/preferences.h). A host that cannot tell says nothing.
  virtual DisplayHints display_hints() { return {}; }
  // This device's display preferences as save_display_preferences last stored them (localStorage on the web),
  // or "" when there are none or they cannot be read. Small, synchronous: read once at start.
  virtual std::string load_display_preferences() { return {}; }
  // Keeps `text` for load_display_preferences; a failure (storage refused or full) loses only the preference.
  virtual void save_display_preferences(const std::string& text) { (void)text; }

  // Inside an LMS (app/lms.h): a learning event was saved; `progress_json` (lms_progress_json) says how many
  // events there are and how far the open course is. The platform then writes the learner's progress and
  // statuses to the LMS. Hosts without an LMS ignore it.
  virtual void lms_progress(const std::string& progress_json) { (void)progress_json; }
};

}  // namespace pathwise::client
