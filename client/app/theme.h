// The look: calm colours, rounded panels, generous spacing, and a high-contrast theme for low vision. Sizes are
// CSS pixels times the layout scale (the device pixel ratio times the text size, app/preferences.h).
#pragma once

#include <imgui.h>

#include "app/preferences.h"

namespace pathwise::client {

// Replaces ImGui's style with `theme` at `scale` (physical pixels per CSS pixel, times the text size).
void apply_theme(ThemeName theme, float scale);

// Colours the app draws with itself (cards, secondary text), matching the active theme.
struct Palette {
  ImU32 card;
  ImU32 card_hovered;
  ImU32 card_border;
  ImU32 accent;
  ImU32 text_secondary;
  ImU32 switch_off;
  ImU32 switch_knob;
  ImU32 focus_ring;
  float border_width = 1.0f;  // CSS pixels: cards, options, fields (thicker in high contrast)
  float focus_width = 3.0f;   // CSS pixels: the keyboard focus ring
};
const Palette& palette();

// The keyboard focus ring, thick and in the theme's focus colour, around the item keyboard navigation is on
// (ImGui's own is 2 physical pixels: a hairline at DPR 3). Call once per frame after the screen's window ended.
// Nothing is drawn while the mouse or touch was used last.
void draw_focus_ring(float scale);

// The minimum size of anything the user taps, in CSS pixels (WCAG 2.5.5 and Apple's HIG both say 44).
inline constexpr float kTouchTarget = 44.0f;

}  // namespace pathwise::client
