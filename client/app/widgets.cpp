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
  const float height = kTouchTarget * scale();
  const ImVec2 text_size = ImGui::CalcTextSize(label, nullptr, true);
  const float width = std::max(height * 2.0f, text_size.x + ImGui::GetStyle().FramePadding.x * 2.0f);
  if (kind == ButtonKind::secondary) {
    ImGui::PushStyleColor(ImGuiCol_Button, palette().card);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette().card_hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette().card_border);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().switch_knob);
  }
  bool clicked = ImGui::Button(imgui_id(label, path).c_str(), ImVec2(width, height));
  ImGui::PopStyleColor(kind == ButtonKind::secondary ? 3 : 1);
  describe(path, "button", label);
  hand_cursor_when_hovered();
  return clicked;
}

bool toggle(const char* path, const char* label, bool* value) {
  const float s = scale();
  const float height = kTouchTarget * s;
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  bool clicked = ImGui::InvisibleButton(imgui_id(label, path).c_str(), ImVec2(width, height));
  if (clicked) *value = !*value;
  describe(path, "checkbox", label);
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(*value);
  hand_cursor_when_hovered();
  // InvisibleButton draws nothing, not even the keyboard focus ring: draw it, so Tab shows where focus is.
  ImGui::RenderNavHighlight(ImRect(origin, ImVec2(origin.x + width, origin.y + height)), ImGui::GetItemID());

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float text_y = origin.y + (height - ImGui::GetFontSize()) * 0.5f;
  draw->AddText(ImVec2(origin.x, text_y), ImGui::GetColorU32(ImGuiCol_Text), label);
  const float track_w = 46.0f * s, track_h = 26.0f * s;
  const ImVec2 track_min(origin.x + width - track_w, origin.y + (height - track_h) * 0.5f);
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

bool text_field(const char* path, const char* label, const char* hint, std::string* value, bool secret) {
  const float s = scale();
  ImGui::TextUnformatted(label);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(ImGui::GetStyle().FramePadding.x, (kTouchTarget * s - ImGui::GetFontSize()) * 0.5f));
  bool changed = ImGui::InputTextWithHint(imgui_id("", path).c_str(), hint, value->data(), value->capacity() + 1,
                                          ImGuiInputTextFlags_CallbackResize | (secret ? ImGuiInputTextFlags_Password : 0),
                                          resize_string, value);
  ImGui::PopStyleVar();
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
  const float title_h = heading_font->FontSize * 0.8f;  // titles use the bold face at a smaller size
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
  draw->AddRect(origin, end, palette().card_border, rounding, 0, 1.0f * s);
  ImGui::RenderNavHighlight(ImRect(origin, end), ImGui::GetItemID());
  ImVec2 cursor(origin.x + padding, origin.y + padding);
  draw->AddText(heading_font, title_h, cursor, ImGui::GetColorU32(ImGuiCol_Text), title);
  cursor.y += title_h + 6.0f * s;
  if (has_text) {
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), cursor, palette().text_secondary, text, nullptr, wrap);
    cursor.y += text_h;
  }
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f, cursor, palette().accent, tag);
  return clicked;
}

bool option(const char* path, const char* label, bool selected) {
  const float s = scale();
  const float padding = 14.0f * s;
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = width - padding * 2.0f;
  const float height = std::max(kTouchTarget * s, ImGui::CalcTextSize(label, nullptr, false, wrap).y + padding * 2.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(imgui_id(label, path).c_str(), ImVec2(width, height));
  describe(path, "radio", label);
  if (ItemRegistry* registry = current_item_registry()) registry->set_last_item_checked(selected);
  hand_cursor_when_hovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  const float rounding = 12.0f * s;
  draw->AddRectFilled(origin, end, ImGui::IsItemHovered() ? palette().card_hovered : palette().card, rounding);
  draw->AddRect(origin, end, selected ? palette().accent : palette().card_border, rounding, 0, (selected ? 3.0f : 1.0f) * s);
  ImGui::RenderNavHighlight(ImRect(origin, end), ImGui::GetItemID());
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(origin.x + padding, origin.y + padding),
                ImGui::GetColorU32(ImGuiCol_Text), label, nullptr, wrap);
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
