#include "content/catalog.h"

#include <algorithm>
#include <set>

#include "content/json_document.h"

namespace pathwise::content {

namespace {

using json::Kind;
using json::Value;

constexpr std::string_view kFormatPrefix = "pathwise.catalog/";
constexpr std::size_t kMaxCatalogBytes = 4u * 1024u * 1024u;  // thousands of courses fit in far less

class CatalogReader {
 public:
  explicit CatalogReader(std::string_view file) : file_(file) {}

  void error(const json::Position& at, std::string pointer, std::string message) {
    diagnostics_.push_back({Severity::error, file_, at.line, at.column, std::move(pointer), std::move(message)});
  }
  void warning(const json::Position& at, std::string pointer, std::string message) {
    diagnostics_.push_back({Severity::warning, file_, at.line, at.column, std::move(pointer), std::move(message)});
  }

  // A member that must be present and be a string; reports and returns nullptr otherwise.
  const Value* required_string(const Value& object, const std::string& pointer, std::string_view key) {
    const Value* value = object.find(key);
    if (!value) {
      error(object.position, pointer, "the required field \"" + std::string(key) + "\" is missing");
      return nullptr;
    }
    return expect_string(*value, json_pointer_append(pointer, key)) ? value : nullptr;
  }

  bool expect_string(const Value& value, const std::string& pointer) {
    if (value.kind == Kind::string) return true;
    error(value.position, pointer, std::string("expected a text (string) here, found ") + json::kind_description(value.kind));
    return false;
  }

  void warn_unknown_fields(const Value& object, const std::string& pointer,
                           std::initializer_list<std::string_view> known) {
    for (const json::Member& member : object.members) {
      if (std::find(known.begin(), known.end(), member.key) == known.end()) {
        warning(member.key_position, json_pointer_append(pointer, member.key),
                "unknown field \"" + member.key + "\" is ignored (a newer Pathwise may use it, or it is misspelt)");
      }
    }
  }

  std::vector<Diagnostic> take_diagnostics() { return std::move(diagnostics_); }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

bool is_course_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
  return id.front() != '-' && std::all_of(id.begin(), id.end(), allowed);
}

// The shape of a BCP 47 tag (RFC 5646 §2.1): a 2–3 letter primary language, then subtags of 1–8 letters or
// digits. Registry membership is not checked: an unknown but well-formed tag does no harm.
bool is_language_tag(std::string_view tag) {
  std::size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    std::size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    std::string_view subtag = tag.substr(start, end - start);
    auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto is_alnum = [&](char c) { return is_alpha(c) || (c >= '0' && c <= '9'); };
    if (first) {
      if (subtag.size() < 2 || subtag.size() > 3 || !std::all_of(subtag.begin(), subtag.end(), is_alpha)) return false;
      first = false;
    } else if (subtag.empty() || subtag.size() > 8 || !std::all_of(subtag.begin(), subtag.end(), is_alnum)) {
      return false;
    }
    if (end == tag.size()) return true;
    start = end + 1;
  }
  return false;
}

// A bundle path must stay inside the content folder: relative, no "..", no scheme or drive, no backslashes.
std::string bundle_path_problem(std::string_view path) {
  if (path.empty()) return "the bundle path is empty";
  if (path.front() == '/') return "the bundle path must be relative to the catalog, not start with \"/\"";
  if (path.find('\\') != std::string_view::npos) return "the bundle path must use \"/\" between folders, not \"\\\"";
  if (path.find(':') != std::string_view::npos) return "the bundle path must be a relative path, not a URL or drive";
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty()) return "the bundle path has an empty folder name (\"//\" or a trailing \"/\")";
    if (segment == "..") return "the bundle path leaves the content folder (\"..\"); courses must live inside it";
    if (end == path.size()) break;
    start = end + 1;
  }
  if (path.size() < 5 || path.substr(path.size() - 5) != ".json") return "the bundle path must name a .json file";
  return {};
}

void read_format(const Value& root, CatalogReader& reader) {
  const Value* format = reader.required_string(root, "", "format");
  if (!format) return;
  const std::string& text = format->string;
  const std::string pointer = "/format";
  if (text.compare(0, kFormatPrefix.size(), kFormatPrefix) != 0) {
    reader.error(format->position, pointer,
                 "this is not a Pathwise catalog: \"format\" is \"" + text + "\", expected \"pathwise.catalog/1\"");
    return;
  }
  std::string_view version = std::string_view(text).substr(kFormatPrefix.size());
  bool digits = !version.empty() && version.size() <= 6 &&
                std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    reader.error(format->position, pointer, "\"" + text + "\" is not a catalog format this build knows");
  } else if (std::stoi(std::string(version)) > kCatalogFormatVersion) {
    reader.error(format->position, pointer,
                 "this catalog was written for a newer Pathwise (format version " + std::string(version) +
                     "; this build reads up to " + std::to_string(kCatalogFormatVersion) + "): update Pathwise");
  }
}

bool read_course(const Value& entry, const std::string& pointer, CatalogReader& reader, CourseEntry& course) {
  if (entry.kind != Kind::object) {
    reader.error(entry.position, pointer,
                 std::string("each course must be an object, found ") + json::kind_description(entry.kind));
    return false;
  }
  reader.warn_unknown_fields(entry, pointer, {"id", "title", "description", "language", "bundle"});
  bool ok = true;
  if (const Value* id = reader.required_string(entry, pointer, "id")) {
    if (!is_course_id(id->string)) {
      reader.error(id->position, pointer + "/id",
                   "a course id may only hold lower-case letters a–z, digits and \"-\" (not first), at most 64; "
                   "found \"" + id->string + "\"");
      ok = false;
    }
    course.id = id->string;
  } else {
    ok = false;
  }
  if (const Value* title = reader.required_string(entry, pointer, "title")) {
    if (title->string.empty()) {
      reader.error(title->position, pointer + "/title", "the course title is empty");
      ok = false;
    }
    course.title = title->string;
  } else {
    ok = false;
  }
  if (const Value* language = reader.required_string(entry, pointer, "language")) {
    if (!is_language_tag(language->string)) {
      reader.error(language->position, pointer + "/language",
                   "\"" + language->string + "\" is not a BCP 47 language tag such as \"en\" or \"es-419\"");
      ok = false;
    }
    course.language = language->string;
  } else {
    ok = false;
  }
  if (const Value* bundle = reader.required_string(entry, pointer, "bundle")) {
    std::string problem = bundle_path_problem(bundle->string);
    if (!problem.empty()) {
      reader.error(bundle->position, pointer + "/bundle", problem + ": \"" + bundle->string + "\"");
      ok = false;
    }
    course.bundle = bundle->string;
  } else {
    ok = false;
  }
  if (const Value* description = entry.find("description")) {
    if (reader.expect_string(*description, pointer + "/description")) course.description = description->string;
    else ok = false;
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

  CatalogReader reader(file);
  const Value& root = document.root;
  if (root.kind != Kind::object) {
    reader.error(root.position, "",
                 std::string("a catalog must be an object with \"format\" and \"courses\", found ") +
                     json::kind_description(root.kind));
  } else {
    reader.warn_unknown_fields(root, "", {"format", "courses"});
    read_format(root, reader);
    const Value* courses = root.find("courses");
    if (!courses) {
      reader.error(root.position, "", "the required field \"courses\" is missing");
    } else if (courses->kind != Kind::array) {
      reader.error(courses->position, "/courses",
                   std::string("\"courses\" must be a list (array), found ") + json::kind_description(courses->kind));
    } else {
      std::set<std::string> seen_ids;
      for (std::size_t i = 0; i < courses->elements.size(); ++i) {
        const Value& entry = courses->elements[i];
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
