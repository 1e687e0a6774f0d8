#include "app/preferences.h"

#include <algorithm>
#include <iterator>

#include "content/json_document.h"

namespace pathwise::client {

namespace {

DisplayPreferences active;

// A stored preferences object is a few dozen bytes; anything much larger is not ours.
constexpr std::size_t kMaxStoredBytes = 4096;

}  // namespace

const char* theme_name(ThemeName theme) {
  switch (theme) {
    case ThemeName::light: return "light";
    case ThemeName::dark: return "dark";
    case ThemeName::high_contrast: return "high_contrast";
  }
  return "light";
}

DisplayPreferences default_display_preferences(const DisplayHints& hints) {
  DisplayPreferences preferences;
  if (hints.prefers_more_contrast) preferences.theme = ThemeName::high_contrast;
  else if (hints.prefers_dark) preferences.theme = ThemeName::dark;
  preferences.reduced_motion = hints.prefers_reduced_motion;
  return preferences;
}

DisplayPreferences parse_display_preferences(std::string_view text, const DisplayHints& hints) {
  DisplayPreferences preferences = default_display_preferences(hints);
  if (text.empty() || text.size() > kMaxStoredBytes) return preferences;
  json::Limits limits;
  limits.max_bytes = kMaxStoredBytes;
  limits.max_depth = 4;
  const json::Document document = json::parse(text, "display preferences", limits);
  if (!document.ok || document.root.kind != json::Kind::object) return preferences;
  const json::Value& root = document.root;
  if (const json::Value* theme = root.find("theme"); theme && theme->kind == json::Kind::string) {
    for (ThemeName candidate : {ThemeName::light, ThemeName::dark, ThemeName::high_contrast}) {
      if (theme->string() == theme_name(candidate)) preferences.theme = candidate;
    }
  }
  if (const json::Value* size = root.find("text_size"); size && size->kind == json::Kind::number && size->is_integer) {
    if (std::find(std::begin(kTextSizes), std::end(kTextSizes), size->integer()) != std::end(kTextSizes)) {
      preferences.text_size = static_cast<int>(size->integer());
    }
  }
  if (const json::Value* font = root.find("dyslexia_font"); font && font->kind == json::Kind::boolean) {
    preferences.dyslexia_font = font->boolean;
  }
  if (const json::Value* motion = root.find("reduced_motion"); motion && motion->kind == json::Kind::boolean) {
    preferences.reduced_motion = motion->boolean;
  }
  return preferences;
}

std::string display_preferences_json(const DisplayPreferences& preferences) {
  return std::string("{\"version\":1,\"theme\":\"") + theme_name(preferences.theme) +
         "\",\"text_size\":" + std::to_string(preferences.text_size) +
         ",\"dyslexia_font\":" + (preferences.dyslexia_font ? "true" : "false") +
         ",\"reduced_motion\":" + (preferences.reduced_motion ? "true" : "false") + "}";
}

const DisplayPreferences& active_display_preferences() { return active; }

void set_active_display_preferences(const DisplayPreferences& preferences) { active = preferences; }

}  // namespace pathwise::client
