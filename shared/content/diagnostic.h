// Diagnostics: problems found in untrusted input (bundles, catalogs, progress files, configuration), as values.
// Each says where (file, line:column, JSON pointer) and what, in a plain sentence a teacher can act on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pathwise {

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;      // the file's name as the user knows it, e.g. "catalog.json"
  int line = 0;          // 1-based; 0 when the problem has no single place (e.g. "file too large")
  int column = 0;        // 1-based, counted in characters (UTF-8 code points), not bytes
  std::string pointer;   // RFC 6901 JSON pointer of the value concerned, "" for the whole document
  std::string message;   // one plain sentence, lower-case start, no trailing period
};

// "catalog.json:3:12: /courses/0/id: a course id may only hold ..." (warnings say "warning: " before the
// message). The shape compilers use, so editors and terminals turn it into a link.
std::string format_diagnostic(const Diagnostic& diagnostic);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// `text` between double quotes, the way messages name what the author wrote.
inline std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Appends one reference token to a JSON pointer, escaping "~" and "/" as RFC 6901 requires.
std::string json_pointer_append(std::string_view pointer, std::string_view token);
std::string json_pointer_append(std::string_view pointer, std::size_t index);

}  // namespace pathwise
