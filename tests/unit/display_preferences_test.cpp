// The client's display preferences (client/app/preferences.h) and the text the font atlas must cover
// (client/app/text_coverage.h): pure code, tested natively and as wasm like the core. Stored preferences come
// from the browser's localStorage, which anything on the page may have written: every damage falls back to the
// defaults, field by field.
#include <doctest/doctest.h>

#include "app/preferences.h"
#include "app/text_coverage.h"

using namespace pathwise::client;

TEST_CASE("display preferences: the defaults follow the device's wishes") {
  const DisplayPreferences plain = default_display_preferences({});
  CHECK(plain.theme == ThemeName::light);
  CHECK(plain.text_size == 100);
  CHECK_FALSE(plain.dyslexia_font);
  CHECK_FALSE(plain.reduced_motion);
  DisplayHints hints;
  hints.prefers_dark = true;
  hints.prefers_reduced_motion = true;
  CHECK(default_display_preferences(hints).theme == ThemeName::dark);
  CHECK(default_display_preferences(hints).reduced_motion);
  hints.prefers_more_contrast = true;  // more contrast wins over dark: the dark theme is not high contrast
  CHECK(default_display_preferences(hints).theme == ThemeName::high_contrast);
}

TEST_CASE("display preferences: what is saved reads back the same") {
  for (ThemeName theme : {ThemeName::light, ThemeName::dark, ThemeName::high_contrast}) {
    for (int size : kTextSizes) {
      DisplayPreferences saved;
      saved.theme = theme;
      saved.text_size = size;
      saved.dyslexia_font = size % 2 == 0;
      saved.reduced_motion = theme == ThemeName::dark;
      CHECK(parse_display_preferences(display_preferences_json(saved), {}) == saved);
    }
  }
  CHECK(display_preferences_json(DisplayPreferences{}) ==
        R"({"version":1,"theme":"light","text_size":100,"dyslexia_font":false,"reduced_motion":false})");
}

TEST_CASE("display preferences: damage falls back to the defaults, field by field, never fails") {
  DisplayHints dark;
  dark.prefers_dark = true;
  const DisplayPreferences defaults = default_display_preferences(dark);
  for (const char* damaged : {"", "{", "null", "[]", "42", "\"dark\"", "{\"theme\":", "\xff\xfe", "{}",
                              "{\"theme\":7,\"text_size\":\"200\",\"dyslexia_font\":1,\"reduced_motion\":null}",
                              "{\"theme\":\"sepia\",\"text_size\":300}", "{\"text_size\":150.5}",
                              "{\"text_size\":-100}", "{\"theme\":\"DARK\"}"}) {
    CAPTURE(damaged);
    CHECK(parse_display_preferences(damaged, dark) == defaults);
  }
  // The readable fields are kept, the rest defaulted.
  const DisplayPreferences mixed =
      parse_display_preferences(R"({"theme":"sepia","text_size":175,"dyslexia_font":"yes","reduced_motion":true})", dark);
  CHECK(mixed.theme == ThemeName::dark);
  CHECK(mixed.text_size == 175);
  CHECK_FALSE(mixed.dyslexia_font);
  CHECK(mixed.reduced_motion);
  // A newer version's extra fields are ignored; a huge value is not read at all.
  CHECK(parse_display_preferences(R"({"version":9,"theme":"high_contrast","colour_filter":"protanopia"})", {}).theme ==
        ThemeName::high_contrast);
  CHECK(parse_display_preferences("{\"theme\":\"dark\",\"x\":\"" + std::string(10000, 'a') + "\"}", {}) ==
        default_display_preferences({}));
}

TEST_CASE("text coverage: the characters of a JSON text, escapes decoded, ASCII left out") {
  const std::vector<char32_t> found =
      json_text_codepoints(R"({"title":"CO₂ and H₂O","x":"caf\u00e9 \u00E9 \ud83c\udf89 \n \"q\" \\u00e8","y":"ñ"})");
  // ₂ (U+2082) once, é from the escape (twice, counted once), 🎉 from a surrogate pair, ñ; "\\u00e8" is the text
  // \u00e8 (an escaped backslash), not è.
  CHECK(found == std::vector<char32_t>{0x00E9, 0x00F1, 0x2082, 0x1F389});
  CHECK(json_text_codepoints("plain ascii \\n only").empty());
  CHECK(json_text_codepoints("broken \xC3 utf-8 \xE2\x82 and a lone \\ud800 surrogate").empty());
}

TEST_CASE("text coverage: the course's characters are replaced, names and typing accumulate, revisions follow") {
  TextCoverage coverage;
  const std::uint64_t start = coverage.revision();
  coverage.set_catalog(R"({"title":"Fracciones – Ñandú"})");
  coverage.set_course(R"({"q":"¿Qué?"})");
  CHECK(coverage.codepoints() == std::vector<char32_t>{0x00BF, 0x00D1, 0x00E9, 0x00FA, 0x2013});
  const std::uint64_t after_course = coverage.revision();
  CHECK(after_course != start);
  coverage.set_course(R"({"q":"¿Qué?"})");  // the same course again: nothing changes
  coverage.add("Sam");                       // ASCII: always in the atlas
  coverage.add("Zoë");
  CHECK(coverage.revision() != after_course);
  const std::uint64_t after_name = coverage.revision();
  coverage.add("Zoë");                       // known already
  coverage.add(U'é');                        // in the course already
  CHECK(coverage.revision() == after_name);
  coverage.set_course(R"({"q":"Ω"})");       // another course: its characters replace the previous course's
  CHECK(coverage.codepoints() == std::vector<char32_t>{0x00D1, 0x00EB, 0x00FA, 0x03A9, 0x2013});
}
