#include "content/gift_import.h"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <locale>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "content/text_normalize.h"

namespace pathwise::content {

namespace {

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

constexpr std::size_t npos = std::string_view::npos;

constexpr std::size_t kMaxGiftBytes = 16u * 1024u * 1024u;  // quizzes are kilobytes; far larger is not a quiz
constexpr std::size_t kMaxListedDiagnostics = 1000;        // a broken 10 MB file must not yield a gigabyte of text
constexpr std::size_t kMaxIdLength = 64;                   // FORMAT.md's id rule
constexpr std::size_t kMinChoices = 2;                     // FORMAT.md: single_choice has 2 to 10 choices
constexpr std::size_t kMaxChoices = 10;
constexpr std::size_t kMinPairs = 2;                       // FORMAT.md: matching has 2 to 12 pairs
constexpr std::size_t kMaxPairs = 12;
constexpr std::size_t kMaxDerivedTitle = 60;               // a reading's title made from its first line
constexpr std::size_t kMaxExcerpt = 40;                    // quoted input in messages
constexpr std::size_t kMaxWarningsPerQuestion = 20;

// Markers that stand in the text while it is converted. sanitize() replaces every control character of the
// input, so none of these can come from the GIFT file itself.
constexpr char kBlankMarker = '\x01';     // where a missing-word question's answer block was
constexpr char kStrongMarker = '\x02';    // <b>, <strong>: becomes ** in rich text
constexpr char kEmphasisMarker = '\x03';  // <i>, <em>: becomes * in rich text
constexpr char kBulletMarker = '\x04';    // <li>: becomes "- " at the start of a line

// ---------------------------------------------------------------------------------------------------------------
// Small text helpers

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim_start(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  return text.substr(i);
}

std::string_view trim(std::string_view text) {
  text = trim_start(text);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_blank(std::string_view text) { return trim_start(text).empty(); }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equals_ignoring_case(text.substr(0, prefix.size()), prefix);
}

void replace_all(std::string& text, char marker, std::string_view replacement) {
  if (text.find(marker) == std::string::npos) return;
  std::string result;
  result.reserve(text.size() + replacement.size());
  for (char c : text) {
    if (c == marker) result.append(replacement);
    else result += c;
  }
  text = std::move(result);
}

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view cut_at_code_point(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// Quoted input in a message: short, one line.
std::string excerpt(std::string_view text) {
  text = trim(text);
  std::size_t newline = text.find('\n');
  bool cut = newline != npos || text.size() > kMaxExcerpt;
  std::string result(cut_at_code_point(text.substr(0, newline), kMaxExcerpt));
  if (cut) result += "…";
  return result;
}

std::string join_paragraphs(const std::string& first, const std::string& second) {
  if (first.empty()) return second;
  if (second.empty()) return first;
  return first + "\n\n" + second;
}

// ---------------------------------------------------------------------------------------------------------------
// Input hygiene: the bundle must be valid UTF-8 whatever the file holds.

// Length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no overlongs, surrogates or values past
// U+10FFFF), 0 when there is none.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead == 0xE0) length = 3, low = 0xA0;
  else if (lead >= 0xE1 && lead <= 0xEC) length = 3;
  else if (lead == 0xED) length = 3, high = 0x9F;
  else if (lead >= 0xEE && lead <= 0xEF) length = 3;
  else if (lead == 0xF0) length = 4, low = 0x90;
  else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
  else if (lead == 0xF4) length = 4, high = 0x8F;
  else return 0;
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

bool is_unwanted_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F; }

struct CleanText {
  std::string text;
  std::size_t first_replaced = npos;  // offset (in `text`) of the first replacement character put in
};

// Replaces every byte that is not part of well-formed UTF-8, and every control character other than tab and
// line breaks, by U+FFFD (one per byte, so columns stay close to what an editor shows); drops a leading BOM.
CleanText sanitize(std::string_view input) {
  CleanText clean;
  clean.text.reserve(input.size());
  std::size_t i = input.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < input.size()) {
    std::size_t length = utf8_sequence_length(input, i);
    if (length == 0 || (length == 1 && is_unwanted_control(static_cast<unsigned char>(input[i])))) {
      if (clean.first_replaced == npos) clean.first_replaced = clean.text.size();
      clean.text += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    clean.text.append(input, i, length);
    i += length;
  }
  return clean;
}

int column_between(std::string_view text, std::size_t line_start, std::size_t offset) {
  int column = 1;
  for (std::size_t i = line_start; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks: GIFT items are separated by blank lines; "//" lines are comments and vanish.

struct BlockLine {
  std::size_t offset;  // where the line starts in Block::text
  int number;          // its 1-based line number in the file
};

struct Block {
  std::string text;              // the item's non-comment lines, joined by '\n'
  std::vector<BlockLine> lines;  // never empty

  std::pair<int, int> position(std::size_t offset) const {
    auto after = std::upper_bound(lines.begin(), lines.end(), offset,
                                  [](std::size_t o, const BlockLine& line) { return o < line.offset; });
    const BlockLine& line = *(after == lines.begin() ? after : after - 1);
    return {line.number, column_between(text, line.offset, offset)};
  }
  int first_line() const { return lines.front().number; }
  std::string_view line_text(std::size_t index) const {
    std::size_t begin = lines[index].offset;
    std::size_t end = index + 1 < lines.size() ? lines[index + 1].offset - 1 : text.size();
    return std::string_view(text).substr(begin, end - begin);
  }
  // The same item without its first line (what follows a $CATEGORY line in the same paragraph).
  Block without_first_line() const {
    Block rest;
    if (lines.size() < 2) return rest;
    std::size_t base = lines[1].offset;
    rest.text = text.substr(base);
    for (std::size_t i = 1; i < lines.size(); ++i) rest.lines.push_back({lines[i].offset - base, lines[i].number});
    return rest;
  }
};

bool is_comment(std::string_view line) { return trim_start(line).compare(0, 2, "//") == 0; }

std::vector<Block> split_blocks(std::string_view text) {
  std::vector<Block> blocks;
  Block current;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number;
    if (is_blank(line)) {
      if (!current.lines.empty()) blocks.push_back(std::move(current));
      current = Block();
    } else if (!is_comment(line)) {
      if (!current.lines.empty()) current.text += '\n';
      current.lines.push_back({current.text.size(), number});
      current.text.append(line);
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  if (!current.lines.empty()) blocks.push_back(std::move(current));
  return blocks;
}

// ---------------------------------------------------------------------------------------------------------------
// GIFT escapes: \~ \= \# \{ \} \: \\ stand for the character, \n for a line break. Every scan for GIFT syntax
// skips the character after a backslash, so escaped characters are never read as syntax.

std::size_t find_unescaped(std::string_view text, std::string_view pattern, std::size_t from = 0) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text.compare(i, pattern.size(), pattern) == 0) return i;
  }
  return npos;
}

std::vector<std::string_view> split_unescaped(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::string unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      char next = raw[i + 1];
      if (next == 'n') {
        out += '\n';
        ++i;
        continue;
      }
      if (std::string_view("~=#{}:\\").find(next) != npos) {
        out += next;
        ++i;
        continue;
      }
    }
    out += c;  // other backslashes are kept as written, as Moodle does
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Text formats. GIFT text is "moodle" auto-format unless it starts with [html], [plain] or [markdown]. Pathwise
// rich text is a Markdown subset (shared/content/rich_text.h), so: markdown passes through; plain and moodle text
// get what the rich-text parser would read as formatting escaped, and their line breaks kept (Moodle shows them);
// HTML loses its tags (with a warning: only bold, italics, lists and line structure are kept). Moodle's TeX
// filter notation $$…$$ becomes Pathwise maths $…$.

enum class TextFormat { moodle, html, plain, markdown };

// "[html]" and friends at the start of a text (after spaces) choose its format; returns the rest of the text.
std::string_view take_format(std::string_view raw, TextFormat& format) {
  static const std::pair<std::string_view, TextFormat> kTags[] = {{"[moodle]", TextFormat::moodle},
                                                                  {"[html]", TextFormat::html},
                                                                  {"[plain]", TextFormat::plain},
                                                                  {"[markdown]", TextFormat::markdown}};
  std::string_view rest = trim_start(raw);
  for (const auto& [tag, tagged] : kTags) {
    if (starts_with_ignoring_case(rest, tag)) {
      format = tagged;
      return rest.substr(tag.size());
    }
  }
  return raw;
}

struct TextNotes {
  bool html_removed = false;
  bool picture_removed = false;
};

bool is_known_html_tag(std::string_view name) {
  static const std::set<std::string, std::less<>> kTags = {
      "a",     "abbr",  "b",    "big",  "blockquote", "br",     "center", "cite",  "code",   "dd",    "del",
      "div",   "dl",    "dt",   "em",   "font",       "h1",     "h2",     "h3",    "h4",     "h5",    "h6",
      "hr",    "i",     "img",  "ins",  "kbd",        "li",     "mark",   "ol",    "p",      "pre",   "q",
      "s",     "samp",  "small", "span", "strike",    "strong", "sub",    "sup",   "table",  "tbody", "td",
      "tfoot", "th",    "thead", "tr",  "tt",         "u",      "ul",     "var",   "script", "style", "figure",
      "figcaption", "section", "article", "header", "footer", "label"};
  return kTags.count(name) != 0;
}

// The character reference at text[i] ('&'): appends what it stands for and returns its length, or 0 when it is
// not one (the '&' is then literal).
std::size_t decode_entity(std::string_view text, std::size_t i, std::string& out) {
  std::size_t semicolon = text.substr(i, 12).find(';');  // bounded: a file of '&' must not cost n² searches
  if (semicolon == npos || semicolon < 2) return 0;
  semicolon += i;
  std::string_view name = text.substr(i + 1, semicolon - i - 1);
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
  for (const auto& [entity, character] : kNamed) {
    if (name == entity) {
      out.append(character);
      return semicolon - i + 1;
    }
  }
  if (name.front() != '#' || name.size() < 2) return 0;
  bool hex = name[1] == 'x' || name[1] == 'X';
  std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty()) return 0;
  std::uint32_t code_point = 0;
  for (char c : digits) {
    int digit;
    if (is_digit(c)) digit = c - '0';
    else if (hex && ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f') digit = ascii_lower(c) - 'a' + 10;
    else return 0;
    code_point = code_point * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
    if (code_point > 0x10FFFF) break;
  }
  // Control characters (which would collide with the conversion markers), surrogates and values past Unicode
  // become the replacement character, as an HTML parser would do.
  bool usable = code_point <= 0x10FFFF && !(code_point >= 0xD800 && code_point <= 0xDFFF) &&
                (code_point >= 0x20 || code_point == '\t' || code_point == '\n') && code_point != 0x7F;
  append_utf8(out, usable ? code_point : 0xFFFD);
  return semicolon - i + 1;
}

// Finds `needle` (lower-case ASCII) in text from `from`, ignoring case; npos if absent.
std::size_t find_ignoring_case(std::string_view text, std::string_view needle, std::size_t from) {
  if (needle.empty() || text.size() < needle.size()) return npos;
  for (std::size_t i = from; i + needle.size() <= text.size(); ++i) {
    if (ascii_lower(text[i]) == needle[0] && equals_ignoring_case(text.substr(i, needle.size()), needle)) return i;
  }
  return npos;
}

// What follows a tag name up to '>' in moodle auto-format text: nothing, "/", or name="value" attributes.
// Stricter than HTML, so that "a<b and c>d" stays text; long runs are text too, which bounds the work per '<'.
bool has_attribute_shape(std::string_view rest) {
  constexpr std::size_t kMaxTagLength = 1024;
  if (rest.size() > kMaxTagLength) return false;
  std::size_t i = 0;
  auto skip_spaces = [&] {
    while (i < rest.size() && is_space(rest[i])) ++i;
  };
  for (;;) {
    std::size_t before = i;
    skip_spaces();
    if (i == rest.size()) return true;
    if (rest[i] == '/' && i + 1 == rest.size()) return true;
    if (i == before) return false;  // attributes are separated by spaces
    std::size_t name_start = i;
    while (i < rest.size() && (is_ascii_letter(rest[i]) || is_digit(rest[i]) || rest[i] == '-' || rest[i] == '_' ||
                               rest[i] == ':'))
      ++i;
    if (i == name_start) return false;
    skip_spaces();
    if (i == rest.size() || rest[i] != '=') return false;
    ++i;
    skip_spaces();
    if (i == rest.size()) return false;
    if (rest[i] == '"' || rest[i] == '\'') {
      std::size_t close = rest.find(rest[i], i + 1);
      if (close == npos) return false;
      i = close + 1;
    } else {
      std::size_t value_start = i;
      while (i < rest.size() && !is_space(rest[i]) && rest[i] != '"' && rest[i] != '\'') ++i;
      if (i == value_start) return false;
    }
  }
}

// Bold or italics from HTML, kept only where they make Markdown the rich-text parser reads: around non-blank
// text, within one line (an open one is closed at a line break and at the end, as HTML would end it).
class Emphasis {
 public:
  explicit Emphasis(char marker) : marker_(marker) {}

  void open(std::string& out) {
    if (opened_at_ != npos) return;
    opened_at_ = out.size();
    out += marker_;
  }

  // Puts the closing marker, moving both markers inside any spaces at the ends ("** a **" is not bold).
  void close(std::string& out) {
    if (opened_at_ == npos) return;
    std::size_t at = opened_at_;
    opened_at_ = npos;
    auto is_blank_char = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t first = at + 1;
    while (first < out.size() && is_blank_char(out[first])) ++first;
    if (first == out.size()) {  // nothing inside: drop the opening marker
      out.erase(at, 1);
      return;
    }
    std::size_t end = out.size();
    while (end > first && is_blank_char(out[end - 1])) --end;
    out.insert(end, 1, marker_);
    out.erase(at, 1);
    out.insert(first - 1, 1, marker_);
  }

 private:
  char marker_;
  std::size_t opened_at_ = npos;
};

// Removes HTML tags, keeping bold and italics (as markers) and line structure, and decodes character
// references. With `known_tags_only` (for moodle auto-format, where "a<b and c>d" is ordinary text) only real
// HTML tag names count as tags. Every search that looks ahead remembers a failure, so the work stays linear.
std::string strip_html(std::string_view text, bool known_tags_only, bool newlines_are_spaces, TextNotes& notes) {
  std::string out;
  out.reserve(text.size());
  std::size_t next_close = 0;  // offset of the next '>' at or after the scan position, or npos when none is left
  bool close_known = false;
  bool comments_unclosed = false;
  Emphasis strong(kStrongMarker);
  Emphasis emphasis(kEmphasisMarker);
  auto line_break = [&](std::string_view breaking) {
    strong.close(out);
    emphasis.close(out);
    out.append(breaking);
  };
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '<' && !comments_unclosed && text.compare(i, 4, "<!--") == 0) {
      std::size_t end = text.find("-->", i + 4);
      if (end == npos) {
        comments_unclosed = true;
      } else {
        notes.html_removed = true;
        i = end + 3;
        continue;
      }
    }
    if (c == '<') {
      std::size_t name_start = i + 1;
      bool closing = name_start < text.size() && text[name_start] == '/';
      if (closing) ++name_start;
      std::size_t name_end = name_start;
      if (name_end < text.size() && is_ascii_letter(text[name_end])) {
        while (name_end < text.size() && (is_ascii_letter(text[name_end]) || is_digit(text[name_end]))) ++name_end;
      }
      bool shaped = name_end > name_start && name_end < text.size() &&
                    (is_space(text[name_end]) || text[name_end] == '/' || text[name_end] == '>');
      if (shaped && (!close_known || (next_close != npos && next_close < name_end))) {
        next_close = text.find('>', name_end);
        close_known = true;
      }
      std::string name;
      if (shaped) {
        for (std::size_t k = name_start; k < name_end; ++k) name += ascii_lower(text[k]);
      }
      bool tag = shaped && next_close != npos &&
                 (!known_tags_only ||
                  (is_known_html_tag(name) && has_attribute_shape(text.substr(name_end, next_close - name_end))));
      if (tag) {
        notes.html_removed = true;
        std::size_t after = next_close + 1;
        Emphasis* styled = (name == "b" || name == "strong") ? &strong
                           : (name == "i" || name == "em")   ? &emphasis
                                                             : nullptr;
        if (styled && closing) styled->close(out);
        else if (styled) styled->open(out);
        else if (name == "br") line_break("\n");
        else if (name == "li" && !closing) line_break(std::string{'\n', kBulletMarker});
        else if (name == "td" || name == "th") out += ' ';
        else if (name == "img") notes.picture_removed = true;
        else if (name == "p" || name == "div" || name == "ul" || name == "ol" || name == "table" || name == "tr" ||
                 name == "blockquote" || name == "pre" || name == "hr" || (name.size() == 2 && name[0] == 'h'))
          line_break("\n\n");
        if (!closing && (name == "script" || name == "style")) {
          std::size_t end = find_ignoring_case(text, "</" + name, after);
          after = end == npos ? text.size() : end;  // its closing tag is then removed as a tag
        }
        i = after;
        continue;
      }
    }
    if (c == '&') {
      std::size_t length = decode_entity(text, i, out);
      if (length > 0) {
        i += length;
        continue;
      }
    }
    if (c == '\n' && !newlines_are_spaces) line_break("\n");
    else out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    ++i;
  }
  line_break("");
  return out;
}

// Trims every line, collapses runs of spaces and keeps at most one empty line in a row: the shape that text
// freed from HTML should have.
std::string tidy_lines(std::string_view text) {
  std::string out;
  int pending_newlines = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == npos) end = text.size();
    std::string_view line = trim(text.substr(start, end - start));
    if (line.empty()) {
      ++pending_newlines;
    } else {
      if (!out.empty()) out.append(pending_newlines >= 1 ? "\n\n" : "\n");
      pending_newlines = 0;
      bool in_space = false;
      for (char c : line) {
        if (c == ' ' || c == '\t') {
          in_space = true;
          continue;
        }
        if (in_space) out += ' ';
        in_space = false;
        out += c;
      }
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

bool is_ascii_punctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

// Escapes what the rich-text parser would read as formatting in text meant literally: * _ $ ` [ anywhere, a
// backslash before punctuation, and "#", "-" or "1." at the start of a line (headings and lists). With
// `tex_delimiters`, $$…$$ (Moodle's TeX filter) becomes $…$ and is copied as it is.
std::string escape_markdown(std::string_view text, bool tex_delimiters) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  bool closers_left = tex_delimiters;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (line_start && c != ' ' && c != '\t') {
      line_start = false;
      if (c == '#' || c == '-') {
        out += '\\';
      } else if (is_digit(c)) {
        std::size_t end = i;
        while (end < text.size() && is_digit(text[end])) ++end;
        if (end < text.size() && text[end] == '.') {  // "1." would start an ordered list
          out.append(text, i, end - i);
          out += "\\.";
          i = end;
          continue;
        }
      }
    }
    if (c == '\n') {
      line_start = true;
    } else if (c == '$' && closers_left && text.compare(i, 2, "$$") == 0) {
      // Maths within one line, without "$" inside: anything else would not read as one formula.
      std::size_t close = text.find('$', i + 2);
      if (close == npos) {
        closers_left = false;
      } else if (close > i + 2 && text.compare(close, 2, "$$") == 0 &&
                 text.substr(i + 2, close - i - 2).find('\n') == npos) {
        out += '$';
        out.append(text, i + 2, close - i - 2);
        out += '$';
        i = close + 1;
        continue;
      }
    }
    bool escape = c == '*' || c == '_' || c == '$' || c == '`' || c == '[' ||
                  (c == '\\' && (i + 1 == text.size() || text[i + 1] == '\n' || is_ascii_punctuation(text[i + 1])));
    if (escape) out += '\\';
    out += c;
  }
  return out;
}

// Moodle shows every line break of plain and auto-format text; the rich-text parser joins lines unless a line
// ends with "\". Blank lines (paragraphs) and lines before a list item stay as they are.
std::string keep_line_breaks(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    out.append(line);
    if (end == text.size()) break;
    std::size_t next_end = text.find('\n', end + 1);
    std::string_view next = text.substr(end + 1, (next_end == npos ? text.size() : next_end) - end - 1);
    if (!is_blank(line) && !is_blank(next) && trim_start(next).front() != kBulletMarker) out += '\\';
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string without_markers(std::string text) {
  text.erase(std::remove_if(text.begin(), text.end(),
                            [](char c) { return c == kStrongMarker || c == kEmphasisMarker; }),
             text.end());
  replace_all(text, kBulletMarker, "- ");
  return text;
}

// Moodle auto-format allows HTML; text with real tags in it is read as HTML, other text stays as written.
bool strip_moodle_html(std::string_view text, TextNotes& notes, std::string& stripped) {
  TextNotes found;
  stripped = strip_html(text, true, false, found);
  if (!found.html_removed) return false;
  notes.html_removed = true;
  notes.picture_removed = notes.picture_removed || found.picture_removed;
  stripped = tidy_lines(stripped);
  return true;
}

// Unescaped GIFT text -> Pathwise rich text (Markdown subset). kBlankMarker is kept for the caller.
std::string to_rich(std::string_view text, TextFormat format, TextNotes& notes) {
  if (format == TextFormat::markdown) return std::string(trim(text));
  std::string out;
  std::string stripped;
  if (format == TextFormat::plain) out = escape_markdown(text, false);
  else if (format == TextFormat::html) out = escape_markdown(tidy_lines(strip_html(text, false, true, notes)), true);
  else if (strip_moodle_html(text, notes, stripped)) out = escape_markdown(stripped, true);
  else out = escape_markdown(text, true);
  out = keep_line_breaks(trim(out));
  replace_all(out, kStrongMarker, "**");
  replace_all(out, kEmphasisMarker, "*");
  replace_all(out, kBulletMarker, "- ");
  return out;
}

// Unescaped GIFT text -> plain text, for what is matched against the student's typing or shown in a list.
std::string to_plain(std::string_view text, TextFormat format, TextNotes& notes) {
  std::string out;
  switch (format) {
    case TextFormat::markdown:
    case TextFormat::plain:
      out = std::string(text);
      break;
    case TextFormat::moodle:
      if (!strip_moodle_html(text, notes, out)) out = std::string(text);
      break;
    case TextFormat::html:
      out = tidy_lines(strip_html(text, false, true, notes));
      break;
  }
  return std::string(trim(without_markers(std::move(out))));
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

// A decimal number as GIFT writes them: optional sign, digits with an optional point, optional exponent.
// The conversion uses the classic locale, so a user's locale cannot turn "3.14" into 3.
enum class NumberProblem { none, not_a_number, too_large };

NumberProblem parse_number(std::string_view text, double& value) {
  text = trim(text);
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return NumberProblem::not_a_number;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return NumberProblem::not_a_number;
  }
  if (i != text.size()) return NumberProblem::not_a_number;
  std::istringstream stream{std::string(text)};
  stream.imbue(std::locale::classic());
  double parsed = 0;
  stream >> parsed;
  if (stream.fail() || !std::isfinite(parsed)) return NumberProblem::too_large;
  value = parsed;
  return NumberProblem::none;
}

std::string number_problem_text(std::string_view text, NumberProblem problem) {
  if (problem == NumberProblem::too_large) return "\"" + excerpt(text) + "\" is too large a number";
  return "\"" + excerpt(text) + "\" is not a number";
}

struct NumericSpec {
  double answer = 0;
  double tolerance = 0;  // absolute
};

// "3.14", "3.14:0.01" (answer:tolerance) or "1..5" (a range: its midpoint, give or take half its width).
// Returns what is wrong, or "" when `spec` was read.
std::string parse_numeric_spec(std::string_view text, NumericSpec& spec) {
  text = trim(text);
  if (text.empty()) return "a numeric answer needs a number";
  NumberProblem problem;
  if (std::size_t dots = text.find(".."); dots != npos) {
    double low = 0;
    double high = 0;
    if ((problem = parse_number(text.substr(0, dots), low)) != NumberProblem::none)
      return number_problem_text(text.substr(0, dots), problem);
    if ((problem = parse_number(text.substr(dots + 2), high)) != NumberProblem::none)
      return number_problem_text(text.substr(dots + 2), problem);
    if (low > high) return "the range " + excerpt(text) + " runs downwards; write the smaller number first";
    spec.answer = low + (high - low) / 2;
    spec.tolerance = (high - low) / 2;
    if (!std::isfinite(spec.answer) || !std::isfinite(spec.tolerance))
      return "the range " + excerpt(text) + " is too wide";
    return "";
  }
  std::size_t colon = text.find(':');
  if ((problem = parse_number(text.substr(0, colon), spec.answer)) != NumberProblem::none)
    return number_problem_text(text.substr(0, colon), problem);
  spec.tolerance = 0;
  if (colon != npos) {
    if ((problem = parse_number(text.substr(colon + 1), spec.tolerance)) != NumberProblem::none)
      return number_problem_text(text.substr(colon + 1), problem) + " (the tolerance after \":\")";
    if (spec.tolerance < 0) return "the tolerance " + excerpt(text.substr(colon + 1)) + " is negative";
  }
  return "";
}

// ---------------------------------------------------------------------------------------------------------------
// Ids

// Letters that stand for accented Latin ones in ids, so "Géographie" gives "geographie" rather than "g-ographie".
// U+00C0–U+00FF; '1' = "ae", '2' = "th", '3' = "ss", ' ' = not a letter.
constexpr std::string_view kLatin1Folding = "aaaaaa1ceeeeiiiidnooooo ouuuuy23aaaaaa1ceeeeiiiidnooooo ouuuuy2y";
// U+0100–U+017F; '1' = "ij", '2' = "oe".
constexpr std::string_view kLatinExtendedAFolding =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii11jjkkkllllllllllnnnnnnnnnoooooo22rrrrrrssssssssttttttuuuuuu"
    "uuuuuuwwyyyzzzzzzs";
static_assert(kLatin1Folding.size() == 64 && kLatinExtendedAFolding.size() == 128);

std::string_view fold_letter(std::uint32_t code_point) {
  static const char* const kAscii = "abcdefghijklmnopqrstuvwxyz0123456789";
  if (code_point < 0x80) {
    char c = ascii_lower(static_cast<char>(code_point));
    if (c >= 'a' && c <= 'z') return std::string_view(kAscii + (c - 'a'), 1);
    if (is_digit(c)) return std::string_view(kAscii + 26 + (c - '0'), 1);
    return {};
  }
  char folded = ' ';
  bool extended = false;
  if (code_point >= 0xC0 && code_point <= 0xFF) folded = kLatin1Folding[code_point - 0xC0];
  else if (code_point >= 0x100 && code_point <= 0x17F)
    folded = kLatinExtendedAFolding[code_point - 0x100], extended = true;
  switch (folded) {
    case ' ': return {};
    case '1': return extended ? "ij" : "ae";
    case '2': return extended ? "oe" : "th";
    case '3': return "ss";
    default: return fold_letter(static_cast<unsigned char>(folded));
  }
}

// Decodes the (valid, sanitized) UTF-8 sequence at text[i].
std::uint32_t decode_utf8(std::string_view text, std::size_t i, std::size_t& length) {
  auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(text[k])); };
  length = utf8_sequence_length(text, i);
  switch (length) {
    case 1: return byte(i);
    case 2: return ((byte(i) & 0x1F) << 6) | (byte(i + 1) & 0x3F);
    case 3: return ((byte(i) & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
    case 4:
      return ((byte(i) & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) | ((byte(i + 2) & 0x3F) << 6) |
             (byte(i + 3) & 0x3F);
    default: length = 1; return 0xFFFD;
  }
}

// Lower-case letters and digits, other runs become one "-", at most 64 characters; "" when nothing is left.
std::string slugify(std::string_view text) {
  std::string slug;
  bool pending_dash = false;
  for (std::size_t i = 0; i < text.size() && slug.size() < kMaxIdLength;) {
    std::size_t length = 1;
    std::string_view letters = fold_letter(decode_utf8(text, i, length));
    i += length;
    if (letters.empty()) {
      pending_dash = true;
      continue;
    }
    if (pending_dash && !slug.empty()) slug += '-';
    pending_dash = false;
    slug.append(letters);
  }
  if (slug.size() > kMaxIdLength) slug.resize(kMaxIdLength);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || is_digit(c) || c == '-'; });
}

// Hands out unique ids: "capitals", then "capitals-2", "capitals-3"… Remembers the next suffix per base, so a
// file with thousands of identical titles stays linear.
class IdRegistry {
 public:
  std::string claim(const std::string& base) {
    if (taken_.insert(base).second) return base;
    std::size_t& next = next_suffix_[base];
    if (next < 2) next = 2;
    for (;; ++next) {
      std::string suffix = "-" + std::to_string(next);
      std::string candidate = base.substr(0, kMaxIdLength - suffix.size());
      while (!candidate.empty() && candidate.back() == '-') candidate.pop_back();
      candidate += suffix;
      if (taken_.insert(candidate).second) {
        ++next;
        return candidate;
      }
    }
  }

 private:
  std::unordered_set<std::string> taken_;
  std::unordered_map<std::string, std::size_t> next_suffix_;
};

// ---------------------------------------------------------------------------------------------------------------
// JSON building

Value text_value(std::string_view text, Allocator& allocator) {
  return Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

void add_text(Value& object, const char* key, std::string_view text, Allocator& allocator) {
  object.AddMember(rapidjson::StringRef(key), text_value(text, allocator), allocator);
}

// Whole numbers are written without ".0", as an author would.
Value number_value(double number) {
  if (std::floor(number) == number && std::fabs(number) < 9.0e15) return Value(static_cast<std::int64_t>(number));
  return Value(number);
}

// The general feedback object; only the parts that have text.
void add_feedback(Value& object, const std::string& correct, const std::string& incorrect, Allocator& allocator) {
  if (correct.empty() && incorrect.empty()) return;
  Value feedback(rapidjson::kObjectType);
  if (!correct.empty()) add_text(feedback, "correct", correct, allocator);
  if (!incorrect.empty()) add_text(feedback, "incorrect", incorrect, allocator);
  object.AddMember("feedback", feedback, allocator);
}

// ---------------------------------------------------------------------------------------------------------------
// Questions

struct Failure {
  std::size_t at = 0;  // offset in the block's text
  std::string reason;
};

// One answer of a choice, short-answer, numeric or matching block: "=text#feedback", "~%50%text".
struct Answer {
  char marker = '=';            // '=' right, '~' wrong
  std::size_t at = 0;           // offset of the marker in the block's text
  double percent = 0;           // Moodle's credit for it, -100 to 100
  std::string_view whole;       // raw text after the marker (matching reads it whole)
  std::string_view text;        // raw text before the feedback
  std::string_view feedback;    // raw text after the first unescaped '#', "" when none
};

std::string percent_text(double percent) {
  std::ostringstream stream;
  stream.imbue(std::locale::classic());
  stream << percent << '%';
  return stream.str();
}

// The localized instruction of a missing-word question: GIFT has none, but a cloze activity needs a prompt.
std::string_view fill_in_prompt(std::string_view language) {
  std::string primary;
  for (char c : language.substr(0, language.find('-'))) primary += ascii_lower(c);
  if (primary == "es") return "Completa el espacio en blanco.";
  if (primary == "fr") return "Complétez la phrase.";
  if (primary == "de") return "Ergänze die Lücke.";
  if (primary == "pt") return "Complete a lacuna.";
  if (primary == "it") return "Completa lo spazio vuoto.";
  return "Fill in the blank.";
}

// A title for a reading page made from its text: the first line, cut at a word near 60 characters.
std::string derive_title(std::string_view plain) {
  std::string_view line = trim(plain.substr(0, plain.find('\n')));
  while (!line.empty() && line.front() == '#') line.remove_prefix(1);
  line = trim(line);
  if (line.size() <= kMaxDerivedTitle) return std::string(line);
  std::string_view cut = cut_at_code_point(line, kMaxDerivedTitle);
  std::size_t space = cut.rfind(' ');
  if (space != npos && space > kMaxDerivedTitle / 2) cut = cut.substr(0, space);
  return std::string(trim(cut)) + "…";
}

// A passage marks its blanks with {1}, {2}…; text that already holds one cannot become a passage.
std::string_view find_blank_number(std::string_view text) {
  for (std::size_t i = text.find('{'); i != npos; i = text.find('{', i + 1)) {
    std::size_t k = i + 1;
    while (k < text.size() && is_digit(text[k])) ++k;
    if (k > i + 1 && k < text.size() && text[k] == '}') return text.substr(i, k - i + 1);
  }
  return {};
}

bool is_true_false_word(std::string_view word) {
  return equals_ignoring_case(word, "T") || equals_ignoring_case(word, "TRUE") || equals_ignoring_case(word, "F") ||
         equals_ignoring_case(word, "FALSE");
}

// {1:MULTICHOICE:…} is Moodle's other quiz syntax (embedded answers), often pasted into GIFT files by mistake.
bool looks_like_embedded_answers(std::string_view body) {
  std::size_t i = 0;
  while (i < body.size() && is_digit(body[i])) ++i;
  if (i >= body.size() || body[i] != ':') return false;
  std::size_t name_start = ++i;
  while (i < body.size() && ((body[i] >= 'A' && body[i] <= 'Z') || body[i] == '_')) ++i;
  return i > name_start && i < body.size() && body[i] == ':';
}

// Reads one GIFT item (the text of a block) into the type-specific fields of an activity. On failure, says
// why in a clause that completes "question at line N was not imported: …".
class QuestionReader {
 public:
  QuestionReader(const Block& block, Allocator& allocator, std::string_view language)
      : block_(block), allocator_(allocator), language_(language), fields_(rapidjson::kObjectType) {}

  bool read() {
    std::string_view text = block_.text;
    std::size_t i = text.size() - trim_start(text).size();
    start_ = i;
    if (text.compare(i, 2, "::") == 0) {
      std::size_t close = find_unescaped(text, "::", i + 2);
      if (close == npos) return fail(i, "its title starts with \"::\" but has no closing \"::\"");
      title_ = std::string(trim(unescape(text.substr(i + 2, close - i - 2))));
      i = close + 2;
    }
    std::string_view rest = text.substr(i);
    i += rest.size() - take_format(rest, format_).size();
    return read_braces(i) && finish();
  }

  const Failure& failure() const { return failure_; }
  std::size_t start() const { return start_; }
  const std::string& title() const { return title_; }
  const char* type() const { return type_; }
  Value& fields() { return fields_; }
  const std::vector<std::pair<std::size_t, std::string>>& warnings() const { return warnings_; }

 private:
  bool fail(std::size_t at, std::string reason) {
    failure_ = {at, std::move(reason)};
    return false;
  }
  // Each warning costs a scan of its line for the column, so a question lists a bounded number of them.
  void warn(std::size_t at, std::string message) {
    if (warnings_.size() < kMaxWarningsPerQuestion) warnings_.emplace_back(at, std::move(message));
    else ++unlisted_warnings_;
  }

  // Finds the answer block: none (a description), exactly one, or a reason why the braces do not make sense.
  bool read_braces(std::size_t text_begin) {
    std::string_view text = block_.text;
    std::size_t open = npos;
    std::size_t close = npos;
    for (std::size_t k = text_begin; k < text.size(); ++k) {
      char c = text[k];
      if (c == '\\') {
        ++k;
      } else if (c == '{') {
        if (close != npos)
          return fail(k, "it has more than one answer block {…}; a GIFT question has one "
                         "(write \\{ for a literal brace)");
        if (open != npos) return fail(k, "it has a \"{\" inside its answer block (write \\{ for a literal brace)");
        open = k;
      } else if (c == '}') {
        if (open == npos || close != npos)
          return fail(k, "it has a \"}\" with no \"{\" before it (write \\} for a literal brace)");
        close = k;
      }
    }
    if (open != npos && close == npos) return fail(open, "its answer block has no closing \"}\"");
    if (open == npos) {
      before_ = text.substr(text_begin);
      return read_description();
    }
    before_ = text.substr(text_begin, open - text_begin);
    after_ = text.substr(close + 1);
    missing_word_ = !is_blank(after_);
    return read_answer_block(text.substr(open + 1, close - open - 1), open + 1);
  }

  // Decides the question type the way Moodle does, in the same order.
  bool read_answer_block(std::string_view block, std::size_t block_at) {
    std::string_view body = block;
    if (std::size_t general = find_unescaped(body, "####"); general != npos) {
      general_feedback_ = rich(body.substr(general + 4));
      body = body.substr(0, general);
    }
    std::string_view trimmed = trim(body);
    std::size_t at = block_at + (trim_start(body).data() - body.data());
    if (trimmed.empty()) return read_essay();
    if (trimmed.front() == '#') return read_numeric(trimmed.substr(1), at + 1);
    if (looks_like_embedded_answers(trimmed))
      return fail(at, "its answer block uses Moodle's embedded-answers (Cloze) syntax {1:MULTICHOICE:…}, which is "
                      "not GIFT");
    if (find_unescaped(trimmed, "->") != npos) return read_matching(trimmed, at);
    if (is_true_false_word(trim(split_unescaped(trimmed, '#').front()))) return read_true_false(trimmed, at);
    if (find_unescaped(trimmed, "~") != npos) return read_multiple_choice(trimmed, at);
    if (trimmed.front() == '=') return read_short_answer(trimmed, at);
    return fail(at, "its answer block {" + excerpt(trimmed) +
                        "} is not GIFT: answers start with = (right) or ~ (wrong), a number with #, or T/F");
  }

  // Splits "=a#fb ~%50%b ~c" into answers. With `weights_and_feedback` false (matching), each is kept whole.
  std::optional<Failure> split_answers(std::string_view body, std::size_t at, bool weights_and_feedback,
                                       std::vector<Answer>& answers) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\\') ++i;
      else if (body[i] == '=' || body[i] == '~') starts.push_back(i);
    }
    if (starts.empty() || !is_blank(body.substr(0, starts.front()))) {
      return Failure{at, "its answers must each start with = (right) or ~ (wrong); it starts with \"" +
                             excerpt(body.substr(0, starts.empty() ? body.size() : starts.front())) + "\""};
    }
    for (std::size_t k = 0; k < starts.size(); ++k) {
      std::size_t end = k + 1 < starts.size() ? starts[k + 1] : body.size();
      Answer answer;
      answer.marker = body[starts[k]];
      answer.at = at + starts[k];
      answer.whole = body.substr(starts[k] + 1, end - starts[k] - 1);
      answer.percent = answer.marker == '=' ? 100 : 0;
      std::string_view rest = answer.whole;
      if (weights_and_feedback) {
        rest = trim_start(rest);
        if (!rest.empty() && rest.front() == '%') {
          std::size_t close = rest.find('%', 1);
          if (close == npos) return Failure{answer.at, "the weight \"" + excerpt(rest) + "\" has no closing %"};
          double percent = 0;
          if (parse_number(rest.substr(1, close - 1), percent) != NumberProblem::none || percent < -100 ||
              percent > 100) {
            return Failure{answer.at, "the weight \"" + excerpt(rest.substr(0, close + 1)) +
                                          "\" is not a percentage from -100 to 100"};
          }
          answer.percent = percent;
          rest = rest.substr(close + 1);
        }
        std::size_t hash = find_unescaped(rest, "#");
        answer.text = rest.substr(0, hash);
        if (hash != npos) answer.feedback = rest.substr(hash + 1);
      } else {
        answer.text = rest;
      }
      answers.push_back(answer);
    }
    return std::nullopt;
  }

  bool fail(const Failure& failure) { return fail(failure.at, failure.reason); }

  std::string rich(std::string_view raw) {
    TextFormat format = format_;
    std::string_view rest = take_format(raw, format);
    return to_rich(unescape(rest), format, notes_);
  }

  std::string plain(std::string_view raw) {
    TextFormat format = format_;
    std::string_view rest = take_format(raw, format);
    return to_plain(unescape(rest), format, notes_);
  }

  // The question text as rich text, with kBlankMarker where a missing-word question's answers were.
  std::string prompt_with_marker() {
    std::string raw(before_);
    if (missing_word_) {
      raw += kBlankMarker;
      raw.append(after_);
    }
    return to_rich(unescape(raw), format_, notes_);
  }

  // The prompt of a question whose type has no blanks: Moodle shows the gap as a line, and so do we.
  bool set_prompt() {
    std::string prompt = prompt_with_marker();
    replace_all(prompt, kBlankMarker, "\\_\\_\\_\\_\\_");
    if (prompt.empty()) return fail(start_, "it has no question text, only answers");
    add_text(fields_, "prompt", prompt, allocator_);
    return true;
  }

  bool read_description() {
    std::string body = prompt_with_marker();
    if (body.empty()) return fail(start_, "it has a title but no text");
    return make_reading(body);
  }

  bool read_essay() {
    std::string body = prompt_with_marker();
    replace_all(body, kBlankMarker, "\\_\\_\\_\\_\\_");
    if (body.empty()) return fail(start_, "it is an essay question without text");
    warn(start_, "it is an essay, which Pathwise cannot grade, so it became a reading page");
    if (!general_feedback_.empty()) warn(start_, "the essay's general feedback (####) is not kept");
    return make_reading(body);
  }

  bool make_reading(const std::string& body) {
    type_ = "reading";
    std::string title = title_;
    if (title.empty()) {
      TextNotes ignored;
      title = derive_title(to_plain(unescape(before_), format_, ignored));
    }
    if (title.empty()) title = "Reading";
    add_text(fields_, "title", title, allocator_);
    add_text(fields_, "body", body, allocator_);
    return true;
  }

  bool read_true_false(std::string_view body, std::size_t at) {
    std::vector<std::string_view> parts = split_unescaped(body, '#');
    if (parts.size() > 3)
      return fail(at, "a true/false answer takes at most two feedbacks, {T#if wrong#if right} (write \\# for a "
                      "literal #)");
    if (!set_prompt()) return false;
    type_ = "true_false";
    std::string_view word = trim(parts[0]);
    bool answer = equals_ignoring_case(word, "T") || equals_ignoring_case(word, "TRUE");
    fields_.AddMember("answer", answer, allocator_);
    if (parts.size() > 1) {
      std::string wrong = rich(parts[1]);
      if (!wrong.empty()) add_text(fields_, "feedback_wrong", wrong, allocator_);
    }
    std::string right = parts.size() > 2 ? rich(parts[2]) : std::string();
    add_feedback(fields_, join_paragraphs(right, general_feedback_), general_feedback_, allocator_);
    return true;
  }

  bool read_multiple_choice(std::string_view body, std::size_t at) {
    std::vector<Answer> answers;
    if (auto failure = split_answers(body, at, true, answers)) return fail(*failure);
    std::size_t right = std::count_if(answers.begin(), answers.end(), [](const Answer& a) { return a.percent > 0; });
    if (right == 0)
      return fail(at, "a multiple-choice question needs at least one right answer (= or a positive %weight%)");
    if (answers.size() < kMinChoices) return fail(at, "a multiple-choice question needs at least two answers");
    if (missing_word_) return read_missing_word(answers, true);
    if (answers.size() > kMaxChoices)
      return fail(at, "it has " + std::to_string(answers.size()) + " answers; Pathwise shows at most " +
                          std::to_string(kMaxChoices));
    if (!set_prompt()) return false;
    Value choices(rapidjson::kArrayType);
    std::size_t full = 0;
    for (std::size_t k = 0; k < answers.size(); ++k) {
      const Answer& answer = answers[k];
      std::string text = rich(answer.text);
      if (text.empty()) return fail(answer.at, "answer " + std::to_string(k + 1) + " is empty");
      Value choice(rapidjson::kObjectType);
      add_text(choice, "text", text, allocator_);
      if (answer.percent > 0) choice.AddMember("correct", true, allocator_);
      std::string feedback = rich(answer.feedback);
      if (!feedback.empty()) add_text(choice, "feedback", feedback, allocator_);
      choices.PushBack(choice, allocator_);
      if (answer.percent >= 100) ++full;
      if (right == 1 && answer.percent > 0 && answer.percent < 100)
        warn(answer.at, "its only right answer is worth " + percent_text(answer.percent) +
                            " in Moodle; here it gives full credit");
    }
    if (right > 1 && full > 1)
      warn(at, "several answers are fully right (=), so it became a tick-all-that-apply question: the student must "
               "now choose all of them");
    type_ = right == 1 ? "single_choice" : "multiple_select";
    fields_.AddMember("choices", choices, allocator_);
    add_feedback(fields_, general_feedback_, general_feedback_, allocator_);
    return true;
  }

  bool read_short_answer(std::string_view body, std::size_t at) {
    std::vector<Answer> answers;
    if (auto failure = split_answers(body, at, true, answers)) return fail(*failure);
    for (std::size_t k = 0; k < answers.size(); ++k) {
      if (plain(answers[k].text).empty()) return fail(answers[k].at, "answer " + std::to_string(k + 1) + " is empty");
    }
    bool accepted = std::any_of(answers.begin(), answers.end(), [](const Answer& a) { return a.percent > 0; });
    if (!accepted) return fail(at, "a short-answer question needs at least one answer that earns credit");
    if (missing_word_) return read_missing_word(answers, false);
    if (!set_prompt()) return false;
    type_ = "short_text";
    Value accepted_answers(rapidjson::kArrayType);
    Value wrong_answers(rapidjson::kArrayType);
    double best = 0;
    for (const Answer& answer : answers) {
      Value entry(rapidjson::kObjectType);
      add_text(entry, "text", plain(answer.text), allocator_);
      if (answer.percent > 0 && answer.percent < 100)  // 33.333% -> 0.33333, not 0.33332999999999996
        entry.AddMember("score", number_value(std::round(answer.percent * 1e4) / 1e6), allocator_);
      std::string feedback = rich(answer.feedback);
      if (!feedback.empty()) add_text(entry, "feedback", feedback, allocator_);
      // A wrong answer is worth listing only for its feedback: without one it scores 0 like any other.
      if (answer.percent > 0) accepted_answers.PushBack(entry, allocator_);
      else if (!feedback.empty()) wrong_answers.PushBack(entry, allocator_);
      best = std::max(best, answer.percent);
    }
    if (best < 100) warn(at, "no answer is worth 100%, so no student can get it fully right");
    fields_.AddMember("answers", accepted_answers, allocator_);
    fields_.AddMember("case_sensitive", false, allocator_);
    add_text(fields_, "accents", "required", allocator_);
    if (!wrong_answers.Empty()) fields_.AddMember("wrong_answers", wrong_answers, allocator_);
    add_feedback(fields_, general_feedback_, general_feedback_, allocator_);
    return true;
  }

  // "Mary had a {~big =little} lamb": a cloze with one blank, a drop-down (`choices`) or typed.
  bool read_missing_word(const std::vector<Answer>& answers, bool choices) {
    std::string passage = prompt_with_marker();
    std::string_view clash = find_blank_number(passage);
    if (!clash.empty())
      return fail(start_, "its text contains \"" + std::string(clash) +
                              "\", which a Pathwise passage would read as a blank");
    replace_all(passage, kBlankMarker, "{1}");
    Value blank(rapidjson::kObjectType);
    Value right(rapidjson::kArrayType);
    Value options(rapidjson::kArrayType);
    std::string wrong_feedback;
    bool feedback_dropped = false;
    for (std::size_t k = 0; k < answers.size(); ++k) {
      const Answer& answer = answers[k];
      std::string text = plain(answer.text);
      if (text.empty()) return fail(answer.at, "answer " + std::to_string(k + 1) + " is empty");
      if (answer.percent > 0) right.PushBack(text_value(text, allocator_), allocator_);
      if (choices) options.PushBack(text_value(text, allocator_), allocator_);
      if (answer.percent > 0 && answer.percent < 100)
        warn(answer.at, "the answer \"" + excerpt(text) + "\" is worth " + percent_text(answer.percent) +
                            " in Moodle; in a blank it gives full credit");
      if (answer.percent <= 0 && !choices)
        warn(answer.at,
             "the wrong answer \"" + excerpt(text) + "\" is not kept: a typed blank lists only right answers");
      std::string feedback = rich(answer.feedback);
      if (feedback.empty()) continue;
      // A blank has one feedback, shown when it is wrong: kept when every wrong answer says the same thing.
      if (answer.percent <= 0 && (wrong_feedback.empty() || wrong_feedback == feedback)) wrong_feedback = feedback;
      else feedback_dropped = true;
    }
    if (feedback_dropped)
      warn(start_, "a blank has a single feedback for wrong answers; the other per-answer feedback is not kept");
    type_ = "cloze";
    add_text(fields_, "prompt", fill_in_prompt(language_), allocator_);
    add_text(fields_, "passage", passage, allocator_);
    blank.AddMember("answers", right, allocator_);
    if (choices) blank.AddMember("choices", options, allocator_);
    if (!wrong_feedback.empty()) add_text(blank, "feedback", wrong_feedback, allocator_);
    Value blanks(rapidjson::kArrayType);
    blanks.PushBack(blank, allocator_);
    fields_.AddMember("blanks", blanks, allocator_);
    if (!choices) {
      fields_.AddMember("case_sensitive", false, allocator_);
      add_text(fields_, "accents", "required", allocator_);
    }
    add_feedback(fields_, general_feedback_, general_feedback_, allocator_);
    return true;
  }

  // {#3.14:0.01#feedback}, {#1..5}, {#=3.14:0.01 =%50%3:0.5 ~#feedback for any other number}.
  bool read_numeric(std::string_view body, std::size_t at) {
    std::string_view spec_text = trim(body);
    at += trim_start(body).data() - body.data();
    NumericSpec answer;
    bool have_answer = false;
    std::string correct_feedback;
    std::string catch_all_feedback;
    Value wrong_answers(rapidjson::kArrayType);
    std::string_view items = spec_text;
    std::size_t items_at = at;
    if (spec_text.empty() || (spec_text.front() != '=' && spec_text.front() != '~')) {
      // The short form: one number, then optionally "~…" items (Moodle's wrong-answer feedback).
      std::size_t tilde = find_unescaped(spec_text, "~");
      std::string_view main = spec_text.substr(0, tilde);
      std::size_t hash = find_unescaped(main, "#");
      std::string problem = parse_numeric_spec(main.substr(0, hash), answer);
      if (!problem.empty()) return fail(at, problem);
      if (hash != npos) correct_feedback = rich(main.substr(hash + 1));
      have_answer = true;
      items = tilde == npos ? std::string_view() : spec_text.substr(tilde);
      items_at = at + (tilde == npos ? 0 : tilde);
    }
    std::vector<Answer> answers;
    if (!items.empty()) {
      if (auto failure = split_answers(items, items_at, true, answers)) return fail(*failure);
    }
    for (const Answer& item : answers) {
      if (item.marker == '~' && is_blank(item.text)) {  // "~#feedback": Moodle's feedback for any wrong number
        catch_all_feedback = rich(item.feedback);
        continue;
      }
      NumericSpec spec;
      std::string problem = parse_numeric_spec(item.text, spec);
      if (!problem.empty()) return fail(item.at, problem);
      if (item.percent >= 100 && !have_answer) {
        have_answer = true;
        answer = spec;
        correct_feedback = rich(item.feedback);
      } else if (item.percent >= 100) {
        warn(item.at, "only the first fully right numeric answer is kept; " + excerpt(item.text) + " is dropped");
      } else if (item.percent > 0) {
        warn(item.at, "partial-credit numeric answers are dropped (" + excerpt(item.text) + " for " +
                          percent_text(item.percent) + ")");
      } else if (std::string feedback = rich(item.feedback); !feedback.empty()) {
        // A wrong number is worth listing only for its feedback: without one it scores 0 like any other.
        Value wrong(rapidjson::kObjectType);
        wrong.AddMember("value", number_value(spec.answer), allocator_);
        add_text(wrong, "feedback", feedback, allocator_);
        wrong_answers.PushBack(wrong, allocator_);
      }
    }
    if (!have_answer) return fail(at, "a numeric question needs one answer worth full credit (=number)");
    if (!set_prompt()) return false;
    type_ = "numeric";
    fields_.AddMember("answer", number_value(answer.answer), allocator_);
    if (answer.tolerance > 0) {
      Value tolerance(rapidjson::kObjectType);
      tolerance.AddMember("absolute", number_value(answer.tolerance), allocator_);
      fields_.AddMember("tolerance", tolerance, allocator_);
    }
    if (!wrong_answers.Empty()) fields_.AddMember("wrong_answers", wrong_answers, allocator_);
    add_feedback(fields_, join_paragraphs(correct_feedback, general_feedback_),
                 join_paragraphs(catch_all_feedback, general_feedback_), allocator_);
    return true;
  }

  bool read_matching(std::string_view body, std::size_t at) {
    std::vector<Answer> answers;
    if (auto failure = split_answers(body, at, false, answers)) return fail(*failure);
    Value pairs(rapidjson::kArrayType);
    Value distractors(rapidjson::kArrayType);
    for (std::size_t k = 0; k < answers.size(); ++k) {
      const Answer& answer = answers[k];
      if (answer.marker == '~')
        return fail(answer.at, "a matching question cannot have ~ answers: each pair is written =left -> right");
      std::size_t arrow = find_unescaped(answer.whole, "->");
      if (arrow == npos) return fail(answer.at, "pair " + std::to_string(k + 1) + " has no \"->\" between its sides");
      std::string left = plain(answer.whole.substr(0, arrow));
      std::string right = plain(answer.whole.substr(arrow + 2));
      if (right.empty()) return fail(answer.at, "pair " + std::to_string(k + 1) + " has nothing after \"->\"");
      if (left.empty()) {
        distractors.PushBack(text_value(right, allocator_), allocator_);
        continue;
      }
      Value pair(rapidjson::kObjectType);
      add_text(pair, "left", left, allocator_);
      add_text(pair, "right", right, allocator_);
      pairs.PushBack(pair, allocator_);
    }
    if (pairs.Size() < kMinPairs)
      return fail(at, "a matching question needs at least two pairs; it has " + std::to_string(pairs.Size()));
    if (pairs.Size() > kMaxPairs)
      return fail(at, "it has " + std::to_string(pairs.Size()) + " pairs; Pathwise matches at most " +
                          std::to_string(kMaxPairs));
    if (!set_prompt()) return false;
    type_ = "matching";
    fields_.AddMember("pairs", pairs, allocator_);
    if (!distractors.Empty()) fields_.AddMember("distractors", distractors, allocator_);
    add_feedback(fields_, general_feedback_, general_feedback_, allocator_);
    return true;
  }

  bool finish() {
    if (notes_.html_removed)
      warnings_.emplace_back(start_,
                             "its HTML formatting was removed (Pathwise uses Markdown): check how the text reads");
    if (notes_.picture_removed)
      warnings_.emplace_back(start_,
                             "a picture (<img>) was removed: add it to the bundle's media and to the activity by hand");
    if (unlisted_warnings_ > 0)
      warnings_.emplace_back(start_, std::to_string(unlisted_warnings_) + " more warnings like these are not listed");
    return true;
  }

  const Block& block_;
  Allocator& allocator_;
  std::string_view language_;
  Value fields_;
  const char* type_ = "";
  std::size_t start_ = 0;
  std::string title_;
  TextFormat format_ = TextFormat::moodle;
  std::string_view before_;  // raw question text before the answer block (all of it for a description)
  std::string_view after_;   // raw text after it
  bool missing_word_ = false;
  std::string general_feedback_;
  TextNotes notes_;
  Failure failure_;
  std::vector<std::pair<std::size_t, std::string>> warnings_;
  std::size_t unlisted_warnings_ = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// Categories, skills and the course outline

// "$course$/top/Maths/Fractions" -> "Maths / Fractions": Moodle's context prefix and "top" say nothing to a
// student; "//" is Moodle's escape for a "/" inside a category name.
std::string category_title(std::string_view path) {
  std::vector<std::string> segments;
  std::string segment;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i < path.size() && path[i] == '/' && i + 1 < path.size() && path[i + 1] == '/') {
      segment += '/';
      ++i;
    } else if (i == path.size() || path[i] == '/') {
      std::string_view trimmed = trim(segment);
      if (!trimmed.empty()) segments.emplace_back(trimmed);
      segment.clear();
    } else {
      segment += path[i];
    }
  }
  std::size_t first = 0;
  if (first < segments.size() && segments[first].size() > 2 && segments[first].front() == '$' &&
      segments[first].back() == '$')
    ++first;
  if (first < segments.size() && segments[first] == "top") ++first;
  std::string title;
  for (std::size_t i = first; i < segments.size(); ++i) {
    if (!title.empty()) title += " / ";
    title += segments[i];
  }
  return title;
}

struct SkillDraft {
  std::string id;
  std::string title;  // "" for the general skill until the course title is known
  bool general = false;
  std::vector<std::string> activities;
};

// One skill (and unit and lesson) per category that received at least one activity, in order of first use.
class Outline {
 public:
  SkillDraft& skill_for(const std::string& category) {
    auto [place, inserted] = index_.emplace(category, skills_.size());
    if (inserted) {
      SkillDraft skill;
      skill.general = category.empty();
      std::string base = skill.general ? "general" : slugify(category);
      skill.id = ids_.claim(base.empty() ? "category" : base);
      skill.title = category;
      skills_.push_back(std::move(skill));
    }
    return skills_[place->second];
  }
  std::vector<SkillDraft>& skills() { return skills_; }

 private:
  std::vector<SkillDraft> skills_;
  std::unordered_map<std::string, std::size_t> index_;  // category title ("" = before any category) -> skill
  IdRegistry ids_;
};

// "$CATEGORY: Maths/Fractions" (the keyword in any case); the path, or nullopt when the line is not one.
std::optional<std::string_view> category_path(std::string_view line) {
  line = trim(line);
  if (!starts_with_ignoring_case(line, "$CATEGORY:")) return std::nullopt;
  return trim(line.substr(10));
}

// "$SOMETHING:" at the start of an item: an instruction GIFT does not have.
bool is_unknown_instruction(std::string_view line) {
  line = trim_start(line);
  if (line.size() < 3 || line[0] != '$' || !(line[1] >= 'A' && line[1] <= 'Z')) return false;
  std::size_t i = 1;
  while (i < line.size() && ((line[i] >= 'A' && line[i] <= 'Z') || line[i] == '_')) ++i;
  return i < line.size() && line[i] == ':';
}

std::string file_stem(std::string_view file) {
  std::size_t slash = file.find_last_of("/\\");
  if (slash != npos) file = file.substr(slash + 1);
  std::size_t dot = file.rfind('.');
  if (dot != npos && dot > 0) file = file.substr(0, dot);
  return std::string(file);
}

// Collects diagnostics, listing at most kMaxListedDiagnostics and counting the rest, so that no input can make
// the report itself huge.
class Reporter {
 public:
  explicit Reporter(std::string file) : file_(std::move(file)) {}

  void report(Severity severity, int line, int column, std::string message) {
    if (listed_.size() < kMaxListedDiagnostics) {
      listed_.push_back({severity, file_, line, column, "", std::move(message)});
      return;
    }
    ++unlisted_;
    if (severity == Severity::error) unlisted_errors_ = true;
  }
  // Always listed: the verdicts about the whole file.
  void report_file(Severity severity, std::string message) {
    final_.push_back({severity, file_, 0, 0, "", std::move(message)});
  }
  std::vector<Diagnostic> finish() {
    std::vector<Diagnostic> all = std::move(listed_);
    if (unlisted_ > 0) {
      all.push_back({unlisted_errors_ ? Severity::error : Severity::warning, file_, 0, 0, "",
                     std::to_string(unlisted_) + " more problems were found but not listed (only the first " +
                         std::to_string(kMaxListedDiagnostics) + " are)"});
    }
    all.insert(all.end(), final_.begin(), final_.end());
    return all;
  }

 private:
  std::string file_;
  std::vector<Diagnostic> listed_;
  std::vector<Diagnostic> final_;
  std::size_t unlisted_ = 0;
  bool unlisted_errors_ = false;
};

std::string question_name(const Block& block, const std::string& title) {
  std::string name = "question ";
  if (!title.empty()) name += "\"" + excerpt(title) + "\" ";
  return name + "at line " + std::to_string(block.first_line());
}

std::string write_pretty(const rapidjson::Document& document) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  document.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace

GiftImport import_gift(std::string_view gift_text, const GiftOptions& options) {
  GiftImport result;
  Reporter reporter(options.file);
  if (gift_text.size() > kMaxGiftBytes) {
    reporter.report_file(Severity::error, "the file is too large to be a quiz (" +
                                              std::to_string(gift_text.size() / (1024 * 1024)) + " MB; at most " +
                                              std::to_string(kMaxGiftBytes / (1024 * 1024)) + " MB)");
    result.diagnostics = reporter.finish();
    return result;
  }
  bool id_ok = is_valid_id(options.course_id);
  if (!id_ok) {
    reporter.report_file(Severity::error, "the course id \"" + excerpt(options.course_id) +
                                              "\" is not valid: use lower-case letters a–z, digits and \"-\" (not "
                                              "first), at most 64");
  }

  CleanText clean = sanitize(gift_text);
  if (clean.first_replaced != npos) {
    std::size_t line_start = clean.text.rfind('\n', clean.first_replaced);
    line_start = line_start == npos ? 0 : line_start + 1;
    int line = 1 + static_cast<int>(std::count(clean.text.begin(), clean.text.begin() + line_start, '\n'));
    reporter.report(Severity::warning, line, column_between(clean.text, line_start, clean.first_replaced),
                    "the file has bytes that are not UTF-8 text or control characters; they became \"\xEF\xBF\xBD\"");
  }

  rapidjson::Document document;
  Allocator& allocator = document.GetAllocator();
  std::string language = options.language.empty() ? "en" : options.language;
  Value activities(rapidjson::kArrayType);
  Outline outline;
  IdRegistry activity_ids;
  std::string category;        // the current category's title; "" before the first one
  std::string first_category;
  bool any_category = false;

  for (const Block& whole : split_blocks(clean.text)) {
    const Block* block = &whole;
    Block rest;
    if (auto path = category_path(whole.line_text(0))) {
      category = category_title(*path);
      if (!any_category) first_category = category;
      any_category = true;
      rest = whole.without_first_line();
      if (rest.lines.empty()) continue;
      block = &rest;
    }
    ++result.questions_seen;
    if (is_unknown_instruction(block->line_text(0))) {
      std::string_view line = trim(block->line_text(0));
      reporter.report(Severity::error, block->first_line(), block->position(line.data() - block->text.data()).second,
                      question_name(*block, "") + " was not imported: \"" +
                          std::string(line.substr(0, line.find(':') + 1)) +
                          "\" is not a GIFT instruction (only $CATEGORY: is)");
      continue;
    }
    QuestionReader reader(*block, allocator, language);
    bool read = reader.read();
    std::string name = question_name(*block, reader.title());
    if (!read) {
      auto [line, column] = block->position(reader.failure().at);
      reporter.report(Severity::error, line, column, name + " was not imported: " + reader.failure().reason);
      continue;
    }
    for (const auto& [at, message] : reader.warnings()) {
      auto [line, column] = block->position(at);
      reporter.report(Severity::warning, line, column, name + ": " + message);
    }
    ++result.questions_imported;
    std::string base = slugify(reader.title());
    if (base.empty()) base = "q" + std::to_string(result.questions_seen);
    std::string id = activity_ids.claim(base);
    SkillDraft& skill = outline.skill_for(category);
    skill.activities.push_back(id);

    Value activity(rapidjson::kObjectType);
    add_text(activity, "id", id, allocator);
    activity.AddMember("type", rapidjson::StringRef(reader.type()), allocator);
    Value skills(rapidjson::kArrayType);
    skills.PushBack(text_value(skill.id, allocator), allocator);
    activity.AddMember("skills", skills, allocator);
    for (auto& member : reader.fields().GetObject()) activity.AddMember(member.name, member.value, allocator);
    activities.PushBack(activity, allocator);
  }

  if (result.questions_imported == 0) {
    reporter.report_file(Severity::error, result.questions_seen == 0
                                              ? "the file holds no GIFT questions, so there is nothing to import"
                                              : "none of its " + std::to_string(result.questions_seen) +
                                                    " questions could be imported, so no course was made");
  }
  if (result.questions_imported == 0 || !id_ok) {
    result.diagnostics = reporter.finish();
    return result;
  }

  std::string title = options.title;
  if (title.empty()) title = first_category;
  if (title.empty()) title = file_stem(options.file);
  if (title.empty()) title = "Imported quiz";

  document.SetObject();
  document.AddMember("format", "pathwise.bundle/1", allocator);
  add_text(document, "id", options.course_id, allocator);
  document.AddMember("version", "1.0.0", allocator);
  add_text(document, "title", title, allocator);
  add_text(document, "language", language, allocator);
  add_text(document, "description", "Imported from " + options.file, allocator);
  Value skills(rapidjson::kArrayType);
  Value units(rapidjson::kArrayType);
  for (SkillDraft& draft : outline.skills()) {
    if (draft.general) draft.title = any_category ? "General" : title;
    Value skill(rapidjson::kObjectType);
    add_text(skill, "id", draft.id, allocator);
    add_text(skill, "title", draft.title, allocator);
    skill.AddMember("prerequisites", Value(rapidjson::kArrayType), allocator);
    skills.PushBack(skill, allocator);

    Value lesson(rapidjson::kObjectType);
    add_text(lesson, "id", draft.id, allocator);
    add_text(lesson, "title", draft.title, allocator);
    Value lesson_skills(rapidjson::kArrayType);
    lesson_skills.PushBack(text_value(draft.id, allocator), allocator);
    lesson.AddMember("skills", lesson_skills, allocator);
    Value lesson_activities(rapidjson::kArrayType);
    for (const std::string& id : draft.activities) lesson_activities.PushBack(text_value(id, allocator), allocator);
    lesson.AddMember("activities", lesson_activities, allocator);
    Value lessons(rapidjson::kArrayType);
    lessons.PushBack(lesson, allocator);

    Value unit(rapidjson::kObjectType);
    add_text(unit, "id", draft.id, allocator);
    add_text(unit, "title", draft.title, allocator);
    unit.AddMember("lessons", lessons, allocator);
    units.PushBack(unit, allocator);
  }
  document.AddMember("skills", skills, allocator);
  document.AddMember("units", units, allocator);
  document.AddMember("activities", activities, allocator);
  result.bundle_json = write_pretty(document);
  result.diagnostics = reporter.finish();
  return result;
}

}  // namespace pathwise::content
