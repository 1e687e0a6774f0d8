// A JSON reader for untrusted input that remembers where every value stands, so that later checks can say
// "catalog.json:7:15: /courses/1/title: ..." rather than only "invalid". Built on rapidjson's SAX reader
// (iterative mode, UTF-8 validated), with explicit limits on size and nesting so that no input can crash,
// hang or exhaust memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.h"

namespace pathwise::json {

struct Position {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in UTF-8 code points
};

enum class Kind { null, boolean, number, string, array, object };

// "null", "true or false", "a number", ...: the words used in messages about wrong types.
const char* kind_description(Kind kind);

struct Member;

struct Value {
  Kind kind = Kind::null;
  Position position;            // where the value starts in the text
  bool boolean = false;
  double number = 0.0;
  bool is_integer = false;      // the literal had no fraction or exponent and fits in int64
  std::int64_t integer = 0;
  std::string string;
  std::vector<Value> elements;  // arrays, in order
  std::vector<Member> members;  // objects, in document order; duplicates kept (the reader warns about them)

  // The first member named `key`, or nullptr.
  const Value* find(std::string_view key) const;
};

struct Member {
  std::string key;
  Position key_position;
  Value value;
};

struct Limits {
  std::size_t max_bytes = 50u * 1024u * 1024u;  // larger documents are refused before parsing
  int max_depth = 64;                           // deeper nesting is refused (no real bundle nests past ~8)
};

struct Document {
  bool ok = false;   // false when the text is not JSON or breaks a limit; `root` is then null
  Value root;
  std::vector<Diagnostic> diagnostics;  // syntax errors, limit errors, duplicate-key warnings
};

// Parses `text` (a UTF-8 byte order mark is allowed and skipped). `file` names the document in diagnostics.
Document parse(std::string_view text, std::string_view file, const Limits& limits = {});

}  // namespace pathwise::json
