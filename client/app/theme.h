// The look: calm colours, rounded panels, generous spacing. Sizes are CSS pixels times the UI scale.
#pragma once

#include <imgui.h>

#include "app/app.h"

namespace pathwise::client {

// Replaces ImGui's style with the named theme at the given scale (physical pixels per CSS pixel).
void apply_theme(ThemeName theme, float ui_scale);

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
};
const Palette& palette();

// The minimum size of anything the user taps, in CSS pixels (WCAG 2.5.5 and Apple's HIG both say 44).
inline constexpr float kTouchTarget = 44.0f;

}  // namespace pathwise::client
