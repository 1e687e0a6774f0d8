#include "app/fonts.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

// Subsets compiled into the binary by cmake/EmbedFont.cmake (the code points each holds are listed there).
extern const unsigned char font_notosans_regular[];
extern const unsigned int font_notosans_regular_size;
extern const unsigned char font_notosans_bold[];
extern const unsigned int font_notosans_bold_size;
extern const unsigned char font_notosansmath_regular[];
extern const unsigned int font_notosansmath_regular_size;
extern const unsigned char font_notosanssymbols2_regular[];
extern const unsigned int font_notosanssymbols2_regular_size;
extern const unsigned char font_opendyslexic_regular[];
extern const unsigned int font_opendyslexic_regular_size;
extern const unsigned char font_opendyslexic_bold[];
extern const unsigned int font_opendyslexic_bold_size;

namespace pathwise::client::fonts {

namespace {

ImFont* body_font = nullptr;
ImFont* heading_font = nullptr;
AtlasInfo info;
std::vector<char32_t> built_text;   // the `text` of the last build
std::vector<ImWchar> glyph_ranges;  // ImGui reads the ranges again whenever the atlas is rebuilt: keep them

// The interface's own characters, always in the atlas: printable ASCII (anything typed on an English keyboard)
// and the symbols the screens' strings use. Latin-1 letters, Greek, Cyrillic... come in only when a course, a
// name or typed text has them: at 200 % text on a DPR 3 phone each 100 glyphs of both faces cost ~1 MiB.
constexpr char32_t kInterfaceSymbols[] = {
    0x00A0, 0x00B0, 0x00B7, 0x00D7, 0x00F7,          // no-break space ° · × ÷
    0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,  // – — ‘ ’ “ ”
    0x2022, 0x2026, 0x2190, 0x2191, 0x2192, 0x2193,  // • … ← ↑ → ↓
    0x2212, 0x221A, 0x2248, 0x2260, 0x2264, 0x2265,  // − √ ≈ ≠ ≤ ≥
    0x2713, 0x2717, 0xFFFD,                          // ✓ ✗ and the replacement character
};

struct Face {
  const unsigned char* data;
  unsigned int size;
};

const Face kNotoRegular{font_notosans_regular, font_notosans_regular_size};
const Face kNotoBold{font_notosans_bold, font_notosans_bold_size};
const Face kNotoMath{font_notosansmath_regular, font_notosansmath_regular_size};
const Face kNotoSymbols2{font_notosanssymbols2_regular, font_notosanssymbols2_regular_size};
const Face kOpenDyslexicRegular{font_opendyslexic_regular, font_opendyslexic_regular_size};
const Face kOpenDyslexicBold{font_opendyslexic_bold, font_opendyslexic_bold_size};

std::uint32_t read_u32(const unsigned char* at) {
  return (std::uint32_t{at[0]} << 24) | (std::uint32_t{at[1]} << 16) | (std::uint32_t{at[2]} << 8) | at[3];
}
int read_i16(const unsigned char* at) { return static_cast<std::int16_t>((at[0] << 8) | at[1]); }

// The font's line height (hhea ascender − descender) in ems. ImGui sizes a font by that height, so faces with
// taller lines (OpenDyslexic: 1.75 em, Noto Sans: 1.362 em) would otherwise draw smaller letters at one size.
float line_height_in_ems(const Face& face) {
  const unsigned char* data = face.data;
  if (face.size < 12) return 1.0f;
  const int tables = (data[4] << 8) | data[5];
  int units_per_em = 0, ascender = 0, descender = 0;
  for (int i = 0; i < tables && 12u + 16u * static_cast<unsigned>(i + 1) <= face.size; ++i) {
    const unsigned char* record = data + 12 + 16 * i;
    const std::uint32_t offset = read_u32(record + 8);
    if (offset + 20u > face.size) continue;
    if (std::equal(record, record + 4, "head")) units_per_em = (data[offset + 18] << 8) | data[offset + 19];
    if (std::equal(record, record + 4, "hhea")) {
      ascender = read_i16(data + offset + 4);
      descender = read_i16(data + offset + 6);
    }
  }
  if (units_per_em <= 0 || ascender - descender <= 0) return 1.0f;
  return static_cast<float>(ascender - descender) / static_cast<float>(units_per_em);
}

// The sorted union of ASCII, the interface's symbols and `text`, as ImGui's zero-terminated range pairs. ImWchar
// is 16 bits here: characters beyond the Basic Multilingual Plane (emoji) are left out and draw as fallback.
std::vector<ImWchar> ranges_for(const std::vector<char32_t>* text) {
  std::vector<char32_t> wanted(std::begin(kInterfaceSymbols), std::end(kInterfaceSymbols));
  for (char32_t c = 0x20; c <= 0x7E; ++c) wanted.push_back(c);
  if (text) wanted.insert(wanted.end(), text->begin(), text->end());
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::vector<ImWchar> ranges;
  for (std::size_t i = 0; i < wanted.size();) {
    if (wanted[i] > 0xFFFF) break;
    std::size_t end = i;
    while (end + 1 < wanted.size() && wanted[end + 1] == wanted[end] + 1 && wanted[end + 1] <= 0xFFFF) ++end;
    ranges.push_back(static_cast<ImWchar>(wanted[i]));
    ranges.push_back(static_cast<ImWchar>(wanted[end]));
    i = end + 1;
  }
  ranges.push_back(0);
  return ranges;
}

// Adds `face` at `em_pixels` (its letters the size Noto Sans has at that em), merged into the previous font
// unless it is the first of a family. Rasterised at `density` times that size.
ImFont* add(ImFontAtlas& atlas, const Face& face, float em_pixels, float density, bool merge) {
  ImFontConfig config;
  config.MergeMode = merge;
  config.FontDataOwnedByAtlas = false;  // static data compiled into the binary
  // Oversampling off and pixel snapping on: a quarter of the atlas memory, and at the display's own scale the
  // text is already rendered at device resolution (measured: ../shared/TOOLCHAIN.md).
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  config.RasterizerDensity = density;
  // ImGui takes a non-const pointer but does not write when it does not own the data.
  return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(face.data), static_cast<int>(face.size),
                                    em_pixels * line_height_in_ems(face), &config, glyph_ranges.data());
}

void add_faces(ImFontAtlas& atlas, float pixel_scale, bool dyslexia_font, float density) {
  // Sizes are designed as Noto Sans line heights; every face is sized to the same em.
  const float em_per_line = 1.0f / line_height_in_ems(kNotoRegular);
  for (ImFont** face : {&body_font, &heading_font}) {
    const bool bold = face == &heading_font;
    const float em_pixels = (bold ? kHeadingSize : kBodySize) * pixel_scale * em_per_line;
    // The first face that has a character wins; later ones fill in what it lacks (OpenDyslexic has no Greek or
    // Cyrillic, Noto Sans no arrows or ✓).
    if (dyslexia_font) {
      *face = add(atlas, bold ? kOpenDyslexicBold : kOpenDyslexicRegular, em_pixels, density, false);
      add(atlas, bold ? kNotoBold : kNotoRegular, em_pixels, density, true);
    } else {
      *face = add(atlas, bold ? kNotoBold : kNotoRegular, em_pixels, density, false);
    }
    add(atlas, kNotoMath, em_pixels, density, true);
    add(atlas, kNotoSymbols2, em_pixels, density, true);
  }
}

}  // namespace

void build(ImFontAtlas& atlas, const AtlasRequest& request) {
  glyph_ranges = ranges_for(request.text);
  built_text = request.text ? *request.text : std::vector<char32_t>();
  // Textures of any height are fine in WebGL 2: rounding the height up to a power of two would waste up to half.
  atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  float density = 1.0f;
  for (int attempt = 0;; ++attempt) {
    atlas.Clear();
    add_faces(atlas, request.pixel_scale, request.dyslexia_font, density);
    atlas.Build();
    const std::size_t bytes = static_cast<std::size_t>(atlas.TexWidth) * static_cast<std::size_t>(atlas.TexHeight) * 4u;
    if (bytes <= kAtlasBudgetBytes || attempt == 3) break;
    // Over budget (a course in a large script at 200 % on a DPR 3 phone): rasterise smaller, draw at full size.
    // The area goes with the square of the density; 0.95 leaves room for packing waste.
    density *= std::sqrt(static_cast<float>(kAtlasBudgetBytes) / static_cast<float>(bytes)) * 0.95f;
  }
  info.width = atlas.TexWidth;
  info.height = atlas.TexHeight;
  info.bytes = static_cast<std::size_t>(atlas.TexWidth) * static_cast<std::size_t>(atlas.TexHeight) * 4u;
  info.glyphs = body_font ? body_font->Glyphs.Size : 0;
  info.raster_scale = request.pixel_scale * density;
  info.dyslexia_font = request.dyslexia_font;
}

bool covers(const std::vector<char32_t>& text) {
  return std::includes(built_text.begin(), built_text.end(), text.begin(), text.end());
}

const AtlasInfo& atlas_info() { return info; }

ImFont* body() { return body_font; }
ImFont* heading() { return heading_font; }

}  // namespace pathwise::client::fonts
