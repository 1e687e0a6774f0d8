// What the app asks of the platform it runs on, beyond drawing: files in and out, storage status, time and
// randomness (the core has none of its own). The web layer implements it on the browser (client/web); tests
// and other hosts can implement it their own way. Answers that take time come back through App's methods.
#pragma once

#include <cstdint>
#include <string>

namespace pathwise::client {

// navigator.storage, as far as the browser tells.
struct StorageEstimate {
  bool known = false;        // false: the browser does not say (or has not answered yet)
  bool persisted = false;    // true: the browser promised not to evict this site's data under pressure
  double usage_bytes = 0.0;
  double quota_bytes = 0.0;
};

// How the device likes to be shown (CSS media queries on the web): the defaults of the display preferences.
struct DisplayHints {
  bool prefers_dark = false;            // prefers-color-scheme: dark
  bool prefers_more_contrast = false;   // prefers-contrast: more, or forced-colors: active
  bool prefers_reduced_motion = false;  // prefers-reduced-motion: reduce
};

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

  // The device's display wishes, read once at start (app/preferences.h). A host that cannot tell says nothing.
  virtual DisplayHints display_hints() { return {}; }
  // This device's display preferences as save_display_preferences last stored them (localStorage on the web),
  // or "" when there are none or they cannot be read. Small, synchronous: read once at start.
  virtual std::string load_display_preferences() { return {}; }
  // Keeps `text` for load_display_preferences; a failure (storage refused or full) loses only the preference.
  virtual void save_display_preferences(const std::string& text) { (void)text; }
};

}  // namespace pathwise::client
