// Calls from C++ into the page (Emscripten JS library, 3.1.6 syntax). Each forwards to `Module.shell`, the
// object shell/loader.js hands to createPathwise(): the web page owns the DOM, the wasm only asks.
mergeInto(LibraryManager.library, {
  // The active text field changed: show (or hide) the phone keyboard, with the caret at x, y (physical px).
  pw_js_text_input: function (active, x, y, lineHeight) {
    Module['shell'].textInput(!!active, x, y, lineHeight);
  },
  // ImGui copied text (Ctrl+C / Ctrl+X in a text field).
  pw_js_set_clipboard: function (text) {
    Module['shell'].setClipboard(UTF8ToString(text));
  },
  // The app asks for the course catalog again (after a failure, the user pressed "Try again").
  pw_js_request_catalog: function () {
    Module['shell'].requestCatalog();
  },
  // The app wants a course bundle (a path relative to content/, from the catalog).
  pw_js_request_bundle: function (path) {
    Module['shell'].requestBundle(UTF8ToString(path));
  },
  // The CSS cursor for the canvas ("default", "pointer", "text", ...).
  pw_js_set_cursor: function (cursor) {
    Module['shell'].setCursor(UTF8ToString(cursor));
  },
  // A frame was rendered (the shell counts and times them for the test hook and the benchmark).
  pw_js_frame_rendered: function (frame) {
    Module['shell'].frameRendered(frame);
  },
  // Start-up failed in C++ (no WebGL 2 context): the shell shows the message instead of a blank canvas.
  pw_js_fatal: function (message) {
    Module['shell'].fatal(UTF8ToString(message));
  },
});
