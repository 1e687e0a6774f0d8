// The characters the screens may have to draw beyond the interface's own: the course list, the open course, the
// learners' names and what is being typed. The font atlas rasterises exactly these plus the interface's fixed set
// (fonts.h), so that it stays small at any scale (a whole script costs megabytes at 200 % text on a phone) and
// still shows every character a course uses. Pure: no ImGui, no browser.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace pathwise::client {

class TextCoverage {
 public:
  // The course list's text (catalog.json), replacing the previous one.
  void set_catalog(std::string_view json_text);
  // The open course's text (its bundle file), replacing the previous course's.
  void set_course(std::string_view json_text);
  // Text shown or typed meanwhile (a learner's name, a search, an answer): kept until the page closes.
  void add(std::string_view utf8);
  void add(char32_t codepoint);

  // Every code point above U+007F needed now, sorted and unique (ASCII is always in the atlas).
  const std::vector<char32_t>& codepoints() const;
  // Changes whenever codepoints() does: the platform compares it before each frame.
  std::uint64_t revision() const { return revision_; }

 private:
  bool contains(char32_t codepoint) const;
  void changed();

  std::vector<char32_t> catalog_, course_, extra_;  // each sorted and unique
  mutable std::vector<char32_t> merged_;
  mutable bool merged_stale_ = false;
  std::uint64_t revision_ = 0;
};

// Every code point above U+007F of a JSON document as it will be shown: UTF-8 decoded and \uXXXX escapes (with
// surrogate pairs) resolved, sorted and unique. Bytes that are not valid UTF-8 are skipped.
std::vector<char32_t> json_text_codepoints(std::string_view json_text);

}  // namespace pathwise::client
