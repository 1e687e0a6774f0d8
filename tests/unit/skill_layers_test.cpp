// The path map's layers (path/skill_layers.h): prerequisites always in an earlier layer, every skill placed once,
// and fewer arrow crossings than bundle order on the real courses.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "content/bundle.h"
#include "learner/course_index.h"
#include "path/skill_layers.h"

using namespace pathwise;

namespace {

content::Bundle bundle_from(const std::string& text) {
  content::BundleParse parse = content::parse_bundle(text, "test.json");
  REQUIRE(parse.bundle);
  return std::move(*parse.bundle);
}

// Skills named in `order`, with the given prerequisites ("b:a" = b needs a), one unit, no activities.
std::string graph(const std::vector<std::string>& skills) {
  std::string out = R"({"format": "pathwise.bundle/1", "id": "g", "version": "1", "title": "G", "language": "en", "skills": [)";
  std::string ids;
  std::string activities;
  for (std::size_t i = 0; i < skills.size(); ++i) {
    const std::string id = skills[i].substr(0, skills[i].find(':'));
    std::string prerequisites;
    if (skills[i].find(':') != std::string::npos) {
      std::stringstream rest(skills[i].substr(skills[i].find(':') + 1));
      for (std::string p; std::getline(rest, p, ',');) prerequisites += (prerequisites.empty() ? "\"" : ", \"") + p + "\"";
    }
    out += (i ? ", " : "") + std::string(R"({"id": ")") + id + R"(", "title": ")" + id + R"(", "prerequisites": [)" +
           prerequisites + "]}";
    ids += (i ? ", \"" : "\"") + id + "\"";
    activities += (i ? ", " : "") + std::string(R"({"id": "r-)") + id + R"(", "type": "reading", "skills": [")" + id +
                  R"("], "title": "R", "body": "B"})";
  }
  out += R"(], "units": [{"id": "u", "title": "U", "lessons": [{"id": "l", "title": "L", "skills": [)" + ids +
         R"(]}]}], "activities": [)" + activities + "]}";
  return out;
}

void check_layering(const learner::CourseIndex& course, const path::SkillLayers& layers) {
  std::vector<int> seen(course.skill_count(), 0);
  for (std::size_t l = 0; l < layers.layers.size(); ++l) {
    CHECK_FALSE(layers.layers[l].empty());
    for (std::size_t i = 0; i < layers.layers[l].size(); ++i) {
      const int skill = layers.layers[l][i];
      ++seen[static_cast<std::size_t>(skill)];
      CHECK(layers.layer_of[static_cast<std::size_t>(skill)] == static_cast<int>(l));
      CHECK(layers.position_of[static_cast<std::size_t>(skill)] == static_cast<int>(i));
      for (int p : course.prerequisites[static_cast<std::size_t>(skill)]) {
        CHECK(layers.layer_of[static_cast<std::size_t>(p)] < static_cast<int>(l));
      }
    }
  }
  for (int count : seen) CHECK(count == 1);
}

}  // namespace

TEST_CASE("skill layers: longest prerequisite chain decides the layer") {
  // a → b → d, a → c → d, e alone, f needs d and e.
  const content::Bundle bundle = bundle_from(graph({"a", "b:a", "c:a", "d:b,c", "e", "f:d,e"}));
  const learner::CourseIndex course = learner::index_course(bundle);
  const path::SkillLayers layers = path::skill_layers(course);
  check_layering(course, layers);
  REQUIRE(layers.layers.size() == 4);
  CHECK(layers.layers[0].size() == 2);  // a, e
  CHECK(layers.layer_of[static_cast<std::size_t>(course.skill("f"))] == 3);
}

TEST_CASE("skill layers: the barycentre order removes a crossing bundle order has") {
  // Bundle order puts x's child first and y's child second, but lists them crossed.
  const content::Bundle bundle = bundle_from(graph({"x", "y", "y1:y", "x1:x"}));
  const learner::CourseIndex course = learner::index_course(bundle);
  path::SkillLayers bundle_order;
  bundle_order.layers = {{0, 1}, {2, 3}};
  bundle_order.layer_of = {0, 0, 1, 1};
  bundle_order.position_of = {0, 1, 0, 1};
  CHECK(path::crossings(course, bundle_order) == 1);
  const path::SkillLayers layers = path::skill_layers(course);
  check_layering(course, layers);
  CHECK(path::crossings(course, layers) == 0);
}

TEST_CASE("skill layers: the shipped courses are layered, with no more crossings than bundle order") {
  for (const char* name : {"fractions", "spanish-a1", "ecosystems"}) {
    CAPTURE(name);
    std::ifstream file(std::string(PATHWISE_SOURCE_DIR) + "/content/" + name + "/course.json");
    std::stringstream text;
    text << file.rdbuf();
    const content::Bundle bundle = bundle_from(text.str());
    const learner::CourseIndex course = learner::index_course(bundle);
    const path::SkillLayers layers = path::skill_layers(course);
    check_layering(course, layers);
    const path::SkillLayers unsorted = path::skill_layers(course, 0);
    CHECK(path::crossings(course, layers) <= path::crossings(course, unsorted));
    MESSAGE(std::string(name) << ": " << layers.layers.size() << " layers, crossings " << path::crossings(course, unsorted)
                 << " in bundle order, " << path::crossings(course, layers) << " after ordering");
  }
}

TEST_CASE("skill layers: an empty course has no layers") {
  const learner::CourseIndex empty;
  CHECK(path::skill_layers(empty).layers.empty());
}
