#include "app/fonts.h"

#include <utility>

extern const unsigned char font_notosans_regular[];
extern const unsigned int font_notosans_regular_size;
extern const unsigned char font_notosans_bold[];
extern const unsigned int font_notosans_bold_size;
extern const unsigned char font_notosansmath_regular[];
extern const unsigned int font_notosansmath_regular_size;

namespace pathwise::client::fonts {

namespace {

ImFont* body_font = nullptr;
ImFont* heading_font = nullptr;

// The glyphs rasterised into the atlas. Keep in sync with PATHWISE_TEXT_UNICODES and PATHWISE_SYMBOL_UNICODES
// in cmake/EmbedFont.cmake (the glyphs embedded).
const ImWchar kTextRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x017F,  // Basic Latin, Latin-1 (× ÷ °), Latin Extended-A
    0x0370, 0x03FF, 0x0400, 0x045F,  // Greek (π), basic Cyrillic
    0x2010, 0x2027, 0x2030, 0x205E,  // dashes, quotes, bullets, ellipsis, primes
    0x20AC, 0x20AC,                  // euro sign
    0};
// From Noto Sans Math, merged into each face: Noto Sans has no arrows, √, ≤, ≥, ≠ or ≈.
const ImWchar kSymbolRanges[] = {
    0x2190, 0x2199,  // arrows
    0x2200, 0x22FF,  // mathematical operators
    0};

ImFont* add(ImFontAtlas& atlas, const unsigned char* data, unsigned int size, float pixels, bool merge,
            const ImWchar* ranges) {
  ImFontConfig config;
  config.MergeMode = merge;
  config.FontDataOwnedByAtlas = false;  // static data compiled into the binary
  // Oversampling off and pixel snapping on: a quarter of the atlas memory, and at the display's own scale the
  // text is already rendered at device resolution (measured: ../shared/TOOLCHAIN.md).
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  // ImGui takes a non-const pointer but does not write when it does not own the data.
  return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), pixels, &config,
                                    ranges);
}

}  // namespace

void build(ImFontAtlas& atlas, float ui_scale) {
  atlas.Clear();
  for (auto [face, pixels] : {std::pair{&body_font, kBodySize * ui_scale}, std::pair{&heading_font, kHeadingSize * ui_scale}}) {
    const bool bold = face == &heading_font;
    *face = add(atlas, bold ? font_notosans_bold : font_notosans_regular,
                bold ? font_notosans_bold_size : font_notosans_regular_size, pixels, false, kTextRanges);
    add(atlas, font_notosansmath_regular, font_notosansmath_regular_size, pixels, true, kSymbolRanges);
  }
  atlas.Build();
}

ImFont* body() { return body_font; }
ImFont* heading() { return heading_font; }

}  // namespace pathwise::client::fonts
