#include "content/json_document.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_set>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace pathwise::json {

const char* kind_description(Kind kind) {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "true or false";
    case Kind::number: return "a number";
    case Kind::string: return "a text (string)";
    case Kind::array: return "a list (array)";
    case Kind::object: return "an object";
  }
  return "a value";
}

const Value* Value::find(std::string_view key) const {
  for (const Member& member : members()) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

void* Arena::allocate(std::size_t bytes, std::size_t alignment) {
  // Regular chunks of 64 KiB hold many small blocks; a block larger than a quarter of that (the elements of a
  // long array) gets a chunk of its own, so that the space left unused at the end of chunks stays small.
  constexpr std::size_t kChunk = 64 * 1024;
  auto new_chunk = [this](std::size_t size) {
    // Not zeroed: every block is written before it is read.
    chunks_.push_back(std::unique_ptr<unsigned char[]>(new unsigned char[size]));
    return chunks_.back().get();
  };
  if (bytes > kChunk / 4) return new_chunk(bytes);  // the current regular chunk stays current
  std::size_t start = (used_ + alignment - 1) / alignment * alignment;
  if (!current_ || start + bytes > capacity_) {
    current_ = new_chunk(kChunk);
    capacity_ = kChunk;
    start = 0;
  }
  used_ = start + bytes;
  return current_ + start;
}

namespace {

// Maps byte offsets to line:column, for the one position of a syntax error. Columns count code points, so a
// message about "é" lines up in an editor.
Position position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  int column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;  // skip UTF-8 continuation bytes
  }
  return {line, column};
}

// Resolves byte offsets that only ever increase, in one forward pass: values and keys are met in document
// order, so resolving all of them costs one walk over the text (a minified file has a single, huge line, where
// counting each column from the line's start would be quadratic).
class ForwardPositions {
 public:
  explicit ForwardPositions(std::string_view text) : text_(text) {}

  Position at(std::size_t target) {
    target = std::min(target, text_.size());
    for (; offset_ < target; ++offset_) {
      unsigned char c = static_cast<unsigned char>(text_[offset_]);
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else {
        column_ += (c & 0xC0) != 0x80;  // UTF-8 continuation bytes do not start a character
      }
    }
    return {line_, column_};
  }

 private:
  std::string_view text_;
  std::size_t offset_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

// Builds the tree from rapidjson's SAX events. Those events carry no position (and rapidjson reads scalars
// through a local copy of the stream, so its position is stale inside a callback). The builder therefore keeps
// its own cursor: rapidjson has already validated the text, so a value starts after the separators that follow
// the previous token, and a scalar ends at its closing quote or at the next delimiter.
//
// The children of the open containers wait on two stacks (elements of arrays, members of objects); when a
// container closes, its children are the top of their stack and move, as one block, into the arena.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, int max_depth, Value& root, Arena& arena)
      : text_(text), max_depth_(max_depth), root_(root), arena_(arena), positions_(text) {}

  bool Null() {
    add_scalar(Kind::null);
    return true;
  }
  bool Bool(bool b) {
    add_scalar(Kind::boolean).boolean = b;
    return true;
  }
  bool Int(int i) { return add_integer(i); }
  bool Uint(unsigned u) { return add_integer(u); }
  bool Int64(std::int64_t i) { return add_integer(i); }
  bool Uint64(std::uint64_t u) {
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return Double(static_cast<double>(u));
    return add_integer(static_cast<std::int64_t>(u));
  }
  bool Double(double d) {
    add_scalar(Kind::number).number_ = d;
    return true;
  }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }  // not requested
  bool String(const char* s, rapidjson::SizeType length, bool) {
    std::size_t start = start_of_next_token();
    Value& value = place(Kind::string, start);
    cursor_ = end_of_scalar(start);
    value.chars_ = keep(s, length, start);
    value.size_ = length;
    return true;
  }
  bool StartObject() { return open(Kind::object); }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    Member member;
    std::size_t start = start_of_next_token();
    member.key_position = positions_.at(start);
    cursor_ = end_of_scalar(start);
    member.key = std::string_view(keep(s, length, start), length);
    members_.push_back(member);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(Kind::array); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool depth_exceeded() const { return depth_exceeded_; }

 private:
  // An open container and where it waits: in `root_`, or in one of the stacks at `index`.
  struct Open {
    enum class Slot { root, element, member } slot;
    std::size_t index;
    std::size_t first_child;  // index of its first child on its children's stack
  };

  Value& slot(const Open& open) {
    switch (open.slot) {
      case Open::Slot::element: return elements_[open.index];
      case Open::Slot::member: return members_[open.index].value;
      case Open::Slot::root: break;
    }
    return root_;
  }

  std::size_t start_of_next_token() const {
    std::size_t offset = cursor_;
    while (offset < text_.size()) {
      char c = text_[offset];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') ++offset;
      else break;
    }
    return offset;
  }

  // The characters of a string or key that starts (with its quote) at `start`: rapidjson hands them over in a
  // buffer of its own. Every escape sequence is longer than the character it stands for, so a string as long
  // as its raw text between the quotes has none, and the text itself serves; otherwise the unescaped copy goes
  // into the arena.
  const char* keep(const char* s, std::size_t length, std::size_t start) {
    if (cursor_ >= start + 2 && cursor_ - start - 2 == length) return text_.data() + start + 1;
    if (length == 0) return "";
    char* copy = static_cast<char*>(arena_.allocate(length, 1));
    std::memcpy(copy, s, length);
    return copy;
  }

  // Places a new value: the root, the next array element, or the value of the object's last key.
  Value& place(Kind kind, std::size_t start) {
    Value value;
    value.kind = kind;
    value.position = positions_.at(start);
    if (open_.empty()) {
      root_ = value;
      return root_;
    }
    const Open& parent = open_.back();
    if (slot(parent).kind == Kind::array) {
      elements_.push_back(value);
      return elements_.back();
    }
    members_.back().value = value;
    return members_.back().value;
  }

  Value& add_scalar(Kind kind) {
    std::size_t start = start_of_next_token();
    Value& value = place(kind, start);
    cursor_ = end_of_scalar(start);
    return value;
  }

  std::size_t end_of_scalar(std::size_t start) const {
    std::size_t offset = start;
    if (offset < text_.size() && text_[offset] == '"') {
      // The closing quote is the first quote not escaped, i.e. not preceded by an odd number of backslashes.
      for (++offset;;) {
        const void* quote = std::memchr(text_.data() + offset, '"', text_.size() - offset);
        if (!quote) return text_.size();
        std::size_t at = static_cast<std::size_t>(static_cast<const char*>(quote) - text_.data());
        std::size_t backslashes = 0;
        while (at - backslashes > offset && text_[at - backslashes - 1] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return at + 1;
        offset = at + 1;
      }
    }
    while (offset < text_.size()) {
      char c = text_[offset];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}' || c == ':') break;
      ++offset;
    }
    return offset;
  }

  bool add_integer(std::int64_t i) {
    Value& value = add_scalar(Kind::number);
    value.is_integer = true;
    value.integer_ = i;
    return true;
  }

  bool open(Kind kind) {
    if (static_cast<int>(open_.size()) >= max_depth_) {
      depth_exceeded_ = true;
      return false;
    }
    // rapidjson's iterative reader announces a bracket before consuming it, so the cursor moves past the
    // bracket found by scanning rather than to the stream's position.
    std::size_t bracket = start_of_next_token();
    Open entry{Open::Slot::root, 0, 0};
    if (!open_.empty()) {
      bool in_array = slot(open_.back()).kind == Kind::array;
      entry.slot = in_array ? Open::Slot::element : Open::Slot::member;
      entry.index = in_array ? elements_.size() : members_.size() - 1;
    }
    place(kind, bracket);
    entry.first_child = kind == Kind::array ? elements_.size() : members_.size();
    open_.push_back(entry);
    cursor_ = bracket + 1;
    return true;
  }

  template <typename T>
  const T* move_to_arena(std::vector<T>& stack, std::size_t first) {
    std::size_t count = stack.size() - first;
    if (count == 0) return nullptr;
    T* block = static_cast<T*>(arena_.allocate(count * sizeof(T), alignof(T)));
    std::uninitialized_copy(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end(), block);
    stack.resize(first);
    return block;
  }

  bool close() {
    Open entry = open_.back();
    open_.pop_back();
    Value& value = slot(entry);
    if (value.kind == Kind::array) {
      value.size_ = static_cast<std::uint32_t>(elements_.size() - entry.first_child);
      value.elements_ = move_to_arena(elements_, entry.first_child);
    } else {
      value.size_ = static_cast<std::uint32_t>(members_.size() - entry.first_child);
      value.members_ = move_to_arena(members_, entry.first_child);
    }
    cursor_ = start_of_next_token() + 1;
    return true;
  }

  std::string_view text_;
  int max_depth_;
  Value& root_;
  Arena& arena_;
  ForwardPositions positions_;
  std::vector<Open> open_;
  std::vector<Value> elements_;  // elements of the open arrays, innermost last
  std::vector<Member> members_;  // members of the open objects, innermost last
  std::size_t cursor_ = 0;
  bool depth_exceeded_ = false;
};

namespace {

// The way from the root to a value, kept as steps so that a JSON pointer is only built for a value that has
// something to report (nearly none do).
struct PathStep {
  const std::string_view* key = nullptr;  // nullptr: an array index
  std::size_t index = 0;
};

std::string pointer_of(const std::vector<PathStep>& path) {
  std::string pointer;
  for (const PathStep& step : path) {
    pointer = step.key ? json_pointer_append(pointer, *step.key) : json_pointer_append(pointer, step.index);
  }
  return pointer;
}

// Small objects (all of a real bundle's) are checked for duplicate keys pairwise, which needs no allocation;
// larger ones use a set, so that a hostile object with 100 000 keys does not take 10^10 steps.
constexpr std::size_t kPairwise = 16;

// Whether a member before `members[i]` has the same key; `seen` holds those keys for a large object.
bool seen_before(Span<Member> members, std::size_t i, std::unordered_set<std::string_view>* seen) {
  if (!seen) {
    for (std::size_t j = 0; j < i; ++j) {
      if (members[j].key == members[i].key) return true;
    }
    return false;
  }
  return !seen->insert(members[i].key).second;
}

void warn_duplicate_keys(const Value& value, std::vector<PathStep>& path, std::string_view file,
                         std::vector<Diagnostic>& diagnostics) {
  Span<Value> elements = value.elements();
  for (std::size_t i = 0; i < elements.size(); ++i) {
    path.push_back({nullptr, i});
    warn_duplicate_keys(elements[i], path, file, diagnostics);
    path.pop_back();
  }
  Span<Member> members = value.members();
  if (members.empty()) return;
  std::unique_ptr<std::unordered_set<std::string_view>> seen;
  if (members.size() > kPairwise) seen = std::make_unique<std::unordered_set<std::string_view>>(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    const Member& member = members[i];
    if (seen_before(members, i, seen.get())) {
      path.push_back({&member.key, 0});
      diagnostics.push_back({Severity::warning, std::string(file), member.key_position.line,
                             member.key_position.column, pointer_of(path),
                             "the key \"" + std::string(member.key) +
                                 "\" appears twice in this object; the first one is used"});
      path.pop_back();
    }
    path.push_back({&member.key, 0});
    warn_duplicate_keys(member.value, path, file, diagnostics);
    path.pop_back();
  }
}

std::string size_text(std::size_t bytes) {
  if (bytes >= 1024u * 1024u) return std::to_string(bytes / (1024u * 1024u)) + " MB";
  if (bytes >= 1024u) return std::to_string(bytes / 1024u) + " KB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

namespace {

// rapidjson's messages name the parser's state ("Missing a name for object member"); authors need the mistake
// they made. The common ones get a sentence of their own; the rest keep rapidjson's words.
std::string syntax_message(rapidjson::ParseErrorCode code, std::string_view text, std::size_t offset) {
  auto previous_visible = [&]() -> char {
    std::size_t i = std::min(offset, text.size());
    while (i > 0) {
      char c = text[--i];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return c;
    }
    return '\0';
  };
  char here = offset < text.size() ? text[offset] : '\0';
  const std::string prefix = "this is not valid JSON: ";
  switch (code) {
    case rapidjson::kParseErrorObjectMissName:
      if (here == '}' && previous_visible() == ',') {
        return prefix + "a \"}\" comes right after a comma; remove the comma after the last field (JSON allows no "
                        "comma before \"}\" or \"]\")";
      }
      return prefix + "a field name in double quotes was expected here";
    case rapidjson::kParseErrorValueInvalid:
      if (here == ']' && previous_visible() == ',') {
        return prefix + "a \"]\" comes right after a comma; remove the comma after the last item (JSON allows no "
                        "comma before \"}\" or \"]\")";
      }
      return prefix + "a value was expected here (a text in double quotes, a number, true, false, null, a list or "
                      "an object)";
    case rapidjson::kParseErrorStringEscapeInvalid:
    case rapidjson::kParseErrorStringMissQuotationMark:
      // rapidjson 1.1 reports a raw line break inside a string as an invalid escape.
      if (here == '\n' || here == '\r' || (offset > 0 && offset <= text.size() && text[offset - 1] == '\n')) {
        return prefix + "the line ends inside a text (string); is its closing quote (\") missing?";
      }
      return prefix + (code == rapidjson::kParseErrorStringEscapeInvalid
                           ? "a backslash starts an escape that JSON does not know; write \\\\ for a backslash"
                           : "a text (string) is never closed; is its closing quote (\") missing?");
    case rapidjson::kParseErrorStringInvalidEncoding:
      return "this file is not UTF-8 text: the byte here is not a UTF-8 character (was it saved as Latin-1 or "
             "Windows-1252? save it as UTF-8)";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      return prefix + "a comma or \"}\" was expected here; is a comma missing between two fields?";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      return prefix + "a comma or \"]\" was expected here; is a comma missing between two items?";
    case rapidjson::kParseErrorObjectMissColon:
      return prefix + "a \":\" was expected between the field name and its value";
    case rapidjson::kParseErrorDocumentEmpty:
      return "the file is empty";
    default: {
      std::string words = rapidjson::GetParseError_En(code);
      if (!words.empty() && words.back() == '.') words.pop_back();
      if (!words.empty() && words[0] >= 'A' && words[0] <= 'Z') words[0] = static_cast<char>(words[0] - 'A' + 'a');
      return prefix + words;
    }
  }
}

}  // namespace

Document parse(std::string_view text, std::string_view file, const Limits& limits) {
  Document document;
  if (text.size() > limits.max_bytes) {
    document.diagnostics.push_back({Severity::error, std::string(file), 0, 0, "",
                                    "the file is " + size_text(text.size()) + ", more than the limit of " +
                                        size_text(limits.max_bytes) + "; it was not read"});
    return document;
  }
  std::size_t bom = (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") ? 3 : 0;

  // A bounded stream, so that the text need not be NUL-terminated (nor copied to be): it reads as '\0' at its
  // end, and an embedded NUL byte is seen as the (invalid) end it would be in a terminated copy.
  std::string_view body = text.substr(bom);
  rapidjson::MemoryStream stream(body.data(), body.size());
  TreeBuilder builder(body, limits.max_depth, document.root, document.arena);
  rapidjson::Reader reader;
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                             rapidjson::kParseFullPrecisionFlag;
  rapidjson::ParseResult result = reader.Parse<flags>(stream, builder);

  if (result.IsError()) {
    Position where = position_at(text, result.Offset() + bom);
    std::string message;
    if (builder.depth_exceeded()) {
      message = "values are nested more than " + std::to_string(limits.max_depth) + " levels deep; that is not "
                "supported";
    } else if (result.Offset() + bom < text.size() && text[result.Offset() + bom] == '\0') {
      message = "the file contains a NUL byte; it is not a text file";
    } else {
      message = syntax_message(result.Code(), body, result.Offset());
    }
    document.diagnostics.push_back({Severity::error, std::string(file), where.line, where.column, "", message});
    document.root = Value{};
    document.arena = Arena{};
    return document;
  }
  // rapidjson stops at the NUL: anything after it in the original text means the file was not plain text.
  if (stream.Tell() + bom < text.size()) {
    Position where = position_at(text, stream.Tell() + bom);
    document.diagnostics.push_back({Severity::error, std::string(file), where.line, where.column, "",
                                    "the file contains a NUL byte; it is not a text file"});
    document.root = Value{};
    document.arena = Arena{};
    return document;
  }

  // Positions were counted in the text after the BOM, which shares lines with the whole text.
  std::vector<PathStep> path;
  warn_duplicate_keys(document.root, path, file, document.diagnostics);
  document.ok = true;
  return document;
}

}  // namespace pathwise::json
