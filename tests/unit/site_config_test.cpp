#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "content/catalog.h"
#include "content/site_config.h"

using pathwise::Diagnostic;
using pathwise::Severity;
using pathwise::content::parse_catalog;
using pathwise::content::parse_site_config;
using pathwise::content::site_courses;
using pathwise::content::SiteConfigParse;

namespace {

const char* const kCatalog = R"({"format": "pathwise.catalog/1", "courses": [
  {"id": "fractions", "title": "Fractions", "language": "en", "version": "1", "bundle": "fractions/course.json"},
  {"id": "spanish-a1", "title": "Spanish A1", "language": "es", "version": "1", "bundle": "spanish-a1/course.json"},
  {"id": "ecosystems", "title": "Ecosystems", "language": "en", "version": "1", "bundle": "ecosystems/course.json"}
]})";

// The diagnostic at `pointer` whose message holds `words`, or nullptr.
const Diagnostic* find(const std::vector<Diagnostic>& diagnostics, const std::string& pointer,
                       const std::string& words) {
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.pointer == pointer && diagnostic.message.find(words) != std::string::npos) return &diagnostic;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("site.json: every setting read") {
  const SiteConfigParse parse = parse_site_config(R"({
    "format": "pathwise.site/1",
    "school": "Hillside Primary — Year 5",
    "logo": "site/logo.png",
    "language": "en-GB",
    "courses": ["ecosystems", "fractions"],
    "privacy_notice": "Progress stays in this browser. Nothing is sent anywhere."
  })", "site.json");
  CHECK(parse.diagnostics.empty());
  CHECK(parse.config.school == "Hillside Primary — Year 5");
  CHECK(parse.config.logo == "site/logo.png");
  CHECK(parse.config.language == "en-GB");
  CHECK(parse.config.courses == std::vector<std::string>{"ecosystems", "fractions"});
  CHECK(parse.config.privacy_notice == "Progress stays in this browser. Nothing is sent anywhere.");
}

TEST_CASE("site.json: only the format is required; the rest has defaults") {
  const SiteConfigParse parse = parse_site_config(R"({"format": "pathwise.site/1"})", "site.json");
  CHECK(parse.diagnostics.empty());
  CHECK(parse.config.school.empty());
  CHECK(parse.config.logo.empty());
  CHECK(parse.config.language == "en");
  CHECK(parse.config.courses.empty());
}

TEST_CASE("site.json: a wrong field keeps its default, is located, and the others still apply") {
  const SiteConfigParse parse = parse_site_config(
      "{\n"
      "  \"format\": \"pathwise.site/1\",\n"
      "  \"school\": 42,\n"
      "  \"logo\": \"../secret/logo.png\",\n"
      "  \"language\": \"English\",\n"
      "  \"courses\": [\"fractions\", \"Spanish A1\", 7, \"fractions\"],\n"
      "  \"privacy_notice\": \"Kept on this device.\"\n"
      "}",
      "site.json");
  CHECK(parse.config.school.empty());
  CHECK(parse.config.logo.empty());
  CHECK(parse.config.language == "en");
  CHECK(parse.config.courses == std::vector<std::string>{"fractions"});
  CHECK(parse.config.privacy_notice == "Kept on this device.");

  const Diagnostic* school = find(parse.diagnostics, "/school", "");
  REQUIRE(school);
  CHECK(school->severity == Severity::error);
  CHECK(school->line == 3);
  const Diagnostic* logo = find(parse.diagnostics, "/logo", "..");
  REQUIRE(logo);
  CHECK(logo->line == 4);
  const Diagnostic* language = find(parse.diagnostics, "/language", "BCP 47");
  REQUIRE(language);
  CHECK(language->severity == Severity::error);
  CHECK(find(parse.diagnostics, "/courses/1", "Spanish A1"));
  CHECK(find(parse.diagnostics, "/courses/2", ""));
  const Diagnostic* twice = find(parse.diagnostics, "/courses/3", "listed twice");
  REQUIRE(twice);
  CHECK(twice->severity == Severity::warning);
  CHECK(twice->line == 6);
}

TEST_CASE("site.json: unknown keys and an interface language not yet translated are warnings") {
  const SiteConfigParse parse = parse_site_config(
      R"({"format": "pathwise.site/1", "school": "École Jean Jaurès", "language": "fr", "theme": "dark"})",
      "site.json");
  CHECK(!pathwise::has_errors(parse.diagnostics));
  const Diagnostic* theme = find(parse.diagnostics, "/theme", "");
  REQUIRE(theme);
  CHECK(theme->severity == Severity::warning);
  const Diagnostic* language = find(parse.diagnostics, "/language", "English only");
  REQUIRE(language);
  CHECK(language->severity == Severity::warning);
  CHECK(parse.config.language == "fr");  // kept: used once that translation exists
  CHECK(parse.config.school == "École Jean Jaurès");
}

TEST_CASE("site.json: long texts, pictures only, the format tag, and files that are not JSON objects") {
  const std::string long_name(81, 'x');
  SiteConfigParse parse = parse_site_config(
      R"({"format": "pathwise.site/1", "school": ")" + long_name + R"(", "logo": "logo.exe"})", "site.json");
  CHECK(find(parse.diagnostics, "/school", "81 characters"));
  CHECK(parse.config.school.empty());
  CHECK(find(parse.diagnostics, "/logo", "picture"));
  // 80 characters counted as a reader counts them (é is one), not in bytes.
  std::string accented;
  for (int i = 0; i < 80; ++i) accented += "é";
  parse = parse_site_config(R"({"format": "pathwise.site/1", "school": ")" + accented + R"("})", "site.json");
  CHECK(parse.diagnostics.empty());
  CHECK(parse.config.school == accented);

  parse = parse_site_config(R"({"format": "pathwise.catalog/1"})", "site.json");
  CHECK(find(parse.diagnostics, "/format", "not a Pathwise site configuration"));
  parse = parse_site_config(R"({"format": "pathwise.site/2", "school": "Later"})", "site.json");
  CHECK(find(parse.diagnostics, "/format", "newer Pathwise"));
  CHECK(parse.config.school.empty());
  parse = parse_site_config(R"({"school": "No format"})", "site.json");
  CHECK(pathwise::has_errors(parse.diagnostics));
  parse = parse_site_config("[1, 2]", "site.json");
  CHECK(find(parse.diagnostics, "", "must be an object"));
  parse = parse_site_config("{\"format\": \"pathwise.site/1\",", "site.json");
  REQUIRE(!parse.diagnostics.empty());
  CHECK(parse.diagnostics.front().line == 1);
}

TEST_CASE("site.json: the courses shown are the configured ones in their order; unknown ids are reported") {
  const auto catalog = parse_catalog(kCatalog, "catalog.json");
  REQUIRE(catalog.ok());
  std::vector<Diagnostic> problems;

  pathwise::content::SiteConfig config;
  CHECK(site_courses(config, catalog.catalog, "site.json", &problems) == std::vector<std::size_t>{0, 1, 2});
  CHECK(problems.empty());

  config.courses = {"ecosystems", "geometry", "fractions"};
  CHECK(site_courses(config, catalog.catalog, "site.json", &problems) == std::vector<std::size_t>{2, 0});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].severity == Severity::warning);
  CHECK(problems[0].pointer == "/courses/1");
  CHECK(problems[0].message.find("\"geometry\"") != std::string::npos);
}
