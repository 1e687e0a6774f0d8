#include "app/theme.h"

#include <imgui_internal.h>

namespace pathwise::client {

namespace {

Palette active_palette{};

ImVec4 rgb(int hex, float alpha = 1.0f) {
  return ImVec4(((hex >> 16) & 0xFF) / 255.0f, ((hex >> 8) & 0xFF) / 255.0f, (hex & 0xFF) / 255.0f, alpha);
}

ImU32 rgb32(int hex, float alpha = 1.0f) { return ImGui::ColorConvertFloat4ToU32(rgb(hex, alpha)); }

struct Colours {
  int background, surface, surface_hovered, border, field_border, text, text_secondary, accent, accent_hovered,
      accent_active, on_accent, field, field_hovered, switch_off, focus;
  float border_width, focus_width;  // CSS pixels
};

// WCAG 2.x contrast ratios of these palettes, from the relative-luminance formula, to two decimals (text needs
// 4.5:1 for AA and 7:1 for AAA; the outline of a control and the focus ring 3:1, WCAG 1.4.11):
//
// light                      text   secondary       dark                       text   secondary
//   on background F6F4EF    13.42    5.34            on background 14181F     14.62    7.83
//   on surface    FFFFFF    14.76    5.87            on surface    1E242D     12.82    6.86
//   on hovered    F0F4F8    13.35    5.31            on hovered    263140     10.81    5.79
//   on field hov. F3F1EC    13.07    5.20            on field hov. 222A35     11.89    6.37
//   button text on accent 5.67, hovered 7.66         button text on accent 8.17, hovered 9.62
//   accent text (card tags) on surface 5.67,         accent text on surface 7.54, hovered 6.36
//     hovered 5.13
//   text on the info / warning / error / success     text on the banners 12.00 / 9.26 / 11.24 / 10.29
//     banner tints 11.30 / 11.44 / 9.99 / 11.52
//   focus ring 1D4ED8 on background 6.10,            focus ring FFD166 on background 12.34, surface 10.82;
//     on surface 6.70; field and chip outline          field outline 6E7A8A on a field 3.75; switch track
//     7D8791 on surface 3.65, on background 3.32;      off 6B7788 on surface 3.43
//     switch track off 7B8794 on surface 3.66
//
// high contrast, white and yellow on black for low vision (AAA everywhere): text FFFFFF on black 21.00, on
// hovered 1A1A1A 17.40; secondary E6E6E6 16.83 and 13.94; button text 000000 on accent FFE14D 16.13, hovered
// 17.45; accent text on black 16.13, on hovered 13.37; text on the banner tints 14.52 and above; borders FFFFFF
// 21.00 at 2 CSS px; focus ring 3DF5FF on black 15.70 at 4 CSS px.
// (The focus ring is drawn 2 CSS px away from its control, so it stands against the background, not the button.)
constexpr Colours kLight{0xF6F4EF, 0xFFFFFF, 0xF0F4F8, 0xDAD6CE, 0x7D8791, 0x1F2933, 0x5B6670, 0x1F6F8B,
                         0x185A71, 0x124556,  0xFFFFFF, 0xFFFFFF, 0xF3F1EC, 0x7B8794, 0x1D4ED8, 1.0f, 3.0f};
constexpr Colours kDark{0x14181F, 0x1E242D, 0x263140, 0x394454, 0x6E7A8A, 0xE6E9EE, 0xA3ADB9, 0x5CC2D6,
                        0x7BD0E0, 0x9ADCE8,  0x0D1F26, 0x1A2029, 0x222A35, 0x6B7788, 0xFFD166, 1.0f, 3.0f};
constexpr Colours kHighContrast{0x000000, 0x000000, 0x1A1A1A, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xE6E6E6, 0xFFE14D,
                                0xFFEB80, 0xFFF2A8,  0x000000, 0x000000, 0x1A1A1A, 0x8C8C8C, 0x3DF5FF, 2.0f, 4.0f};

const Colours& colours_of(ThemeName theme) {
  switch (theme) {
    case ThemeName::light: return kLight;
    case ThemeName::dark: return kDark;
    case ThemeName::high_contrast: return kHighContrast;
  }
  return kLight;
}

}  // namespace

const Palette& palette() { return active_palette; }

void apply_theme(ThemeName theme, float scale) {
  const Colours& c = colours_of(theme);
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
  style.ScaleAllSizes(scale);
  style.FrameBorderSize = c.border_width * scale;  // ScaleAllSizes leaves borders at one physical pixel

  ImVec4* colors = style.Colors;
  colors[ImGuiCol_Text] = rgb(c.text);
  colors[ImGuiCol_TextDisabled] = rgb(c.text_secondary);
  colors[ImGuiCol_WindowBg] = rgb(c.background);
  colors[ImGuiCol_ChildBg] = rgb(c.surface);
  colors[ImGuiCol_PopupBg] = rgb(c.surface);
  colors[ImGuiCol_Border] = rgb(c.field_border);
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
  colors[ImGuiCol_Separator] = rgb(c.border);
  colors[ImGuiCol_ScrollbarBg] = rgb(c.background);
  colors[ImGuiCol_ScrollbarGrab] = rgb(c.field_border);
  colors[ImGuiCol_ScrollbarGrabHovered] = rgb(c.text_secondary);
  colors[ImGuiCol_ScrollbarGrabActive] = rgb(c.text_secondary);
  colors[ImGuiCol_TextSelectedBg] = rgb(c.accent, theme == ThemeName::high_contrast ? 0.45f : 0.30f);
  // ImGui's own ring is a hairline at high pixel ratios: draw_focus_ring draws the theme's instead.
  colors[ImGuiCol_NavHighlight] = rgb(c.focus, 0.0f);
  ImGui::GetStyle() = style;

  active_palette = Palette{rgb32(c.surface),        rgb32(c.surface_hovered), rgb32(c.border),
                           rgb32(c.accent),         rgb32(c.text_secondary),  rgb32(c.switch_off),
                           rgb32(c.on_accent),      rgb32(c.focus),           c.border_width,
                           c.focus_width};
}

void draw_focus_ring(float scale) {
  ImGuiContext& g = *GImGui;
  // The same conditions as ImGui's RenderNavHighlight: a keyboard-focused item drawn this frame.
  if (g.NavId == 0 || g.NavDisableHighlight || !g.NavIdIsAlive || !g.NavWindow || g.NavWindow->Hidden) return;
  ImGuiWindow* window = g.NavWindow;
  ImRect ring = ImGui::WindowRectRelToAbs(window, window->NavRectRel[g.NavLayer]);
  const float width = active_palette.focus_width * scale;
  const float gap = 2.0f * scale;  // the background shows between the control and its ring
  ring.Expand(gap + width * 0.5f);
  ImDrawList* draw = window->DrawList;
  draw->PushClipRect(window->InnerClipRect.Min, window->InnerClipRect.Max);
  draw->AddRect(ring.Min, ring.Max, active_palette.focus_ring, g.Style.FrameRounding + gap + width * 0.5f, 0, width);
  draw->PopClipRect();
}

}  // namespace pathwise::client
