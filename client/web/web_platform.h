// The browser as the app's Platform: clock, randomness, files in and out, storage status, reload. Requests that
// take time (the file picker, navigator.storage) answer through the App's methods, then `changed` runs so the
// web layer renders the result.
//
// Contract: only one WebPlatform exists at a time (the browser answers into a single instance), and the App
// it answers must outlive it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/platform.h"

namespace pathwise::client::web {

class WebPlatform final : public Platform {
 public:
  WebPlatform(App& app, std::function<void()> changed);
  ~WebPlatform() override;
  WebPlatform(const WebPlatform&) = delete;
  WebPlatform& operator=(const WebPlatform&) = delete;

  double unix_seconds() override;    // Date.now() / 1000
  std::uint64_t random64() override;  // crypto.getRandomValues

  // A Blob behind an object URL, clicked through an <a download> link.
  void download(const std::string& file_name, const std::string& mime_type, const std::string& text) override;
  // The page's hidden <input type=file accept=".json,application/json">. The file is read whole, whatever its
  // size (the core refuses files that are too big with a message); a UTF-8 byte order mark is dropped. When the
  // browser cannot read the file, nothing arrives and the console says why (App has no failure path for it).
  // Browsers open the picker only during a user gesture: call this while handling the tap or click (the shell
  // processes input inside its pointer handlers, so a button press qualifies).
  void choose_file_to_import() override;

  void request_persistent_storage() override;
  void estimate_storage() override;
  void reload() override;
  void apply_update(const std::string& fragment) override;
  void offline_course(OfflineAction action, const std::string& course, const std::vector<std::string>& files) override;
  // Sends the placements to shell/media.js as one JSON message (unchanged lists are not sent again), which
  // keeps an <img> or <video> per key over the canvas. Its answers (natural sizes, video progress) arrive
  // through pw_media_natural_size and pw_video_status into media_overlay.h, then `changed` asks for a frame.
  void place_media(const std::vector<MediaPlacement>& placements) override;

  // CSS media queries (prefers-color-scheme, prefers-contrast / forced-colors, prefers-reduced-motion) and
  // localStorage, through the shell (shell/loader.js). A browser that refuses localStorage (some private modes)
  // loads nothing and keeps nothing: the defaults then apply on every visit.
  DisplayHints display_hints() override;
  std::string load_display_preferences() override;
  void save_display_preferences(const std::string& text) override;
  // Inside an LMS: hands the report to shell/lms.js (window.PathwiseLms.progressChanged), which exports the
  // progress through pw_lms_progress_text, writes it to the LMS's API and reports back through
  // pw_lms_mirror_notice. Outside an LMS the shell has no PathwiseLms and nothing happens.
  void lms_progress(const std::string& progress_json) override;

  // For the entry points in web_platform.cpp.
  App& app() { return app_; }
  void changed() {
    if (changed_) changed_();
  }

 private:
  App& app_;
  std::function<void()> changed_;
  std::string placed_json_;  // the last list sent to the page
};

}  // namespace pathwise::client::web
