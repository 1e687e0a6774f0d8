#include "app/theme.h"

namespace pathwise::client {

namespace {

Palette active_palette{};

ImVec4 rgb(int hex, float alpha = 1.0f) {
  return ImVec4(((hex >> 16) & 0xFF) / 255.0f, ((hex >> 8) & 0xFF) / 255.0f, (hex & 0xFF) / 255.0f, alpha);
}

ImU32 rgb32(int hex, float alpha = 1.0f) { return ImGui::ColorConvertFloat4ToU32(rgb(hex, alpha)); }

struct Colours {
  int background, surface, surface_hovered, border, text, text_secondary, accent, accent_hovered, accent_active,
      on_accent, field, field_hovered, switch_off;
};

constexpr Colours kLight{0xF6F4EF, 0xFFFFFF, 0xF0F4F8, 0xDAD6CE, 0x1F2933, 0x5B6670, 0x1F6F8B, 0x185A71, 0x124556,
                         0xFFFFFF, 0xFFFFFF, 0xF3F1EC, 0xC4C9CF};
constexpr Colours kDark{0x14181F, 0x1E242D, 0x263140, 0x394454, 0xE6E9EE, 0xA3ADB9, 0x5CC2D6, 0x7BD0E0, 0x9ADCE8,
                        0x0D1F26, 0x1A2029, 0x222A35, 0x4A5565};

}  // namespace

const Palette& palette() { return active_palette; }

void apply_theme(ThemeName theme, float ui_scale) {
  const Colours& c = theme == ThemeName::light ? kLight : kDark;
  ImGuiStyle style;
  style.WindowPadding = ImVec2(20, 20);
  style.FramePadding = ImVec2(14, 10);
  style.ItemSpacing = ImVec2(12, 12);
  style.ItemInnerSpacing = ImVec2(10, 8);
  style.ScrollbarSize = 14;
  style.WindowRounding = 0;
  style.ChildRounding = 12;
  style.FrameRounding = 10;
  style.PopupRounding = 10;
  style.GrabRounding = 10;
  style.ScrollbarRounding = 8;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 1;
  style.ScaleAllSizes(ui_scale);

  ImVec4* colors = style.Colors;
  colors[ImGuiCol_Text] = rgb(c.text);
  colors[ImGuiCol_TextDisabled] = rgb(c.text_secondary);
  colors[ImGuiCol_WindowBg] = rgb(c.background);
  colors[ImGuiCol_ChildBg] = rgb(c.surface);
  colors[ImGuiCol_PopupBg] = rgb(c.surface);
  colors[ImGuiCol_Border] = rgb(c.border);
  colors[ImGuiCol_BorderShadow] = rgb(0, 0.0f);
  colors[ImGuiCol_FrameBg] = rgb(c.field);
  colors[ImGuiCol_FrameBgHovered] = rgb(c.field_hovered);
  colors[ImGuiCol_FrameBgActive] = rgb(c.field);
  colors[ImGuiCol_Button] = rgb(c.accent);
  colors[ImGuiCol_ButtonHovered] = rgb(c.accent_hovered);
  colors[ImGuiCol_ButtonActive] = rgb(c.accent_active);
  colors[ImGuiCol_Header] = rgb(c.surface_hovered);
  colors[ImGuiCol_HeaderHovered] = rgb(c.surface_hovered);
  colors[ImGuiCol_HeaderActive] = rgb(c.surface_hovered);
  colors[ImGuiCol_CheckMark] = rgb(c.accent);
  colors[ImGuiCol_ScrollbarBg] = rgb(c.background);
  colors[ImGuiCol_ScrollbarGrab] = rgb(c.border);
  colors[ImGuiCol_ScrollbarGrabHovered] = rgb(c.text_secondary);
  colors[ImGuiCol_ScrollbarGrabActive] = rgb(c.text_secondary);
  colors[ImGuiCol_TextSelectedBg] = rgb(c.accent, 0.30f);
  colors[ImGuiCol_NavHighlight] = rgb(c.accent);
  ImGui::GetStyle() = style;

  active_palette = Palette{rgb32(c.surface),      rgb32(c.surface_hovered), rgb32(c.border),     rgb32(c.accent),
                           rgb32(c.text_secondary), rgb32(c.switch_off),    rgb32(c.on_accent), rgb32(c.accent)};
}

}  // namespace pathwise::client
