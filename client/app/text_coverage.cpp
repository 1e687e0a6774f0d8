#include "app/text_coverage.h"

#include <algorithm>
#include <iterator>

namespace pathwise::client {

namespace {

// Decodes one UTF-8 sequence at text[i]; returns 0 (and advances one byte) when it is not valid.
char32_t next_utf8(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(i);
  int length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
  if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
    ++i;
    return 0;
  }
  char32_t codepoint = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    if ((byte(i + static_cast<std::size_t>(k)) & 0xC0) != 0x80) {
      ++i;
      return 0;
    }
    codepoint = (codepoint << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  }
  i += static_cast<std::size_t>(length);
  return codepoint;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The four hex digits after "\u" at text[i] (i points at the backslash), or -1.
long escape_at(std::string_view text, std::size_t i) {
  if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u') return -1;
  long value = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const int digit = hex_digit(text[k]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

bool wanted(char32_t codepoint) { return codepoint >= 0x80 && codepoint <= 0x10FFFF; }

void merge_into(std::vector<char32_t>& into, const std::vector<char32_t>& from) {
  std::vector<char32_t> merged;
  merged.reserve(into.size() + from.size());
  std::set_union(into.begin(), into.end(), from.begin(), from.end(), std::back_inserter(merged));
  into = std::move(merged);
}

}  // namespace

std::vector<char32_t> json_text_codepoints(std::string_view text) {
  std::vector<bool> seen_basic(0x10000, false);  // the Basic Multilingual Plane, where nearly everything is
  std::vector<char32_t> found;
  const auto note = [&](char32_t codepoint) {
    if (!wanted(codepoint)) return;
    if (codepoint < 0x10000) {
      if (seen_basic[codepoint]) return;
      seen_basic[codepoint] = true;
    }
    found.push_back(codepoint);
  };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      const long unit = escape_at(text, i);
      if (unit < 0) {
        i += 2;  // another escape (\n, \", \\): ASCII
        continue;
      }
      i += 6;
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        const long low = escape_at(text, i);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          note(static_cast<char32_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
          i += 6;
        }
        continue;
      }
      note(static_cast<char32_t>(unit));
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x80) {
      ++i;
      continue;
    }
    note(next_utf8(text, i));
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

void TextCoverage::set_catalog(std::string_view json_text) {
  std::vector<char32_t> codepoints = json_text_codepoints(json_text);
  if (codepoints == catalog_) return;
  catalog_ = std::move(codepoints);
  changed();
}

void TextCoverage::set_course(std::string_view json_text) {
  std::vector<char32_t> codepoints = json_text_codepoints(json_text);
  if (codepoints == course_) return;
  course_ = std::move(codepoints);
  changed();
}

void TextCoverage::add(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      ++i;
      continue;
    }
    add(next_utf8(utf8, i));
  }
}

void TextCoverage::add(char32_t codepoint) {
  if (!wanted(codepoint) || contains(codepoint)) return;
  extra_.insert(std::lower_bound(extra_.begin(), extra_.end(), codepoint), codepoint);
  changed();
}

const std::vector<char32_t>& TextCoverage::codepoints() const {
  if (merged_stale_) {
    merged_ = catalog_;
    merge_into(merged_, course_);
    merge_into(merged_, extra_);
    merged_stale_ = false;
  }
  return merged_;
}

bool TextCoverage::contains(char32_t codepoint) const {
  const std::vector<char32_t>& all = codepoints();
  return std::binary_search(all.begin(), all.end(), codepoint);
}

void TextCoverage::changed() {
  merged_stale_ = true;
  ++revision_;
}

}  // namespace pathwise::client
