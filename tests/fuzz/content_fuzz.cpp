// libFuzzer target over everything in the core that reads untrusted text: bundles (and, for the valid ones,
// what is done with them next: problem generation and grading), catalogs, rich text, formulas and GIFT quizzes.
// Every input goes through every reader, so one corpus serves all of them. Run as the ctest test `fuzz-content`
// for a bounded time; built with clang's -fsanitize=fuzzer,address,undefined.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/bundle.h"
#include "content/catalog.h"
#include "content/expression.h"
#include "content/gift_import.h"
#include "content/grading.h"
#include "content/problem_template.h"
#include "content/rich_text.h"

namespace {

using namespace pathwise::content;

// A response of every shape, so graders meet indices out of range, wrong counts and odd text.
Response odd_response(std::string_view text) {
  Response response;
  response.selected = {0, 1, -1, 7, 1};
  response.texts = {std::string(text.substr(0, 64)), "3/4", "", "1 1/2 kg", "canción"};
  response.truth = !text.empty() && (text[0] & 1);
  response.rating = text.empty() ? 0 : text[0] % 6;
  response.checkpoints.resize(2);
  response.checkpoints[0].texts = {"0,75"};
  return response;
}

void exercise_bundle(const Bundle& bundle, std::string_view text) {
  Response response = odd_response(text);
  for (const Activity& activity : bundle.activities) {
    if (activity.type() == ActivityType::parameterized) {
      Generation generation = generate_problem(activity, 0, text.size());
      if (generation.problem) {
        const auto& payload = std::get<Parameterized>(activity.payload);
        grade_number(payload.check, generation.problem->answer, generation.problem->wrong_answers, response.texts[0]);
      }
    } else {
      grade(activity, response);
      grade(activity, Response{});
    }
  }
  bundle_media_paths(bundle);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  BundleParse bundle = parse_bundle(text, "fuzz.json");
  if (bundle.bundle) exercise_bundle(*bundle.bundle, text);

  parse_catalog(text, "catalog.json");

  std::vector<RichTextProblem> problems;
  RichText rich = parse_rich_text(text, &problems);
  plain_text(rich);

  ExpressionParse formula = parse_expression(text);
  if (formula.expression) formula.expression->evaluate({{"a", 3}, {"b", 0}, {"e", 2.5}});

  GiftOptions options;
  options.file = "fuzz.gift";
  options.course_id = "fuzz";
  GiftImport imported = import_gift(text, options);
  if (!imported.bundle_json.empty()) {
    BundleParse reimported = parse_bundle(imported.bundle_json, "imported.json");
    if (reimported.bundle) exercise_bundle(*reimported.bundle, text);
  }
  return 0;
}
