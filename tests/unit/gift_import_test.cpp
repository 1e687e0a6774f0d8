#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "content/gift_import.h"

#ifndef PATHWISE_SOURCE_DIR
#define PATHWISE_SOURCE_DIR "."  // run from the source tree when the build does not say where it is
#endif

using pathwise::Severity;
using pathwise::content::GiftImport;
using pathwise::content::GiftOptions;
using pathwise::content::import_gift;

namespace {

GiftOptions quiz_options() {
  GiftOptions options;
  options.file = "quiz.gift";
  options.course_id = "quiz";
  return options;
}

struct Imported {
  GiftImport result;
  rapidjson::Document bundle;
};

Imported import_text(const std::string& text, const GiftOptions& options = quiz_options()) {
  Imported imported;
  imported.result = import_gift(text, options);
  if (!imported.result.bundle_json.empty()) imported.bundle.Parse(imported.result.bundle_json.c_str());
  return imported;
}

// The bundle's activities; fails the test when there is no bundle.
const rapidjson::Value& activities(const Imported& imported) {
  REQUIRE(imported.bundle.IsObject());
  REQUIRE(imported.bundle.HasMember("activities"));
  return imported.bundle["activities"];
}

// The only activity of a one-question import.
const rapidjson::Value& only_activity(const Imported& imported) {
  const rapidjson::Value& list = activities(imported);
  REQUIRE(list.Size() == 1);
  return list[0];
}

std::string text_of(const rapidjson::Value& value) {
  REQUIRE(value.IsString());
  return std::string(value.GetString(), value.GetStringLength());
}

bool has_diagnostic(const GiftImport& result, Severity severity, int line, const std::string& words) {
  for (const auto& diagnostic : result.diagnostics) {
    if (diagnostic.severity == severity && diagnostic.line == line &&
        diagnostic.message.find(words) != std::string::npos && diagnostic.file == "quiz.gift" &&
        diagnostic.pointer.empty())
      return true;
  }
  return false;
}

int count_severity(const GiftImport& result, Severity severity) {
  int count = 0;
  for (const auto& diagnostic : result.diagnostics) count += diagnostic.severity == severity ? 1 : 0;
  return count;
}

bool is_valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64 || id.front() == '-') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// The one question of `text` must not import; its error names `line` and says `words`.
void check_not_imported(const std::string& text, int line, const std::string& words) {
  CAPTURE(text);
  GiftImport result = import_gift(text + "\n\nFiller question. {T}\n", quiz_options());
  CHECK(result.questions_imported == 1);
  CHECK(result.questions_seen == 2);
  CHECK(has_diagnostic(result, Severity::error, line, words));
  CHECK(has_diagnostic(result, Severity::error, line, "was not imported"));
  CHECK_FALSE(result.bundle_json.empty());
}

std::string read_fixture(const std::string& name) {
  std::ifstream file(std::string(PATHWISE_SOURCE_DIR) + "/tests/fixtures/gift/" + name, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a multiple-choice question becomes single_choice with its feedback") {
  auto imported = import_text(
      "::Capital::What is the capital of France? {\n"
      "  =Paris#Yes.\n"
      "  ~Lyon#Lyon is the third city.\n"
      "  ~Marseille\n"
      "  ####Paris has been the capital since 508.\n"
      "}\n");
  CHECK(imported.result.ok());
  CHECK(imported.result.diagnostics.empty());
  const auto& activity = only_activity(imported);
  CHECK(text_of(activity["id"]) == "capital");
  CHECK(text_of(activity["type"]) == "single_choice");
  CHECK(text_of(activity["prompt"]) == "What is the capital of France?");
  const auto& choices = activity["choices"];
  REQUIRE(choices.Size() == 3);
  CHECK(text_of(choices[0]["text"]) == "Paris");
  CHECK(choices[0]["correct"].GetBool());
  CHECK(text_of(choices[0]["feedback"]) == "Yes.");
  CHECK_FALSE(choices[1].HasMember("correct"));
  CHECK(text_of(choices[1]["feedback"]) == "Lyon is the third city.");
  CHECK_FALSE(choices[2].HasMember("feedback"));
  CHECK(text_of(activity["feedback"]["correct"]) == "Paris has been the capital since 508.");
  CHECK(text_of(activity["feedback"]["incorrect"]) == "Paris has been the capital since 508.");
}

TEST_CASE("weighted answers: several positive ones make multiple_select, one full one single_choice") {
  auto several = import_text("Which are even? {~%50%2 ~%50%4 ~%-100%3#Odd.}");
  const auto& select = only_activity(several);
  CHECK(text_of(select["type"]) == "multiple_select");
  CHECK(select["choices"][0]["correct"].GetBool());
  CHECK(select["choices"][1]["correct"].GetBool());
  CHECK_FALSE(select["choices"][2].HasMember("correct"));
  CHECK(text_of(select["choices"][2]["feedback"]) == "Odd.");
  CHECK(several.result.diagnostics.empty());

  auto one = import_text("Smallest? {~%100%1/8 ~%0%1/4 ~%-50%1/2}");
  CHECK(text_of(only_activity(one)["type"]) == "single_choice");
  CHECK(only_activity(one)["choices"][0]["correct"].GetBool());

  auto partial = import_text("Roughly pi? {~%50%3 ~4 ~5}");
  CHECK(text_of(only_activity(partial)["type"]) == "single_choice");
  CHECK(has_diagnostic(partial.result, Severity::warning, 1, "worth 50% in Moodle"));

  auto two_full = import_text("Same as a half? {=0.5 =50% ~0.2}");
  CHECK(text_of(only_activity(two_full)["type"]) == "multiple_select");
  CHECK(has_diagnostic(two_full.result, Severity::warning, 1, "tick-all-that-apply"));
}

TEST_CASE("true/false in all its spellings, with feedback for the wrong and the right answer") {
  for (const char* word : {"T", "TRUE", "true", "t"}) {
    auto imported = import_text(std::string("The sky is blue. {") + word + "}");
    CHECK(only_activity(imported)["answer"].GetBool());
    CHECK(text_of(only_activity(imported)["type"]) == "true_false");
  }
  for (const char* word : {"F", "FALSE", "False"}) {
    auto imported = import_text(std::string("Fish fly. {") + word + "}");
    CHECK_FALSE(only_activity(imported)["answer"].GetBool());
  }
  auto imported = import_text("Two quarters are a half. {TRUE#Draw both.#Right.####Equivalent fractions.}");
  const auto& activity = only_activity(imported);
  CHECK(text_of(activity["feedback_wrong"]) == "Draw both.");
  CHECK(text_of(activity["feedback"]["correct"]) == "Right.\n\nEquivalent fractions.");
  CHECK(text_of(activity["feedback"]["incorrect"]) == "Equivalent fractions.");
  CHECK_FALSE(only_activity(import_text("Fish fly. {F}")).HasMember("feedback"));
}

TEST_CASE("short answer becomes short_text with scores, feedback and wrong answers") {
  auto imported = import_text(
      "::Top::What is the top number of a fraction called? {=numerator#Well done. =%50%top number#Nearly. "
      "=%0%denominator#That is the bottom one.}");
  const auto& activity = only_activity(imported);
  CHECK(text_of(activity["type"]) == "short_text");
  const auto& answers = activity["answers"];
  REQUIRE(answers.Size() == 2);
  CHECK(text_of(answers[0]["text"]) == "numerator");
  CHECK_FALSE(answers[0].HasMember("score"));
  CHECK(text_of(answers[0]["feedback"]) == "Well done.");
  CHECK(text_of(answers[1]["text"]) == "top number");
  CHECK(answers[1]["score"].GetDouble() == doctest::Approx(0.5));
  CHECK(activity["case_sensitive"].IsFalse());
  CHECK(text_of(activity["accents"]) == "required");
  REQUIRE(activity["wrong_answers"].Size() == 1);
  CHECK(text_of(activity["wrong_answers"][0]["text"]) == "denominator");
  CHECK(text_of(activity["wrong_answers"][0]["feedback"]) == "That is the bottom one.");

  auto thirds = import_text("Any of them? {=a =%33.33333%b =%0%c}");
  CHECK(only_activity(thirds)["answers"][1]["score"].GetDouble() == 0.333333);
  CHECK_FALSE(only_activity(thirds).HasMember("wrong_answers"));  // without feedback it says nothing

  auto two = import_text("Name a small cat. {=cat =kitten}");
  CHECK(only_activity(two)["answers"].Size() == 2);
  CHECK(two.result.diagnostics.empty());
}

TEST_CASE("numeric answers: tolerance, ranges, several answers and their feedback") {
  auto pi = import_text("Pi to two places? {#3.14:0.005}");
  CHECK(text_of(only_activity(pi)["type"]) == "numeric");
  CHECK(only_activity(pi)["answer"].GetDouble() == doctest::Approx(3.14));
  CHECK(only_activity(pi)["tolerance"]["absolute"].GetDouble() == doctest::Approx(0.005));

  auto exact = import_text("How many sides has a square? {#4}");
  CHECK(only_activity(exact)["answer"].IsInt64());
  CHECK(only_activity(exact)["answer"].GetInt64() == 4);
  CHECK_FALSE(only_activity(exact).HasMember("tolerance"));

  auto range = import_text("A number between 1 and 5? {#1..5}");
  CHECK(only_activity(range)["answer"].GetDouble() == doctest::Approx(3));
  CHECK(only_activity(range)["tolerance"]["absolute"].GetDouble() == doctest::Approx(2));

  auto negative = import_text("Freezing point in Fahrenheit minus 50? {#-1.8e1:+0.5#Yes.}");
  CHECK(only_activity(negative)["answer"].GetDouble() == doctest::Approx(-18));
  CHECK(text_of(only_activity(negative)["feedback"]["correct"]) == "Yes.");

  auto short_form = import_text("Legs on a spider? {#8#Yes. ~#Count them again.}");
  CHECK(only_activity(short_form)["answer"].GetInt64() == 8);
  CHECK(text_of(only_activity(short_form)["feedback"]["correct"]) == "Yes.");
  CHECK(text_of(only_activity(short_form)["feedback"]["incorrect"]) == "Count them again.");

  auto several = import_text(
      "3/4 as a decimal? {#\n"
      "  =0.75:0#Exactly.\n"
      "  =%50%0.8:0.01#Close.\n"
      "  =%0%3.4#Not 3 point 4.\n"
      "  ~#Divide 3 by 4.\n"
      "  ####Fractions are divisions.\n"
      "}");
  const auto& activity = only_activity(several);
  CHECK(activity["answer"].GetDouble() == doctest::Approx(0.75));
  CHECK_FALSE(activity.HasMember("tolerance"));
  REQUIRE(activity["wrong_answers"].Size() == 1);
  CHECK(activity["wrong_answers"][0]["value"].GetDouble() == doctest::Approx(3.4));
  CHECK(text_of(activity["wrong_answers"][0]["feedback"]) == "Not 3 point 4.");
  CHECK(text_of(activity["feedback"]["correct"]) == "Exactly.\n\nFractions are divisions.");
  CHECK(text_of(activity["feedback"]["incorrect"]) == "Divide 3 by 4.\n\nFractions are divisions.");
  CHECK(has_diagnostic(several.result, Severity::warning, 3, "partial-credit numeric answers are dropped"));
}

TEST_CASE("matching pairs, with an empty left side as a distractor") {
  auto imported = import_text("Match the animals. {\n =dog -> perro\n =cat -> gato\n = -> caballo\n}");
  const auto& activity = only_activity(imported);
  CHECK(text_of(activity["type"]) == "matching");
  const auto& pairs = activity["pairs"];
  REQUIRE(pairs.Size() == 2);
  CHECK(text_of(pairs[0]["left"]) == "dog");
  CHECK(text_of(pairs[0]["right"]) == "perro");
  CHECK(text_of(pairs[1]["left"]) == "cat");
  REQUIRE(activity["distractors"].Size() == 1);
  CHECK(text_of(activity["distractors"][0]) == "caballo");
}

TEST_CASE("missing-word questions become a cloze with one blank") {
  auto choices = import_text("Mary had a {~big =little ~huge#Too big.} lamb.");
  const auto& dropdown = only_activity(choices);
  CHECK(text_of(dropdown["type"]) == "cloze");
  CHECK(text_of(dropdown["prompt"]) == "Fill in the blank.");
  CHECK(text_of(dropdown["passage"]) == "Mary had a {1} lamb.");
  const auto& blank = dropdown["blanks"][0];
  REQUIRE(blank["answers"].Size() == 1);
  CHECK(text_of(blank["answers"][0]) == "little");
  REQUIRE(blank["choices"].Size() == 3);
  CHECK(text_of(blank["choices"][2]) == "huge");
  CHECK(text_of(blank["feedback"]) == "Too big.");
  CHECK_FALSE(dropdown.HasMember("case_sensitive"));

  auto typed = import_text("Yo hablo {=español =espanol} en casa.", [] {
    auto options = quiz_options();
    options.language = "es";
    return options;
  }());
  const auto& cloze = only_activity(typed);
  CHECK(text_of(cloze["prompt"]) == "Completa el espacio en blanco.");
  CHECK(text_of(cloze["passage"]) == "Yo hablo {1} en casa.");
  CHECK(cloze["blanks"][0]["answers"].Size() == 2);
  CHECK_FALSE(cloze["blanks"][0].HasMember("choices"));
  CHECK(cloze["case_sensitive"].IsFalse());
  CHECK(text_of(cloze["accents"]) == "required");

  auto at_start = import_text("{=Paris ~Rome} is the capital of France.");
  CHECK(text_of(only_activity(at_start)["passage"]) == "{1} is the capital of France.");

  // Other types keep Moodle's behaviour: the gap is shown as a line in the prompt.
  auto true_false = import_text("The sun {T} is a star.");
  CHECK(text_of(only_activity(true_false)["type"]) == "true_false");
  CHECK(text_of(only_activity(true_false)["prompt"]) == "The sun \\_\\_\\_\\_\\_ is a star.");
}

TEST_CASE("essays and descriptions become reading pages") {
  auto essay = import_text("::Opinion::Why do you like maths? {}");
  const auto& page = only_activity(essay);
  CHECK(text_of(page["type"]) == "reading");
  CHECK(text_of(page["title"]) == "Opinion");
  CHECK(text_of(page["body"]) == "Why do you like maths?");
  CHECK(has_diagnostic(essay.result, Severity::warning, 1, "essay"));
  CHECK(essay.result.ok());

  auto description = import_text("[markdown]# Read this first\nThe quiz has **ten** questions.");
  const auto& reading = only_activity(description);
  CHECK(text_of(reading["type"]) == "reading");
  CHECK(text_of(reading["title"]) == "Read this first");
  CHECK(text_of(reading["body"]) == "# Read this first\nThe quiz has **ten** questions.");
  CHECK(text_of(reading["id"]) == "q1");
  CHECK(description.result.diagnostics.empty());
}

TEST_CASE("escapes stand for their character, \\n for a line break") {
  auto imported = import_text(
      "::Colon\\: test::Braces \\{ \\}, a\\=b, a\\~b, \\#1, back\\\\slash.\\nNext. {=a\\=b ~a\\~b#x\\#y}");
  const auto& activity = only_activity(imported);
  CHECK(text_of(activity["id"]) == "colon-test");
  CHECK(text_of(activity["prompt"]) == "Braces { }, a=b, a~b, #1, back\\slash.\\\nNext.");
  CHECK(text_of(activity["choices"][0]["text"]) == "a=b");
  CHECK(text_of(activity["choices"][1]["text"]) == "a~b");
  CHECK(text_of(activity["choices"][1]["feedback"]) == "x#y");
}

TEST_CASE("text formats: markdown passes, plain and moodle text is escaped, HTML loses its tags with a warning") {
  CHECK(text_of(only_activity(import_text("[markdown]Is *this* $x^2$? {T}"))["prompt"]) == "Is *this* $x^2$?");
  CHECK(text_of(only_activity(import_text("[plain]Is 2*3_4 $5? {T}"))["prompt"]) == "Is 2\\*3\\_4 \\$5?");
  CHECK(text_of(only_activity(import_text("Costs $5, is $$x^2$$ *big*? {T}"))["prompt"]) ==
        "Costs \\$5, is $x^2$ \\*big\\*?");

  auto html = import_text("[html]<p>Is <b>5 &lt; 7</b>?</p><p>Think&nbsp;again.<img src=\"a.png\"></p> {T}");
  CHECK(text_of(only_activity(html)["prompt"]) == "Is **5 < 7**?\n\nThink again.");
  CHECK(has_diagnostic(html.result, Severity::warning, 1, "HTML formatting was removed"));
  CHECK(has_diagnostic(html.result, Severity::warning, 1, "picture"));

  // What would read as Markdown structure in plain or moodle text is escaped; line breaks are kept.
  auto structure =
      import_text("[plain]# Not a heading\\n- not a list\\n12. not a list, [not](a link) `nor code`\\\\. {T}");
  CHECK(text_of(only_activity(structure)["prompt"]) ==
        "\\# Not a heading\\\n\\- not a list\\\n12\\. not a list, \\[not](a link) \\`nor code\\`\\\\.");
  // Bold and italics only where they read as such: closed within the line, around text.
  auto unbalanced = import_text("[html]<b>open <i> </i>bold<br>next</b> <i>x </i>y</b> z<b>{T}");
  CHECK(text_of(only_activity(unbalanced)["prompt"]) == "**open bold**\\\nnext *x* y z");
  // $$…$$ is maths only within a line and without "$" inside.
  CHECK(text_of(only_activity(import_text("Is $$a$b$$ maths? {T}"))["prompt"]) == "Is \\$\\$a\\$b\\$\\$ maths?");
  CHECK(text_of(only_activity(import_text("Is $$x\\ny$$ maths? {T}"))["prompt"]) == "Is \\$\\$x\\\ny\\$\\$ maths?");
  auto list = import_text("[html]<p>Pick:</p><ul><li>one<br>or</li><li>two</li></ul>{T}");
  CHECK(text_of(only_activity(list)["prompt"]) == "Pick:\n\n- one\\\nor\n- two");

  // Moodle auto-format: only real tags are tags.
  auto moodle = import_text("Is a<b and c>d? Or <i>e</i>? {T}");
  CHECK(text_of(only_activity(moodle)["prompt"]) == "Is a<b and c>d? Or *e*?");
  auto no_tags = import_text("Is a<b and c>d? {T}");
  CHECK(text_of(only_activity(no_tags)["prompt"]) == "Is a<b and c>d?");
  CHECK(no_tags.result.diagnostics.empty());

  // A format on an answer overrides the question's.
  auto mixed = import_text("[plain]Pick *one*. {=[markdown]**bold** ~[html]<i>x</i>}");
  const auto& choices = only_activity(mixed)["choices"];
  CHECK(text_of(only_activity(mixed)["prompt"]) == "Pick \\*one\\*.");
  CHECK(text_of(choices[0]["text"]) == "**bold**");
  CHECK(text_of(choices[1]["text"]) == "*x*");
}

TEST_CASE("titles become unique ids; untitled questions are q1, q2…") {
  auto imported = import_text(
      "::Capitals::A? {T}\n\n::Capitals::B? {T}\n\nC? {T}\n\n::Géographie & Économie::D? {T}\n\n"
      "::???::E? {T}\n\n::q3::F? {T}\n\n::" + std::string(80, 'x') + "::G? {T}\n\n::" + std::string(80, 'x') +
      "::H? {T}");
  const auto& list = activities(imported);
  REQUIRE(list.Size() == 8);
  CHECK(text_of(list[0]["id"]) == "capitals");
  CHECK(text_of(list[1]["id"]) == "capitals-2");
  CHECK(text_of(list[2]["id"]) == "q3");
  CHECK(text_of(list[3]["id"]) == "geographie-economie");
  CHECK(text_of(list[4]["id"]) == "q5");
  CHECK(text_of(list[5]["id"]) == "q3-2");
  CHECK(text_of(list[6]["id"]) == std::string(64, 'x'));
  CHECK(text_of(list[7]["id"]) == std::string(62, 'x') + "-2");
  for (const auto& activity : list.GetArray()) CHECK(is_valid_id(text_of(activity["id"])));
}

TEST_CASE("categories become units, lessons and skills; earlier questions go to \"general\"") {
  auto imported = import_text(
      "Before any category. {T}\n\n"
      "$CATEGORY: $course$/top/Maths/Fractions\n\n"
      "::Half::A? {T}\n\n"
      "$CATEGORY: Maths/Decimals\n"
      "::Point five::B? {T}\n\n"
      "$CATEGORY: Empty\n\n"
      "$CATEGORY: Maths/Fractions\n\n"
      "::Third::C? {T}\n\n"
      "$CATEGORY: General\n\n"
      "D? {T}\n");
  CHECK(imported.result.ok());
  const auto& bundle = imported.bundle;
  CHECK(text_of(bundle["title"]) == "Maths / Fractions");
  const auto& skills = bundle["skills"];
  REQUIRE(skills.Size() == 4);
  CHECK(text_of(skills[0]["id"]) == "general");
  CHECK(text_of(skills[0]["title"]) == "General");
  CHECK(text_of(skills[1]["id"]) == "maths-fractions");
  CHECK(text_of(skills[1]["title"]) == "Maths / Fractions");
  CHECK(text_of(skills[2]["id"]) == "maths-decimals");
  CHECK(text_of(skills[3]["id"]) == "general-2");
  for (const auto& skill : skills.GetArray()) CHECK(skill["prerequisites"].Empty());
  const auto& units = bundle["units"];
  REQUIRE(units.Size() == 4);
  CHECK(text_of(units[1]["id"]) == "maths-fractions");
  const auto& lesson = units[1]["lessons"][0];
  CHECK(text_of(lesson["skills"][0]) == "maths-fractions");
  REQUIRE(lesson["activities"].Size() == 2);
  CHECK(text_of(lesson["activities"][0]) == "half");
  CHECK(text_of(lesson["activities"][1]) == "third");
  const auto& list = activities(imported);
  CHECK(text_of(list[0]["skills"][0]) == "general");
  CHECK(text_of(list[2]["skills"][0]) == "maths-decimals");
  CHECK(text_of(list[2]["id"]) == "point-five");
  CHECK(text_of(list[4]["skills"][0]) == "general-2");
  CHECK(imported.result.questions_seen == 5);
}

TEST_CASE("bundle metadata, defaults and layout") {
  GiftOptions options = quiz_options();
  options.file = "quizzes/week-3.gift";
  options.course_id = "week-3";
  options.language = "es";
  auto imported = import_text("Is it? {T}", options);
  const auto& bundle = imported.bundle;
  CHECK(text_of(bundle["format"]) == "pathwise.bundle/1");
  CHECK(text_of(bundle["id"]) == "week-3");
  CHECK(text_of(bundle["version"]) == "1.0.0");
  CHECK(text_of(bundle["title"]) == "week-3");
  CHECK(text_of(bundle["language"]) == "es");
  CHECK(text_of(bundle["description"]) == "Imported from quizzes/week-3.gift");
  CHECK(text_of(bundle["skills"][0]["title"]) == "week-3");  // no categories: the one skill is the course
  CHECK(imported.result.bundle_json.rfind("{\n  \"format\": \"pathwise.bundle/1\",\n  \"id\"", 0) == 0);

  options.title = "Week three";
  CHECK(text_of(import_text("Is it? {T}", options).bundle["title"]) == "Week three");
}

TEST_CASE("comments, blank-line separation, CRLF and a byte order mark") {
  auto imported = import_text(
      "\xEF\xBB\xBF// a comment\r\n"
      "::One::First\r\n"
      "// a comment inside the question\r\n"
      "line. {T}\r\n"
      "   \r\n"
      "  // only comments here\r\n"
      "\r\n"
      "Second, see http://example.org. {F}\r\n");
  const auto& list = activities(imported);
  REQUIRE(list.Size() == 2);
  CHECK(text_of(list[0]["prompt"]) == "First\\\nline.");  // Moodle shows the line break: kept with "\"
  CHECK(text_of(list[1]["prompt"]) == "Second, see http://example.org.");
  CHECK(imported.result.diagnostics.empty());
  CHECK(imported.result.questions_seen == 2);
}

TEST_CASE("every question that cannot be imported is an error with its line; the others still import") {
  check_not_imported("Sum? {=4 ~5", 1, "no closing \"}\"");
  check_not_imported("\n\nSum? } {=4 ~5}", 3, "a \"}\" with no \"{\"");
  check_not_imported("Sum? {=4 {~5}", 1, "a \"{\" inside its answer block");
  check_not_imported("2 + {=2 ~3} = {=4 ~5}", 1, "more than one answer block");
  check_not_imported("::No right::Sky colour? {~green ~red}", 1,
                     "a multiple-choice question needs at least one right answer");
  check_not_imported("Only one? {~%50%a}", 1, "at least two answers");
  check_not_imported("Match. {=France -> Paris}", 1, "at least two pairs; it has 1");
  check_not_imported("Match. {=France -> Paris =Spain -> Madrid ~Italy -> Rome}", 1, "cannot have ~ answers");
  check_not_imported("Match. {=France -> Paris =Spain}", 1, "pair 2 has no \"->\"");
  check_not_imported("Match. {=France -> Paris =Spain ->}", 1, "nothing after");
  check_not_imported("Legs? {#eight}", 1, "\"eight\" is not a number");
  check_not_imported("Legs? {#8:x}", 1, "\"x\" is not a number");
  check_not_imported("Legs? {#8:-1}", 1, "negative");
  check_not_imported("Legs? {#9..1}", 1, "runs downwards");
  check_not_imported("Legs? {#1e999}", 1, "too large");
  check_not_imported("Legs? {#}", 1, "needs a number");
  check_not_imported("Legs? {#=%50%8 ~7}", 1, "worth full credit");
  check_not_imported("Capital? {1:SHORTANSWER:=Paris}", 1, "embedded-answers");
  check_not_imported("Capital? {Paris}", 1, "is not GIFT");
  check_not_imported("::Unclosed title Capital? {T}", 1, "no closing \"::\"");
  check_not_imported("$QUESTION: what?", 1, "\"$QUESTION:\" is not a GIFT instruction");
  check_not_imported("Pick. {=a ~ ~c}", 1, "answer 2 is empty");
  check_not_imported("Pick. {=a ~%abc%b}", 1, "not a percentage");
  check_not_imported("Pick. {=a ~%50b}", 1, "no closing %");
  check_not_imported("Pick. {=1 ~2 ~3 ~4 ~5 ~6 ~7 ~8 ~9 ~10 ~11}", 1, "at most 10");
  check_not_imported("Pick. {T#a#b#c}", 1, "at most two feedbacks");
  check_not_imported("Set \\{2\\} has {=two ~three} items.", 1, "\"{2}\"");
  check_not_imported("{=a ~b}", 1, "no question text");
  check_not_imported("::Just a title::", 1, "no text");
  check_not_imported("Type it. {=%0%wrong}", 1, "at least one answer that earns credit");

  // The line is where the problem is, in a question spread over several lines.
  GiftImport result = import_gift("// intro\n\n::Multi::First line\n{\n=a\n~b\n", quiz_options());
  CHECK(has_diagnostic(result, Severity::error, 4, "question \"Multi\" at line 3 was not imported"));
  CHECK(result.diagnostics[0].column == 1);
}

TEST_CASE("nothing importable: no bundle and an error") {
  auto nothing = import_gift("Sky? {~green ~red}\n\n$CATEGORY: x\n", quiz_options());
  CHECK(nothing.bundle_json.empty());
  CHECK(nothing.questions_seen == 1);
  CHECK(nothing.questions_imported == 0);
  CHECK(has_diagnostic(nothing, Severity::error, 0, "none of its 1 questions could be imported"));

  auto empty = import_gift("// only a comment\n\n\n", quiz_options());
  CHECK(empty.bundle_json.empty());
  CHECK(has_diagnostic(empty, Severity::error, 0, "no GIFT questions"));

  GiftOptions bad_id = quiz_options();
  bad_id.course_id = "My Quiz";
  auto refused = import_gift("Is it? {T}", bad_id);
  CHECK(refused.bundle_json.empty());
  CHECK(has_diagnostic(refused, Severity::error, 0, "course id"));
}

TEST_CASE("untrusted input: invalid UTF-8 and control bytes are replaced, huge inputs stay fast") {
  auto imported = import_text(std::string("Caf\xE9 \x01 ok? {T}", 14));
  CHECK(text_of(only_activity(imported)["prompt"]) == "Caf\xEF\xBF\xBD \xEF\xBF\xBD ok?");
  CHECK(has_diagnostic(imported.result, Severity::warning, 1, "not UTF-8"));
  CHECK(imported.result.diagnostics[0].column == 4);

  // Pathological shapes, each about 2 MB: they must finish quickly and keep the report bounded.
  const std::string shapes[] = {
      std::string(2'000'000, '{'),
      [] {
        std::string text;
        while (text.size() < 2'000'000) text += "Q? {=a ~b\n\n";
        return text;
      }(),
      "[html]" + std::string(2'000'000, '<') + " {T}",
      [] {
        std::string text = "[html]";
        while (text.size() < 2'000'000) text += "<a &x <!-- $$";
        return text + " {T}";
      }(),
      "Q? {" + std::string(2'000'000, '=') + "}",
      [] {
        std::string text = "Q? {#";
        while (text.size() < 2'000'000) text += "=%50%1 ";
        return text + "=1}";
      }(),
      [] {
        std::string text;
        while (text.size() < 2'000'000) text += "::t::Q? {T}\n\n";
        return text;
      }(),
      std::string(2'000'000, '\\'),
      "::" + std::string(2'000'000, ':'),
  };
  for (const std::string& text : shapes) {
    auto start = std::chrono::steady_clock::now();
    GiftImport result = import_gift(text, quiz_options());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CAPTURE(text.substr(0, 20));
    CHECK(seconds < 20.0);  // generous for sanitizer builds; a quadratic path would take hours
    CHECK(result.diagnostics.size() <= 1002);
  }

  auto repeated = import_gift(shapes[6], quiz_options());
  CHECK(repeated.questions_imported == repeated.questions_seen);
  rapidjson::Document bundle;
  bundle.Parse(repeated.bundle_json.c_str());
  REQUIRE(bundle.IsObject());
  CHECK(text_of(bundle["activities"][2]["id"]) == "t-3");

  std::string too_large(17u * 1024u * 1024u, ' ');
  auto refused = import_gift(too_large, quiz_options());
  CHECK(refused.bundle_json.empty());
  CHECK(has_diagnostic(refused, Severity::error, 0, "too large"));
}

TEST_CASE("the fixture covering every GIFT type imports with the expected counts") {
  std::string text = read_fixture("all-types.gift");
  REQUIRE_FALSE(text.empty());
  GiftOptions options = quiz_options();
  options.file = "all-types.gift";
  options.course_id = "all-types";
  options.title = "Year 7 review";
  GiftImport result = import_gift(text, options);
  CHECK(result.questions_seen == 22);
  CHECK(result.questions_imported == 16);
  CHECK(count_severity(result, Severity::error) == 6);
  for (const auto& diagnostic : result.diagnostics) {
    CAPTURE(diagnostic.message);
    CHECK(diagnostic.file == "all-types.gift");
    if (diagnostic.severity == Severity::error) CHECK(diagnostic.message.find("was not imported") != std::string::npos);
  }
  auto error_at = [&](int line, const std::string& words) {
    for (const auto& diagnostic : result.diagnostics) {
      if (diagnostic.severity == Severity::error && diagnostic.line == line &&
          diagnostic.message.find(words) != std::string::npos)
        return true;
    }
    return false;
  };
  CHECK(error_at(81, "no closing"));
  CHECK(error_at(84, "at least one right answer"));
  CHECK(error_at(87, "at least two pairs"));
  CHECK(error_at(90, "not a number"));
  CHECK(error_at(93, "more than one answer block"));
  CHECK(error_at(96, "embedded-answers"));

  rapidjson::Document bundle;
  bundle.Parse(result.bundle_json.c_str());
  REQUIRE(bundle.IsObject());
  CHECK(text_of(bundle["title"]) == "Year 7 review");
  CHECK(bundle["skills"].Size() == 4);
  CHECK(bundle["units"].Size() == 4);
  const auto& list = bundle["activities"];
  REQUIRE(list.Size() == 16);
  std::string types;
  for (const auto& activity : list.GetArray()) {
    types += text_of(activity["type"]) + " ";
    CHECK(is_valid_id(text_of(activity["id"])));
  }
  CHECK(types ==
        "reading single_choice multiple_select single_choice true_false true_false multiple_select short_text "
        "numeric numeric numeric matching cloze cloze single_choice reading ");
}
