#include "content/catalog.h"

#include <algorithm>
#include <set>

#include "content/field_reader.h"
#include "content/json_document.h"

namespace pathwise::content {

namespace {

using json::Kind;
using json::Value;

constexpr std::string_view kFormatPrefix = "pathwise.catalog/";
constexpr std::size_t kMaxCatalogBytes = 4u * 1024u * 1024u;  // thousands of courses fit in far less

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A required text member that must also pass `valid`; `rule` says why it did not.
bool checked_text(FieldReader& reader, const Value& entry, const std::string& pointer, std::string_view key,
                  bool (*valid)(std::string_view), const std::string& rule, std::string& out) {
  if (!reader.text(entry, pointer, key, Need::required, out)) return false;
  if (valid(out)) return true;
  reader.error(entry.find(key)->position, json_pointer_append(pointer, key), rule + "; found \"" + out + "\"");
  return false;
}

bool read_course(const Value& entry, const std::string& pointer, FieldReader& reader, CourseEntry& course) {
  if (entry.kind != Kind::object) {
    reader.error(entry.position, pointer,
                 std::string("each course must be an object, found ") + json::kind_description(entry.kind));
    return false;
  }
  reader.warn_unknown_fields(entry, pointer, {"id", "title", "description", "language", "version", "bundle", "sha256"});
  bool ok = reader.id(entry, pointer, "a course id", course.id);
  if (reader.text(entry, pointer, "title", Need::required, course.title)) {
    if (course.title.empty()) {
      reader.error(entry.find("title")->position, pointer + "/title", "the course title is empty");
      ok = false;
    }
  } else {
    ok = false;
  }
  ok &= checked_text(reader, entry, pointer, "language", is_language_tag,
                     "the language must be a BCP 47 tag such as \"en\" or \"es-419\"", course.language);
  ok &= checked_text(reader, entry, pointer, "version", is_version,
                     "the course version must be digits and dots, such as \"1.2.0\"", course.version);
  if (reader.text(entry, pointer, "bundle", Need::required, course.bundle)) {
    std::string problem = relative_path_problem(course.bundle, "the bundle path");
    if (problem.empty() && (course.bundle.size() < 5 || course.bundle.substr(course.bundle.size() - 5) != ".json")) {
      problem = "the bundle path must name a .json file";
    }
    if (!problem.empty()) {
      reader.error(entry.find("bundle")->position, pointer + "/bundle", problem + ": \"" + course.bundle + "\"");
      ok = false;
    }
  } else {
    ok = false;
  }
  if (entry.find("sha256")) {
    ok &= checked_text(reader, entry, pointer, "sha256", is_sha256_hex,
                       "\"sha256\" must be 64 lower-case hexadecimal digits (run `pathwise catalog` to write it)",
                       course.sha256);
  }
  if (entry.find("description") && !reader.text(entry, pointer, "description", Need::optional, course.description)) {
    ok = false;
  }
  return ok;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ascii_lowercase(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), ascii_lower);
  return result;
}

}  // namespace

CatalogParse parse_catalog(std::string_view text, std::string_view file) {
  CatalogParse parse;
  json::Limits limits;
  limits.max_bytes = kMaxCatalogBytes;
  json::Document document = json::parse(text, file, limits);
  parse.diagnostics = std::move(document.diagnostics);
  if (!document.ok) return parse;

  FieldReader reader(file);
  const Value& root = document.root;
  if (root.kind != Kind::object) {
    reader.error(root.position, "",
                 std::string("a catalog must be an object with \"format\" and \"courses\", found ") +
                     json::kind_description(root.kind));
  } else {
    reader.warn_unknown_fields(root, "", {"format", "courses"});
    reader.format_tag(root, kFormatPrefix, kCatalogFormatVersion, "catalog");
    const Value* courses = root.find("courses");
    if (!courses) {
      reader.error(root.position, "", "the required field \"courses\" is missing");
    } else if (courses->kind != Kind::array) {
      reader.error(courses->position, "/courses",
                   std::string("\"courses\" must be a list (array), found ") + json::kind_description(courses->kind));
    } else {
      std::set<std::string> seen_ids;
      for (std::size_t i = 0; i < courses->elements().size(); ++i) {
        const Value& entry = courses->elements()[i];
        std::string pointer = json_pointer_append("/courses", i);
        CourseEntry course;
        if (!read_course(entry, pointer, reader, course)) continue;
        if (!seen_ids.insert(course.id).second) {
          reader.error(entry.find("id")->position, pointer + "/id",
                       "the course id \"" + course.id + "\" is used twice; the first entry is kept");
          continue;
        }
        parse.catalog.courses.push_back(std::move(course));
      }
    }
  }
  std::vector<Diagnostic> found = reader.take_diagnostics();
  parse.diagnostics.insert(parse.diagnostics.end(), found.begin(), found.end());
  return parse;
}

std::vector<std::string> bundle_entry_mismatches(const CourseEntry& entry, std::string_view bundle_sha256,
                                                 std::string_view bundle_id, std::string_view bundle_version,
                                                 std::string_view bundle_language) {
  std::vector<std::string> problems;
  if (!entry.sha256.empty() && entry.sha256 != bundle_sha256) {
    problems.push_back("the bundle's SHA-256 is " + std::string(bundle_sha256) + " but the catalog says " + entry.sha256 +
                       ": the file changed or was damaged after the catalog was written (run `pathwise catalog`)");
  }
  auto compare = [&](std::string_view what, const std::string& listed, std::string_view actual) {
    if (listed != actual) {
      problems.push_back("the catalog lists " + std::string(what) + " \"" + listed + "\" but the bundle has \"" +
                         std::string(actual) + "\"");
    }
  };
  compare("the id", entry.id, bundle_id);
  compare("version", entry.version, bundle_version);
  compare("language", entry.language, bundle_language);
  return problems;
}

std::vector<std::size_t> find_courses(const Catalog& catalog, std::string_view query) {
  std::vector<std::string> words;
  std::string lowered = ascii_lowercase(query);
  std::size_t start = 0;
  while (start < lowered.size()) {
    std::size_t end = lowered.find_first_of(" \t\n\r", start);
    if (end == std::string::npos) end = lowered.size();
    if (end > start) words.push_back(lowered.substr(start, end - start));
    start = end + 1;
  }
  std::vector<std::size_t> matches;
  for (std::size_t i = 0; i < catalog.courses.size(); ++i) {
    const CourseEntry& course = catalog.courses[i];
    std::string haystack = ascii_lowercase(course.title + '\n' + course.description);
    bool all = std::all_of(words.begin(), words.end(),
                           [&](const std::string& word) { return haystack.find(word) != std::string::npos; });
    if (all) matches.push_back(i);
  }
  return matches;
}

}  // namespace pathwise::content
