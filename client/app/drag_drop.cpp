#include "app/drag_drop.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/item_registry.h"
#include "app/theme.h"

namespace pathwise::client::ui {

namespace {

// How far a press must move before it is a drag (CSS px): more than a finger's jitter on a tap, less than the
// distance at which App::scroll_by_touch_drag would take the finger for a scroll.
constexpr float kDragThreshold = 8.0f;
// Within this distance of the window's top or bottom edge (CSS px) a drag scrolls the screen, so that a target
// out of view can be reached without letting go.
constexpr float kAutoScrollZone = 64.0f;

PointerDrag current;
bool tracking = false;

void stop_tracking() {
  current = PointerDrag{};
  tracking = false;
}

// Frames are rendered when input arrives, so the screen scrolls while the pointer moves in the zone: the deeper
// into it, the faster.
void scroll_near_edges(float ui_scale) {
  const float zone = kAutoScrollZone * ui_scale;
  const float top = ImGui::GetWindowPos().y;
  const float bottom = top + ImGui::GetWindowHeight();
  float depth = 0.0f;
  if (current.pointer.y < top + zone) depth = -(top + zone - current.pointer.y);
  else if (current.pointer.y > bottom - zone) depth = current.pointer.y - (bottom - zone);
  if (depth == 0.0f) return;
  depth = std::clamp(depth, -zone, zone);
  ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + depth * 0.35f, 0.0f, ImGui::GetScrollMaxY()));
}

}  // namespace

const PointerDrag* update_drag(ImGuiID scope, float ui_scale) {
  if (!tracking) return nullptr;
  if (current.dropped) {  // dropped last frame: its caller has placed it
    stop_tracking();
    return nullptr;
  }
  if (current.scope != scope) return nullptr;
  if (ImGui::IsMousePosValid()) current.pointer = ImGui::GetIO().MousePos;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    // A move and a release can arrive within one frame (events come faster than frames): judged by the distance.
    const float dx = current.pointer.x - current.pressed_at.x, dy = current.pointer.y - current.pressed_at.y;
    const float threshold = kDragThreshold * ui_scale;
    if (dx * dx + dy * dy > threshold * threshold) current.dragging = true;
    if (!current.dragging) {  // a tap: the item's own click handles it
      stop_tracking();
      return nullptr;
    }
    current.dropped = true;
    return &current;
  }
  if (ImGui::GetActiveID() != current.item) {  // something else took the pointer
    stop_tracking();
    return nullptr;
  }
  if (!current.dragging && ImGui::IsMouseDragging(ImGuiMouseButton_Left, kDragThreshold * ui_scale)) {
    current.dragging = true;
  }
  if (current.dragging) scroll_near_edges(ui_scale);
  return &current;
}

void drag_source(ImGuiID scope, int payload) {
  if (!ImGui::IsItemActivated() || GImGui->ActiveIdSource != ImGuiInputSource_Mouse) return;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) return;
  current = PointerDrag{};
  current.scope = scope;
  current.item = ImGui::GetItemID();
  current.payload = payload;
  const ImVec2 pointer = ImGui::GetIO().MousePos;
  const ImVec2 min = ImGui::GetItemRectMin();
  current.grab_offset = ImVec2(pointer.x - min.x, pointer.y - min.y);
  current.size = ImGui::GetItemRectSize();
  current.pointer = pointer;
  current.pressed_at = pointer;
  tracking = true;
}

void cancel_drag() {
  if (tracking && current.item == ImGui::GetActiveID()) ImGui::ClearActiveID();
  stop_tracking();
}

bool pointer_drag_claimed() {
  return tracking && !current.dropped && current.item != 0 && current.item == ImGui::GetActiveID() &&
         ImGui::IsMouseDown(ImGuiMouseButton_Left);
}

// NavActivateId: the focused item was activated this frame; NavActivatePressedId: the activating key went down on
// it this frame (also while the item is still active from the key's previous press).
bool last_item_pressed_by_keyboard() {
  const ImGuiID id = ImGui::GetItemID();
  return id != 0 && (GImGui->NavActivateId == id || GImGui->NavActivatePressedId == id);
}

bool last_item_focused() { return ImGui::IsItemFocused(); }

void claim_keys(ImGuiID owner, std::initializer_list<ImGuiKey> keys) {
  for (ImGuiKey key : keys) ImGui::SetKeyOwner(key, owner, ImGuiInputFlags_LockUntilRelease);
}

bool pressed(ImGuiID owner, ImGuiKey key) { return ImGui::IsKeyPressed(key, owner, ImGuiInputFlags_Repeat); }

void describe_item(const char* path, const char* role, const char* label) {
  if (ItemRegistry* registry = current_item_registry()) registry->annotate_last_item(path, role, label);
}

void describe_item_value(const char* value) {
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_value(value);
}

void describe_item_checked(bool checked) {
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(checked);
}

// ---- Drawing ------------------------------------------------------------------------------------------------

ImU32 with_alpha(ImU32 colour, float alpha) {
  const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xFF));
  return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

ImU32 text_colour() { return ImGui::ColorConvertFloat4ToU32(ImGui::GetStyle().Colors[ImGuiCol_Text]); }

// Mid-tone green and red: 3:1 or more against both themes' cards, and never the only sign (a tick or a cross
// goes with them).
ImU32 right_colour(float alpha) { return with_alpha(IM_COL32(26, 150, 82, 255), alpha); }
ImU32 wrong_colour(float alpha) { return with_alpha(IM_COL32(214, 60, 60, 255), alpha); }

void draw_lift_shadow(ImDrawList* draw, ImVec2 min, ImVec2 max, float rounding, float scale) {
  for (int layer = 1; layer <= 3; ++layer) {
    const float spread = static_cast<float>(layer) * 2.0f * scale;
    const float drop = static_cast<float>(layer) * 2.0f * scale;
    draw->AddRectFilled(ImVec2(min.x - spread, min.y - spread + drop), ImVec2(max.x + spread, max.y + spread + drop),
                        IM_COL32(0, 0, 0, 16), rounding + spread);
  }
}

void draw_dashed_rect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float thickness, float dash) {
  const float gap = dash * 0.75f;
  auto dashed_line = [&](ImVec2 from, ImVec2 to) {
    const float length = std::max(std::abs(to.x - from.x), std::abs(to.y - from.y));
    if (length <= 0.0f) return;
    const float dx = (to.x - from.x) / length, dy = (to.y - from.y) / length;
    for (float at = 0.0f; at < length; at += dash + gap) {
      const float end = std::min(at + dash, length);
      draw->AddLine(ImVec2(from.x + dx * at, from.y + dy * at), ImVec2(from.x + dx * end, from.y + dy * end), colour,
                    thickness);
    }
  };
  dashed_line(min, ImVec2(max.x, min.y));
  dashed_line(ImVec2(max.x, min.y), max);
  dashed_line(max, ImVec2(min.x, max.y));
  dashed_line(ImVec2(min.x, max.y), min);
}

void draw_grip(ImDrawList* draw, ImVec2 centre, float scale, ImU32 colour) {
  for (int column = -1; column <= 1; column += 2) {
    for (int row = -1; row <= 1; ++row) {
      draw->AddCircleFilled(ImVec2(centre.x + static_cast<float>(column) * 3.5f * scale,
                                   centre.y + static_cast<float>(row) * 6.0f * scale),
                            1.9f * scale, colour, 8);
    }
  }
}

void draw_chevron(ImDrawList* draw, ImVec2 centre, float size, bool up, ImU32 colour, float thickness) {
  const float half = size * 0.5f;
  const float rise = (up ? -1.0f : 1.0f) * size * 0.28f;
  const ImVec2 points[3] = {ImVec2(centre.x - half, centre.y - rise), ImVec2(centre.x, centre.y + rise),
                            ImVec2(centre.x + half, centre.y - rise)};
  draw->AddPolyline(points, 3, colour, ImDrawFlags_None, thickness);
}

void draw_mark(ImDrawList* draw, ImVec2 centre, float radius, bool right) {
  draw->AddCircleFilled(centre, radius, right ? right_colour() : wrong_colour(), 24);
  const float thickness = radius * 0.2f;
  if (right) {
    const ImVec2 tick[3] = {ImVec2(centre.x - radius * 0.45f, centre.y + radius * 0.02f),
                            ImVec2(centre.x - radius * 0.12f, centre.y + radius * 0.35f),
                            ImVec2(centre.x + radius * 0.48f, centre.y - radius * 0.33f)};
    draw->AddPolyline(tick, 3, IM_COL32_WHITE, ImDrawFlags_None, thickness);
  } else {
    const float arm = radius * 0.38f;
    draw->AddLine(ImVec2(centre.x - arm, centre.y - arm), ImVec2(centre.x + arm, centre.y + arm), IM_COL32_WHITE, thickness);
    draw->AddLine(ImVec2(centre.x - arm, centre.y + arm), ImVec2(centre.x + arm, centre.y - arm), IM_COL32_WHITE, thickness);
  }
}

bool chevron_button(const char* path, const char* label, bool up, float scale) {
  const float size = kTouchTarget * scale;
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + size, min.y + size);
  const bool clicked = ImGui::InvisibleButton((std::string(label) + "###" + path).c_str(), ImVec2(size, size));
  describe_item(path, "button", label);
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float alpha = ImGui::GetStyle().Alpha;  // dimmed inside BeginDisabled()
  const ImU32 fill = ImGui::IsItemActive()    ? palette().card_border
                     : ImGui::IsItemHovered() ? palette().card_hovered
                                              : palette().card;
  const float rounding = 10.0f * scale;
  draw->AddRectFilled(min, max, with_alpha(fill, alpha), rounding);
  draw->AddRect(min, max, with_alpha(palette().card_border, alpha), rounding, 0, 1.0f * scale);
  draw_chevron(draw, ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f), size * 0.36f, up,
               ImGui::GetColorU32(ImGuiCol_Text), 2.4f * scale);
  ImGui::RenderNavHighlight(ImRect(min, max), ImGui::GetItemID());
  return clicked;
}

}  // namespace pathwise::client::ui
