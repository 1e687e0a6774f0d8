#include <doctest/doctest.h>

#include <string>

#include "content/bundle.h"

using namespace pathwise;
using namespace pathwise::content;

namespace {

// A small bundle holding one activity of every type, each valid.
const char* const kEveryType = R"({
  "format": "pathwise.bundle/1", "id": "demo", "version": "1.0.0", "title": "Demo", "language": "en",
  "authors": ["A"], "licence": "CC-BY-4.0",
  "skills": [
    {"id": "a", "title": "A"},
    {"id": "b", "title": "B", "prerequisites": ["a"], "bkt": {"prior": 0.2, "guess": 0.3}, "mastery_threshold": 0.9}
  ],
  "units": [{"id": "u", "title": "U", "lessons": [{"id": "l", "title": "L", "skills": ["a", "b"], "activities": ["read"]}]}],
  "activities": [
    {"id": "single", "type": "single_choice", "skills": ["a"], "prompt": "Pick", "difficulty": -1.5, "seconds": 20,
     "choices": [{"text": "x", "correct": true}, {"text": "y", "feedback": "no", "misconception": "m-one"}],
     "hints": ["h1", "h2"], "explanation": "because", "feedback": {"correct": "yes", "incorrect": "no"},
     "media": [{"path": "media/p.svg", "alt": "a picture"}]},
    {"id": "multi", "type": "multiple_select", "skills": ["a"], "prompt": "Tick", "shuffle": false,
     "choices": [{"text": "x", "correct": true}, {"text": "y", "correct": true}, {"text": "z"}]},
    {"id": "tf", "type": "true_false", "skills": ["a"], "prompt": "True?", "answer": false, "feedback_wrong": "w",
     "misconception": "m-two"},
    {"id": "num", "type": "numeric", "skills": ["b"], "prompt": "How much?", "answer": 0.75,
     "tolerance": {"absolute": 0.01}, "units": ["kg"], "form": "simplest",
     "wrong_answers": [{"value": 3.4, "feedback": "no"}]},
    {"id": "text", "type": "short_text", "skills": ["b"], "prompt": "Say", "accents": "ignored", "case_sensitive": true,
     "answers": [{"text": "la canción"}, {"text": "canción", "score": 0.5}],
     "wrong_answers": [{"text": "el canción", "feedback": "gender", "misconception": "gender"}]},
    {"id": "gaps", "type": "cloze", "skills": ["b"], "prompt": "Fill", "passage": "Yo {1} y tú {2}.",
     "blanks": [{"answers": ["hablo"]}, {"answers": ["hablas"], "choices": ["hablo", "hablas"]}]},
    {"id": "order", "type": "ordering", "skills": ["a"], "prompt": "Order", "items": ["1", "2", "3"]},
    {"id": "match", "type": "matching", "skills": ["a"], "prompt": "Match",
     "pairs": [{"left": "perro", "right": "dog"}, {"left": "gato", "right": "cat"}], "distractors": ["horse"]},
    {"id": "card", "type": "flashcard", "skills": ["a"], "front": "el libro", "back": "the book", "reverse": true},
    {"id": "read", "type": "reading", "skills": ["a"], "title": "Page", "body": "# Title\n\nText ![alt](media/r.svg) ",
     "checkpoints": [{"question": {"type": "true_false", "prompt": "ok?", "answer": true}}]},
    {"id": "watch", "type": "video", "skills": ["a"], "prompt": "Watch",
     "video": {"src": "media/v.webm", "captions": "media/v.vtt", "duration": 60},
     "checkpoints": [{"time": 10, "question": {"type": "numeric", "prompt": "n?", "answer": 2}},
                     {"time": 50, "question": {"type": "single_choice", "prompt": "c?",
                       "choices": [{"text": "p", "correct": true}, {"text": "q"}]}}]},
    {"id": "tpl", "type": "parameterized", "skills": ["b"], "prompt": "${{a}}/{{d}} + {{b}}/{{d}}$ = ?",
     "variables": {"d": {"choices": [4, 8]}, "a": {"min": 1, "max": 7}, "b": {"min": 1, "max": 7}},
     "constraints": ["a + b < d"], "derived": {"s": "a + b"}, "answer": "s / d", "form": "fraction",
     "wrong_answers": [{"formula": "s / 2 / d", "feedback": "denominators {{d}}"}],
     "levels": [{"difficulty": -1, "variables": {"d": {"choices": [4]}}}, {"difficulty": 1}]}
  ]
})";

bool mentions(const BundleParse& parse, const std::string& pointer, const std::string& words,
              Severity severity = Severity::error) {
  for (const Diagnostic& d : parse.diagnostics) {
    if (d.pointer == pointer && d.severity == severity && d.message.find(words) != std::string::npos) return true;
  }
  return false;
}

std::string with_activity(const std::string& activity) {
  return R"({"format": "pathwise.bundle/1", "id": "t", "version": "1", "title": "T", "language": "en",
    "skills": [{"id": "a", "title": "A"}], "activities": [)" + activity + "]}";
}

}  // namespace

TEST_CASE("bundle: every activity type loads into its payload") {
  BundleParse parse = parse_bundle(kEveryType, "demo.json");
  for (const Diagnostic& d : parse.diagnostics) INFO(format_diagnostic(d));
  REQUIRE(parse.bundle);
  CHECK(parse.diagnostics.empty());
  const Bundle& bundle = *parse.bundle;
  CHECK(bundle.id == "demo");
  CHECK(bundle.authors == std::vector<std::string>{"A"});
  REQUIRE(bundle.skills.size() == 2);
  CHECK(bundle.skills[1].bkt.prior == doctest::Approx(0.2));
  CHECK(bundle.skills[1].bkt.guess == doctest::Approx(0.3));
  CHECK(bundle.skills[1].bkt.learn == doctest::Approx(0.15));  // default
  CHECK(bundle.skills[1].mastery_threshold == doctest::Approx(0.9));
  CHECK(bundle.skills[0].mastery_threshold == doctest::Approx(0.95));
  REQUIRE(bundle.activities.size() == kActivityTypeCount);
  for (int t = 0; t < kActivityTypeCount; ++t) CHECK(bundle.activities[static_cast<std::size_t>(t)].type() == static_cast<ActivityType>(t));

  const Activity& single = *bundle.find_activity("single");
  CHECK(single.difficulty == doctest::Approx(-1.5));
  CHECK(single.seconds == 20);
  CHECK(single.hints.size() == 2);
  CHECK(single.feedback_incorrect == "no");
  CHECK(std::get<SingleChoice>(single.payload).choices[1].misconception == "m-one");
  CHECK(std::get<MultipleSelect>(bundle.find_activity("multi")->payload).shuffle == false);
  CHECK(bundle.find_activity("multi")->seconds == 45);  // the type's default
  CHECK(std::get<TrueFalse>(bundle.find_activity("tf")->payload).answer == false);
  const Numeric& numeric = std::get<Numeric>(bundle.find_activity("num")->payload);
  CHECK(numeric.check.form == NumberForm::simplest);
  CHECK(numeric.check.tolerance.absolute == doctest::Approx(0.01));
  CHECK(numeric.check.units == std::vector<std::string>{"kg"});
  const ShortText& text = std::get<ShortText>(bundle.find_activity("text")->payload);
  CHECK(text.matching.accents == AccentRule::ignored);
  CHECK(text.matching.case_sensitive);
  CHECK(text.answers[1].score == doctest::Approx(0.5));
  CHECK(std::get<Cloze>(bundle.find_activity("gaps")->payload).blanks[1].choices.size() == 2);
  CHECK(std::get<Matching>(bundle.find_activity("match")->payload).distractors.size() == 1);
  CHECK(std::get<Flashcard>(bundle.find_activity("card")->payload).reverse);
  const Video& video = std::get<Video>(bundle.find_activity("watch")->payload);
  CHECK(video.checkpoints.size() == 2);
  CHECK(video.checkpoints[1].question.type() == ActivityType::single_choice);
  CHECK(bundle.find_activity("watch")->seconds == 60 + 2 * 30);
  const Parameterized& tpl = std::get<Parameterized>(bundle.find_activity("tpl")->payload);
  CHECK(tpl.levels.size() == 2);
  CHECK(tpl.levels[0].overrides.size() == 1);
  CHECK(tpl.derived.size() == 1);
  CHECK(bundle.units[0].lessons[0].activities == std::vector<std::string>{"read"});

  CHECK(bundle_media_paths(bundle) ==
        std::vector<std::string>{"media/p.svg", "media/r.svg", "media/v.vtt", "media/v.webm"});
}

TEST_CASE("bundle: the issue's example message, placed at the value concerned") {
  BundleParse parse = parse_bundle(with_activity(R"({"id": "q", "type": "single_choice", "skills": ["a"], "prompt": "P",
    "choices": [{"text": "x"}, {"text": "y"}]})"), "fractions.json");
  CHECK_FALSE(parse.bundle);
  REQUIRE(parse.diagnostics.size() == 1);
  CHECK(format_diagnostic(parse.diagnostics[0]) ==
        "fractions.json:3:16: /activities/0/choices: a single-choice activity needs exactly one correct choice; found 0");
}

TEST_CASE("bundle: metadata and structure problems are all reported") {
  BundleParse parse = parse_bundle(R"({"format": "pathwise.bundle/1", "id": "Bad", "version": "v1", "title": "",
    "language": "english", "colour": 1, "skills": [], "activities": {}})", "b.json");
  CHECK_FALSE(parse.bundle);
  CHECK(mentions(parse, "/id", "may only hold lower-case"));
  CHECK(mentions(parse, "/version", "digits and dots"));
  CHECK(mentions(parse, "/title", "empty"));
  CHECK(mentions(parse, "/language", "BCP 47"));
  CHECK(mentions(parse, "/colour", "unknown field", Severity::warning));
  CHECK(mentions(parse, "/skills", "at least one skill"));
  CHECK(mentions(parse, "/activities", "expected a list"));
}

TEST_CASE("bundle: format versions") {
  CHECK(mentions(parse_bundle(R"({"format": "pathwise.bundle/2"})", "b.json"), "/format", "newer Pathwise"));
  CHECK(mentions(parse_bundle(R"({"format": "pathwise.catalog/1"})", "b.json"), "/format", "not a Pathwise bundle"));
  CHECK(mentions(parse_bundle(R"({"id": "x"})", "b.json"), "", "\"format\" is missing"));
  CHECK(mentions(parse_bundle("[1, 2]", "b.json"), "", "must be an object"));
}

TEST_CASE("bundle: ids, references and cycles") {
  BundleParse parse = parse_bundle(R"({"format": "pathwise.bundle/1", "id": "t", "version": "1", "title": "T", "language": "en",
    "skills": [{"id": "a", "title": "A", "prerequisites": ["c"]}, {"id": "b", "title": "B", "prerequisites": ["a", "ghost"]},
               {"id": "c", "title": "C", "prerequisites": ["b"]}, {"id": "a", "title": "A again"},
               {"id": "d", "title": "D", "prerequisites": ["d"]}],
    "units": [{"id": "u", "title": "U", "lessons": [{"id": "l", "title": "L", "skills": ["a", "zz"], "activities": ["nope"]}]}],
    "activities": [{"id": "x", "type": "true_false", "skills": ["a", "missing"], "prompt": "P", "answer": true},
                   {"id": "x", "type": "true_false", "skills": ["b"], "prompt": "P", "answer": true}]})", "b.json");
  CHECK_FALSE(parse.bundle);
  CHECK(mentions(parse, "/skills/3/id", "already used by /skills/0"));
  CHECK(mentions(parse, "/skills/1/prerequisites/1", "no skill with the id \"ghost\""));
  CHECK(mentions(parse, "/skills/4/prerequisites/0", "its own prerequisite"));
  CHECK(mentions(parse, "/activities/1/id", "already used by /activities/0"));
  CHECK(mentions(parse, "/activities/0/skills/1", "no skill with the id \"missing\""));
  CHECK(mentions(parse, "/units/0/lessons/0/skills/1", "no skill"));
  CHECK(mentions(parse, "/units/0/lessons/0/activities/0", "no activity"));
  bool cycle = false;
  for (const Diagnostic& d : parse.diagnostics) {
    cycle |= d.message.find("cycle") != std::string::npos && d.message.find("a → c → b → a") != std::string::npos;
  }
  CHECK(cycle);
}

TEST_CASE("bundle: activities without a correct answer, and type rules") {
  auto check = [](const std::string& activity, const std::string& pointer, const std::string& words) {
    BundleParse parse = parse_bundle(with_activity(activity), "b.json");
    INFO(activity);
    for (const Diagnostic& d : parse.diagnostics) INFO(format_diagnostic(d));
    CHECK(mentions(parse, pointer, words));
  };
  check(R"({"id": "q", "type": "multiple_select", "skills": ["a"], "prompt": "P", "choices": [{"text": "x"}, {"text": "y"}]})",
        "/activities/0/choices", "at least one correct choice");
  check(R"({"id": "q", "type": "single_choice", "skills": ["a"], "prompt": "P", "choices": [{"text": "x", "correct": true}]})",
        "/activities/0/choices", "needs 2 to 10 entries");
  check(R"({"id": "q", "type": "short_text", "skills": ["a"], "prompt": "P", "answers": [{"text": "x", "score": 0.5}]})",
        "/activities/0/answers", "full credit");
  check(R"({"id": "q", "type": "cloze", "skills": ["a"], "prompt": "P", "passage": "a {1} {3}",
           "blanks": [{"answers": ["x"], "choices": ["y", "z"]}]})",
        "/activities/0/blanks/0/choices", "not among");
  check(R"({"id": "q", "type": "cloze", "skills": ["a"], "prompt": "P", "passage": "a {1} {3}", "blanks": [{"answers": ["x"]}]})",
        "/activities/0/passage", "blank {3}");
  check(R"({"id": "q", "type": "ordering", "skills": ["a"], "prompt": "P", "items": ["x", "x"]})", "/activities/0/items",
        "two items are the same");
  check(R"({"id": "q", "type": "matching", "skills": ["a"], "prompt": "P",
           "pairs": [{"left": "a", "right": "b"}, {"left": "c", "right": "d"}], "distractors": ["b"]})",
        "/activities/0/distractors", "also a right answer");
  check(R"({"id": "q", "type": "numeric", "skills": ["a"], "prompt": "P", "answer": 1, "form": "percent"})", "/activities/0/form",
        "\"any\", \"fraction\", \"simplest\" or \"decimal\"");
  check(R"({"id": "q", "type": "essay", "skills": ["a"], "prompt": "P"})", "/activities/0/type", "unknown activity type");
  check(R"({"id": "q", "type": "reading", "skills": ["a"], "body": "B",
           "checkpoints": [{"question": {"type": "flashcard", "front": "f", "back": "b"}}]})",
        "/activities/0/checkpoints/0/question/type", "a checkpoint question must be");
  check(R"({"id": "q", "type": "video", "skills": ["a"], "prompt": "P", "video": {"src": "http://x.org/v.webm", "duration": 10}})",
        "/activities/0/video/src", "https://");
  check(R"({"id": "q", "type": "video", "skills": ["a"], "prompt": "P", "video": {"src": "v.webm", "duration": 100},
           "checkpoints": [{"time": 50, "question": {"type": "true_false", "prompt": "p", "answer": true}},
                           {"time": 40, "question": {"type": "true_false", "prompt": "p", "answer": true}}]})",
        "/activities/0/checkpoints/1/time", "must increase");
  check(R"({"id": "q", "type": "true_false", "skills": ["a"], "prompt": "P", "answer": true,
           "media": [{"path": "/etc/passwd", "alt": "x"}]})",
        "/activities/0/media/0/path", "must be relative");
  check(R"({"id": "q", "type": "true_false", "skills": ["a"], "prompt": "![x](../../secret.png) ", "answer": true})",
        "/activities/0/prompt", "leaves its folder");
  check(R"({"id": "q", "type": "true_false", "skills": ["a"], "prompt": "P", "answer": true, "difficulty": 9})",
        "/activities/0/difficulty", "between -6 and 6");
}

TEST_CASE("bundle: unknown fields are warnings, and the bundle still loads") {
  BundleParse parse = parse_bundle(with_activity(R"({"id": "q", "type": "true_false", "skills": ["a"], "prompt": "P",
    "answer": true, "choices": [], "colour": "red"})"), "b.json");
  CHECK(parse.bundle);
  CHECK(mentions(parse, "/activities/0/choices", "a true_false activity does not use it", Severity::warning));
  CHECK(mentions(parse, "/activities/0/colour", "unknown field", Severity::warning));
}

TEST_CASE("bundle: a video on another site is a warning: the page's policy would block it") {
  BundleParse parse = parse_bundle(with_activity(R"({"id": "q", "type": "video", "skills": ["a"], "prompt": "P",
    "video": {"src": "https://videos.example.org/v.webm", "duration": 10}})"), "b.json");
  CHECK(parse.bundle);
  CHECK(mentions(parse, "/activities/0/video/src", "only loads files of its own site", Severity::warning));
}

TEST_CASE("bundle: template formulas that fail are reported with the values") {
  BundleParse parse = parse_bundle(with_activity(R"({"id": "q", "type": "parameterized", "skills": ["a"],
    "prompt": "{{a}} / {{b}}", "variables": {"a": {"min": 1, "max": 5}, "b": {"min": 0, "max": 3}},
    "answer": "a / b"})"), "b.json");
  CHECK_FALSE(parse.bundle);
  CHECK(mentions(parse, "/activities/0/answer", "division by zero"));
  CHECK(mentions(parse, "/activities/0/answer", "for a=1, b=0"));

  parse = parse_bundle(with_activity(R"({"id": "q", "type": "parameterized", "skills": ["a"], "prompt": "{{c}}",
    "variables": {"a": {"min": 1, "max": 5}}, "constraints": ["a > 10"], "answer": "a + z"})"), "b.json");
  CHECK(mentions(parse, "/activities/0/answer", "uses \"z\""));
  CHECK(mentions(parse, "/activities/0/prompt", "{{c}} names no variable"));

  parse = parse_bundle(with_activity(R"({"id": "q", "type": "parameterized", "skills": ["a"], "prompt": "P",
    "variables": {"a": {"min": 1, "max": 5}}, "constraints": ["a > 10"], "answer": "a"})"), "b.json");
  CHECK(mentions(parse, "/activities/0/constraints", "never all hold"));

  parse = parse_bundle(with_activity(R"({"id": "q", "type": "parameterized", "skills": ["a"], "prompt": "P",
    "variables": {"a": {"min": 1, "max": 5}}, "answer": "a +", "levels": [{"difficulty": 0, "variables": {"b": {"min": 1, "max": 2}}}]})"), "b.json");
  CHECK(mentions(parse, "/activities/0/answer", "is not a formula"));
  CHECK(mentions(parse, "/activities/0/levels/0/variables", "not one of the template's variables"));
}

TEST_CASE("bundle: hostile input never crashes and is refused with a sentence") {
  CHECK_FALSE(parse_bundle("", "b.json").bundle);
  CHECK_FALSE(parse_bundle(std::string(100000, '['), "b.json").bundle);
  CHECK_FALSE(parse_bundle("{\"format\": \"pathwise.bundle/1\", \"id\": \"\xff\xfe\"}", "b.json").bundle);
  BundleOptions small;
  small.max_bytes = 100;
  BundleParse parse = parse_bundle(std::string(kEveryType), "b.json", small);
  CHECK_FALSE(parse.bundle);
  REQUIRE(parse.diagnostics.size() == 1);
  CHECK(parse.diagnostics[0].message.find("limit") != std::string::npos);
  // Every kind of wrong value in every field of a valid bundle: replace each string by a number.
  std::string text = kEveryType;
  for (std::size_t i = 0; (i = text.find("\"x\"", i)) != std::string::npos; i += 1) text.replace(i, 3, "7");
  CHECK_FALSE(parse_bundle(text, "b.json").bundle);
}
