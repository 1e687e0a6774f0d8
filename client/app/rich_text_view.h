// Rich text (content/rich_text.h) drawn with ImGui: paragraphs, headings, lists, bold, italic, code, links,
// math (powers, indices, stacked fractions, roots) and pictures. Pictures are shown by the platform as HTML
// images placed over the canvas at the rectangle laid out here (Platform::place_media), with their description
// as the alt text.
#pragma once

#include <string>

#include "content/rich_text.h"

namespace pathwise::client::ui {

// Draws `rich` (rich-text source) across the available width. `path` names it for the test hook (role
// "text", label = its plain text), so tests can read what the learner sees.
void rich_text(const char* path, const std::string& rich, bool secondary = false);

}  // namespace pathwise::client::ui
