// The app's widget layer: ImGui widgets sized for touch (>= 44 CSS px), styled by the theme, and described to
// the item registry with a stable path and role. Screens use these, never raw ImGui widgets, so every control
// is reachable by tests and (later) screen readers. `path` is the stable id, e.g. "home/search".
#pragma once

#include <string>

namespace pathwise::client::ui {

// A heading in the bold face. Not interactive, but listed (role "heading") so tests and assistive technology
// can find the structure of the screen.
void heading(const char* path, const char* text);

// Wrapped body text, optionally in the secondary colour.
void paragraph(const char* text, bool secondary = false);

enum class ButtonKind { primary, secondary };
bool button(const char* path, const char* label, ButtonKind kind = ButtonKind::primary);

// A labelled on/off switch spanning the row; role "checkbox".
bool toggle(const char* path, const char* label, bool* value);

// A single-line text field with a visible label above it; returns true when the text changed.
bool text_field(const char* path, const char* label, const char* hint, std::string* value);

// A tappable card with a bold title, a line of text and a small tag; role "listitem". Returns true on click.
bool card(const char* path, const char* title, const char* text, const char* tag);

}  // namespace pathwise::client::ui
