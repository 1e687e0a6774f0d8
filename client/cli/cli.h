// The native `pathwise` command for authors and school IT: validate bundles, summarise them, regenerate the
// catalog, import GIFT quizzes, preview FSRS review schedules, fit knowledge-tracing parameters to answer logs,
// simulate learners, package a course for an LMS (SCORM 2004). Thin: every rule lives in the core (shared/); this layer reads and writes files.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace pathwise::cli {

// Exit codes, as documented in the README.
constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;     // some input has errors
constexpr int kExitUnusable = 2;    // an input cannot be read, or the command line is wrong

struct FileText {
  std::optional<std::string> text;  // empty when the file cannot be read
  std::string error;                // then: why, in a sentence
};

// Reads a whole file, refusing files larger than `max_bytes` without reading them.
FileText read_file(const std::string& path, std::size_t max_bytes);

// Writes through a temporary file and a rename, so a crash never leaves half a catalog or bundle behind.
bool write_file_atomically(const std::string& path, const std::string& text, std::string& error);

// Whether a file found in a content folder is a bundle or catalog candidate: a .json file that is not a JSON
// Schema for editors (*.schema.json, e.g. content/schema/bundle.schema.json).
bool is_content_json(const std::string& path);

int run_validate(const std::vector<std::string>& args);
int run_info(const std::vector<std::string>& args);
int run_catalog(const std::vector<std::string>& args);
int run_import_gift(const std::vector<std::string>& args);
int run_schedule(const std::vector<std::string>& args);
int run_simulate(const std::vector<std::string>& args);
int run_fit(const std::vector<std::string>& args);
int run_package(const std::vector<std::string>& args);

}  // namespace pathwise::cli
