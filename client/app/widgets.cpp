#include "app/widgets.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <string>

#include "app/fonts.h"
#include "app/item_registry.h"
#include "app/theme.h"

namespace pathwise::client::ui {

namespace {

float scale() { return ImGui::GetStyle().FramePadding.y / 10.0f; }  // theme.cpp designs FramePadding.y = 10

std::string imgui_id(const char* label, const char* path) { return std::string(label) + "###" + path; }

void describe(const char* path, const char* role, const char* label) {
  if (ItemRegistry* registry = current_item_registry()) registry->annotate_last_item(path, role, label);
}

void hand_cursor_when_hovered() {
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
}

// The width of a whole row of the column (what a widget at the start of a line may take).
float row_width() { return ImGui::GetContentRegionMax().x - ImGui::GetCursorStartPos().x; }

// After SameLine(), an item `width` wide that would cross the column's right edge goes to the next line instead:
// rows of buttons and chips wrap when large text or a narrow phone leaves no room beside each other.
void wrap_if_past_edge(float width) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->DC.IsSameLine && window->DC.CursorPos.x + width > ImGui::GetContentRegionMaxAbs().x + 0.5f) {
    ImGui::NewLine();
  }
}

}  // namespace

void heading(const char* path, const char* text) {
  ImGui::PushFont(fonts::heading());
  ImGui::TextWrapped("%s", text);
  ImGui::PopFont();
  if (ItemRegistry* registry = current_item_registry()) registry->add_static_last_item(path, "heading", text);
}

void label(const std::string& path, const std::string& text) {
  const float size = ImGui::GetFontSize();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImFont* bold = fonts::heading();
  const ImVec2 text_size = bold->CalcTextSizeA(size, FLT_MAX, width, text.c_str());
  ImGui::Dummy(ImVec2(width, text_size.y));
  ImGui::GetWindowDrawList()->AddText(bold, size, origin, palette().accent, text.c_str(), nullptr, width);
  if (ItemRegistry* registry = current_item_registry()) registry->add_static_last_item(path.c_str(), "heading", text.c_str());
}

void paragraph(const char* text, bool secondary) {
  if (secondary) ImGui::PushStyleColor(ImGuiCol_Text, palette().text_secondary);
  ImGui::TextWrapped("%s", text);
  if (secondary) ImGui::PopStyleColor();
}

bool button(const char* path, const char* label, ButtonKind kind) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float min_height = kTouchTarget * scale();
  const ImVec2 text_size = ImGui::CalcTextSize(label, nullptr, true);
  const float natural_width = std::max(min_height * 2.0f, text_size.x + style.FramePadding.x * 2.0f);
  // A label wider than the column wraps inside a taller button rather than being cut off.
  const bool wraps = natural_width > row_width();
  const float width = wraps ? row_width() : natural_width;
  const float wrap_width = width - style.FramePadding.x * 2.0f;
  const float height = wraps ? std::max(min_height, ImGui::CalcTextSize(label, nullptr, true, wrap_width).y +
                                                        style.FramePadding.y * 2.0f)
                             : min_height;
  wrap_if_past_edge(width);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (kind == ButtonKind::secondary) {
    ImGui::PushStyleColor(ImGuiCol_Button, palette().card);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette().card_hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette().card_border);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().switch_knob);
  }
  bool clicked = ImGui::Button(imgui_id(wraps ? "" : label, path).c_str(), ImVec2(width, height));
  if (wraps) {
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                        ImVec2(origin.x + style.FramePadding.x, origin.y + style.FramePadding.y),
                                        ImGui::GetColorU32(ImGuiCol_Text), label, nullptr, wrap_width);
  }
  ImGui::PopStyleColor(kind == ButtonKind::secondary ? 3 : 1);
  describe(path, "button", label);
  hand_cursor_when_hovered();
  return clicked;
}

bool row_button(const char* path, const char* label, int index, int count, ButtonKind kind, float max_width_css) {
  const float s = scale();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  if (index > 0) ImGui::SameLine(0.0f, spacing);
  // The row's width is measured at its first button, so every button gets the same share.
  static float row_width = 0.0f;
  if (index == 0) row_width = ImGui::GetContentRegionAvail().x;
  const float share = (row_width - spacing * static_cast<float>(count - 1)) / static_cast<float>(std::max(count, 1));
  const float width = std::max(kTouchTarget * s, std::min(share, max_width_css * s));
  if (kind == ButtonKind::secondary) {
    ImGui::PushStyleColor(ImGuiCol_Button, palette().card);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette().card_hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette().card_border);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().switch_knob);
  }
  const bool clicked = ImGui::Button(imgui_id(label, path).c_str(), ImVec2(width, kTouchTarget * s));
  ImGui::PopStyleColor(kind == ButtonKind::secondary ? 3 : 1);
  describe(path, "button", label);
  hand_cursor_when_hovered();
  return clicked;
}

bool choice_chip(const char* path, const char* label, bool selected) {
  const float s = scale();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float height = kTouchTarget * s;
  const ImVec2 text_size = ImGui::CalcTextSize(label, nullptr, true);
  const float width = std::min(row_width(), std::max(height * 1.5f, text_size.x + style.FramePadding.x * 2.0f));
  wrap_if_past_edge(width);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(imgui_id(label, path).c_str(), ImVec2(width, height));
  describe(path, "radio", label);
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(selected);
  hand_cursor_when_hovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  const float rounding = height * 0.5f;
  const ImU32 fill = selected ? palette().accent : ImGui::IsItemHovered() ? palette().card_hovered : palette().card;
  draw->AddRectFilled(origin, end, fill, rounding);
  draw->AddRect(origin, end, selected ? palette().accent : ImGui::GetColorU32(ImGuiCol_Border), rounding, 0,
                palette().border_width * s);
  draw->AddText(ImVec2(origin.x + (width - text_size.x) * 0.5f, origin.y + (height - ImGui::GetFontSize()) * 0.5f),
                selected ? palette().switch_knob : ImGui::GetColorU32(ImGuiCol_Text), label);
  return clicked;
}

namespace {

// The width of the widest word of `text` in the current font: a line cannot be narrower without breaking it.
float widest_word(const char* text) {
  float widest = 0.0f;
  const char* word = text;
  for (const char* c = text;; ++c) {
    if (*c == ' ' || *c == '\0') {
      widest = std::max(widest, ImGui::CalcTextSize(word, c).x);
      if (*c == '\0') break;
      word = c + 1;
    }
  }
  return widest;
}

}  // namespace

bool toggle(const char* path, const char* label, bool* value) {
  const float s = scale();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  const float track_w = 46.0f * s, track_h = 26.0f * s;
  // The label wraps in the space left of the switch, and the row grows with it. When even one of its words does
  // not fit there (large text on a phone), the label takes the whole row and the switch goes under it.
  const float beside_width = std::max(1.0f, width - track_w - style.ItemInnerSpacing.x * 2.0f);
  const bool stacked = widest_word(label) > beside_width;
  const float label_width = stacked ? width : beside_width;
  const float label_height = ImGui::CalcTextSize(label, nullptr, false, label_width).y;
  const float height = stacked ? label_height + style.ItemInnerSpacing.y + std::max(track_h, kTouchTarget * s * 0.75f) +
                                     style.FramePadding.y
                               : std::max(kTouchTarget * s, label_height + style.FramePadding.y * 2.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  bool clicked = ImGui::InvisibleButton(imgui_id(label, path).c_str(), ImVec2(width, height));
  if (clicked) *value = !*value;
  describe(path, "checkbox", label);
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(*value);
  hand_cursor_when_hovered();
  // InvisibleButton draws nothing, not even the keyboard focus ring: draw it, so Tab shows where focus is.
  ImGui::RenderNavHighlight(ImRect(origin, ImVec2(origin.x + width, origin.y + height)), ImGui::GetItemID());

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float text_y = stacked ? origin.y : origin.y + (height - label_height) * 0.5f;
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(origin.x, text_y), ImGui::GetColorU32(ImGuiCol_Text),
                label, nullptr, label_width);
  const float track_y =
      stacked ? origin.y + label_height + style.ItemInnerSpacing.y : origin.y + (height - track_h) * 0.5f;
  const ImVec2 track_min(origin.x + width - track_w, track_y);
  const ImVec2 track_max(track_min.x + track_w, track_min.y + track_h);
  draw->AddRectFilled(track_min, track_max, *value ? palette().accent : palette().switch_off, track_h * 0.5f);
  const float knob_r = track_h * 0.5f - 3.0f * s;
  const float knob_x = *value ? track_max.x - track_h * 0.5f : track_min.x + track_h * 0.5f;
  draw->AddCircleFilled(ImVec2(knob_x, track_min.y + track_h * 0.5f), knob_r, palette().switch_knob);
  return clicked;
}

namespace {

int resize_string(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* text = static_cast<std::string*>(data->UserData);
    text->resize(static_cast<std::size_t>(data->BufTextLen));
    data->Buf = text->data();
  }
  return 0;
}

}  // namespace

namespace {

// The text field that was being edited when last drawn, and the keyboard it asks for (see active_text_mode()).
ImGuiID edited_field = 0;
TextMode edited_field_mode = TextMode::text;

}  // namespace

TextMode active_text_mode() {
  // Only while that field is still ImGui's active item: once it is left (or no longer drawn) it asks for nothing.
  return edited_field != 0 && ImGui::GetActiveID() == edited_field ? edited_field_mode : TextMode::text;
}

bool text_field(const char* path, const char* label, const char* hint, std::string* value, bool secret,
                TextMode mode) {
  const float s = scale();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(label);
  // A hint longer than the field (large text on a phone) would be cut off inside it: it is shown in full under
  // the label instead.
  const float field_width = ImGui::GetContentRegionAvail().x;
  const bool hint_fits = ImGui::CalcTextSize(hint).x + ImGui::GetStyle().FramePadding.x * 2.0f <= field_width;
  if (!hint_fits) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().text_secondary);
    ImGui::TextUnformatted(hint);
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  ImGui::SetNextItemWidth(field_width);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(ImGui::GetStyle().FramePadding.x, (kTouchTarget * s - ImGui::GetFontSize()) * 0.5f));
  bool changed = ImGui::InputTextWithHint(imgui_id("", path).c_str(), hint_fits ? hint : "", value->data(),
                                          value->capacity() + 1,
                                          ImGuiInputTextFlags_CallbackResize | (secret ? ImGuiInputTextFlags_Password : 0),
                                          resize_string, value);
  ImGui::PopStyleVar();
  if (ImGui::IsItemActive()) {
    edited_field = ImGui::GetItemID();
    edited_field_mode = mode;
  }
  describe(path, "textbox", label);
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_value(*value);
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  return changed;
}

bool card(const char* path, const char* title, const char* text, const char* tag) {
  const float s = scale();
  const float padding = 16.0f * s;
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = width - padding * 2.0f;
  ImFont* heading_font = fonts::heading();
  const float title_size = heading_font->FontSize * 0.8f;  // titles use the bold face at a smaller size
  // A long title wraps (large text, narrow phones); one that overshoots by a hair may reach into the right padding
  // instead of leaving a single word on a line of its own.
  const float title_wrap = wrap + padding * 0.5f;
  const float title_h = heading_font->CalcTextSizeA(title_size, FLT_MAX, title_wrap, title).y;
  const bool has_text = text[0] != '\0';
  const float text_h = has_text ? ImGui::CalcTextSize(text, nullptr, false, wrap).y + 8.0f * s : 0.0f;
  const float tag_h = ImGui::GetFontSize();
  const float height = std::max(kTouchTarget * s, padding * 2.0f + title_h + 6.0f * s + text_h + tag_h);
  const ImVec2 origin = ImGui::GetCursorScreenPos();

  bool clicked = ImGui::InvisibleButton(imgui_id(title, path).c_str(), ImVec2(width, height));
  describe(path, "listitem", title);
  hand_cursor_when_hovered();
  const bool hovered = ImGui::IsItemHovered();

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  const float rounding = 14.0f * s;
  draw->AddRectFilled(origin, end, hovered ? palette().card_hovered : palette().card, rounding);
  draw->AddRect(origin, end, palette().card_border, rounding, 0, palette().border_width * s);
  ImGui::RenderNavHighlight(ImRect(origin, end), ImGui::GetItemID());
  ImVec2 cursor(origin.x + padding, origin.y + padding);
  draw->AddText(heading_font, title_size, cursor, ImGui::GetColorU32(ImGuiCol_Text), title, nullptr, title_wrap);
  cursor.y += title_h + 6.0f * s;
  if (has_text) {
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), cursor, palette().text_secondary, text, nullptr, wrap);
    cursor.y += text_h;
  }
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f, cursor, palette().accent, tag);
  return clicked;
}

namespace {

// A full-width card that is one control (a choice, a tick box): its invisible button, its listing (role `role`,
// checked while `selected`), and its frame, outlined in the accent while `selected`. Returns whether it was
// clicked; the caller draws the content from `origin`.
bool card_control(const char* path, const char* role, const char* label, bool selected, float height, ImVec2& origin) {
  const float s = scale();
  const float width = ImGui::GetContentRegionAvail().x;
  origin = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(imgui_id(label, path).c_str(), ImVec2(width, height));
  describe(path, role, label);
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(selected);
  hand_cursor_when_hovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  const float rounding = 12.0f * s;
  draw->AddRectFilled(origin, end, ImGui::IsItemHovered() ? palette().card_hovered : palette().card, rounding);
  draw->AddRect(origin, end, selected ? palette().accent : palette().card_border, rounding, 0,
                (selected ? 3.0f : palette().border_width) * s);
  ImGui::RenderNavHighlight(ImRect(origin, end), ImGui::GetItemID());
  return clicked;
}

}  // namespace

bool option(const char* path, const char* label, bool selected) {
  const float s = scale();
  const float padding = 14.0f * s;
  const float wrap = ImGui::GetContentRegionAvail().x - padding * 2.0f;
  const float height = std::max(kTouchTarget * s, ImGui::CalcTextSize(label, nullptr, false, wrap).y + padding * 2.0f);
  ImVec2 origin;
  const bool clicked = card_control(path, "radio", label, selected, height, origin);
  ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                      ImVec2(origin.x + padding, origin.y + padding), ImGui::GetColorU32(ImGuiCol_Text),
                                      label, nullptr, wrap);
  return clicked;
}

namespace {

bool dark_surface() {
  const ImVec4 card = ImGui::ColorConvertU32ToFloat4(palette().card);
  return card.x + card.y + card.z < 1.5f;
}

// The marks' colours: saturated enough to read as green / red / amber on the card colour of either theme (text on
// a marked row stays the theme's text colour; only borders, icons, captions and a light tint carry the mark).
ImU32 mark_colour(Mark mark, float alpha = 1.0f) {
  const bool dark = dark_surface();
  ImVec4 colour;
  switch (mark) {
    case Mark::right: colour = dark ? ImVec4(0.37f, 0.82f, 0.53f, 1) : ImVec4(0.09f, 0.50f, 0.29f, 1); break;
    case Mark::wrong: colour = dark ? ImVec4(0.97f, 0.48f, 0.46f, 1) : ImVec4(0.77f, 0.19f, 0.19f, 1); break;
    case Mark::partial: colour = dark ? ImVec4(0.98f, 0.75f, 0.30f, 1) : ImVec4(0.66f, 0.38f, 0.02f, 1); break;
    case Mark::none: return palette().card_border;
  }
  colour.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(colour);
}

// A disc in the mark's colour with a white tick (right), cross (wrong) or dash (partly right) in it. Drawn, not
// typed: the embedded fonts have no ✓ or ✗.
void draw_mark_icon(ImDrawList* draw, ImVec2 centre, float radius, Mark mark) {
  if (mark == Mark::none) return;
  draw->AddCircleFilled(centre, radius, mark_colour(mark), 32);
  const float r = radius * 0.45f;
  const float thickness = std::max(1.5f, radius * 0.22f);
  const ImU32 ink = IM_COL32_WHITE;
  if (mark == Mark::right) {
    const ImVec2 points[3] = {ImVec2(centre.x - r, centre.y + r * 0.05f), ImVec2(centre.x - r * 0.3f, centre.y + r * 0.7f),
                              ImVec2(centre.x + r, centre.y - r * 0.6f)};
    draw->AddPolyline(points, 3, ink, 0, thickness);
  } else if (mark == Mark::wrong) {
    draw->AddLine(ImVec2(centre.x - r * 0.8f, centre.y - r * 0.8f), ImVec2(centre.x + r * 0.8f, centre.y + r * 0.8f), ink, thickness);
    draw->AddLine(ImVec2(centre.x + r * 0.8f, centre.y - r * 0.8f), ImVec2(centre.x - r * 0.8f, centre.y + r * 0.8f), ink, thickness);
  } else {
    draw->AddLine(ImVec2(centre.x - r, centre.y), ImVec2(centre.x + r, centre.y), ink, thickness);
  }
}

// The tick box of a "tick all that apply" row: an outlined rounded square, filled with a white tick when ticked.
void draw_tick_box(ImDrawList* draw, ImVec2 min, float size, bool ticked, ImU32 fill) {
  const float s = scale();
  const ImVec2 max(min.x + size, min.y + size);
  if (ticked) {
    draw->AddRectFilled(min, max, fill, 6.0f * s);
    const ImVec2 points[3] = {ImVec2(min.x + size * 0.24f, min.y + size * 0.52f),
                              ImVec2(min.x + size * 0.43f, min.y + size * 0.71f),
                              ImVec2(min.x + size * 0.77f, min.y + size * 0.31f)};
    draw->AddPolyline(points, 3, palette().switch_knob, 0, 2.5f * s);
  } else {
    draw->AddRectFilled(min, max, palette().card, 6.0f * s);
    draw->AddRect(min, max, palette().text_secondary, 6.0f * s, 0, 1.5f * s);
  }
}

// The dot of a one-answer row: a ring, with a filled centre when chosen.
void draw_radio_dot(ImDrawList* draw, ImVec2 centre, float radius, bool chosen, ImU32 colour) {
  const float s = scale();
  draw->AddCircle(centre, radius, chosen ? colour : palette().text_secondary, 24, 1.5f * s);
  if (chosen) draw->AddCircleFilled(centre, radius * 0.55f, colour, 24);
}

// A widget that shows and is listed but cannot be pressed or reached with Tab (a checked answer): the item is
// disabled for ImGui (no hover, no click, no keyboard focus) without ImGui's faded disabled look.
void read_only_item(const char* path, const char* role, const char* label, ImVec2 size) {
  ImGui::PushItemFlag(ImGuiItemFlags_Disabled, true);
  ImGui::InvisibleButton(imgui_id(label, path).c_str(), ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
  ImGui::PopItemFlag();
  describe(path, role, label);
}

float caption_size() { return ImGui::GetFontSize() * 0.85f; }

}  // namespace

bool tick_option(const char* path, const char* label, bool ticked) {
  const float s = scale();
  const float padding = 14.0f * s;
  const float box = 24.0f * s;
  const float text_x = padding + box + 12.0f * s;
  const float wrap = ImGui::GetContentRegionAvail().x - text_x - padding;
  const float text_h = ImGui::CalcTextSize(label, nullptr, false, wrap).y;
  const float height = std::max(kTouchTarget * s, text_h + padding * 2.0f);
  ImVec2 origin;
  const bool clicked = card_control(path, "checkbox", label, ticked, height, origin);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw_tick_box(draw, ImVec2(origin.x + padding, origin.y + (height - box) * 0.5f), box, ticked, palette().accent);
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(origin.x + text_x, origin.y + (height - text_h) * 0.5f),
                ImGui::GetColorU32(ImGuiCol_Text), label, nullptr, wrap);
  return clicked;
}

namespace {

ImVec2 chip_size(const char* label) {
  const float s = scale();
  return ImVec2(std::max(kTouchTarget * s * 1.5f, ImGui::CalcTextSize(label).x + 36.0f * s), kTouchTarget * s);
}

}  // namespace

bool chip(const char* path, const char* label, bool selected) {
  const ImVec2 size = chip_size(label);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(imgui_id(label, path).c_str(), size);
  describe(path, "radio", label);
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(selected);
  hand_cursor_when_hovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + size.x, origin.y + size.y);
  const float rounding = size.y * 0.5f;
  if (selected) {
    draw->AddRectFilled(origin, end, palette().accent, rounding);
  } else {
    draw->AddRectFilled(origin, end, ImGui::IsItemHovered() ? palette().card_hovered : palette().card, rounding);
    draw->AddRect(origin, end, palette().card_border, rounding, 0, 1.5f * scale());
  }
  ImGui::RenderNavHighlight(ImRect(origin, end), ImGui::GetItemID());
  const ImVec2 text = ImGui::CalcTextSize(label);
  draw->AddText(ImVec2(origin.x + (size.x - text.x) * 0.5f, origin.y + (size.y - text.y) * 0.5f),
                selected ? palette().switch_knob : ImGui::GetColorU32(ImGuiCol_Text), label);
  return clicked;
}

void chip_row_next(const char* next_label) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + chip_size(next_label).x <= right_edge) ImGui::SameLine(0.0f, spacing);
}

void marked_option(const char* path, const char* role, const char* label, bool checked, Mark mark,
                   const char* caption, const char* feedback) {
  const float s = scale();
  const float padding = 14.0f * s;
  const float indicator = 24.0f * s;
  const float icon_radius = 12.0f * s;
  const float width = ImGui::GetContentRegionAvail().x;
  const float text_x = padding + indicator + 12.0f * s;
  const float wrap = width - text_x - padding - (mark != Mark::none ? icon_radius * 2.0f + 10.0f * s : 0.0f);
  const bool has_caption = caption && caption[0];
  const bool has_feedback = feedback && feedback[0];
  ImFont* font = ImGui::GetFont();
  const float label_h = ImGui::CalcTextSize(label, nullptr, false, wrap).y;
  const float caption_h = has_caption ? font->CalcTextSizeA(caption_size(), FLT_MAX, wrap, caption).y : 0.0f;
  const float feedback_h = has_feedback ? ImGui::CalcTextSize(feedback, nullptr, false, wrap).y : 0.0f;
  const float gap = 4.0f * s;
  const float content_h = label_h + (has_caption ? gap + caption_h : 0.0f) + (has_feedback ? gap * 2.0f + feedback_h : 0.0f);
  const float height = std::max(kTouchTarget * s, content_h + padding * 2.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  read_only_item(path, role, label, ImVec2(width, height));
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(checked);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  const float rounding = 12.0f * s;
  draw->AddRectFilled(origin, end, palette().card, rounding);
  if (mark != Mark::none) {
    draw->AddRectFilled(origin, end, mark_colour(mark, dark_surface() ? 0.14f : 0.08f), rounding);
    draw->AddRect(origin, end, mark_colour(mark), rounding, 0, (checked ? 3.0f : 2.0f) * s);
  } else {
    draw->AddRect(origin, end, palette().card_border, rounding, 0, 1.0f * s);
  }
  // The learner's own pick, as they left it: a tick box or a radio dot, in the mark's colour when marked.
  const ImU32 pick_colour = mark != Mark::none ? mark_colour(mark) : palette().text_secondary;
  const float first_line_centre = origin.y + padding + ImGui::GetFontSize() * 0.5f;
  if (std::string(role) == "checkbox") {
    draw_tick_box(draw, ImVec2(origin.x + padding, first_line_centre - indicator * 0.5f), indicator, checked, pick_colour);
  } else {
    draw_radio_dot(draw, ImVec2(origin.x + padding + indicator * 0.5f, first_line_centre), indicator * 0.45f, checked,
                   pick_colour);
  }
  ImVec2 cursor(origin.x + text_x, origin.y + padding);
  const ImU32 label_colour = mark == Mark::none ? palette().text_secondary : ImGui::GetColorU32(ImGuiCol_Text);
  draw->AddText(font, ImGui::GetFontSize(), cursor, label_colour, label, nullptr, wrap);
  cursor.y += label_h;
  if (has_caption) {
    cursor.y += gap;
    draw->AddText(fonts::heading(), caption_size(), cursor, mark == Mark::none ? palette().text_secondary : mark_colour(mark), caption,
                  nullptr, wrap);
    cursor.y += caption_h;
  }
  if (has_feedback) {
    cursor.y += gap * 2.0f;
    draw->AddText(font, ImGui::GetFontSize(), cursor, ImGui::GetColorU32(ImGuiCol_Text), feedback, nullptr, wrap);
  }
  draw_mark_icon(draw, ImVec2(end.x - padding - icon_radius, first_line_centre), icon_radius, mark);
  // The feedback is listed too (over the row), so tests and screen readers can find it with its choice.
  if (has_feedback) {
    if (ItemRegistry* registry = current_item_registry()) {
      registry->add_static_last_item((std::string(path) + "/feedback").c_str(), "text", feedback);
    }
  }
}

void marked_text(const char* path, const char* label, const std::string& value, Mark mark, const char* note) {
  const float s = scale();
  ImGui::TextUnformatted(label);
  const float padding_x = ImGui::GetStyle().FramePadding.x;
  const float icon_radius = 12.0f * s;
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = width - padding_x * 3.0f - icon_radius * 2.0f;
  const char* shown = value.empty() ? "(left empty)" : value.c_str();
  const float text_h = ImGui::CalcTextSize(shown, nullptr, false, wrap).y;
  const float height = std::max(kTouchTarget * s, text_h + (kTouchTarget * s - ImGui::GetFontSize()));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  read_only_item(path, "textbox", label, ImVec2(width, height));
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_value(value);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  const float rounding = ImGui::GetStyle().FrameRounding;
  draw->AddRectFilled(origin, end, palette().card, rounding);
  draw->AddRectFilled(origin, end, mark_colour(mark, mark == Mark::none ? 0.0f : dark_surface() ? 0.14f : 0.08f), rounding);
  draw->AddRect(origin, end, mark_colour(mark), rounding, 0, (mark == Mark::none ? 1.0f : 2.0f) * s);
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(origin.x + padding_x, origin.y + (height - text_h) * 0.5f),
                value.empty() ? palette().text_secondary : ImGui::GetColorU32(ImGuiCol_Text), shown, nullptr, wrap);
  draw_mark_icon(draw, ImVec2(end.x - padding_x - icon_radius, origin.y + height * 0.5f), icon_radius, mark);
  if (note && note[0]) {
    ImGui::PushStyleColor(ImGuiCol_Text, mark == Mark::none ? palette().text_secondary : mark_colour(mark));
    ImGui::TextWrapped("%s", note);
    ImGui::PopStyleColor();
    if (ItemRegistry* registry = current_item_registry()) {
      registry->add_static_last_item((std::string(path) + "/note").c_str(), "text", note);
    }
  }
}

namespace {

// begin_panel's start, for end_panel's minimum height (panels do not nest).
float panel_start_y = 0.0f;
float panel_min_height = 0.0f;

}  // namespace

void begin_panel(const char* path, float min_height_css) {
  const float s = scale();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24.0f * s, 24.0f * s));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 16.0f * s);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 1.0f * s);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().card);
  ImGui::PushStyleColor(ImGuiCol_Border, palette().card_border);
  // Sized to its content (AutoResizeY); it never scrolls itself, so the wheel and drags scroll the screen.
  ImGui::BeginChild(path, ImVec2(ImGui::GetContentRegionAvail().x, 0.0f),
                    ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(3);
  panel_start_y = ImGui::GetCursorPosY();
  panel_min_height = min_height_css * s;
}

void end_panel() {
  const float used = ImGui::GetCursorPosY() - panel_start_y;
  if (used < panel_min_height) ImGui::Dummy(ImVec2(1.0f, panel_min_height - used));
  ImGui::EndChild();
}

void divider() {
  const float s = scale();
  ImGui::Dummy(ImVec2(1.0f, 4.0f * s));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::GetWindowDrawList()->AddLine(origin, ImVec2(origin.x + width, origin.y), palette().card_border, 1.0f * s);
  ImGui::Dummy(ImVec2(width, 4.0f * s));
}

bool option_chip(const char* path, const char* label, bool selected, float fixed_width) {
  const float s = scale();
  const float height = kTouchTarget * s;
  const float width = fixed_width > 0.0f ? fixed_width : std::max(height * 1.6f, ImGui::CalcTextSize(label).x + 32.0f * s);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(imgui_id(label, path).c_str(), ImVec2(width, height));
  describe(path, "radio", label);
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(selected);
  hand_cursor_when_hovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  const ImU32 fill = selected ? palette().accent : ImGui::IsItemHovered() ? palette().card_hovered : palette().card;
  draw->AddRectFilled(origin, end, fill, height * 0.5f);
  draw->AddRect(origin, end, selected ? palette().accent : palette().card_border, height * 0.5f, 0, 1.0f * s);
  ImGui::RenderNavHighlight(ImRect(origin, end), ImGui::GetItemID());
  const ImVec2 text = ImGui::CalcTextSize(label);
  draw->AddText(ImVec2(origin.x + (width - text.x) * 0.5f, origin.y + (height - text.y) * 0.5f),
                selected ? palette().switch_knob : ImGui::GetColorU32(ImGuiCol_Text), label);
  return clicked;
}

void banner(const char* path, const char* text, BannerKind kind) {
  const float s = scale();
  const float padding = 12.0f * s;
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = width - padding * 2.0f;
  const float height = ImGui::CalcTextSize(text, nullptr, false, wrap).y + padding * 2.0f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  if (ItemRegistry* registry = current_item_registry()) registry->add_static_last_item(path, "alert", text);
  ImU32 fill = 0;
  switch (kind) {
    case BannerKind::info: fill = IM_COL32(59, 130, 246, 40); break;
    case BannerKind::warning: fill = IM_COL32(245, 158, 11, 60); break;
    case BannerKind::error: fill = IM_COL32(239, 68, 68, 60); break;
    case BannerKind::success: fill = IM_COL32(34, 197, 94, 50); break;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), fill, 10.0f * s);
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(origin.x + padding, origin.y + padding),
                ImGui::GetColorU32(ImGuiCol_Text), text, nullptr, wrap);
}

namespace {

// Calm, distinguishable hues that keep white text readable (contrast >= 4.5:1 on each).
constexpr ImU32 kAvatarColours[kAvatarCount] = {
    IM_COL32(37, 99, 235, 255),  IM_COL32(5, 122, 85, 255),   IM_COL32(180, 83, 9, 255),  IM_COL32(147, 51, 234, 255),
    IM_COL32(190, 24, 93, 255),  IM_COL32(14, 116, 144, 255), IM_COL32(75, 85, 99, 255),  IM_COL32(185, 28, 28, 255)};

void draw_avatar(ImDrawList* draw, ImVec2 centre, float radius, const char* name, int index) {
  draw->AddCircleFilled(centre, radius, kAvatarColours[((index % kAvatarCount) + kAvatarCount) % kAvatarCount], 40);
  // The first character (a whole UTF-8 sequence), upper-cased when it is ASCII.
  char initial[8] = {0};
  const unsigned char first = static_cast<unsigned char>(name[0]);
  const int length = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
  for (int i = 0; i < length && name[i]; ++i) initial[i] = name[i];
  if (initial[0] >= 'a' && initial[0] <= 'z') initial[0] = static_cast<char>(initial[0] - 'a' + 'A');
  ImFont* font = fonts::heading();
  const float size = radius * 1.1f;
  const ImVec2 text = font->CalcTextSizeA(size, FLT_MAX, 0.0f, initial);
  draw->AddText(font, size, ImVec2(centre.x - text.x * 0.5f, centre.y - text.y * 0.5f), IM_COL32_WHITE, initial);
}

}  // namespace

void avatar(const char* name, int index, float diameter_css) {
  const float diameter = diameter_css * scale();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(diameter, diameter));
  draw_avatar(ImGui::GetWindowDrawList(), ImVec2(origin.x + diameter * 0.5f, origin.y + diameter * 0.5f),
              diameter * 0.5f, name[0] ? name : "?", index);
}

bool avatar_choice(const char* path, const char* name, int index, bool selected) {
  const float size = kTouchTarget * 1.2f * scale();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const std::string label = "Colour " + std::to_string(index + 1);
  const bool clicked = ImGui::InvisibleButton(imgui_id(label.c_str(), path).c_str(), ImVec2(size, size));
  describe(path, "radio", label.c_str());
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(selected);
  hand_cursor_when_hovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 centre(origin.x + size * 0.5f, origin.y + size * 0.5f);
  if (selected) draw->AddCircle(centre, size * 0.5f - 1.0f, palette().accent, 40, 3.0f * scale());
  draw_avatar(draw, centre, size * 0.5f - 6.0f * scale(), name[0] ? name : "?", index);
  ImGui::RenderNavHighlight(ImRect(origin, ImVec2(origin.x + size, origin.y + size)), ImGui::GetItemID());
  return clicked;
}

}  // namespace pathwise::client::ui
