// The web platform layer: a WebGL 2 context on the page's canvas, Dear ImGui's OpenGL 3 renderer, and the
// functions the shell's input bridge (shell/input.js) calls. No GLFW: its 3.1.6 gaps (touch, devicePixelRatio,
// text input, clipboard; ../shared/TOOLCHAIN.md) are exactly what this layer and the shell handle instead.
//
// Frames are rendered on demand, never in a busy loop: an input event asks for a few frames (ImGui needs one
// or two to settle hover and layout after a change), and the loop stops when none are pending and ImGui's
// input queue is empty. An idle page renders nothing.
//
// Start-up: main() only prepares the drawing context. The shell opens the browser's storage while the wasm
// downloads, then calls pw_start_app with the outcome; the app then loads the learner's records, and no frame
// is drawn before it is ready() (the learner never sees a state without their progress): until then the
// shell's loading screen stays up.
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/fonts.h"
#include "app/item_registry.h"
#include "app/lms.h"
#include "app/widgets.h"
#include "app/media_overlay.h"
#include "store/memory_store.h"
#include "web/key_map.h"
#include "web/store_probe.h"
#include "web/web_platform.h"
#include "web/web_store.h"

extern "C" {
// Implemented in library_pathwise.js.
void pw_js_text_input(int active, float x, float y, float line_height, int numeric);
void pw_js_set_clipboard(const char* text);
void pw_js_request_catalog();
void pw_js_request_bundle(const char* path);
void pw_js_set_cursor(const char* css_cursor);
void pw_js_frame_rendered(int frame);
void pw_js_fatal(const char* message);
char* pw_js_lms_launch();  // malloc'd JSON (client/app/lms.h), or null outside an LMS
}

namespace {

using pathwise::client::App;
using pathwise::client::ItemRegistry;

constexpr int kFramesAfterInput = 3;

struct WebRuntime {
  // Declared before the app, which holds references to them, so that they outlive it.
  std::unique_ptr<pathwise::store::MemoryStore> memory_store;  // only when the browser offers no storage
  std::unique_ptr<pathwise::store::RecordStore> store;
  std::unique_ptr<pathwise::client::web::WebPlatform> platform;
  bool started = false;      // pw_start_app ran
  App app;
  ItemRegistry items;
  int width = 1;             // canvas backing store, physical pixels
  int height = 1;
  float ui_scale = 1.0f;     // physical pixels per CSS pixel
  float font_scale = 0.0f;   // the scale the font atlas was last built for (ui_scale times the text size)
  bool font_dyslexia = false;                // ... with OpenDyslexic
  std::uint64_t font_text_revision = ~0ull;  // ... for this App::text_revision()
  int frames_pending = 0;
  bool loop_running = false;
  int frames_rendered = 0;
  double last_frame_time = 0.0;
  ImGuiMouseCursor cursor = ImGuiMouseCursor_COUNT;
  std::string clipboard;     // what this app last copied; system pastes arrive as text events instead
  std::string items_json;    // buffers returned to JavaScript, valid until the next call
  std::string state_json;
};

WebRuntime* runtime = nullptr;

const char* css_cursor(ImGuiMouseCursor cursor) {
  switch (cursor) {
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
  }
}

// The font atlas follows the display (pixel ratio), this device's display preferences (text size, font) and the
// characters on screen (App::text_codepoints): it is rebuilt before a frame, never during one, when any of them
// changed in a way the current atlas does not cover.
bool fonts_outdated() {
  const pathwise::client::DisplayPreferences& display = runtime->app.display();
  return runtime->font_scale != runtime->ui_scale * display.text_scale() ||
         runtime->font_dyslexia != display.dyslexia_font ||
         runtime->font_text_revision != runtime->app.text_revision();
}

void rebuild_fonts_if_needed() {
  if (!fonts_outdated()) return;
  const pathwise::client::DisplayPreferences& display = runtime->app.display();
  const float font_scale = runtime->ui_scale * display.text_scale();
  const std::vector<char32_t>& text = runtime->app.text_codepoints();
  runtime->font_text_revision = runtime->app.text_revision();
  // New text whose characters are all in the atlas already (a course seen before, a name typed in Latin) needs
  // no new atlas.
  if (runtime->font_scale == font_scale && runtime->font_dyslexia == display.dyslexia_font &&
      pathwise::client::fonts::covers(text)) {
    return;
  }
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  pathwise::client::fonts::build(atlas, {font_scale, display.dyslexia_font, &text});
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  // The texture is on the GPU now; ImGui needs only the glyph table. Freeing the pixels (alpha and RGBA copies,
  // 5 bytes per texel) keeps the wasm heap from holding megabytes it never reads again.
  atlas.ClearTexData();
  runtime->font_scale = font_scale;
  runtime->font_dyslexia = display.dyslexia_font;
  // A text field being edited scrolled its text with the old glyphs' widths (new characters were drawn as the
  // fallback glyph until now): let it scroll to its caret again, or its text can sit out of view.
  if (ImGuiInputTextState* field = ImGui::GetInputTextState(ImGui::GetActiveID())) field->CursorFollow = true;
}

void request_frames(int count = kFramesAfterInput);

// Nothing is drawn before the app has its store and has loaded the learner's records.
bool can_render() { return runtime->started && runtime->app.ready(); }

void render_frame() {
  if (!can_render()) return;
  rebuild_fonts_if_needed();
  ImGuiIO& io = ImGui::GetIO();
  const double now = emscripten_get_now() / 1000.0;
  io.DeltaTime = runtime->last_frame_time > 0.0 ? static_cast<float>(std::max(now - runtime->last_frame_time, 1e-4))
                                                : 1.0f / 60.0f;
  runtime->last_frame_time = now;
  io.DisplaySize = ImVec2(static_cast<float>(runtime->width), static_cast<float>(runtime->height));

  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  runtime->items.begin_frame();
  pathwise::client::media::begin_frame();
  runtime->app.draw(runtime->ui_scale);
  runtime->items.end_frame();
  ImGui::Render();
  // The pictures and videos of this frame, placed over the canvas where it reserved them.
  runtime->platform->place_media(pathwise::client::media::placements());

  glViewport(0, 0, runtime->width, runtime->height);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  ++runtime->frames_rendered;
  const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
  if (cursor != runtime->cursor) {
    runtime->cursor = cursor;
    pw_js_set_cursor(css_cursor(cursor));
  }
  if (runtime->app.take_catalog_request()) pw_js_request_catalog();
  if (std::string bundle = runtime->app.take_bundle_request(); !bundle.empty()) pw_js_request_bundle(bundle.c_str());
  pw_js_frame_rendered(runtime->frames_rendered);
  // This frame changed the preferences or brought new characters (a course opened, a name typed): the next frame
  // draws them with a new atlas.
  if (fonts_outdated()) request_frames(1);
}

bool input_queued() { return ImGui::GetCurrentContext()->InputEventsQueue.Size > 0; }

EM_BOOL on_animation_frame(double, void*) {
  if (!can_render()) {
    // Input that arrives before the app is ready waits in ImGui's queue; the store's answer that makes the app
    // ready asks for frames again (through the store's `changed`).
    runtime->loop_running = false;
    return EM_FALSE;
  }
  render_frame();
  if (runtime->frames_pending > 0) --runtime->frames_pending;
  // ImGui trickles queued input over several frames (e.g. a press and release in one event batch).
  if (input_queued()) runtime->frames_pending = std::max(runtime->frames_pending, 1);
  // Something on screen moves (a celebration): keep drawing until it ends.
  if (runtime->app.animating()) runtime->frames_pending = std::max(runtime->frames_pending, 1);
  if (runtime->frames_pending > 0) return EM_TRUE;
  runtime->loop_running = false;
  return EM_FALSE;
}

void request_frames(int count) {
  runtime->frames_pending = std::max(runtime->frames_pending, count);
  if (!runtime->loop_running) {
    runtime->loop_running = true;
    emscripten_request_animation_frame_loop(on_animation_frame, nullptr);
  }
}

void set_clipboard_text(void*, const char* text) {
  runtime->clipboard = text ? text : "";
  pw_js_set_clipboard(runtime->clipboard.c_str());
}

const char* get_clipboard_text(void*) { return runtime->clipboard.c_str(); }

// ImGui calls this when the active text field (or its caret) changes: the shell focuses its hidden <input>
// there, so phones raise their keyboard and IME candidate windows open next to the caret. A field that asks for
// a number (ui::TextMode::number) gets the numeric keyboard: the field is drawn before ImGui calls this, at the
// end of the same frame, so the widget layer knows which field it is.
void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) {
  const bool numeric = data->WantVisible && pathwise::client::ui::active_text_mode() == pathwise::client::ui::TextMode::number;
  pw_js_text_input(data->WantVisible ? 1 : 0, data->InputPos.x, data->InputPos.y, data->InputLineHeight, numeric ? 1 : 0);
}

void add_modifiers(int modifiers) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, (modifiers & 1) != 0);
  io.AddKeyEvent(ImGuiMod_Shift, (modifiers & 2) != 0);
  io.AddKeyEvent(ImGuiMod_Alt, (modifiers & 4) != 0);
  io.AddKeyEvent(ImGuiMod_Super, (modifiers & 8) != 0);
}

ImGuiMouseSource mouse_source(int source) {
  switch (source) {
    case 1: return ImGuiMouseSource_TouchScreen;
    case 2: return ImGuiMouseSource_Pen;
    default: return ImGuiMouseSource_Mouse;
  }
}

}  // namespace

// The shell's entry points. Coordinates are physical canvas pixels; the shell converts from CSS pixels.
extern "C" {

EMSCRIPTEN_KEEPALIVE void pw_resize(int width, int height, float ui_scale) {
  runtime->width = std::max(width, 1);
  runtime->height = std::max(height, 1);
  runtime->ui_scale = std::clamp(ui_scale, 0.5f, 4.0f);
  // Resizing the canvas clears it: draw at once (the shell calls this before the browser paints), so a resize
  // or rotation never shows an empty frame. Before the app is ready nothing is drawn: the loading screen
  // covers the canvas.
  render_frame();
  request_frames();
}

// source: 0 mouse, 1 touch, 2 pen (PointerEvent.pointerType).
EMSCRIPTEN_KEEPALIVE void pw_pointer_move(float x, float y, int source) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(mouse_source(source));
  io.AddMousePosEvent(x, y);
  request_frames();
}

EMSCRIPTEN_KEEPALIVE void pw_pointer_button(int button, int down, int source) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(mouse_source(source));
  io.AddMouseButtonEvent(std::clamp(button, 0, ImGuiMouseButton_COUNT - 1), down != 0);
  request_frames();
}

// The pointer left the canvas, or a finger lifted: nothing stays hovered.
EMSCRIPTEN_KEEPALIVE void pw_pointer_leave() {
  ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  request_frames();
}

// Wheel steps in ImGui's units (one notch = 1.0).
EMSCRIPTEN_KEEPALIVE void pw_wheel(float dx, float dy) {
  ImGui::GetIO().AddMouseWheelEvent(dx, dy);
  request_frames();
}

// modifiers: 1 ctrl, 2 shift, 4 alt, 8 meta.
EMSCRIPTEN_KEEPALIVE void pw_key(const char* dom_key, int down, int modifiers) {
  add_modifiers(modifiers);
  ImGuiKey key = pathwise::client::web::key_from_dom(dom_key);
  if (key != ImGuiKey_None) ImGui::GetIO().AddKeyEvent(key, down != 0);
  request_frames();
}

// Text typed, composed (IME), dictated or pasted, as UTF-8.
EMSCRIPTEN_KEEPALIVE void pw_text(const char* utf8) {
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
  request_frames();
}

// A paste (keyboard shortcut, context menu or long-press menu) with the system clipboard's text. Delivered as
// ImGui's own paste shortcut reading that text, not as typed characters: ImGui ignores characters while Ctrl is
// held, and a paste must replace the selection.
EMSCRIPTEN_KEEPALIVE void pw_paste(const char* utf8) {
  runtime->clipboard = utf8;
  ImGuiIO& io = ImGui::GetIO();
  const ImGuiKey shortcut_modifier = io.ConfigMacOSXBehaviors ? ImGuiMod_Super : ImGuiMod_Ctrl;
  io.AddKeyEvent(shortcut_modifier, true);
  io.AddKeyEvent(ImGuiKey_V, true);
  io.AddKeyEvent(ImGuiKey_V, false);
  io.AddKeyEvent(shortcut_modifier, false);  // the next real key event restores the true modifier state
  request_frames();
}

EMSCRIPTEN_KEEPALIVE void pw_focus(int focused) {
  ImGui::GetIO().AddFocusEvent(focused != 0);
  request_frames();
}

// Processes queued input now, inside the browser's event handler, and reports whether a text field is active.
// Mobile Safari opens the keyboard only when focus() runs within the tap's own handler, so the shell calls
// this on pointer-up and focuses its hidden input right away.
EMSCRIPTEN_KEEPALIVE int pw_pump() {
  for (int i = 0; i < 4 && input_queued(); ++i) render_frame();
  request_frames();
  return ImGui::GetIO().WantTextInput ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void pw_set_mac_behaviors(int mac) {
  ImGui::GetIO().ConfigMacOSXBehaviors = mac != 0;
}

EMSCRIPTEN_KEEPALIVE void pw_site_loaded(const char* text, int length) {
  runtime->app.site_loaded(std::string_view(text, static_cast<std::size_t>(std::max(length, 0))));
  request_frames();
}

EMSCRIPTEN_KEEPALIVE void pw_site_failed(const char* message) {
  runtime->app.site_failed(message);
  request_frames();
}

// Offline use (shell/loader.js): `state` 0 checking, 1 ready, 2 unavailable.
EMSCRIPTEN_KEEPALIVE void pw_offline_support(int state, const char* reason, int update_ready, const char* new_version) {
  pathwise::client::OfflineSupport support;
  support.state = state == 1 ? pathwise::client::OfflineSupport::State::ready
                  : state == 2 ? pathwise::client::OfflineSupport::State::unavailable
                               : pathwise::client::OfflineSupport::State::checking;
  support.reason = reason;
  support.update_ready = update_ready != 0;
  support.new_version = new_version;
  runtime->app.offline_support_changed(support);
  request_frames();
}

// A course kept for offline use: `state` 0 checking, 1 downloading, 2 known, 3 failed (`message` says why).
EMSCRIPTEN_KEEPALIVE void pw_offline_course(const char* course, int state, int files, int saved_files,
                                            double total_bytes, double saved_bytes, int size_known,
                                            const char* message) {
  using pathwise::client::OfflineCourse;
  static constexpr OfflineCourse::State kStates[] = {OfflineCourse::State::checking, OfflineCourse::State::downloading,
                                                     OfflineCourse::State::known, OfflineCourse::State::failed};
  OfflineCourse status;
  status.state = state >= 0 && state < 4 ? kStates[state] : OfflineCourse::State::failed;
  status.files = files;
  status.saved_files = saved_files;
  status.total_bytes = total_bytes;
  status.saved_bytes = saved_bytes;
  status.size_known = size_known != 0;
  status.message = message;
  runtime->app.offline_course_changed(course, status);
  request_frames();
}

EMSCRIPTEN_KEEPALIVE void pw_catalog_loaded(const char* text, int length, const char* file) {
  runtime->app.catalog_loaded(std::string_view(text, static_cast<std::size_t>(std::max(length, 0))), file);
  request_frames();
}

EMSCRIPTEN_KEEPALIVE void pw_catalog_failed(const char* message) {
  runtime->app.catalog_failed(message);
  request_frames();
}

EMSCRIPTEN_KEEPALIVE void pw_bundle_loaded(const char* path, const char* text, int length) {
  runtime->app.bundle_loaded(path, std::string_view(text, static_cast<std::size_t>(std::max(length, 0))));
  request_frames();
}

EMSCRIPTEN_KEEPALIVE void pw_bundle_failed(const char* path, const char* message) {
  runtime->app.bundle_failed(path, message);
  request_frames();
}

// Starts the app, once, after the shell opened the browser's storage: `storage_available` 1 gives the app the
// IndexedDB store; 0 a memory store, with `reason` (one sentence) saying why the progress will not be kept.
EMSCRIPTEN_KEEPALIVE void pw_start_app(int storage_available, const char* reason) {
  if (runtime->started) return;
  runtime->started = true;
  runtime->platform = std::make_unique<pathwise::client::web::WebPlatform>(runtime->app, [] { request_frames(); });
  pathwise::store::StoreStatus storage;
  if (storage_available) {
    runtime->store = std::make_unique<pathwise::client::web::WebStore>([] { request_frames(); });
  } else {
    runtime->memory_store = std::make_unique<pathwise::store::MemoryStore>();
    runtime->store = runtime->memory_store->connect();
    storage.failure = pathwise::store::StoreFailure::unavailable;
    storage.message = reason && *reason ? reason : "This browser offers no storage for saved progress.";
  }
  pathwise::client::web::set_probe_store(runtime->store.get());
  // Inside an LMS the shell has already talked to it (shell/lms.js): the learner and their progress come first.
  if (char* launch = pw_js_lms_launch()) {
    runtime->app.set_lms_launch(pathwise::client::parse_lms_launch(launch));
    std::free(launch);
  }
  runtime->app.start(*runtime->store, *runtime->platform, storage);
  request_frames();  // draws at once if the app is ready already (a memory store answers synchronously)
}

// The test hook (window.pathwise.test): frames rendered, the last frame's items, the app's state.
EMSCRIPTEN_KEEPALIVE int pw_test_frames() { return runtime->frames_rendered; }

EMSCRIPTEN_KEEPALIVE const char* pw_test_items() {
  runtime->items_json = runtime->items.items_json();
  return runtime->items_json.c_str();
}

// The font atlas's memory as uploaded (RGBA32: 4 bytes a texel), for the test hook and the benchmark.
EMSCRIPTEN_KEEPALIVE double pw_test_atlas_bytes() {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  return static_cast<double>(atlas->TexWidth) * atlas->TexHeight * 4.0;
}

EMSCRIPTEN_KEEPALIVE void pw_follow_link(const char* fragment) {
  runtime->app.follow_link(fragment);
  request_frames();
}

EMSCRIPTEN_KEEPALIVE int pw_test_open_activity(const char* course, const char* activity) {
  const bool opened = runtime->app.open_activity_for_test(course, activity);
  request_frames();
  return opened ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* pw_test_state() {
  runtime->state_json = runtime->app.state_json();
  return runtime->state_json.c_str();
}

}  // extern "C"

int main() {
  EmscriptenWebGLContextAttributes attributes;
  emscripten_webgl_init_context_attributes(&attributes);
  attributes.majorVersion = 2;
  attributes.minorVersion = 0;
  attributes.alpha = EM_FALSE;
  attributes.depth = EM_FALSE;
  attributes.stencil = EM_FALSE;
  attributes.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes
  attributes.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context("#canvas", &attributes);
  if (context <= 0) {
    pw_js_fatal("This browser could not create a WebGL 2 drawing context.");
    return 1;
  }
  emscripten_webgl_make_context_current(context);

  runtime = new WebRuntime();
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  runtime->items.install();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames forever
  io.BackendPlatformName = "pathwise_web";
  io.SetClipboardTextFn = set_clipboard_text;
  io.GetClipboardTextFn = get_clipboard_text;
  io.SetPlatformImeDataFn = set_ime_data;
  ImGui_ImplOpenGL3_Init("#version 300 es");
  return 0;  // the runtime stays alive; frames come from input and the shell's calls
}
