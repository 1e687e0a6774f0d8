// The UI's fonts: Noto Sans Regular for text and Bold for headings, or OpenDyslexic Regular and Bold when the
// dyslexia-friendly font is chosen, with Noto Sans Math (arrows, operators) and Noto Sans Symbols 2 (✓ ☐ ▶)
// merged in for what the text faces lack. All are embedded in the binary (cmake/EmbedFont.cmake) and rasterised
// at the display's scale times the text size, so text is crisp at any devicePixelRatio.
//
// The atlas holds only the characters needed: the interface's own (ASCII and a few dozen symbols) plus the text
// of the course list, the open course, the learners' names and what is typed (app/text_coverage.h). A whole
// script at 200 % text on a DPR 3 phone would take tens of megabytes; this stays within kAtlasBudgetBytes.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <vector>

namespace pathwise::client::fonts {

inline constexpr float kBodySize = 18.0f;     // CSS pixels (Noto Sans line height; other faces match its em)
inline constexpr float kHeadingSize = 26.0f;  // CSS pixels

// The atlas texture (RGBA32 as uploaded) may take at most this much; beyond it the glyphs are rasterised
// smaller (ImFontConfig::RasterizerDensity) and drawn at full size: slightly softer text, the same layout.
inline constexpr std::size_t kAtlasBudgetBytes = 4u << 20;

struct AtlasRequest {
  float pixel_scale = 1.0f;                        // physical pixels per CSS pixel times the text size
  bool dyslexia_font = false;                      // OpenDyslexic instead of Noto Sans
  const std::vector<char32_t>* text = nullptr;     // sorted code points beyond the interface's own
};

// What the last build made, for the test hook and the budget.
struct AtlasInfo {
  int width = 0, height = 0;     // texture pixels
  std::size_t bytes = 0;         // width × height × 4 (RGBA32)
  int glyphs = 0;                // in the body face
  float raster_scale = 0.0f;     // the scale glyphs were rasterised at (below pixel_scale when over budget)
  bool dyslexia_font = false;
};

// Clears `atlas`, adds both faces for `request` and builds it. The caller uploads the new texture, then may free
// the atlas's pixel copies (ImFontAtlas::ClearTexData): ImGui needs only the glyph table afterwards.
void build(ImFontAtlas& atlas, const AtlasRequest& request);

// True when the last build asked for every code point of `text` (sorted): the atlas need not change for it.
// Characters the embedded fonts do not have count as asked for: they draw as the fallback glyph either way.
bool covers(const std::vector<char32_t>& text);

const AtlasInfo& atlas_info();

ImFont* body();
ImFont* heading();

}  // namespace pathwise::client::fonts
