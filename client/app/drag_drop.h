// Drag and drop for the arranging activities (ordering, matching), and the small pieces both draw with.
//
// A press on a draggable item that moves further than a tap's jitter becomes a drag: the item follows the pointer
// and is dropped where the pointer is released. Mouse, pen and finger alike: a finger arrives as ImGui mouse
// events with io.MouseSource == ImGuiMouseSource_TouchScreen. A press that does not move stays a tap, which the
// caller handles as an ordinary click. There is one pointer, so there is at most one drag at a time.
//
// While a drag holds the pointer, App::scroll_by_touch_drag leaves the finger to it (pointer_drag_claimed) instead
// of scrolling the screen; a drag near the top or bottom edge of the window scrolls the screen itself.
//
// Usage, once per frame for a group of draggable items (a list, a board) identified by `scope`:
//   const ui::PointerDrag* drag = ui::update_drag(scope, ui_scale);   // before drawing the group
//   ... for each item: submit its ImGui item, then ui::drag_source(scope, payload);
//   ... if (drag && drag->dropped) place drag->payload where drag->pointer is.
#pragma once

#include <imgui.h>

#include <initializer_list>

namespace pathwise::client::ui {

struct PointerDrag {
  ImGuiID scope = 0;      // the group the dragged item belongs to; a drag never leaves its group
  ImGuiID item = 0;       // the dragged item's ImGui id
  int payload = -1;       // what the item stands for, numbered by its caller
  ImVec2 grab_offset;     // the pointer minus the item's top-left corner when it was pressed
  ImVec2 size;            // the item's size when it was pressed
  ImVec2 pointer;         // the pointer's last position on the canvas (physical pixels)
  ImVec2 pressed_at;      // where the press began
  bool dragging = false;  // moved past the threshold: a drag, no longer a tap
  bool dropped = false;   // released this frame after dragging: the caller drops it now (and ignores the click)

  // Where the dragged item's top-left corner is drawn: under the pointer, where it was grabbed.
  ImVec2 item_min() const { return ImVec2(pointer.x - grab_offset.x, pointer.y - grab_offset.y); }
};

// Advances the drag of `scope` by this frame's pointer input (call once per frame, before drawing the group's
// items). Returns the press or drag in progress in that group, or the drag dropped this frame; else nullptr.
const PointerDrag* update_drag(ImGuiID scope, float ui_scale);

// Call right after submitting a draggable item: a mouse or touch press on it starts what may become a drag.
void drag_source(ImGuiID scope, int payload);

// Ends the drag in progress without dropping it (Escape).
void cancel_drag();

// True while a pressed draggable item holds the pointer: a finger moving on it drags it, not the screen.
bool pointer_drag_claimed();

// True when the last item was pressed from the keyboard (Space or Enter on the focused item) this frame, not
// clicked or tapped.
bool last_item_pressed_by_keyboard();

// True when the last item has the keyboard focus.
bool last_item_focused();

// Keeps `keys` for `owner` until this frame's successor has run: the screen's own shortcuts (Escape: back to the
// course) and keyboard navigation (arrows: next item) then leave them to the item that holds something. Read
// them with pressed(owner, key). Call every frame for as long as the keys are wanted.
void claim_keys(ImGuiID owner, std::initializer_list<ImGuiKey> keys);
bool pressed(ImGuiID owner, ImGuiKey key);

// Describes ImGui's last item to the test hook (and the accessibility mirror): stable path, role, label, and
// optionally its value and checked state (widgets.h does the same for the ordinary widgets).
void describe_item(const char* path, const char* role, const char* label);
void describe_item_value(const char* value);
void describe_item_checked(bool checked);

// ---- Drawing ------------------------------------------------------------------------------------------------
// Colours for marking answers, readable on the light and the dark theme alike.
ImU32 right_colour(float alpha = 1.0f);
ImU32 wrong_colour(float alpha = 1.0f);
ImU32 with_alpha(ImU32 colour, float alpha);
// The theme's text colour at full strength, also inside BeginDisabled(): a checked answer stays readable.
ImU32 text_colour();

// A soft shadow under a lifted item (one being dragged or held), drawn before the item itself.
void draw_lift_shadow(ImDrawList* draw, ImVec2 min, ImVec2 max, float rounding, float scale);
// A dashed rectangle: where something can be dropped, or the place a dragged item left.
void draw_dashed_rect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float thickness, float dash);
// Six dots in two columns: "this can be dragged".
void draw_grip(ImDrawList* draw, ImVec2 centre, float scale, ImU32 colour);
// A chevron pointing up or down, centred on `centre`, `size` wide.
void draw_chevron(ImDrawList* draw, ImVec2 centre, float size, bool up, ImU32 colour, float thickness);
// A tick or a cross in a filled disc: right or wrong.
void draw_mark(ImDrawList* draw, ImVec2 centre, float radius, bool right);

// A square button holding a chevron (move up / move down), kTouchTarget CSS px a side; role "button" with
// `label` ("Move up") for the test hook and screen readers.
bool chevron_button(const char* path, const char* label, bool up, float scale);

}  // namespace pathwise::client::ui
