// Reading fields of untrusted JSON objects with a located, plain-sentence diagnostic for every problem: the
// shared vocabulary of the catalog, bundle and (later) progress-file readers. Each call reports and carries on,
// so that one run finds every problem in a file.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.h"
#include "content/json_document.h"

namespace pathwise::content {

enum class Need { required, optional };

class FieldReader {
 public:
  explicit FieldReader(std::string_view file) : file_(file) {}

  void error(const json::Position& at, std::string_view pointer, std::string message);
  void warning(const json::Position& at, std::string_view pointer, std::string message);

  // Reports "expected <what> here, found <kind>" unless `value` has `kind`.
  bool expect(const json::Value& value, std::string_view pointer, json::Kind kind);

  // The member `key` of `object`, or nullptr; a missing required member is reported at the object.
  const json::Value* member(const json::Value& object, std::string_view pointer, std::string_view key, Need need);

  // Typed members. They leave `out` unchanged and return false when the member is absent or wrong; errors are
  // reported (absence only when required).
  bool text(const json::Value& object, std::string_view pointer, std::string_view key, Need need, std::string& out);
  bool number(const json::Value& object, std::string_view pointer, std::string_view key, Need need, double& out);
  bool boolean(const json::Value& object, std::string_view pointer, std::string_view key, Need need, bool& out);
  bool text_list(const json::Value& object, std::string_view pointer, std::string_view key, Need need,
                 std::vector<std::string>& out);
  // A number that must lie in [low, high]; the sentence names the field ("a probability", "seconds").
  bool number_in(const json::Value& object, std::string_view pointer, std::string_view key, Need need, double low,
                 double high, double& out);
  // Members that are present and of the given kind (arrays and objects are read by the caller).
  const json::Value* array(const json::Value& object, std::string_view pointer, std::string_view key, Need need);
  const json::Value* object(const json::Value& object, std::string_view pointer, std::string_view key, Need need);

  // Warns once for each member whose name is not in `known` (a newer Pathwise may use it, or it is misspelt).
  void warn_unknown_fields(const json::Value& object, std::string_view pointer,
                           std::initializer_list<std::string_view> known);

  // A required "id" member that must follow the id rule; `noun` names whose id it is ("a skill id").
  bool id(const json::Value& object, std::string_view pointer, std::string_view noun, std::string& out);

  // Checks the root's "format" tag, e.g. prefix "pathwise.bundle/" and `supported` 1; `noun` names the kind of
  // file in sentences ("bundle"). A tag of a newer version is refused with a message that says to update.
  bool format_tag(const json::Value& root, std::string_view prefix, int supported, std::string_view noun);

  // Files the document names (media paths), with their place, for a caller that can check they exist.
  struct FileReference {
    std::string path;
    json::Position position;
    std::string pointer;
  };
  void note_file_reference(std::string path, const json::Position& at, std::string_view pointer) {
    file_references_.push_back({std::move(path), at, std::string(pointer)});
  }
  const std::vector<FileReference>& file_references() const { return file_references_; }

  const std::string& file() const { return file_; }
  bool has_errors() const { return error_count_ > 0; }
  std::vector<Diagnostic> take_diagnostics() { return std::move(diagnostics_); }

 private:
  // The member `key` when present and of `kind`; reports a missing required member or a wrong kind.
  const json::Value* present(const json::Value& object, std::string_view pointer, std::string_view key, Need need,
                             json::Kind kind);

  std::string file_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<FileReference> file_references_;
  int error_count_ = 0;
};

// Names and paths shared by every format.

// Ids of courses, skills, units, lessons and activities: lower-case a–z, digits and "-" (not first), 1–64.
bool is_identifier(std::string_view id);
std::string identifier_rule();  // "may only hold ...": the rule in words, after "a skill id " in messages

// Versions of courses: digits and dots, not first or last, 1–32 characters ("1.2.0").
bool is_version(std::string_view text);

// The shape of a BCP 47 tag (RFC 5646 §2.1): a 2–3 letter primary language, then subtags of 1–8 letters or
// digits. Registry membership is not checked: an unknown but well-formed tag does no harm.
bool is_language_tag(std::string_view tag);

// Why `path` does not stay inside its folder ("" when it does): it must be relative, use "/", hold no "..",
// no empty segment, no scheme or drive. `what` names it in the sentence ("the bundle path", "the media path").
std::string relative_path_problem(std::string_view path, std::string_view what);

}  // namespace pathwise::content
