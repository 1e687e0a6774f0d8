#include <doctest/doctest.h>

#include "content/diagnostic.h"

using pathwise::Diagnostic;
using pathwise::Severity;

TEST_CASE("a diagnostic reads like a compiler message: file:line:column: pointer: sentence") {
  Diagnostic error{Severity::error, "fractions.json", 212, 9, "/activities/12/choices",
                   "a single-choice activity needs exactly one correct choice; found 0"};
  CHECK(pathwise::format_diagnostic(error) ==
        "fractions.json:212:9: /activities/12/choices: a single-choice activity needs exactly one correct choice; "
        "found 0");

  Diagnostic warning{Severity::warning, "catalog.json", 3, 5, "/colour", "unknown field \"colour\" is ignored"};
  CHECK(pathwise::format_diagnostic(warning) == "catalog.json:3:5: /colour: warning: unknown field \"colour\" is ignored");

  Diagnostic whole_file{Severity::error, "big.json", 0, 0, "", "the file is too large"};
  CHECK(pathwise::format_diagnostic(whole_file) == "big.json: the file is too large");
}

TEST_CASE("JSON pointers escape '~' and '/' (RFC 6901)") {
  CHECK(pathwise::json_pointer_append("", "courses") == "/courses");
  CHECK(pathwise::json_pointer_append("/courses", std::size_t{3}) == "/courses/3");
  CHECK(pathwise::json_pointer_append("/a", "b/c~d") == "/a/b~1c~0d");
}

TEST_CASE("has_errors ignores warnings") {
  std::vector<Diagnostic> diagnostics{{Severity::warning, "f", 1, 1, "", "w"}};
  CHECK_FALSE(pathwise::has_errors(diagnostics));
  diagnostics.push_back({Severity::error, "f", 1, 1, "", "e"});
  CHECK(pathwise::has_errors(diagnostics));
}
