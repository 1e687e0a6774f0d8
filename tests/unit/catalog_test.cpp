#include <doctest/doctest.h>

#include <string>

#include "content/catalog.h"

using pathwise::Severity;
using pathwise::content::find_courses;
using pathwise::content::parse_catalog;

namespace {

const char* const kGoodCatalog = R"({
  "format": "pathwise.catalog/1",
  "courses": [
    {"id": "fractions", "title": "Fractions", "description": "Halves, thirds and quarters", "language": "en",
     "version": "1.2.0", "bundle": "fractions/course.json",
     "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"id": "fracciones", "title": "Fracciones", "language": "es-419", "version": "1.0", "bundle": "es/fracciones/course.json"}
  ]
})";

bool mentions(const pathwise::content::CatalogParse& parse, const std::string& pointer, const std::string& words) {
  for (const auto& diagnostic : parse.diagnostics) {
    if (diagnostic.pointer == pointer && diagnostic.message.find(words) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a well-formed catalog lists its courses in order") {
  auto parse = parse_catalog(kGoodCatalog, "catalog.json");
  CHECK(parse.ok());
  CHECK(parse.diagnostics.empty());
  REQUIRE(parse.catalog.courses.size() == 2);
  CHECK(parse.catalog.courses[0].id == "fractions");
  CHECK(parse.catalog.courses[0].description == "Halves, thirds and quarters");
  CHECK(parse.catalog.courses[1].language == "es-419");
  CHECK(parse.catalog.courses[1].description.empty());
}

TEST_CASE("every problem of a catalog is reported at once, with its place") {
  const char* text = R"({
  "format": "pathwise.catalog/1",
  "colour": "blue",
  "courses": [
    {"id": "Bad Id", "title": "X", "language": "en", "version": "1.0", "bundle": "x/course.json"},
    {"id": "escape", "title": "Escape", "language": "en", "version": "1.0", "bundle": "../../etc/passwd.json"},
    {"id": "no-title", "language": "english", "version": "1", "bundle": "a.json"},
    {"id": "ok", "title": "Fine", "language": "fr", "version": "1", "bundle": "ok/course.json", "level": 3},
    {"id": "ok", "title": "Twin", "language": "fr", "version": "1", "bundle": "twin/course.json"},
    42
  ]
})";
  auto parse = parse_catalog(text, "catalog.json");
  CHECK_FALSE(parse.ok());
  CHECK(mentions(parse, "/colour", "unknown field"));
  CHECK(mentions(parse, "/courses/0/id", "lower-case letters"));
  CHECK(mentions(parse, "/courses/1/bundle", "leaves its folder"));
  CHECK(mentions(parse, "/courses/2", "\"title\" is missing"));
  CHECK(mentions(parse, "/courses/2/language", "BCP 47"));
  CHECK(mentions(parse, "/courses/3/level", "unknown field"));
  CHECK(mentions(parse, "/courses/4/id", "used twice"));
  CHECK(mentions(parse, "/courses/5", "must be an object"));

  // Entries that passed their checks are kept, so one bad line does not hide the whole catalog.
  REQUIRE(parse.catalog.courses.size() == 1);
  CHECK(parse.catalog.courses[0].title == "Fine");

  for (const auto& diagnostic : parse.diagnostics) {
    CHECK(diagnostic.line > 0);
    CHECK(diagnostic.column > 0);
  }
  // The bad id's place is the value itself: line 5, column 12.
  for (const auto& diagnostic : parse.diagnostics) {
    if (diagnostic.pointer == "/courses/0/id") {
      CHECK(diagnostic.line == 5);
      CHECK(diagnostic.column == 12);
    }
  }
}

TEST_CASE("catalog format versions") {
  SUBCASE("newer than this build") {
    auto parse = parse_catalog(R"({"format": "pathwise.catalog/2", "courses": []})", "c.json");
    CHECK_FALSE(parse.ok());
    CHECK(mentions(parse, "/format", "newer Pathwise"));
  }
  SUBCASE("not a catalog at all") {
    auto parse = parse_catalog(R"({"format": "pathwise.bundle/1", "courses": []})", "c.json");
    CHECK(mentions(parse, "/format", "not a Pathwise catalog"));
  }
  SUBCASE("missing") {
    auto parse = parse_catalog(R"({"courses": []})", "c.json");
    CHECK(mentions(parse, "", "\"format\" is missing"));
  }
  SUBCASE("absurd version number") {
    auto parse = parse_catalog(R"({"format": "pathwise.catalog/99999999999", "courses": []})", "c.json");
    CHECK_FALSE(parse.ok());
  }
}

TEST_CASE("wrong shapes are reported, not trusted") {
  CHECK(mentions(parse_catalog("[]", "c.json"), "", "must be an object"));
  CHECK(mentions(parse_catalog(R"({"format": "pathwise.catalog/1", "courses": {}})", "c.json"), "/courses",
                 "must be a list"));
  auto parse = parse_catalog(R"({"format": "pathwise.catalog/1", "courses": [{"id": 7, "title": "T",
      "language": "en", "version": "1.0", "bundle": "t.json"}]})", "c.json");
  CHECK(mentions(parse, "/courses/0/id", "expected a text"));
  CHECK(parse.catalog.courses.empty());
  CHECK_FALSE(parse_catalog("{", "c.json").ok());
}

TEST_CASE("bundle paths must stay inside the content folder") {
  auto bundle_error = [](const std::string& path) {
    std::string text = R"({"format": "pathwise.catalog/1", "courses": [{"id": "c", "title": "C", "language": "en",
        "version": "1", "bundle": ")" + path + R"("}]})";
    return !parse_catalog(text, "c.json").ok();
  };
  CHECK_FALSE(bundle_error("c/course.json"));
  CHECK_FALSE(bundle_error("course.json"));
  CHECK(bundle_error("/etc/course.json"));
  CHECK(bundle_error("https://evil.example/course.json"));
  CHECK(bundle_error("a/../../course.json"));
  CHECK(bundle_error("a//course.json"));
  CHECK(bundle_error("a\\\\course.json"));
  CHECK(bundle_error("course.txt"));
  CHECK(bundle_error(""));
}

TEST_CASE("version and sha256 are checked") {
  auto entry = [](const std::string& fields) {
    return parse_catalog(R"({"format": "pathwise.catalog/1", "courses": [{"id": "c", "title": "C", "language": "en",
        "bundle": "c.json", )" + fields + "}]}", "c.json");
  };
  CHECK(entry(R"("version": "1.0.2")").ok());
  CHECK(mentions(entry(R"("title2": 1, "version": "1.0")"), "/courses/0/title2", "unknown field"));
  CHECK(mentions(entry(R"("version": "v1")"), "/courses/0/version", "digits and dots"));
  CHECK(mentions(entry(R"("sha256": "abc")"), "/courses/0", "\"version\" is missing"));
  CHECK(mentions(entry(R"("version": "1", "sha256": "ABC")"), "/courses/0/sha256", "64 lower-case hexadecimal"));
  auto parse = parse_catalog(kGoodCatalog, "catalog.json");
  CHECK(parse.catalog.courses[0].version == "1.2.0");
  CHECK(parse.catalog.courses[0].sha256.size() == 64);
  CHECK(parse.catalog.courses[1].sha256.empty());
}

TEST_CASE("course search matches every word, ignoring ASCII case") {
  auto parse = parse_catalog(kGoodCatalog, "catalog.json");
  const auto& catalog = parse.catalog;
  CHECK(find_courses(catalog, "").size() == 2);
  CHECK(find_courses(catalog, "   ").size() == 2);
  CHECK(find_courses(catalog, "FRAC") == std::vector<std::size_t>{0, 1});
  CHECK(find_courses(catalog, "fractions") == std::vector<std::size_t>{0});
  CHECK(find_courses(catalog, "halves quarters") == std::vector<std::size_t>{0});
  CHECK(find_courses(catalog, "halves algebra").empty());
  CHECK(find_courses(catalog, "héllo Ωж √").empty());
}
