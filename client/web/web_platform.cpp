#include "web/web_platform.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string_view>
#include <utility>

#include "app/media_overlay.h"

extern "C" {
// Implemented in library_pathwise.js.
void pw_js_random_fill(void* bytes, int length);
void pw_js_download(const char* file_name, const char* mime_type, const char* bytes, int length);
void pw_js_choose_file_to_import();
void pw_js_estimate_storage(int persist);
void pw_js_reload();
void pw_js_apply_update(const char* fragment);
void pw_js_offline_course(int action, const char* course, const char* files_json);
void pw_js_place_media(const char* json);
int pw_js_display_hints();
char* pw_js_load_display_preferences();
void pw_js_save_display_preferences(const char* text);
void pw_js_lms_progress(const char* json);
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

void WebPlatform::apply_update(const std::string& fragment) { pw_js_apply_update(fragment.c_str()); }

void WebPlatform::offline_course(OfflineAction action, const std::string& course,
                                 const std::vector<std::string>& files) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.StartArray();
  for (const std::string& file : files) out.String(file.c_str(), static_cast<rapidjson::SizeType>(file.size()));
  out.EndArray();
  // The numbers library_pathwise.js reads: 0 check, 1 save, 2 remove.
  const int code = action == OfflineAction::check ? 0 : action == OfflineAction::save ? 1 : 2;
  pw_js_offline_course(code, course.c_str(), buffer.GetString());
}

namespace {

const char* request_name(VideoRequest request) {
  switch (request) {
    case VideoRequest::none: return "";
    case VideoRequest::play: return "play";
    case VideoRequest::pause: return "pause";
  }
  return "";
}

}  // namespace

// {"media": [{"kind": "image"|"video", "key", "generation", "src", "alt", "captions", "poster",
//             "rect": [x, y, w, h], "clip": [x0, y0, x1, y1], "stops": [[seconds, checkpoint], ...],
//             "request": ""|"play"|"pause"}]}, rectangles in physical canvas pixels.
void WebPlatform::place_media(const std::vector<MediaPlacement>& placements) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  auto number = [&out](double value) { out.Double(std::isfinite(value) ? std::round(value * 100.0) / 100.0 : 0.0); };
  out.StartObject();
  out.Key("media");
  out.StartArray();
  for (const MediaPlacement& placement : placements) {
    const bool video = placement.kind == MediaPlacement::Kind::video;
    out.StartObject();
    out.Key("kind");
    out.String(video ? "video" : "image");
    out.Key("key");
    out.String(placement.key.c_str());
    out.Key("src");
    out.String(placement.src.c_str());
    out.Key("alt");
    out.String(placement.alt.c_str());
    out.Key("rect");
    out.StartArray();
    for (float value : {placement.x, placement.y, placement.width, placement.height}) number(value);
    out.EndArray();
    out.Key("clip");
    out.StartArray();
    for (float value : {placement.clip_x0, placement.clip_y0, placement.clip_x1, placement.clip_y1}) number(value);
    out.EndArray();
    if (video) {
      out.Key("generation");
      out.Int(placement.generation);
      out.Key("captions");
      out.String(placement.captions.c_str());
      out.Key("poster");
      out.String(placement.poster.c_str());
      out.Key("stops");
      out.StartArray();
      for (const VideoStop& stop : placement.stops) {
        out.StartArray();
        number(stop.seconds);
        out.Int(stop.checkpoint);
        out.EndArray();
      }
      out.EndArray();
      out.Key("request");
      out.String(request_name(placement.request));
    }
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  // Most frames place the same media in the same places: nothing to tell the page then.
  if (placed_json_ == buffer.GetString()) return;
  placed_json_ = buffer.GetString();
  pw_js_place_media(placed_json_.c_str());
}

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

void WebPlatform::lms_progress(const std::string& progress_json) { pw_js_lms_progress(progress_json.c_str()); }

}  // namespace pathwise::client::web

// Answers from library_pathwise.js.
extern "C" {

// Inside an LMS: the learner's progress file with only the newest `newest_events` events (shell/lms.js asks
// for fewer when the whole history does not fit in suspend_data). Valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* pw_lms_progress_text(double newest_events) {
  static std::string text;
  if (!pathwise::client::web::active) return "";
  // size_t is 32 bits in wasm32: a larger count ("all", Number.MAX_SAFE_INTEGER) must not be cast unclamped.
  constexpr double kMost = static_cast<double>(std::numeric_limits<std::size_t>::max());
  const std::size_t newest = !(newest_events > 0) ? 0
      : newest_events >= kMost ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(newest_events);
  text = pathwise::client::web::active->app().lms_progress_text(newest);
  return text.c_str();
}

// Inside an LMS: a sentence for the learner about writing to the LMS (a refusal, a history cut to fit), or "".
EMSCRIPTEN_KEEPALIVE void pw_lms_mirror_notice(const char* text) {
  if (!pathwise::client::web::active) return;
  pathwise::client::web::active->app().lms_mirror_notice(text ? text : "");
  pathwise::client::web::active->changed();
}

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

// A picture or video finished loading: its natural size in CSS pixels (`src` as in its placement).
EMSCRIPTEN_KEEPALIVE void pw_media_natural_size(const char* src, double width, double height) {
  pathwise::client::web::WebPlatform* platform = pathwise::client::web::active;
  const std::uint64_t before = pathwise::client::media::sizes_revision();
  pathwise::client::media::set_natural_size(src, static_cast<float>(width), static_cast<float>(height));
  if (platform && pathwise::client::media::sizes_revision() != before) platform->changed();
}

// A video's playback changed (played, paused, stopped at a checkpoint, sought, ended, metadata loaded).
// `checkpoint` is the stop it paused at by itself, else -1. Called on those events only, never per frame of
// the video, so a playing video costs the app no frames.
EMSCRIPTEN_KEEPALIVE void pw_video_status(const char* key, int generation, double position, double duration,
                                          int playing, int ended, int checkpoint) {
  pathwise::client::VideoStatus status;
  status.position = std::isfinite(position) ? position : 0.0;
  status.duration = std::isfinite(duration) ? duration : 0.0;
  status.playing = playing != 0;
  status.ended = ended != 0;
  status.checkpoint = checkpoint;
  pathwise::client::media::set_video_status(key, generation, status);
  if (pathwise::client::web::WebPlatform* platform = pathwise::client::web::active) platform->changed();
}

}  // extern "C"
