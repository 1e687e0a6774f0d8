// The UI's fonts: Noto Sans Regular for text and Bold for headings, embedded in the binary (see
// cmake/EmbedFont.cmake) and rasterised at the display's scale so text is crisp at any devicePixelRatio.
#pragma once

#include <imgui.h>

namespace pathwise::client::fonts {

inline constexpr float kBodySize = 18.0f;     // CSS pixels
inline constexpr float kHeadingSize = 26.0f;  // CSS pixels

// Clears `atlas` and adds both faces at `ui_scale`. The caller uploads the new texture.
void build(ImFontAtlas& atlas, float ui_scale);

ImFont* body();
ImFont* heading();

}  // namespace pathwise::client::fonts
