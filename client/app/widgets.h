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

// A button at least kTouchTarget high. Placed after SameLine() where it would cross the column's edge, it starts a
// new line instead; a label wider than the whole column wraps onto more lines (large text on a phone).
enum class ButtonKind { primary, secondary };
bool button(const char* path, const char* label, ButtonKind kind = ButtonKind::primary);

// One of `count` buttons sharing a row equally (a rating scale: Again / Hard / Good / Easy), each at most
// `max_width_css` wide and never under the touch target. Call it for index 0 .. count-1 in turn: it places
// itself on the row. Returns true on click.
bool row_button(const char* path, const char* label, int index, int count, ButtonKind kind = ButtonKind::secondary,
                float max_width_css = 160.0f);

// A compact choice among a few (a theme, a text size): a pill filled with the accent colour when chosen; role
// "radio" with its checked state. Put several on a row with SameLine(): they wrap like buttons.
bool choice_chip(const char* path, const char* label, bool selected);

// A labelled on/off switch spanning the row (a long label wraps beside the switch); role "checkbox".
bool toggle(const char* path, const char* label, bool* value);

// Which on-screen keyboard a text field asks the phone for: letters (accents and IME included), or digits with a
// decimal separator (HTML inputmode="decimal").
enum class TextMode { text, number };

// A single-line text field with a visible label above it; returns true when the text changed. `secret` hides
// what is typed (a PIN). `mode` picks the phone keyboard while the field is being edited.
bool text_field(const char* path, const char* label, const char* hint, std::string* value, bool secret = false,
                TextMode mode = TextMode::text);

// The TextMode of the text field being edited in this frame (TextMode::text when none is): the platform layer
// reads it when ImGui reports the text input position, to raise the matching keyboard.
TextMode active_text_mode();

// A tappable card with a bold title, a line of text and a small tag; role "listitem". Returns true on click.
bool card(const char* path, const char* title, const char* text, const char* tag);

// A full-width answer row that stays highlighted when chosen; role "radio" with its checked state.
bool option(const char* path, const char* label, bool selected);

// A compact choice among a few on one row (a segmented control: "Easier / Normal / Harder"), still a full touch
// target in height; role "radio" with its checked state.
bool option_chip(const char* path, const char* label, bool selected, float width = 0.0f);  // 0: fit the label

// A full-width answer row with a tick box, for "tick all that apply"; role "checkbox" with its checked state.
bool tick_option(const char* path, const char* label, bool ticked);

// A compact, pill-shaped choice (a drop-down blank's options, laid out in rows that wrap); role "radio" with its
// checked state. Call chip_row_next() between chips so they wrap to the column width.
bool chip(const char* path, const char* label, bool selected);
// Places the next chip after the previous one on the same line when `next_label` still fits, else on a new line.
void chip_row_next(const char* next_label);

// How a checked answer is shown: right (green, a tick), wrong (red, a cross), partly right (amber), or left
// unmarked (a choice the learner did not pick and did not need to).
enum class Mark { none, right, wrong, partial };

// A checked answer row, read-only (disabled for tests and the keyboard): the choice's label, a tick box or
// radio dot showing what the learner picked, the mark with a short caption ("Your answer", "Missed"), and the
// feedback that belongs to this choice right under it. `role` is "radio" or "checkbox", so tests find the row
// under the same id and role as before checking; `checked` is what the learner picked.
void marked_option(const char* path, const char* role, const char* label, bool checked, Mark mark,
                   const char* caption, const char* feedback);

// A checked text answer, read-only: the label above, what the learner typed in a field-shaped box with its mark,
// and `note` under it (e.g. the expected answer). Role "textbox" with the typed value, disabled.
void marked_text(const char* path, const char* label, const std::string& value, Mark mark, const char* note);

// A panel drawn as a card (a flashcard's face): rounded, bordered, on the surface colour, with generous padding.
// Everything between begin_panel and end_panel is laid out inside it; `min_height_css` keeps small cards from
// looking cramped.
void begin_panel(const char* path, float min_height_css = 0.0f);
void end_panel();

// A thin horizontal rule across the available width, with spacing around it.
void divider();

// A message across the column on a tinted panel; role "alert" so tests and screen readers find it.
enum class BannerKind { info, warning, error, success };
void banner(const char* path, const char* text, BannerKind kind);

// A learner's avatar: a coloured disc with their initial. `index` picks the colour (any int).
constexpr int kAvatarCount = 8;
void avatar(const char* name, int index, float diameter_css);
// A tappable avatar choice (profile creation); role "radio".
bool avatar_choice(const char* path, const char* name, int index, bool selected);

}  // namespace pathwise::client::ui
