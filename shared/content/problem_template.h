// Parameterized problems: a template's variables are drawn by a seeded generator, its derived values and answer
// computed by formulas (content/expression.h), and its texts filled in. Same template, level and seed → the same
// problem, natively and in WebAssembly (integer arithmetic for the draws, no platform random numbers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/bundle.h"
#include "content/diagnostic.h"
#include "content/expression.h"

namespace pathwise::content {

struct GeneratedProblem {
  std::size_t level = 0;
  std::uint64_t seed = 0;
  std::vector<std::pair<std::string, double>> values;  // variables, then derived values, in template order
  std::string prompt;                                  // rich text, placeholders filled in
  std::vector<std::string> hints;
  std::string explanation;
  std::string feedback_correct;
  std::string feedback_incorrect;
  double answer = 0.0;
  std::vector<WrongNumber> wrong_answers;  // values computed, feedback filled in
  std::string variant;                     // "a=3 b=5 d=8": equal for equal draws, so "unseen variants" can be told
};

struct Generation {
  std::optional<GeneratedProblem> problem;
  std::string error;  // when there is no problem: a plain sentence
};

// Draws up to kMaxDraws times until the constraints hold. `level` is clamped to the template's levels.
constexpr int kMaxDraws = 1000;
Generation generate_problem(const Activity& activity, std::size_t level, std::uint64_t seed);

// Replaces each {{name}} whose name is in `values` with the value as a student reads it (format_number).
// Text between double braces that is not a known name is kept as it is, and its name added to `unknown`.
std::string fill_placeholders(std::string_view text, const Variables& values, std::vector<std::string>* unknown = nullptr);

struct TemplateProblem {
  Severity severity = Severity::error;
  std::string field;    // the activity's member the problem is about ("answer", "constraints", ...), "" for all
  std::string message;
};

// What the validator says about a template: formulas that do not parse or use unknown names, placeholders
// that name nothing, and, at every level, draws for which a formula fails (all draws when a level has at most
// kExhaustiveDraws combinations, otherwise kSampledDraws seeded samples), or constraints that rarely hold.
constexpr long kExhaustiveDraws = 2000;
constexpr int kSampledDraws = 2000;
std::vector<TemplateProblem> check_template(const Activity& activity);

}  // namespace pathwise::content
