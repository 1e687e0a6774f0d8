#include "app/fonts.h"

extern const unsigned char font_noto_sans_regular[];
extern const unsigned int font_noto_sans_regular_size;
extern const unsigned char font_noto_sans_bold[];
extern const unsigned int font_noto_sans_bold_size;

namespace pathwise::client::fonts {

namespace {

ImFont* body_font = nullptr;
ImFont* heading_font = nullptr;

// The scripts rasterised into the atlas: Latin with its accents, Greek, Cyrillic, punctuation, arrows and
// maths. Keep in sync with PATHWISE_FONT_UNICODES in cmake/EmbedFont.cmake (the glyphs embedded).
const ImWchar kGlyphRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x017F,  // Basic Latin, Latin-1, Latin Extended-A
    0x0370, 0x03FF, 0x0400, 0x045F,  // Greek, basic Cyrillic
    0x2010, 0x2027, 0x2030, 0x205E,  // dashes, quotes, bullets, ellipsis, primes
    0x20AC, 0x20AC,                  // euro sign
    0x2190, 0x2199,                  // arrows
    0x2200, 0x22FF,                  // mathematical operators (√, ×, ÷ are in Latin-1 and here)
    0};

ImFont* add(ImFontAtlas& atlas, const unsigned char* data, unsigned int size, float pixels) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // static data compiled into the binary
  // Oversampling off and pixel snapping on: a quarter of the atlas memory, and at the display's own scale the
  // text is already rendered at device resolution (measured: ../shared/TOOLCHAIN.md).
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  // ImGui takes a non-const pointer but does not write when it does not own the data.
  return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), pixels, &config,
                                    kGlyphRanges);
}

}  // namespace

void build(ImFontAtlas& atlas, float ui_scale) {
  atlas.Clear();
  body_font = add(atlas, font_noto_sans_regular, font_noto_sans_regular_size, kBodySize * ui_scale);
  heading_font = add(atlas, font_noto_sans_bold, font_noto_sans_bold_size, kHeadingSize * ui_scale);
  atlas.Build();
}

ImFont* body() { return body_font; }
ImFont* heading() { return heading_font; }

}  // namespace pathwise::client::fonts
