#include <doctest/doctest.h>

#include <set>
#include <string>

#include "content/bundle.h"
#include "content/grading.h"
#include "content/problem_template.h"

using namespace pathwise::content;

namespace {

Activity add_like_template() {
  const char* text = R"({"format": "pathwise.bundle/1", "id": "t", "version": "1", "title": "T", "language": "en",
    "skills": [{"id": "a", "title": "A"}],
    "activities": [{"id": "q", "type": "parameterized", "skills": ["a"],
      "prompt": "What is ${{a}}/{{d}} + {{b}}/{{d}}$?",
      "variables": {"d": {"choices": [4, 5, 6, 8, 10]}, "a": {"min": 1, "max": 9}, "b": {"min": 1, "max": 9}},
      "constraints": ["a + b < d"], "derived": {"s": "a + b"}, "answer": "s / d", "form": "fraction",
      "wrong_answers": [{"formula": "s / 2 / d", "feedback": "Keep the {{d}}ths: only count them."}],
      "levels": [{"difficulty": -1, "variables": {"d": {"choices": [4]}}}, {"difficulty": 0},
                 {"difficulty": 1.5, "variables": {"d": {"choices": [12, 16, 20]}, "a": {"min": 3, "max": 19}}}],
      "hints": ["How many {{d}}ths altogether?"], "explanation": "{{a}} + {{b}} = {{s}}, so ${{s}}/{{d}}$."}]})";
  BundleParse parse = parse_bundle(text, "t.json");
  REQUIRE(parse.bundle);
  return parse.bundle->activities[0];
}

double value_of(const GeneratedProblem& problem, const std::string& name) {
  for (const auto& [key, value] : problem.values) {
    if (key == name) return value;
  }
  FAIL("no value " << name);
  return 0;
}

}  // namespace

TEST_CASE("template: the same seed and level give the same problem") {
  Activity activity = add_like_template();
  for (std::uint64_t seed : {0ull, 1ull, 42ull, 0xFFFFFFFFFFFFFFFFull}) {
    Generation first = generate_problem(activity, 1, seed);
    Generation second = generate_problem(activity, 1, seed);
    REQUIRE(first.problem);
    REQUIRE(second.problem);
    CHECK(first.problem->prompt == second.problem->prompt);
    CHECK(first.problem->variant == second.problem->variant);
    CHECK(first.problem->answer == second.problem->answer);
  }
}

TEST_CASE("template: a fixed seed gives a fixed problem on every platform") {
  // Pinned values: the wasm build runs this same test, so native and browser must agree exactly.
  Generation generation = generate_problem(add_like_template(), 1, 12345);
  REQUIRE(generation.problem);
  const GeneratedProblem& problem = *generation.problem;
  CHECK(problem.variant == "d=5, a=2, b=1");
  CHECK(problem.prompt == "What is $2/5 + 1/5$?");
  CHECK(problem.answer == doctest::Approx(0.6));
  CHECK(problem.hints == std::vector<std::string>{"How many 5ths altogether?"});
  CHECK(problem.explanation == "2 + 1 = 3, so $3/5$.");
  REQUIRE(problem.wrong_answers.size() == 1);
  CHECK(problem.wrong_answers[0].value == doctest::Approx(0.3));
  CHECK(problem.wrong_answers[0].feedback == "Keep the 5ths: only count them.");
}

TEST_CASE("template: draws respect constraints and level overrides, and vary with the seed") {
  Activity activity = add_like_template();
  std::set<std::string> variants;
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    Generation easy = generate_problem(activity, 0, seed);
    REQUIRE(easy.problem);
    CHECK(value_of(*easy.problem, "d") == 4);
    CHECK(value_of(*easy.problem, "a") + value_of(*easy.problem, "b") < 4);
    Generation hard = generate_problem(activity, 2, seed);
    REQUIRE(hard.problem);
    double d = value_of(*hard.problem, "d");
    CHECK((d == 12 || d == 16 || d == 20));
    CHECK(value_of(*hard.problem, "a") + value_of(*hard.problem, "b") < d);
    CHECK(hard.problem->answer == doctest::Approx(value_of(*hard.problem, "s") / d));
    variants.insert(hard.problem->variant);
  }
  CHECK(variants.size() > 50);
  // A level past the last is clamped to the hardest.
  CHECK(generate_problem(activity, 99, 7).problem->level == 2);
}

TEST_CASE("template: generated problems are graded with their own answer and mistakes") {
  Activity activity = add_like_template();
  const auto& payload = std::get<Parameterized>(activity.payload);
  Generation generation = generate_problem(activity, 1, 12345);  // 2/5 + 1/5
  REQUIRE(generation.problem);
  const GeneratedProblem& problem = *generation.problem;
  CHECK(grade_number(payload.check, problem.answer, problem.wrong_answers, "3/5").correct);
  CHECK_FALSE(grade_number(payload.check, problem.answer, problem.wrong_answers, "0.6").correct);  // form: fraction
  Grade mistake = grade_number(payload.check, problem.answer, problem.wrong_answers, "3/10");
  CHECK_FALSE(mistake.correct);
  REQUIRE_FALSE(mistake.feedback.empty());
  CHECK(mistake.feedback[0] == "Keep the 5ths: only count them.");
}

TEST_CASE("template: placeholders") {
  Variables values{{"a", 3}, {"half", 0.5}};
  CHECK(fill_placeholders("{{a}} and {{half}}", values) == "3 and 0.5");
  CHECK(fill_placeholders("$\\frac{{{a}}}{4}$", values) == "$\\frac{3}{4}$");
  std::vector<std::string> unknown;
  CHECK(fill_placeholders("{{ a }} {{b}} {{", values, &unknown) == "{{ a }} {{b}} {{");
  CHECK(unknown == std::vector<std::string>{"b"});
  CHECK(fill_placeholders("", values).empty());
}

TEST_CASE("template: an activity that is not a template, or cannot be drawn, says why") {
  Activity plain;
  plain.payload = TrueFalse{};
  CHECK_FALSE(generate_problem(plain, 0, 1).problem);
  CHECK(generate_problem(plain, 0, 1).error.find("not a parameterized") != std::string::npos);
}
