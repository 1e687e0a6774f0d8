// The app's widget layer: ImGui widgets sized for touch (>= 44 CSS px), styled by the theme, and described to
// the item registry with a stable path and role. Screens use these, never raw ImGui widgets, so every control
// is reachable by tests and (later) screen readers. `path` is the stable id, e.g. "home/search".
#pragma once

#include <string>

namespace pathwise::client::ui {

// A heading in the bold face. Not interactive, but listed (role "heading") so tests and assistive technology
// can find the structure of the screen.
void heading(const char* path, const char* text);

// A short label in the bold face at the body size, in the accent colour ("Question 2 of 3"); listed with role
// "heading", like ui::heading, so tests find the structure.
void label(const std::string& path, const std::string& text);

// Wrapped body text, optionally in the secondary colour.
void paragraph(const char* text, bool secondary = false);

enum class ButtonKind { primary, secondary };
bool button(const char* path, const char* label, ButtonKind kind = ButtonKind::primary);

// A labelled on/off switch spanning the row; role "checkbox".
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
