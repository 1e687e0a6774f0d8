#include "content/json_document.h"

#include <algorithm>
#include <unordered_set>
#include <rapidjson/error/en.h>
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
  for (const Member& member : members) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

namespace {

// Maps byte offsets to line:column. Columns count code points, so a message about "é" lines up in an editor.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  Position at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    std::size_t line_start = *(next_line - 1);
    int column = 1;
    for (std::size_t i = line_start; i < offset; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // skip UTF-8 continuation bytes
    }
    return {static_cast<int>(next_line - line_starts_.begin()), column};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

// Resolves byte offsets that only ever increase, in one forward pass: the tree's values are visited in document
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
      } else if ((c & 0xC0) != 0x80) {  // UTF-8 continuation bytes do not start a character
        ++column_;
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

// Builds the Value tree from rapidjson's SAX events. Those events carry no position (and rapidjson reads scalars
// through a local copy of the stream, so its position is stale inside a callback). The builder therefore keeps
// its own cursor: rapidjson has already validated the text, so a value starts after the separators that follow
// the previous token, and a scalar ends at its closing quote or at the next delimiter.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, int max_depth, Value& root) : text_(text), max_depth_(max_depth), root_(root) {}

  bool Null() { return add_scalar(Kind::null); }
  bool Bool(bool b) {
    Value* value = add_scalar(Kind::boolean);
    if (value) value->boolean = b;
    return value != nullptr;
  }
  bool Int(int i) { return add_integer(i); }
  bool Uint(unsigned u) { return add_integer(u); }
  bool Int64(std::int64_t i) { return add_integer(i); }
  bool Uint64(std::uint64_t u) {
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return Double(static_cast<double>(u));
    return add_integer(static_cast<std::int64_t>(u));
  }
  bool Double(double d) {
    Value* value = add_scalar(Kind::number);
    if (value) value->number = d;
    return value != nullptr;
  }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }  // not requested
  bool String(const char* s, rapidjson::SizeType length, bool) {
    Value* value = add_scalar(Kind::string);
    if (value) value->string.assign(s, length);
    return value != nullptr;
  }
  bool StartObject() { return open(Kind::object); }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    Value& object = *open_values_.back();
    Member member;
    member.key.assign(s, length);
    std::size_t start = start_of_next_token();
    member.key_position = {static_cast<int>(start), 0};  // offset for now, resolved at the end
    cursor_ = end_of_scalar(start);
    object.members.push_back(std::move(member));
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(Kind::array); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool depth_exceeded() const { return depth_exceeded_; }

  // Offsets were stored in `line` while parsing (cheap); turn them into line:column once, at the end.
  // Until now each position held the value's byte offset in its `line`; this turns them into line:column.
  void resolve_positions() {
    ForwardPositions positions(text_);
    resolve(root_, positions);
  }

 private:
  std::size_t start_of_next_token() const {
    std::size_t offset = cursor_;
    while (offset < text_.size()) {
      char c = text_[offset];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') ++offset;
      else break;
    }
    return offset;
  }

  // Places a new value: the root, the next array element, or the value of the object's last key.
  Value* place(Kind kind) {
    Value* value = nullptr;
    if (open_values_.empty()) {
      value = &root_;
    } else {
      Value& parent = *open_values_.back();
      if (parent.kind == Kind::array) {
        parent.elements.emplace_back();
        value = &parent.elements.back();
      } else {
        value = &parent.members.back().value;
      }
    }
    value->kind = kind;
    value->position = {static_cast<int>(start_of_next_token()), 0};
    return value;
  }

  Value* add_scalar(Kind kind) {
    std::size_t start = start_of_next_token();
    Value* value = place(kind);
    cursor_ = end_of_scalar(start);
    return value;
  }

  std::size_t end_of_scalar(std::size_t start) const {
    std::size_t offset = start;
    if (offset < text_.size() && text_[offset] == '"') {
      for (++offset; offset < text_.size(); ++offset) {
        if (text_[offset] == '\\') ++offset;
        else if (text_[offset] == '"') return offset + 1;
      }
      return offset;
    }
    while (offset < text_.size()) {
      char c = text_[offset];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}' || c == ':') break;
      ++offset;
    }
    return offset;
  }

  bool add_integer(std::int64_t i) {
    Value* value = add_scalar(Kind::number);
    value->is_integer = true;
    value->integer = i;
    value->number = static_cast<double>(i);
    return true;
  }

  bool open(Kind kind) {
    if (static_cast<int>(open_values_.size()) >= max_depth_) {
      depth_exceeded_ = true;
      return false;
    }
    // Children are only ever appended to the innermost open container, so pointers to the enclosing ones stay
    // valid while it grows. rapidjson's iterative reader announces a bracket before consuming it, so the cursor
    // moves past the bracket found by scanning rather than to the stream's position.
    std::size_t bracket = start_of_next_token();
    open_values_.push_back(place(kind));
    cursor_ = bracket + 1;
    return true;
  }

  bool close() {
    open_values_.pop_back();
    cursor_ = start_of_next_token() + 1;
    return true;
  }

  // Document order: a value, then its elements, or each member's key and then its value. Recursion depth is
  // bounded by max_depth, enforced while parsing.
  void resolve(Value& value, ForwardPositions& positions) {
    value.position = positions.at(static_cast<std::size_t>(value.position.line));
    for (Value& element : value.elements) resolve(element, positions);
    for (Member& member : value.members) {
      member.key_position = positions.at(static_cast<std::size_t>(member.key_position.line));
      resolve(member.value, positions);
    }
  }

  std::string_view text_;
  int max_depth_;
  Value& root_;
  std::vector<Value*> open_values_;
  std::size_t cursor_ = 0;
  bool depth_exceeded_ = false;
};

// The way from the root to a value, kept as steps so that a JSON pointer is only built for a value that has
// something to report (nearly none do).
struct PathStep {
  const std::string* key = nullptr;  // nullptr: an array index
  std::size_t index = 0;
};

std::string pointer_of(const std::vector<PathStep>& path) {
  std::string pointer;
  for (const PathStep& step : path) {
    pointer = step.key ? json_pointer_append(pointer, *step.key) : json_pointer_append(pointer, step.index);
  }
  return pointer;
}

void warn_duplicate_keys(const Value& value, std::vector<PathStep>& path, std::string_view file,
                         std::vector<Diagnostic>& diagnostics) {
  for (std::size_t i = 0; i < value.elements.size(); ++i) {
    path.push_back({nullptr, i});
    warn_duplicate_keys(value.elements[i], path, file, diagnostics);
    path.pop_back();
  }
  // A set, not pairwise comparison: a hostile object with 100 000 keys must not take 10^10 steps.
  std::unordered_set<std::string_view> seen;
  seen.reserve(value.members.size());
  for (const Member& member : value.members) {
    if (!seen.insert(member.key).second) {
      path.push_back({&member.key, 0});
      diagnostics.push_back({Severity::warning, std::string(file), member.key_position.line,
                             member.key_position.column, pointer_of(path),
                             "the key \"" + member.key + "\" appears twice in this object; the first one is used"});
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

  // rapidjson reads up to a NUL terminator: copy so that the view need not be terminated and an embedded NUL
  // is seen as the (invalid) end it would be.
  std::string terminated(text);
  rapidjson::StringStream stream(terminated.c_str() + bom);
  TreeBuilder builder(std::string_view(terminated).substr(bom), limits.max_depth, document.root);
  rapidjson::Reader reader;
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                             rapidjson::kParseFullPrecisionFlag;
  rapidjson::ParseResult result = reader.Parse<flags>(stream, builder);

  LineIndex index(terminated);
  if (result.IsError()) {
    Position where = index.at(result.Offset() + bom);
    std::string message;
    if (builder.depth_exceeded()) {
      message = "values are nested more than " + std::to_string(limits.max_depth) + " levels deep; that is not "
                "supported";
    } else if (result.Offset() + bom < text.size() && text[result.Offset() + bom] == '\0') {
      message = "the file contains a NUL byte; it is not a text file";
    } else {
      message = syntax_message(result.Code(), std::string_view(terminated).substr(bom), result.Offset());
    }
    document.diagnostics.push_back({Severity::error, std::string(file), where.line, where.column, "", message});
    document.root = Value{};
    return document;
  }
  // rapidjson stops at the NUL: anything after it in the original text means the file was not plain text.
  if (stream.Tell() + bom < text.size()) {
    Position where = index.at(stream.Tell() + bom);
    document.diagnostics.push_back({Severity::error, std::string(file), where.line, where.column, "",
                                    "the file contains a NUL byte; it is not a text file"});
    document.root = Value{};
    return document;
  }

  // Positions were recorded relative to the text after the BOM, which shares lines with the whole text.
  builder.resolve_positions();
  std::vector<PathStep> path;
  warn_duplicate_keys(document.root, path, file, document.diagnostics);
  document.ok = true;
  return document;
}

}  // namespace pathwise::json
