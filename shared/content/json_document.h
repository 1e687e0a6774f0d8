// A JSON reader for untrusted input that remembers where every value stands, so that later checks can say
// "catalog.json:7:15: /courses/1/title: ..." rather than only "invalid". Built on rapidjson's SAX reader
// (iterative mode, UTF-8 validated), with explicit limits on size and nesting so that no input can crash,
// hang or exhaust memory.
//
// The tree is compact, because a 10 MB course bundle has ~700 000 values and keys and the loader holds the tree
// and the Bundle built from it at the same time (the content-bundle benchmark budgets peak memory at 4x the
// file):
//  - a Value is 24 bytes (kind, flags, position, and one word that is the number, the string's characters or
//    the children), a Member 40-48 bytes; there is no per-value heap block;
//  - the children of an array or object are one contiguous block, allocated when the container closes from an
//    arena that the Document owns (a few large chunks instead of a vector per value);
//  - a string value or key points into the parsed text itself when it has no escape sequence (nearly all do);
//    only strings with escapes are unescaped into the arena.
// Consequently a Document refers to the text it was parsed from: the text must outlive the Document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.h"

namespace pathwise::json {

struct Position {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in UTF-8 code points
};

enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

// "null", "true or false", "a number", ...: the words used in messages about wrong types.
const char* kind_description(Kind kind);

// A read-only view of a contiguous run of values (an array's elements, an object's members).
template <typename T>
class Span {
 public:
  Span() = default;
  Span(const T* data, std::size_t size) : data_(data), size_(size) {}
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

struct Member;
class TreeBuilder;

class Value {
 public:
  Kind kind = Kind::null;
  bool boolean = false;
  bool is_integer = false;  // the literal had no fraction or exponent and fits in int64
  Position position;        // where the value starts in the text

  // Like every accessor, a neutral value (0, "", no children) when the value is of another kind.
  double number() const {
    if (kind != Kind::number) return 0.0;
    return is_integer ? static_cast<double>(integer_) : number_;
  }
  std::int64_t integer() const { return is_integer ? integer_ : 0; }
  std::string_view string() const { return kind == Kind::string ? std::string_view(chars_, size_) : std::string_view(); }
  Span<Value> elements() const { return kind == Kind::array ? Span<Value>(elements_, size_) : Span<Value>(); }
  // Objects, in document order; duplicates kept (the reader warns about them).
  Span<Member> members() const { return kind == Kind::object ? Span<Member>(members_, size_) : Span<Member>(); }

  // The first member named `key`, or nullptr (also when this is not an object).
  const Value* find(std::string_view key) const;

 private:
  friend class TreeBuilder;
  std::uint32_t size_ = 0;  // string: bytes; array: elements; object: members (rapidjson's sizes are 32-bit too)
  union {                   // which one: `kind` and `is_integer`
    double number_ = 0.0;
    std::int64_t integer_;
    const char* chars_;       // into the text, or into the Document's arena when the string had escapes
    const Value* elements_;   // into the Document's arena
    const Member* members_;   // into the Document's arena
  };
};

struct Member {
  std::string_view key;  // into the text, or into the Document's arena when the key had escapes
  Position key_position;
  Value value;
};

// Fixed blocks that never move once handed out: the tree's children blocks and unescaped strings.
class Arena {
 public:
  void* allocate(std::size_t bytes, std::size_t alignment);

 private:
  std::vector<std::unique_ptr<unsigned char[]>> chunks_;  // all of them, regular and large
  unsigned char* current_ = nullptr;                     // the regular chunk being filled
  std::size_t used_ = 0;                                 // bytes of it handed out
  std::size_t capacity_ = 0;
};

struct Limits {
  std::size_t max_bytes = 50u * 1024u * 1024u;  // larger documents are refused before parsing
  int max_depth = 64;                           // deeper nesting is refused (no real bundle nests past ~8)
};

struct Document {
  bool ok = false;   // false when the text is not JSON or breaks a limit; `root` is then null
  Value root;
  std::vector<Diagnostic> diagnostics;  // syntax errors, limit errors, duplicate-key warnings
  Arena arena;                          // holds the tree below `root`
};

// Parses `text` (a UTF-8 byte order mark is allowed and skipped). `file` names the document in diagnostics.
// The Document's strings may point into `text`: keep `text` alive as long as the Document.
Document parse(std::string_view text, std::string_view file, const Limits& limits = {});

}  // namespace pathwise::json
