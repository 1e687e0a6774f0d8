// Rich text (content/rich_text.h) drawn with ImGui: paragraphs, headings, lists, bold, italic, code, links,
// math (powers, indices, stacked fractions, roots) and pictures. Pictures are shown by the platform as HTML
// images placed over the canvas at the rectangle laid out here (Platform::place_media), with their description
// as the alt text.
//
// Each text is parsed once and laid out once per width and scale (a cache keyed by the text itself); a frame
// only replays the laid-out draw commands, so long readings cost little per frame.
//
// Choices where ImGui has no direct means: bold is the bold face (fonts::heading()) at the text's size;
// italic is the regular face slanted (its glyph quads sheared by 0.2, as browsers synthesise an oblique when a
// font has no italic); code is the regular face on a tinted rounded background (no monospaced face is
// embedded); links are underlined in the accent colour and not navigable yet.
#pragma once

#include <string>

#include "content/rich_text.h"

namespace pathwise::client::ui {

// Draws `rich` (rich-text source) across the available width. `path` names it for the test hook (role
// "text", label = its plain text), so tests can read what the learner sees; its pictures are listed as
// `<path>/image/<n>` (role "img", label = the description, rectangle = the box reserved for the picture).
void rich_text(const char* path, const std::string& rich, bool secondary = false);

// A picture on its own (an activity's `media`), laid out like a picture in rich text: as wide as the column
// allows (at most 480 CSS px, and 280 CSS px tall), centred, 4:3 until the platform reports its natural size.
// Listed as `path` (role "img", label = alt).
void picture(const char* path, const std::string& src, const std::string& alt);

// A picture `height_css` tall at the start of the line, as wide as its natural shape makes it (square until the
// platform reports its size; never wider than the column): the school's logo. Listed as `path` (role "img").
void picture_at_height(const char* path, const std::string& src, const std::string& alt, float height_css);

// Whether the rich text `rich` shows the picture `src` itself (then an activity's media list need not repeat it).
bool shows_picture(const std::string& rich, const std::string& src);

}  // namespace pathwise::client::ui
