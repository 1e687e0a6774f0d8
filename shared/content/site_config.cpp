#include "content/site_config.h"

#include <algorithm>
#include <set>

#include "content/field_reader.h"
#include "content/json_document.h"

namespace pathwise::content {

namespace {

using json::Kind;
using json::Value;

constexpr std::string_view kFormatPrefix = "pathwise.site/";
constexpr std::size_t kMaxSiteBytes = 256u * 1024u;  // a name, a notice and a list of ids

// Characters as a reader counts them: UTF-8 code points (continuation bytes are not counted).
std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool has_picture_extension(std::string_view path) {
  std::string lower(path);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  for (std::string_view extension : {".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif"}) {
    if (lower.size() > extension.size() && lower.compare(lower.size() - extension.size(), extension.size(),
                                                         extension) == 0) {
      return true;
    }
  }
  return false;
}

// A text member no longer than `max_characters`; `what` names it in the sentence ("the school's name").
void read_bounded_text(FieldReader& reader, const Value& root, std::string_view key, std::size_t max_characters,
                       std::string_view what, std::string& out) {
  std::string text;
  if (!reader.text(root, "", key, Need::optional, text)) return;
  const std::size_t count = character_count(text);
  if (count > max_characters) {
    reader.error(root.find(key)->position, json_pointer_append("", key),
                 std::string(what) + " is " + std::to_string(count) + " characters long; at most " +
                     std::to_string(max_characters) + " fit on a phone's screen");
    return;
  }
  out = std::move(text);
}

void read_logo(FieldReader& reader, const Value& root, SiteConfig& config) {
  std::string logo;
  if (!reader.text(root, "", "logo", Need::optional, logo) || logo.empty()) return;
  std::string problem = relative_path_problem(logo, "the logo's path");
  if (problem.empty() && !has_picture_extension(logo)) {
    problem = "the logo must be a picture (.png, .jpg, .jpeg, .svg, .webp or .gif)";
  }
  if (!problem.empty()) {
    reader.error(root.find("logo")->position, "/logo", problem + ": " + quoted(logo));
    return;
  }
  reader.note_file_reference(logo, root.find("logo")->position, "/logo");
  config.logo = std::move(logo);
}

void read_language(FieldReader& reader, const Value& root, SiteConfig& config) {
  std::string language;
  if (!reader.text(root, "", "language", Need::optional, language)) return;
  const json::Position at = root.find("language")->position;
  if (!is_language_tag(language)) {
    reader.error(at, "/language",
                 "the language must be a BCP 47 tag such as \"en\" or \"es-419\"; found " + quoted(language));
    return;
  }
  if (!interface_language_available(language)) {
    reader.warning(at, "/language",
                   "this version's interface is in English only; it will be in " + quoted(language) +
                       " once that translation exists, and the courses keep their own language");
  }
  config.language = std::move(language);
}

void read_courses(FieldReader& reader, const Value& root, SiteConfig& config) {
  const Value* courses = reader.array(root, "", "courses", Need::optional);
  if (!courses) return;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < courses->elements().size(); ++i) {
    const Value& entry = courses->elements()[i];
    const std::string pointer = json_pointer_append("/courses", i);
    if (!reader.expect(entry, pointer, Kind::string)) continue;
    const std::string id(entry.string());
    if (!is_identifier(id)) {
      reader.error(entry.position, pointer, "a course id " + identifier_rule() + "; found " + quoted(id));
      continue;
    }
    if (!seen.insert(id).second) {
      reader.warning(entry.position, pointer, "the course " + quoted(id) + " is listed twice; it is shown once");
      continue;
    }
    config.courses.push_back(id);
  }
  if (courses->elements().size() > 0 && config.courses.empty()) {
    reader.warning(courses->position, "/courses", "no course in this list can be shown, so every course is shown");
  }
}

}  // namespace

bool interface_language_available(std::string_view tag) {
  return tag == "en" || (tag.size() > 3 && tag.substr(0, 3) == "en-");
}

SiteConfigParse parse_site_config(std::string_view text, std::string_view file) {
  SiteConfigParse parse;
  json::Limits limits;
  limits.max_bytes = kMaxSiteBytes;
  json::Document document = json::parse(text, file, limits);
  parse.diagnostics = std::move(document.diagnostics);
  if (!document.ok) return parse;

  FieldReader reader(file);
  const Value& root = document.root;
  if (root.kind != Kind::object) {
    reader.error(root.position, "",
                 std::string("site.json must be an object with a \"format\" and the settings, found ") +
                     json::kind_description(root.kind));
  } else if (reader.format_tag(root, kFormatPrefix, kSiteFormatVersion, "site configuration")) {
    reader.warn_unknown_fields(root, "", {"format", "school", "logo", "language", "courses", "privacy_notice"});
    read_bounded_text(reader, root, "school", kMaxSchoolNameCharacters, "the school's name", parse.config.school);
    read_logo(reader, root, parse.config);
    read_language(reader, root, parse.config);
    read_courses(reader, root, parse.config);
    read_bounded_text(reader, root, "privacy_notice", kMaxPrivacyNoticeCharacters, "the privacy notice",
                      parse.config.privacy_notice);
  }
  std::vector<Diagnostic> found = reader.take_diagnostics();
  parse.diagnostics.insert(parse.diagnostics.end(), found.begin(), found.end());
  return parse;
}

std::vector<std::size_t> site_courses(const SiteConfig& config, const Catalog& catalog, std::string_view file,
                                      std::vector<Diagnostic>* problems) {
  std::vector<std::size_t> shown;
  if (config.courses.empty()) {
    for (std::size_t i = 0; i < catalog.courses.size(); ++i) shown.push_back(i);
    return shown;
  }
  for (std::size_t i = 0; i < config.courses.size(); ++i) {
    const std::string& id = config.courses[i];
    const auto found = std::find_if(catalog.courses.begin(), catalog.courses.end(),
                                    [&](const CourseEntry& course) { return course.id == id; });
    if (found != catalog.courses.end()) {
      shown.push_back(static_cast<std::size_t>(found - catalog.courses.begin()));
    } else if (problems) {
      Diagnostic problem;
      problem.severity = Severity::warning;
      problem.file = std::string(file);
      problem.pointer = json_pointer_append("/courses", i);
      problem.message = "the catalog has no course " + quoted(id) + ", so it is not shown";
      problems->push_back(std::move(problem));
    }
  }
  return shown;
}

}  // namespace pathwise::content
