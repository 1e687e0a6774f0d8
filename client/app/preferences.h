// How this device shows Pathwise: the theme, the text size, the dyslexia-friendly font and reduced motion. They
// belong to the device, not to a learner (a classroom tablet keeps its large text whoever opens it), and are
// kept in the browser's localStorage through Platform::save_display_preferences as a small JSON object:
//   {"version":1,"theme":"dark","text_size":150,"dyslexia_font":false,"reduced_motion":true}
// Nothing here draws; theme.h and fonts.h turn the preferences into ImGui's style and font atlas.
#pragma once

#include <string>
#include <string_view>

#include "app/platform.h"

namespace pathwise::client {

enum class ThemeName { light, dark, high_contrast };

// The text sizes offered, in percent of the designed size (WCAG 1.4.4 asks for 200 % without loss).
inline constexpr int kTextSizes[] = {100, 125, 150, 175, 200};

struct DisplayPreferences {
  ThemeName theme = ThemeName::light;
  int text_size = 100;          // percent: one of kTextSizes
  bool dyslexia_font = false;   // OpenDyslexic instead of Noto Sans
  bool reduced_motion = false;  // no animations (celebrations, transitions)

  // Multiplies font sizes and the whole layout (spacing, touch targets, the reading column).
  float text_scale() const { return static_cast<float>(text_size) / 100.0f; }
  bool operator==(const DisplayPreferences& other) const {
    return theme == other.theme && text_size == other.text_size && dyslexia_font == other.dyslexia_font &&
           reduced_motion == other.reduced_motion;
  }
  bool operator!=(const DisplayPreferences& other) const { return !(*this == other); }
};

// "light", "dark", "high_contrast": the names in the saved JSON and in the test hook's state().
const char* theme_name(ThemeName theme);

// What a device that never chose gets: the dark theme when it prefers a dark colour scheme, high contrast when
// it asks for more contrast (or forces its own colours), reduced motion when it asks for it.
DisplayPreferences default_display_preferences(const DisplayHints& hints);

// Reads what display_preferences_json wrote. Each field that is missing, of the wrong type or out of range (an
// unknown theme, a text size not offered) keeps its default from `hints`; text that is not JSON at all gives the
// defaults. Never fails.
DisplayPreferences parse_display_preferences(std::string_view text, const DisplayHints& hints);
std::string display_preferences_json(const DisplayPreferences& preferences);

// The preferences in effect, for code that has no App at hand (a widget, a renderer, a celebration). The App
// updates them whenever they change (set_active_display_preferences).
const DisplayPreferences& active_display_preferences();
void set_active_display_preferences(const DisplayPreferences& preferences);
// True when animations should not play: draw the end state at once instead.
inline bool reduced_motion() { return active_display_preferences().reduced_motion; }

}  // namespace pathwise::client
