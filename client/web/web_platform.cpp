#include "web/web_platform.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <utility>

extern "C" {
// Implemented in library_pathwise.js.
void pw_js_random_fill(void* bytes, int length);
void pw_js_download(const char* file_name, const char* mime_type, const char* bytes, int length);
void pw_js_choose_file_to_import();
void pw_js_estimate_storage(int persist);
void pw_js_reload();
int pw_js_display_hints();
char* pw_js_load_display_preferences();
void pw_js_save_display_preferences(const char* text);
}

namespace pathwise::client::web {

namespace {
WebPlatform* active = nullptr;
}  // namespace

WebPlatform::WebPlatform(App& app, std::function<void()> changed) : app_(app), changed_(std::move(changed)) {
  active = this;
}

WebPlatform::~WebPlatform() {
  if (active == this) active = nullptr;
}

double WebPlatform::unix_seconds() { return emscripten_date_now() / 1000.0; }

std::uint64_t WebPlatform::random64() {
  std::uint64_t value = 0;
  pw_js_random_fill(&value, sizeof value);
  return value;
}

void WebPlatform::download(const std::string& file_name, const std::string& mime_type, const std::string& text) {
  pw_js_download(file_name.c_str(), mime_type.c_str(), text.data(), static_cast<int>(text.size()));
}

void WebPlatform::choose_file_to_import() { pw_js_choose_file_to_import(); }

void WebPlatform::request_persistent_storage() { pw_js_estimate_storage(1); }

void WebPlatform::estimate_storage() { pw_js_estimate_storage(0); }

void WebPlatform::reload() { pw_js_reload(); }

DisplayHints WebPlatform::display_hints() {
  const int bits = pw_js_display_hints();  // library_pathwise.js documents the bits
  DisplayHints hints;
  hints.prefers_dark = (bits & 1) != 0;
  hints.prefers_more_contrast = (bits & 2) != 0;
  hints.prefers_reduced_motion = (bits & 4) != 0;
  return hints;
}

std::string WebPlatform::load_display_preferences() {
  char* text = pw_js_load_display_preferences();  // malloc'd by the library, or null
  if (!text) return {};
  std::string preferences(text);
  std::free(text);
  return preferences;
}

void WebPlatform::save_display_preferences(const std::string& text) { pw_js_save_display_preferences(text.c_str()); }

}  // namespace pathwise::client::web

// Answers from library_pathwise.js.
extern "C" {

// The file the learner chose: its name and its bytes (valid during this call only).
EMSCRIPTEN_KEEPALIVE void pw_import_file_chosen(const char* name, int name_length, const char* text, int text_length) {
  pathwise::client::web::WebPlatform* platform = pathwise::client::web::active;
  if (!platform) return;
  platform->app().import_file_chosen(std::string_view(name, static_cast<std::size_t>(std::max(name_length, 0))),
                                     std::string_view(text, static_cast<std::size_t>(std::max(text_length, 0))));
  platform->changed();
}

// navigator.storage's answer; known = 0 when the browser does not say (no navigator.storage, or it failed).
EMSCRIPTEN_KEEPALIVE void pw_storage_estimated(int known, int persisted, double usage_bytes, double quota_bytes) {
  pathwise::client::web::WebPlatform* platform = pathwise::client::web::active;
  if (!platform) return;
  pathwise::client::StorageEstimate estimate;
  estimate.known = known != 0;
  estimate.persisted = persisted != 0;
  estimate.usage_bytes = usage_bytes;
  estimate.quota_bytes = quota_bytes;
  platform->app().storage_estimated(estimate);
  platform->changed();
}

}  // extern "C"
