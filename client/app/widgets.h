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

// A button at least kTouchTarget high. Placed after SameLine() where it would cross the column's edge, it starts a
// new line instead; a label wider than the whole column wraps onto more lines (large text on a phone).
enum class ButtonKind { primary, secondary };
bool button(const char* path, const char* label, ButtonKind kind = ButtonKind::primary);

// A compact choice among a few (a theme, a text size): a pill filled with the accent colour when chosen; role
// "radio" with its checked state. Put several on a row with SameLine(): they wrap like buttons.
bool chip(const char* path, const char* label, bool selected);

// A labelled on/off switch spanning the row (a long label wraps beside the switch); role "checkbox".
bool toggle(const char* path, const char* label, bool* value);

// A single-line text field with a visible label above it; returns true when the text changed. `secret` hides
// what is typed (a PIN).
bool text_field(const char* path, const char* label, const char* hint, std::string* value, bool secret = false);

// A tappable card with a bold title, a line of text and a small tag; role "listitem". Returns true on click.
bool card(const char* path, const char* title, const char* text, const char* tag);

// A full-width answer row that stays highlighted when chosen; role "radio" with its checked state.
bool option(const char* path, const char* label, bool selected);

// A message across the column on a tinted panel; role "alert" so tests and screen readers find it.
enum class BannerKind { info, warning, error, success };
void banner(const char* path, const char* text, BannerKind kind);

// A learner's avatar: a coloured disc with their initial. `index` picks the colour (any int).
constexpr int kAvatarCount = 8;
void avatar(const char* name, int index, float diameter_css);
// A tappable avatar choice (profile creation); role "radio".
bool avatar_choice(const char* path, const char* name, int index, bool selected);

}  // namespace pathwise::client::ui
