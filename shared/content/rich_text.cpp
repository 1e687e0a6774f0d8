#include "content/rich_text.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace pathwise::content {

namespace {

constexpr int kMaxNesting = 16;            // emphasis, math groups and lists; real content stays far below
constexpr std::size_t kMaxProblems = 100;  // a broken page needs a handful; a fuzzer must not fill memory
constexpr std::size_t npos = std::string::npos;
constexpr std::string_view kRootSign = "\xE2\x88\x9A";  // √
constexpr std::string_view kPi = "\xCF\x80";            // π

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_letter(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }
bool is_punctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}
bool has_at(std::string_view text, std::size_t at, std::string_view prefix) {
  return at <= text.size() && text.substr(at, prefix.size()) == prefix;
}

std::string_view trim(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\n");
  if (first == std::string_view::npos) return text.substr(text.size());  // empty, but still inside `text`
  return text.substr(first, text.find_last_not_of(" \t\n") - first + 1);
}

// Code points, not bytes: a stray continuation byte of invalid UTF-8 simply joins the character before it.
int code_points(std::string_view bytes) {
  return static_cast<int>(std::count_if(bytes.begin(), bytes.end(),
                                        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Appends keeping the tree tidy: adjacent texts merge and empty texts vanish, so equal input gives equal trees.
void append_inline(std::vector<Inline>& out, Inline node) {
  if (node.kind == InlineKind::text) {
    if (node.text.empty()) return;
    if (!out.empty() && out.back().kind == InlineKind::text) {
      out.back().text += node.text;
      return;
    }
  }
  out.push_back(std::move(node));
}

void append_text(std::vector<Inline>& out, std::string_view text) {
  Inline node;
  node.text = std::string(text);
  append_inline(out, std::move(node));
}

// ---- plain text ----

void append_plain(const std::vector<Inline>& inlines, std::string& out);

// One number or word reads fine after "^" or "/"; anything longer needs parentheses to stay unambiguous.
bool reads_as_one_part(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || is_alnum(c) || c == '.';
  });
}

void append_part(const std::vector<Inline>& inlines, std::string& out) {
  std::string part;
  append_plain(inlines, part);
  if (reads_as_one_part(part)) out += part;
  else out += "(" + part + ")";
}

void append_plain(const Inline& node, std::string& out) {
  switch (node.kind) {
    case InlineKind::text:
    case InlineKind::code:
    case InlineKind::image: out += node.text; break;
    case InlineKind::bold:
    case InlineKind::italic:
    case InlineKind::link: append_plain(node.children, out); break;
    case InlineKind::line_break: out += '\n'; break;
    case InlineKind::superscript: out += '^'; append_part(node.children, out); break;
    case InlineKind::subscript: out += '_'; append_part(node.children, out); break;
    case InlineKind::fraction:
      // A mixed number ("$2\frac{1}{2}$") is written whole part then fraction with nothing between; read flat,
      // "21/2" would be a different number, so the whole part is kept apart by a space: "2 1/2".
      if (!out.empty() && is_digit(out.back())) out += ' ';
      append_part(node.children, out);
      out += '/';
      append_part(node.denominator, out);
      break;
    case InlineKind::square_root: out += kRootSign; append_part(node.children, out); break;
  }
}

void append_plain(const std::vector<Inline>& inlines, std::string& out) {
  for (const Inline& node : inlines) append_plain(node, out);
}

// ---- problems and positions ----

class ProblemLog {
 public:
  explicit ProblemLog(std::vector<RichTextProblem>* out) : out_(out) {}

  bool wants_more() const { return out_ != nullptr && !full_; }

  void add(int line, int column, std::string message) {
    if (!wants_more()) return;
    if (count_ == kMaxProblems) {
      out_->push_back({line, column, "there are more problems than the ones listed; fix these and check again"});
      full_ = true;
      return;
    }
    out_->push_back({line, column, std::move(message)});
    ++count_;
  }

 private:
  std::vector<RichTextProblem>* out_;
  std::size_t count_ = 0;
  bool full_ = false;
};

// The inline source of one paragraph or heading: its lines' content joined by '\n', remembering where each line
// came from so that a problem found at a byte offset can be placed in the author's text.
struct SourceText {
  struct Line {
    std::size_t at = 0;  // offset in `text` where the line's content starts
    int number = 1;
    int column = 1;      // of that content in the source line
  };
  std::string text;
  std::vector<Line> lines;
  std::vector<std::size_t> hard_breaks;  // offsets of the '\n' that are line breaks rather than spaces, ascending

  bool is_hard_break(std::size_t at) const { return std::binary_search(hard_breaks.begin(), hard_breaks.end(), at); }

  std::pair<int, int> where(std::size_t at) const {
    auto after = std::upper_bound(lines.begin(), lines.end(), at,
                                  [](std::size_t offset, const Line& line) { return offset < line.at; });
    if (after == lines.begin()) return {1, 1};
    const Line& line = *(after - 1);
    std::size_t end = after == lines.end() ? text.size() : std::max(line.at, after->at - 1);
    std::size_t stop = std::min(at, end);
    return {line.number, line.column + code_points(std::string_view(text).substr(line.at, stop - line.at))};
  }
};

class Reporter {
 public:
  Reporter(const SourceText& source, ProblemLog& log) : source_(source), log_(log) {}

  void at(std::size_t offset, std::string message) {
    if (!log_.wants_more()) return;
    auto [line, column] = source_.where(offset);
    log_.add(line, column, std::move(message));
  }

  // "<before> at column N<after>": the column is repeated in the sentence for teachers reading a list.
  void at_column(std::size_t offset, std::string_view before, std::string_view after) {
    if (!log_.wants_more()) return;
    auto [line, column] = source_.where(offset);
    log_.add(line, column, std::string(before) + " at column " + std::to_string(column) + std::string(after));
  }

 private:
  const SourceText& source_;
  ProblemLog& log_;
};

// ---- math ----

const char* math_symbol(std::string_view name) {
  static const std::pair<std::string_view, const char*> kSymbols[] = {
      {"times", "\xC3\x97"},        {"div", "\xC3\xB7"},          {"pi", "\xCF\x80"},          {"cdot", "\xC2\xB7"},
      {"pm", "\xC2\xB1"},           {"le", "\xE2\x89\xA4"},       {"leq", "\xE2\x89\xA4"},     {"ge", "\xE2\x89\xA5"},
      {"geq", "\xE2\x89\xA5"},      {"ne", "\xE2\x89\xA0"},       {"neq", "\xE2\x89\xA0"},     {"approx", "\xE2\x89\x88"},
      {"degree", "\xC2\xB0"}};
  for (const auto& [key, symbol] : kSymbols) {
    if (key == name) return symbol;
  }
  return nullptr;
}

// Reads the inside of one $...$ span. Braces and parentheses are paired once up front with a stack, so that
// finding a group's end is a lookup and the whole span is read in linear time.
class MathParser {
 public:
  MathParser(const std::string& s, std::size_t begin, std::size_t end, Reporter& reporter)
      : s_(s), begin_(begin), end_(end), reporter_(reporter), partner_(end - begin, npos) {
    pair_groups();
  }

  std::vector<Inline> parse() {
    std::vector<Inline> out;
    sequence(begin_, end_, 1, out);
    return out;
  }

 private:
  struct Operand {
    std::vector<Inline> content;
    bool parenthesised = false;
    std::size_t end = 0;
  };

  void pair_groups() {
    std::vector<std::size_t> open;
    for (std::size_t p = begin_; p < end_; ++p) {
      char c = s_[p];
      if (c == '\\') {
        ++p;  // an escaped bracket is not a group
      } else if (c == '(' || c == '{') {
        open.push_back(p);
      } else if (c == ')' && !open.empty() && s_[open.back()] == '(') {
        link(open.back(), p);
        open.pop_back();
      } else if (c == '}') {
        while (!open.empty() && s_[open.back()] == '(') open.pop_back();  // "{(}": that "(" stays text
        if (!open.empty()) {
          link(open.back(), p);
          open.pop_back();
        }
      }
    }
  }
  void link(std::size_t a, std::size_t b) {
    partner_[a - begin_] = b;
    partner_[b - begin_] = a;
  }
  std::size_t partner(std::size_t at) const { return partner_[at - begin_]; }
  bool is_group(std::size_t at, std::size_t limit, char opener) const {
    return at < limit && s_[at] == opener && partner(at) != npos && partner(at) < limit;
  }

  bool letter_at(std::size_t at, std::size_t limit) const {
    return at < limit && (is_letter(s_[at]) || (at + 1 < limit && has_at(s_, at, kPi)) || pi_command_at(at, limit));
  }
  bool pi_command_at(std::size_t at, std::size_t limit) const {
    return at + 2 < limit && has_at(s_, at, "\\pi") && !(at + 3 < limit && is_letter(s_[at + 3]));
  }

  // A number, a run of letters, a {group} or a (group); false when none starts at `at`.
  bool operand(std::size_t at, std::size_t limit, int depth, bool allow_sign, Operand& result) {
    std::size_t p = at;
    std::string sign;
    if (allow_sign && p + 1 < limit && (s_[p] == '-' || s_[p] == '+') && (is_digit(s_[p + 1]) || letter_at(p + 1, limit))) {
      sign = s_[p++];
    }
    if (p >= limit) return false;
    if (is_digit(s_[p])) {
      std::size_t q = p;
      while (q < limit && is_digit(s_[q])) ++q;
      if (q + 1 < limit && s_[q] == '.' && is_digit(s_[q + 1])) {
        ++q;
        while (q < limit && is_digit(s_[q])) ++q;
      }
      append_text(result.content, sign + s_.substr(p, q - p));
      result.end = q;
    } else if (letter_at(p, limit)) {
      std::string word = sign;
      while (letter_at(p, limit)) {
        if (is_letter(s_[p])) {
          word += s_[p++];
        } else {
          word += kPi;
          p += s_[p] == '\\' ? 3 : kPi.size();
        }
      }
      append_text(result.content, word);
      result.end = p;
    } else if (is_group(p, limit, '{') || is_group(p, limit, '(')) {
      append_text(result.content, sign);
      sequence(p + 1, partner(p), depth + 1, result.content);
      result.parenthesised = s_[p] == '(';
      result.end = partner(p) + 1;
    } else {
      return false;
    }
    return true;
  }

  static std::vector<Inline> with_parentheses(std::vector<Inline> content) {
    std::vector<Inline> out;
    append_text(out, "(");
    for (Inline& node : content) append_inline(out, std::move(node));
    append_text(out, ")");
    return out;
  }

  void sequence(std::size_t begin, std::size_t end, int depth, std::vector<Inline>& out) {
    if (depth > kMaxNesting) {
      if (!reported_depth_) {
        reporter_.at(begin, "the math is nested more than " + std::to_string(kMaxNesting) +
                                " levels deep; the inner part is shown as written");
        reported_depth_ = true;
      }
      append_text(out, std::string_view(s_).substr(begin, end - begin));
      return;
    }
    std::size_t p = begin;
    while (p < end) {
      char c = s_[p];
      if (c == '\\' && !pi_command_at(p, end)) {  // "\pi" is a letter, so "\pi/2" is a fraction
        p = command(p, end, depth, out);
      } else if (c == '^' || c == '_') {
        Operand script;
        if (operand(p + 1, end, depth, true, script)) {
          Inline node;
          node.kind = c == '^' ? InlineKind::superscript : InlineKind::subscript;
          node.children = script.parenthesised ? with_parentheses(std::move(script.content)) : std::move(script.content);
          out.push_back(std::move(node));
          p = script.end;
        } else {
          append_text(out, std::string(1, c));
          ++p;
        }
      } else if (c == '*') {
        append_text(out, "\xC3\x97");
        ++p;
      } else if (c == '}' || (c == '{' && partner(p) == npos)) {
        // Paired braces are consumed with their group, so any brace reaching here has no partner.
        if (c == '{') reporter_.at_column(p, "the \"{\"", " is never closed");
        else reporter_.at_column(p, "the \"}\"", " has no matching \"{\"");
        append_text(out, std::string(1, c));
        ++p;
      } else if (has_at(s_, p, kRootSign) && p + kRootSign.size() <= end) {
        p = root(p + kRootSign.size(), end, depth, out);
      } else if (Operand first; operand(p, end, depth, false, first)) {
        p = fraction_or_operand(std::move(first), end, depth, out);
      } else {
        append_text(out, c == '\n' ? std::string(" ") : std::string(1, c));
        ++p;
      }
    }
  }

  std::size_t fraction_or_operand(Operand numerator, std::size_t end, int depth, std::vector<Inline>& out) {
    Operand denominator;
    if (numerator.end < end && s_[numerator.end] == '/' && operand(numerator.end + 1, end, depth, false, denominator)) {
      Inline node;
      node.kind = InlineKind::fraction;
      node.children = std::move(numerator.content);
      node.denominator = std::move(denominator.content);
      out.push_back(std::move(node));
      return denominator.end;
    }
    std::vector<Inline> content =
        numerator.parenthesised ? with_parentheses(std::move(numerator.content)) : std::move(numerator.content);
    for (Inline& node : content) append_inline(out, std::move(node));
    return numerator.end;
  }

  std::size_t root(std::size_t after_sign, std::size_t end, int depth, std::vector<Inline>& out) {
    Operand radicand;
    if (!operand(after_sign, end, depth, false, radicand)) {
      append_text(out, kRootSign);
      return after_sign;
    }
    Inline node;
    node.kind = InlineKind::square_root;
    node.children = std::move(radicand.content);
    out.push_back(std::move(node));
    return radicand.end;
  }

  std::size_t command(std::size_t at, std::size_t end, int depth, std::vector<Inline>& out) {
    std::size_t p = at + 1;
    if (p >= end) {
      append_text(out, "\\");
      return p;
    }
    if (!is_letter(s_[p])) {  // "\{", "\$", "\\": the character itself
      append_text(out, s_[p] == '\n' ? std::string(" ") : std::string(1, s_[p]));
      return p + 1;
    }
    while (p < end && is_letter(s_[p])) ++p;
    std::string_view name = std::string_view(s_).substr(at + 1, p - at - 1);
    if (const char* symbol = math_symbol(name)) {
      append_text(out, symbol);
      return p;
    }
    if (name == "frac") {
      if (is_group(p, end, '{') && is_group(partner(p) + 1, end, '{')) {
        std::size_t second = partner(p) + 1;
        Inline node;
        node.kind = InlineKind::fraction;
        sequence(p + 1, partner(p), depth + 1, node.children);
        sequence(second + 1, partner(second), depth + 1, node.denominator);
        out.push_back(std::move(node));
        return partner(second) + 1;
      }
      reporter_.at_column(at, "\"\\frac\"", " needs two parts in braces, like \\frac{3}{4}");
    } else if (name == "sqrt") {
      if (is_group(p, end, '{') || is_group(p, end, '(') || (p < end && is_alnum(s_[p]))) return root(p, end, depth, out);
      reporter_.at_column(at, "\"\\sqrt\"", " needs something after it to take the root of, like \\sqrt{2}");
    } else {
      reporter_.at_column(at, "the math command \"\\" + std::string(name) + "\"", " is unknown; it is shown as written");
    }
    append_text(out, std::string_view(s_).substr(at, p - at));
    return p;
  }

  const std::string& s_;
  std::size_t begin_;
  std::size_t end_;
  Reporter& reporter_;
  std::vector<std::size_t> partner_;  // for each bracket in the span, the offset of its partner, or npos
  bool reported_depth_ = false;
};

// ---- inline ----

// A CommonMark-style single pass: text, code, math and brackets become items of a linked list as they are met;
// "*" and "_" runs become delimiter items that are paired afterwards (and at each "]"), bottom-up, with the
// "openers bottom" bound that keeps pairing linear. Brackets pair on "]" through a stack.
class InlineParser {
 public:
  InlineParser(const SourceText& source, ProblemLog& log) : source_(source), s_(source.text), reporter_(source, log) {}

  std::vector<Inline> parse() {
    std::size_t pos = 0;
    while (pos < s_.size()) pos = step(pos);
    flush_text();
    process_emphasis(-1);
    std::vector<Inline> result;
    result.reserve(items_.size());  // at most one inline per item (adjacent texts merge)
    for (int i = head_; i != -1; i = items_[i].next) append_item(result, items_[i]);
    return result;
  }

 private:
  struct Item {
    Inline node;           // delimiters and unmatched brackets hold their characters as text
    int depth = 0;         // formatting levels inside `node`, for the nesting cap
    int prev = -1;
    int next = -1;
    int skip = -1;         // after flattening: the item that ends the flattened run (saves walking it again)
    bool delimiter = false;
    char mark = 0;         // '*' or '_'
    int run = 0;           // 1 or 2 characters
    bool can_open = false;
    bool can_close = false;
    int delimiter_prev = -1;
    int delimiter_next = -1;
    std::size_t offset = 0;
  };
  struct Bracket {
    int item = -1;
    bool image = false;
    long links_before = 0;   // links made before "[": a link formed since means this one would nest in it
    long images_before = 0;
    int delimiter_bottom = -1;
  };

  // The characters step() treats specially; every other one is plain text.
  static bool starts_inline_syntax(char c) {
    switch (c) {
      case '\\': case '\n': case '`': case '$': case '*': case '_': case '[': case '!': case ']': return true;
      default: return false;
    }
  }

  std::size_t step(std::size_t pos) {
    char c = s_[pos];
    switch (c) {
      case '\\':
        if (pos + 1 < s_.size() && is_punctuation(s_[pos + 1])) {
          pending_ += s_[pos + 1];
          return pos + 2;
        }
        pending_ += c;
        return pos + 1;
      case '\n':
        if (source_.is_hard_break(pos)) {
          Inline line_break;
          line_break.kind = InlineKind::line_break;
          push_node(std::move(line_break), pos);
        } else {
          pending_ += ' ';
        }
        return pos + 1;
      case '`': return code_span(pos);
      case '$': return math(pos);
      case '*':
      case '_': return delimiter_run(pos);
      case '[': open_bracket(pos, false); return pos + 1;
      case '!':
        if (pos + 1 < s_.size() && s_[pos + 1] == '[') {
          open_bracket(pos, true);
          return pos + 2;
        }
        pending_ += c;
        return pos + 1;
      case ']': return close_bracket(pos);
      default: {
        // Plain characters up to the next one handled above are text as they are: append them in one go.
        std::size_t end = pos + 1;
        while (end < s_.size() && !starts_inline_syntax(s_[end])) ++end;
        pending_.append(s_.data() + pos, end - pos);
        return end;
      }
    }
  }

  // ---- the item list ----

  void flush_text() {
    if (pending_.empty()) return;
    Inline text;
    text.text = std::move(pending_);
    pending_.clear();
    push_item(std::move(text), 0);
  }
  int push_item(Inline node, std::size_t offset) {
    int index = static_cast<int>(items_.size());
    items_.emplace_back();
    Item& item = items_.back();
    item.node = std::move(node);
    item.offset = offset;
    item.prev = tail_;
    if (tail_ != -1) items_[tail_].next = index;
    else head_ = index;
    tail_ = index;
    return index;
  }
  int push_node(Inline node, std::size_t offset) {
    flush_text();
    return push_item(std::move(node), offset);
  }
  void unlink(int index) {
    Item& item = items_[index];
    if (item.prev != -1) items_[item.prev].next = item.next;
    else head_ = item.next;
    if (item.next != -1) items_[item.next].prev = item.prev;
    else tail_ = item.prev;
  }
  static void append_item(std::vector<Inline>& out, Item& item) { append_inline(out, std::move(item.node)); }

  // Moves the items strictly between `from` and `to` (-1: to the end) into `out`; returns their deepest nesting.
  int take_between(int from, int to, std::vector<Inline>& out) {
    int depth = 0;
    for (int i = items_[from].next; i != to;) {
      int next = items_[i].next;
      depth = std::max(depth, items_[i].depth);
      append_item(out, items_[i]);
      unlink(i);
      i = next;
    }
    return depth;
  }

  // ---- code and math ----

  std::size_t code_span(std::size_t pos) {
    std::size_t close = s_.find('`', pos + 1);
    if (close == npos || close == pos + 1) {  // unclosed, or "``": shown as written
      std::size_t end = close == npos ? pos + 1 : pos + 2;
      pending_.append(s_, pos, end - pos);
      return end;
    }
    Inline code;
    code.kind = InlineKind::code;
    code.text = s_.substr(pos + 1, close - pos - 1);
    std::replace(code.text.begin(), code.text.end(), '\n', ' ');
    push_node(std::move(code), pos);
    return close + 1;
  }

  std::size_t math(std::size_t pos) {
    std::size_t close = math_unclosed_ ? s_.size() : pos + 1;
    while (close < s_.size() && s_[close] != '$') close += s_[close] == '\\' ? 2 : 1;
    if (close >= s_.size()) {
      math_unclosed_ = true;  // the scan reached the end: any later "$" cannot close either, no need to look again
      reporter_.at_column(pos, "the math started with \"$\"", " is never closed");
      pending_ += '$';
      return pos + 1;
    }
    if (close == pos + 1) {
      pending_ += "$$";
      return pos + 2;
    }
    flush_text();
    for (Inline& node : MathParser(s_, pos + 1, close, reporter_).parse()) push_item(std::move(node), pos);
    return close + 1;
  }

  // ---- emphasis ----

  std::size_t delimiter_run(std::size_t pos) {
    char mark = s_[pos];
    std::size_t end = pos;
    while (end < s_.size() && s_[end] == mark) ++end;
    std::size_t length = end - pos;
    if ((mark == '*' && length > 3) || (mark == '_' && length > 1)) {
      pending_.append(s_, pos, length);
      return end;
    }
    char before = pos == 0 ? ' ' : s_[pos - 1];
    char after = end == s_.size() ? ' ' : s_[end];
    bool can_open = !is_space(after);
    bool can_close = !is_space(before);
    if (mark == '_') {  // snake_case stays a word
      can_open = can_open && !is_alnum(before);
      can_close = can_close && !is_alnum(after);
    }
    flush_text();
    if (length == 3) {  // "***": bold outside italic, so the closing run pairs the single "*" first
      push_delimiter(mark, can_close ? 1 : 2, can_open, can_close, pos);
      push_delimiter(mark, can_close ? 2 : 1, can_open, can_close, pos + (can_close ? 1 : 2));
    } else {
      push_delimiter(mark, static_cast<int>(length), can_open, can_close, pos);
    }
    return end;
  }

  void push_delimiter(char mark, int run, bool can_open, bool can_close, std::size_t offset) {
    int index = push_item(Inline{InlineKind::text, std::string(static_cast<std::size_t>(run), mark), {}, {}, {}}, offset);
    Item& item = items_[index];
    item.delimiter = true;
    item.mark = mark;
    item.run = run;
    item.can_open = can_open;
    item.can_close = can_close;
    item.delimiter_prev = delimiter_tail_;
    if (delimiter_tail_ != -1) items_[delimiter_tail_].delimiter_next = index;
    delimiter_tail_ = index;
  }

  // The delimiter stays in the text as the characters it holds.
  void remove_delimiter(int index, bool unpaired) {
    Item& item = items_[index];
    if (!item.delimiter) return;
    item.delimiter = false;
    if (item.delimiter_prev != -1) items_[item.delimiter_prev].delimiter_next = item.delimiter_next;
    if (item.delimiter_next != -1) items_[item.delimiter_next].delimiter_prev = item.delimiter_prev;
    else delimiter_tail_ = item.delimiter_prev;
    if (unpaired && item.mark == '*' && item.run == 2 && item.can_open) {
      reporter_.at_column(item.offset, "the bold \"**\"", " is never closed, so it is shown as written");
    }
  }

  static int kind_of(const Item& item) { return item.mark == '_' ? 2 : item.run - 1; }

  // Pairs the delimiters above `bottom` (an item index; -1 for all), then drops the unpaired ones to text.
  void process_emphasis(int bottom) {
    int first = -1;
    for (int d = delimiter_tail_; d != -1 && d > bottom; d = items_[d].delimiter_prev) first = d;
    int openers_bottom[3] = {bottom, bottom, bottom};  // per kind: no opener at or below this index
    for (int closer = first; closer != -1;) {
      int next = items_[closer].delimiter_next;
      if (items_[closer].can_close) {
        int kind = kind_of(items_[closer]);
        int floor = openers_bottom[kind];
        int opener = items_[closer].delimiter_prev;
        while (opener != -1 && opener > floor && !(items_[opener].can_open && kind_of(items_[opener]) == kind)) {
          opener = items_[opener].delimiter_prev;
        }
        if (opener != -1 && opener > floor) {
          pair(opener, closer);
        } else {
          openers_bottom[kind] = std::max(bottom, items_[closer].delimiter_prev);
          if (!items_[closer].can_open) remove_delimiter(closer, true);
        }
      }
      closer = next;
    }
    int unpaired = -1;
    for (int d = delimiter_tail_; d != -1 && d > bottom; d = items_[d].delimiter_prev) unpaired = d;
    while (unpaired != -1) {
      int next = items_[unpaired].delimiter_next;
      remove_delimiter(unpaired, true);
      unpaired = next;
    }
  }

  void pair(int opener, int closer) {
    for (int d = items_[opener].delimiter_next; d != closer;) {
      int next = items_[d].delimiter_next;
      remove_delimiter(d, true);
      d = next;
    }
    remove_delimiter(opener, false);
    remove_delimiter(closer, false);
    int depth = 0;
    for (int i = items_[opener].next; i != closer;) {
      depth = std::max(depth, items_[i].depth);
      i = items_[i].skip != -1 ? items_[i].skip : items_[i].next;
    }
    if (depth >= kMaxNesting) {  // flattened: the marks vanish, the content stays as it is
      if (!reported_depth_) {
        reporter_.at(items_[opener].offset, "bold and italic are nested more than " + std::to_string(kMaxNesting) +
                                                " levels deep; the deeper levels are shown as plain text");
        reported_depth_ = true;
      }
      items_[opener].node.text.clear();
      items_[closer].node.text.clear();
      items_[opener].skip = closer;
      items_[opener].depth = depth;
      return;
    }
    Inline node;
    node.kind = items_[opener].run == 2 ? InlineKind::bold : InlineKind::italic;
    take_between(opener, closer, node.children);
    items_[opener].node = std::move(node);
    items_[opener].depth = depth + 1;
    unlink(closer);
  }

  // ---- links and images ----

  void open_bracket(std::size_t pos, bool image) {
    flush_text();
    Bracket bracket;
    bracket.item = push_item(Inline{InlineKind::text, image ? "![" : "[", {}, {}, {}}, pos);
    bracket.image = image;
    bracket.links_before = links_;
    bracket.images_before = images_;
    bracket.delimiter_bottom = delimiter_tail_;
    brackets_.push_back(bracket);
  }

  // Reads "(target)" at `pos`; `end` is just past the ")". Targets are one line and end at the first ")".
  bool read_target(std::size_t pos, std::string& target, std::size_t& end) {
    if (pos >= s_.size() || s_[pos] != '(' || pos + 1 < target_failed_before_) return false;
    std::size_t p = pos + 1;
    while (p < s_.size() && s_[p] != ')' && s_[p] != '\n') {
      if (s_[p] == '\\' && p + 1 < s_.size() && is_punctuation(s_[p + 1])) ++p;
      target += s_[p++];
    }
    if (p >= s_.size() || s_[p] != ')') {
      target_failed_before_ = p;  // a later "(" before here would reach the same dead end
      return false;
    }
    target = std::string(trim(target));
    end = p + 1;
    return true;
  }

  std::size_t close_bracket(std::size_t pos) {
    if (brackets_.empty()) {
      pending_ += ']';
      return pos + 1;
    }
    Bracket bracket = brackets_.back();
    brackets_.pop_back();
    // No link inside a link, and an image's description is plain, so nothing forms inside an image.
    bool active = bracket.image ? links_ == bracket.links_before && images_ == bracket.images_before
                                : links_ == bracket.links_before;
    std::string target;
    std::size_t end = 0;
    if (!active || !read_target(pos + 1, target, end)) {
      pending_ += ']';
      return pos + 1;
    }
    flush_text();
    process_emphasis(bracket.delimiter_bottom);
    Item& opener = items_[bracket.item];
    if (bracket.image) make_image(bracket.item, std::move(target));
    else if (target.empty()) {
      reporter_.at_column(opener.offset, "the link", " has no target between the parentheses");
      opener.node.text.clear();  // the label stays as text
    } else {
      Inline link;
      link.kind = InlineKind::link;
      link.target = std::move(target);
      int depth = take_between(bracket.item, -1, link.children);
      items_[bracket.item].node = std::move(link);
      items_[bracket.item].depth = depth + 1;
      ++links_;
    }
    return end;
  }

  void make_image(int opener, std::string target) {
    if (target.empty()) {
      reporter_.at_column(items_[opener].offset, "the image", " has no path between the parentheses");
      items_[opener].node.text.clear();
      return;
    }
    std::vector<Inline> description;
    take_between(opener, -1, description);
    Inline image;
    image.kind = InlineKind::image;
    image.target = std::move(target);
    std::string alt;
    append_plain(description, alt);
    image.text = std::string(trim(alt));
    if (image.text.empty()) {
      reporter_.at(items_[opener].offset,
                   "an image needs a description between the brackets for students who cannot see it");
    }
    items_[opener].node = std::move(image);
    items_[opener].depth = 0;
    ++images_;
  }

  const SourceText& source_;
  const std::string& s_;
  Reporter reporter_;
  std::vector<Item> items_;
  int head_ = -1;
  int tail_ = -1;
  int delimiter_tail_ = -1;
  std::vector<Bracket> brackets_;
  long links_ = 0;
  long images_ = 0;
  std::string pending_;                   // text not yet in an item
  std::size_t target_failed_before_ = 0;  // no ")" closes a link target that starts before this offset
  bool math_unclosed_ = false;
  bool reported_depth_ = false;
};

// ---- blocks ----

struct ListMarker {
  bool ordered = false;
  int start = 1;
  std::size_t length = 0;  // of the marker and the space after it
};

bool read_list_marker(std::string_view rest, ListMarker& marker) {
  auto ends_marker = [&](std::size_t at) { return at == rest.size() || rest[at] == ' ' || rest[at] == '\t'; };
  if ((rest[0] == '-' || rest[0] == '*') && ends_marker(1)) {
    marker = {false, 1, std::min<std::size_t>(2, rest.size())};
    return true;
  }
  std::size_t digits = 0;
  while (digits < rest.size() && digits < 10 && is_digit(rest[digits])) ++digits;
  if (digits == 0 || digits > 9 || digits >= rest.size() || rest[digits] != '.' || !ends_marker(digits + 1)) return false;
  marker = {true, std::stoi(std::string(rest.substr(0, digits))), std::min(digits + 2, rest.size())};
  return true;
}

// Lines arrive one at a time; open lists live on a stack of frames, each owning the item being filled, and are
// moved into their parent when closed, so nothing points into a vector that may grow.
class BlockBuilder {
 public:
  explicit BlockBuilder(ProblemLog& log) : log_(log) {}

  void add_line(std::string_view line, int number) {
    std::size_t at = 0;
    int indent = 0;
    for (; at < line.size() && (line[at] == ' ' || line[at] == '\t'); ++at) indent += line[at] == '\t' ? 4 - indent % 4 : 1;
    if (at == line.size()) {
      flush_paragraph();
      after_blank_ = true;
      return;
    }
    std::string_view rest = line.substr(at);
    int column = static_cast<int>(at) + 1;  // only spaces and tabs precede: bytes are code points
    ListMarker marker;
    if (is_heading(rest)) {
      heading(rest, number, column);
    } else if (read_list_marker(rest, marker)) {
      list_item(marker, indent, number, column);
      std::size_t content = marker.length;
      while (content < rest.size() && (rest[content] == ' ' || rest[content] == '\t')) ++content;
      open_paragraph(true);
      append_line(rest.substr(content), number, column + static_cast<int>(content));
    } else {
      if (!paragraph_open_ || after_blank_) {
        flush_paragraph();
        while (!lists_.empty() && indent < lists_.back().marker + 2) close_list();
        open_paragraph(false);
      }
      append_line(rest, number, column);
    }
    after_blank_ = false;
  }

  RichText finish() {
    flush_paragraph();
    while (!lists_.empty()) close_list();
    return RichText{std::move(root_)};
  }

 private:
  struct ListFrame {
    Block list;
    std::vector<Block> item;
    bool has_item = false;
    int marker = 0;  // indentation of the marker
  };

  std::vector<Block>& container() { return lists_.empty() ? root_ : lists_.back().item; }

  static bool is_heading(std::string_view rest) {
    std::size_t hashes = std::min(rest.find_first_not_of('#'), rest.size());
    return hashes > 0 && (hashes == rest.size() || rest[hashes] == ' ' || rest[hashes] == '\t');
  }

  void heading(std::string_view rest, int number, int column) {
    std::size_t hashes = std::min(rest.find_first_not_of('#'), rest.size());
    flush_paragraph();
    while (!lists_.empty()) close_list();
    Block block;
    block.kind = BlockKind::heading;
    block.level = static_cast<int>(std::min<std::size_t>(hashes, 3));
    if (hashes > 3) {
      log_.add(number, column, "a heading can have at most three \"#\"; this one has " + std::to_string(hashes) +
                                   " and is shown as a level-3 heading");
    }
    std::string_view content = trim(rest.substr(hashes));
    SourceText source;
    source.text = std::string(content);
    source.lines.push_back({0, number, column + static_cast<int>(content.data() - rest.data())});
    block.inlines = InlineParser(source, log_).parse();
    root_.push_back(std::move(block));
  }

  void list_item(const ListMarker& marker, int indent, int number, int column) {
    flush_paragraph();
    BlockKind kind = marker.ordered ? BlockKind::ordered_list : BlockKind::bullet_list;
    bool nested = false;
    while (!lists_.empty()) {
      int top = lists_.back().marker;
      if (indent >= top + 2) {
        nested = true;
        break;
      }
      // At the top's level, or less indented but still clearly inside the parent's item: a sibling.
      bool inside_parent = lists_.size() >= 2 && indent >= lists_[lists_.size() - 2].marker + 2;
      if (indent >= top || inside_parent || lists_.size() == 1) break;
      close_list();
    }
    bool too_deep = nested && lists_.size() >= static_cast<std::size_t>(kMaxNesting);
    if (too_deep) {
      if (!reported_list_depth_) {
        log_.add(number, column, "lists are nested more than " + std::to_string(kMaxNesting) +
                                     " levels deep; the deeper items are kept at level " + std::to_string(kMaxNesting));
        reported_list_depth_ = true;
      }
      start_item(lists_.back());  // whatever its kind: a sibling at the deepest level
    } else if (lists_.empty() || nested) {
      open_list(kind, marker.start, indent);
    } else if (lists_.back().list.kind != kind) {
      close_list();
      open_list(kind, marker.start, indent);
    } else {
      start_item(lists_.back());
    }
  }

  void open_list(BlockKind kind, int start, int indent) {
    ListFrame frame;
    frame.list.kind = kind;
    frame.list.start = start;
    frame.marker = indent;
    lists_.push_back(std::move(frame));
    start_item(lists_.back());
  }

  void start_item(ListFrame& frame) {
    if (frame.has_item) frame.list.items.push_back(std::move(frame.item));
    frame.item.clear();
    frame.has_item = true;
  }

  void close_list() {
    flush_paragraph();
    ListFrame frame = std::move(lists_.back());
    lists_.pop_back();
    if (frame.has_item) frame.list.items.push_back(std::move(frame.item));
    container().push_back(std::move(frame.list));
  }

  void open_paragraph(bool required) {
    paragraph_ = SourceText();
    paragraph_open_ = true;
    paragraph_required_ = required;
    last_hard_ = false;
    last_backslash_ = false;
  }

  // Adds one line's content: trailing spaces go, and two of them or a final unescaped "\" make a line break.
  void append_line(std::string_view content, int number, int column) {
    std::size_t end = content.size();
    while (end > 0 && (content[end - 1] == ' ' || content[end - 1] == '\t')) --end;
    bool hard = content.size() - end >= 2;
    std::size_t backslashes = 0;
    while (backslashes < end && content[end - 1 - backslashes] == '\\') ++backslashes;
    bool backslash = backslashes % 2 == 1;
    if (backslash) --end;
    if (!paragraph_.text.empty()) {
      if (last_hard_) paragraph_.hard_breaks.push_back(paragraph_.text.size());
      paragraph_.text += '\n';
    }
    paragraph_.lines.push_back({paragraph_.text.size(), number, column});
    paragraph_.text.append(content.substr(0, end));
    last_hard_ = hard || backslash;
    last_backslash_ = backslash;
  }

  void flush_paragraph() {
    if (!paragraph_open_) return;
    paragraph_open_ = false;
    if (last_backslash_) paragraph_.text += '\\';  // nothing follows it: an ordinary backslash
    Block block;
    block.inlines = InlineParser(paragraph_, log_).parse();
    if (!block.inlines.empty() || paragraph_required_) container().push_back(std::move(block));
  }

  ProblemLog& log_;
  std::vector<Block> root_;
  std::vector<ListFrame> lists_;
  SourceText paragraph_;
  bool paragraph_open_ = false;
  bool paragraph_required_ = false;  // a list item's first paragraph exists even when empty
  bool last_hard_ = false;
  bool last_backslash_ = false;
  bool after_blank_ = false;
  bool reported_list_depth_ = false;
};

// ---- reading order walks ----

template <typename Visit>
void visit_inlines(const std::vector<Inline>& inlines, Visit& visit) {
  for (const Inline& node : inlines) {
    visit(node);
    visit_inlines(node.children, visit);
    visit_inlines(node.denominator, visit);
  }
}

template <typename Visit>
void visit_blocks(const std::vector<Block>& blocks, Visit& visit) {
  for (const Block& block : blocks) {
    visit_inlines(block.inlines, visit);
    for (const std::vector<Block>& item : block.items) visit_blocks(item, visit);
  }
}

void append_plain_blocks(const std::vector<Block>& blocks, int level, std::string_view separator, std::string& out);

void append_plain_list(const Block& list, int level, std::string& out) {
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    if (i > 0) out += '\n';
    out += std::string(static_cast<std::size_t>(level) * 2, ' ');
    out += list.kind == BlockKind::ordered_list ? std::to_string(static_cast<long long>(list.start) + static_cast<long long>(i)) + ". "
                                                : std::string("\xE2\x80\xA2 ");
    append_plain_blocks(list.items[i], level + 1, "\n", out);
  }
}

// Inside a list item (level > 0), blocks after the first start on a new line, indented to the item's level.
void append_plain_blocks(const std::vector<Block>& blocks, int level, std::string_view separator, std::string& out) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    bool is_list = block.kind == BlockKind::bullet_list || block.kind == BlockKind::ordered_list;
    if (i > 0) {
      out += separator;
      if (level > 0 && !is_list) out += std::string(static_cast<std::size_t>(level) * 2, ' ');
    }
    if (is_list) append_plain_list(block, level, out);
    else append_plain(block.inlines, out);
  }
}

}  // namespace

RichText parse_rich_text(std::string_view source, std::vector<RichTextProblem>* problems) {
  ProblemLog log(problems);
  if (has_at(source, 0, "\xEF\xBB\xBF")) source.remove_prefix(3);
  BlockBuilder builder(log);
  std::size_t start = 0;
  for (int number = 1; start <= source.size(); ++number) {
    std::size_t end = source.find('\n', start);
    if (end == npos) end = source.size();
    std::string_view line = source.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    builder.add_line(line, number);
    start = end + 1;
  }
  return builder.finish();
}

std::string plain_text(const RichText& text) {
  std::string out;
  append_plain_blocks(text.blocks, 0, "\n\n", out);
  return out;
}

std::vector<std::string> rich_text_images(const RichText& text) {
  std::vector<std::string> targets;
  auto visit = [&](const Inline& node) {
    if (node.kind == InlineKind::image) targets.push_back(node.target);
  };
  visit_blocks(text.blocks, visit);
  return targets;
}

std::vector<std::string> rich_text_links(const RichText& text) {
  std::vector<std::string> targets;
  auto visit = [&](const Inline& node) {
    if (node.kind == InlineKind::link) targets.push_back(node.target);
  };
  visit_blocks(text.blocks, visit);
  return targets;
}

}  // namespace pathwise::content
