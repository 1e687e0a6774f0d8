#include <doctest/doctest.h>

#include <climits>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "content/grading.h"

using namespace pathwise::content;

namespace {

Activity activity_of(Payload payload) {
  Activity activity;
  activity.id = "activity";
  activity.skills = {"skill"};
  activity.prompt = "prompt";
  activity.payload = std::move(payload);
  return activity;
}

Response picked(std::vector<int> indices) {
  Response response;
  response.selected = std::move(indices);
  return response;
}

Response typed(std::vector<std::string> texts) {
  Response response;
  response.texts = std::move(texts);
  return response;
}

Response typed(std::string text) { return typed(std::vector<std::string>{std::move(text)}); }

Response truth(bool value) {
  Response response;
  response.truth = value;
  return response;
}

Response rated(int rating) {
  Response response;
  response.rating = rating;
  return response;
}

bool is_problem(const Grade& grade) {
  return !grade.problem.empty() && !grade.graded && grade.score == 0.0 && !grade.correct && grade.feedback.empty();
}

// ---- The FORMAT.md examples -----------------------------------------------------------------------------------

Activity pizza() {
  SingleChoice choice;
  choice.choices = {
      {"$1/4$", true, "", ""},
      {"$1/3$", false, "Count all the slices, including the one you ate.", "denominator-counts-remaining-parts"},
      {"$4/1$", false, "The bottom number says how many equal parts the whole has.", ""},
  };
  Activity activity = activity_of(choice);
  activity.feedback_correct = "Well done.";
  activity.feedback_incorrect = "Look at the picture again.";
  return activity;
}

Activity three_quarters_as_decimal() {
  Numeric numeric;
  numeric.answer = 0.75;
  numeric.check.tolerance.absolute = 0.001;
  numeric.wrong_answers = {{3.4, "", "$3/4$ means 3 divided by 4, not 3 point 4.", "fraction-as-digits"}};
  return activity_of(numeric);
}

Activity the_song(AccentRule accents = AccentRule::required, bool case_sensitive = false) {
  ShortText text;
  text.answers = {{"la canción", 1.0, ""}};
  text.matching = {case_sensitive, accents};
  text.wrong_answers = {{"el canción", "*Canción* is feminine: **la** canción.", "gender-ion-words"}};
  return activity_of(text);
}

Activity hablar() {
  Cloze cloze;
  cloze.passage = "Yo {1} español y tú {2} inglés.";
  cloze.blanks = {{{"hablo"}, {}, "With *yo*, the verb ends in -o."},
                  {{"hablas"}, {"hablo", "hablas", "habla"}, "With *tú*, the verb ends in -as."}};
  return activity_of(cloze);
}

Activity smallest_first() {
  Ordering ordering;
  ordering.items = {"$1/8$", "$1/4$", "$1/2$", "$1$"};
  return activity_of(ordering);
}

Activity pets() {
  Matching matching;
  matching.pairs = {{"el perro", "the dog"}, {"el gato", "the cat"}};
  matching.distractors = {"the horse"};
  return activity_of(matching);
}

Activity plants_reading() {
  TrueFalse question;
  question.answer = false;
  question.feedback_wrong = "Plants make their own food from light, water and air.";
  question.misconception = "plants-eat-soil";
  Reading reading;
  reading.title = "Where does a plant's food come from?";
  reading.body = "# Plants make their own food";
  reading.checkpoints = {{0.0, activity_of(question)}};
  return activity_of(reading);
}

}  // namespace

// ---- single_choice --------------------------------------------------------------------------------------------

TEST_CASE("single_choice: the correct choice scores 1") {
  const Grade grade = pathwise::content::grade(pizza(), picked({0}));
  CHECK(grade.graded);
  CHECK(grade.score == 1.0);
  CHECK(grade.correct);
  CHECK(grade.misconception.empty());
  CHECK(grade.expected == "$1/4$");
  CHECK(grade.feedback == std::vector<std::string>{"Well done."});
  CHECK(grade.problem.empty());
}

TEST_CASE("single_choice: a wrong choice gives its feedback first, then the activity's, and its misconception") {
  const Grade grade = pathwise::content::grade(pizza(), picked({1}));
  CHECK(grade.score == 0.0);
  CHECK_FALSE(grade.correct);
  CHECK(grade.misconception == "denominator-counts-remaining-parts");
  CHECK(grade.feedback == std::vector<std::string>{"Count all the slices, including the one you ate.",
                                                   "Look at the picture again."});
  CHECK(grade.expected == "$1/4$");
  const Grade untagged = pathwise::content::grade(pizza(), picked({2}));
  CHECK(untagged.misconception.empty());
  CHECK(untagged.feedback.front() == "The bottom number says how many equal parts the whole has.");
}

TEST_CASE("single_choice: the right choice's own feedback is shown, its tag is not a mistake") {
  SingleChoice choice;
  choice.choices = {{"$1/3$", true, "Yes: thirds are bigger pieces than quarters.", "oddly-tagged"},
                    {"$1/4$", false, "", ""}};
  const Grade grade = pathwise::content::grade(activity_of(choice), picked({0}));
  CHECK(grade.correct);
  CHECK(grade.feedback == std::vector<std::string>{"Yes: thirds are bigger pieces than quarters."});
  CHECK(grade.misconception.empty());
}

TEST_CASE("single_choice: responses that do not pick exactly one existing choice are problems") {
  for (const std::vector<int>& selected :
       {std::vector<int>{}, std::vector<int>{0, 1}, std::vector<int>{3}, std::vector<int>{-1},
        std::vector<int>{INT_MAX}, std::vector<int>{INT_MIN}}) {
    CAPTURE(selected.size());
    CHECK(is_problem(pathwise::content::grade(pizza(), picked(selected))));
  }
  CHECK(pathwise::content::grade(pizza(), picked({3})).problem ==
        "choice 3 does not exist: this activity has 3 choices, numbered from 0");
  CHECK(pathwise::content::grade(pizza(), picked({0, 1})).problem ==
        "a single-choice answer picks exactly one choice; the response picks 2");
}

// ---- multiple_select ------------------------------------------------------------------------------------------

namespace {

Activity primes() {
  MultipleSelect select;
  select.choices = {{"2", true, "2 is the only even prime.", ""},
                    {"3", true, "", ""},
                    {"9", false, "9 = 3 × 3.", "odd-means-prime"},
                    {"1", false, "", "one-is-prime"}};
  return activity_of(select);
}

}  // namespace

TEST_CASE("multiple_select: (right ticks - wrong ticks) / correct choices") {
  const Grade all = pathwise::content::grade(primes(), picked({1, 0}));
  CHECK(all.score == 1.0);
  CHECK(all.correct);
  CHECK(all.feedback.empty());
  CHECK(all.part_scores == std::vector<double>{1, 1, 1, 1});
  CHECK(all.expected == "2, 3");

  const Grade half = pathwise::content::grade(primes(), picked({1}));
  CHECK(half.score == 0.5);
  CHECK_FALSE(half.correct);
  CHECK(half.feedback == std::vector<std::string>{"2 is the only even prime."});  // the missed choice's
  CHECK(half.part_scores == std::vector<double>{0, 1, 1, 1});

  const Grade one_wrong = pathwise::content::grade(primes(), picked({0, 1, 2}));
  CHECK(one_wrong.score == 0.5);
  CHECK(one_wrong.misconception == "odd-means-prime");
  CHECK(one_wrong.feedback == std::vector<std::string>{"9 = 3 × 3."});
  CHECK(one_wrong.part_scores == std::vector<double>{1, 1, 0, 1});
}

TEST_CASE("multiple_select: the score never goes below 0; wrong ticks' feedback comes before missed ones'") {
  const Grade grade = pathwise::content::grade(primes(), picked({2, 3}));
  CHECK(grade.score == 0.0);
  CHECK(grade.feedback == std::vector<std::string>{"9 = 3 × 3.", "2 is the only even prime."});
  CHECK(grade.misconception == "odd-means-prime");
  CHECK(grade.part_scores == std::vector<double>{0, 0, 0, 0});

  const Grade tagged_second = pathwise::content::grade(primes(), picked({0, 3}));
  CHECK(tagged_second.score == 0.0);  // (1 - 1) / 2
  CHECK(tagged_second.misconception == "one-is-prime");

  const Grade nothing = pathwise::content::grade(primes(), picked({}));
  CHECK(nothing.graded);
  CHECK(nothing.score == 0.0);
}

TEST_CASE("multiple_select: out-of-range and repeated ticks are problems") {
  CHECK(is_problem(pathwise::content::grade(primes(), picked({4}))));
  CHECK(is_problem(pathwise::content::grade(primes(), picked({-1}))));
  CHECK(is_problem(pathwise::content::grade(primes(), picked({0, 0}))));
  CHECK(pathwise::content::grade(primes(), picked({0, 0})).problem == "choice 0 is ticked twice in the response");
}

// ---- true_false -----------------------------------------------------------------------------------------------

TEST_CASE("true_false: a wrong answer gets feedback_wrong and the misconception") {
  TrueFalse question;
  question.answer = true;
  question.feedback_wrong = "Draw both: half of a bar, and two of its four quarters.";
  question.misconception = "equivalent-fractions-differ";
  const Activity activity = activity_of(question);

  const Grade right = pathwise::content::grade(activity, truth(true));
  CHECK(right.correct);
  CHECK(right.feedback.empty());
  CHECK(right.misconception.empty());
  CHECK(right.expected == "True");

  const Grade wrong = pathwise::content::grade(activity, truth(false));
  CHECK(wrong.score == 0.0);
  CHECK(wrong.feedback == std::vector<std::string>{"Draw both: half of a bar, and two of its four quarters."});
  CHECK(wrong.misconception == "equivalent-fractions-differ");

  question.answer = false;
  CHECK(pathwise::content::grade(activity_of(question), truth(false)).expected == "False");
  CHECK(is_problem(pathwise::content::grade(activity, Response{})));
}

// ---- numbers as typed -----------------------------------------------------------------------------------------

TEST_CASE("parse_typed_number: decimals with a point or a comma") {
  auto number = parse_typed_number("0.75");
  REQUIRE(number);
  CHECK(number->value == 0.75);
  CHECK_FALSE(number->is_fraction);
  CHECK(number->numerator == 75);
  CHECK(number->denominator == 100);
  CHECK(number->unit.empty());

  number = parse_typed_number("0,75");
  REQUIRE(number);
  CHECK(number->value == 0.75);
  CHECK(parse_typed_number(".5")->value == 0.5);
  CHECK(parse_typed_number(",5")->value == 0.5);
  CHECK(parse_typed_number("0,500")->value == 0.5);       // a leading 0 cannot be a thousands group
  CHECK(parse_typed_number("1234,567")->value == 1234.567);
  CHECK(parse_typed_number("2.50")->numerator == 250);
  CHECK(parse_typed_number("-2.5")->value == -2.5);
  CHECK(parse_typed_number("3.142")->value == 3.142);     // a point is always a decimal point
}

TEST_CASE("parse_typed_number: whole numbers and signs") {
  auto number = parse_typed_number("-2");
  REQUIRE(number);
  CHECK(number->value == -2);
  CHECK(number->numerator == -2);
  CHECK(number->denominator == 1);
  CHECK_FALSE(number->is_fraction);
  CHECK(parse_typed_number("+2")->value == 2);
  CHECK(parse_typed_number("−2")->value == -2);  // U+2212 minus sign
  CHECK(parse_typed_number("007")->value == 7);
  CHECK(parse_typed_number("  42  ")->value == 42);
  CHECK(parse_typed_number("12.")->value == 12);  // a full stop ends the sentence
  CHECK_FALSE(std::signbit(parse_typed_number("-0")->value));
  CHECK(parse_typed_number("123456789012345678")->value == 123456789012345678.0);
}

TEST_CASE("parse_typed_number: fractions, negative fractions and mixed numbers, in improper form") {
  auto number = parse_typed_number("3/4");
  REQUIRE(number);
  CHECK(number->value == 0.75);
  CHECK(number->is_fraction);
  CHECK(number->numerator == 3);
  CHECK(number->denominator == 4);

  number = parse_typed_number("-3/4");
  REQUIRE(number);
  CHECK(number->value == -0.75);
  CHECK(number->numerator == -3);

  number = parse_typed_number("1 1/2");
  REQUIRE(number);
  CHECK(number->value == 1.5);
  CHECK(number->is_fraction);
  CHECK(number->numerator == 3);
  CHECK(number->denominator == 2);

  number = parse_typed_number("-1 1/2");
  REQUIRE(number);
  CHECK(number->value == -1.5);
  CHECK(number->numerator == -3);

  CHECK(parse_typed_number("3 / 4")->value == 0.75);
  CHECK(parse_typed_number("6/8")->numerator == 6);   // kept as written
  CHECK(parse_typed_number("3⁄4")->value == 0.75);   // fraction slash
  CHECK(parse_typed_number("½")->value == 0.5);
  CHECK(parse_typed_number("1½")->numerator == 3);
  CHECK(parse_typed_number("2 ¾")->value == 2.75);
  CHECK(parse_typed_number("-⅔")->numerator == -2);
}

TEST_CASE("parse_typed_number: the unit is what follows the number, trimmed") {
  auto number = parse_typed_number(" 12 cm");
  REQUIRE(number);
  CHECK(number->value == 12);
  CHECK(number->unit == "cm");
  CHECK(parse_typed_number("7/8 kg")->unit == "kg");
  CHECK(parse_typed_number("7/8 kg")->value == 0.875);
  CHECK(parse_typed_number("12cm")->unit == "cm");
  CHECK(parse_typed_number("25%")->unit == "%");
  CHECK(parse_typed_number("9.8 m/s2")->unit == "m/s2");
  CHECK(parse_typed_number("100 km / h")->unit == "km / h");
  CHECK(parse_typed_number("12\xc2\xa0" "cm")->unit == "cm");  // NBSP
  CHECK(parse_typed_number("3 метра")->unit == "метра");
  CHECK(parse_typed_number("1 1/2 cups")->unit == "cups");
  CHECK(parse_typed_number("5 eggs")->unit == "eggs");
  CHECK(parse_typed_number("5'")->unit == "'");
  CHECK(parse_typed_number("20 °C")->unit == "°C");
}

TEST_CASE("parse_typed_number: refuses exponents, digit groups and malformed numbers") {
  for (const char* text : {"1.5e3", "2E-4", "1.5 e3", "1,000.5", "1 000", "1,000", "12,500", "-1,000", "1.000,5",
                           "3/0", "", " ", "abc", "1/2/3", "1 3/2", "1 2/0", "3/4 5", "12 cm 5", ".", "-", "+",
                           "5,", "1.2.3", "3/", "/4", "1 1/", "--2", "+-2", "1234567890123456789", "1/2½",
                           "1.5/2", "½½", "1'000", "1’000", "£5"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_typed_number(text));
  }
}

// ---- numeric --------------------------------------------------------------------------------------------------

TEST_CASE("numeric: the FORMAT.md example accepts every way of writing 0.75 within the tolerance") {
  const Activity activity = three_quarters_as_decimal();
  for (const char* text : {"0.75", "0,75", "3/4", " 0.75 ", ".75", "0.7505", "0.751", "0.749", "6/8"}) {
    CAPTURE(text);
    const Grade grade = pathwise::content::grade(activity, typed(text));
    CHECK(grade.correct);
    CHECK(grade.score == 1.0);
    CHECK(grade.expected == "0.75");
  }
  CHECK(pathwise::content::grade(activity, typed("0.752")).score == 0.0);
}

TEST_CASE("numeric: a listed wrong answer gives its feedback and misconception") {
  const Activity activity = three_quarters_as_decimal();
  for (const char* text : {"3.4", "3,4", "3.4005"}) {
    CAPTURE(text);
    const Grade grade = pathwise::content::grade(activity, typed(text));
    CHECK(grade.score == 0.0);
    CHECK(grade.misconception == "fraction-as-digits");
    CHECK(grade.feedback == std::vector<std::string>{"$3/4$ means 3 divided by 4, not 3 point 4."});
  }
  CHECK(pathwise::content::grade(activity, typed("4")).misconception.empty());
}

TEST_CASE("numeric: unreadable text and the wrong number of texts are problems") {
  const Activity activity = three_quarters_as_decimal();
  for (const char* text : {"abc", "", "  ", "1,000.5", "1.5e3", "3/0"}) {
    CAPTURE(text);
    CHECK(is_problem(pathwise::content::grade(activity, typed(text))));
  }
  CHECK(pathwise::content::grade(activity, typed("")).problem == "the answer is empty: type a number");
  CHECK(pathwise::content::grade(activity, typed("abc")).problem.find("not a number Pathwise can read") !=
        std::string::npos);
  CHECK(is_problem(pathwise::content::grade(activity, Response{})));
  CHECK(is_problem(pathwise::content::grade(activity, typed(std::vector<std::string>{"1", "2"}))));
}

TEST_CASE("numeric: without a tolerance, exact up to rounding") {
  Numeric numeric;
  numeric.answer = 0.1 + 0.2;  // 0.30000000000000004
  CHECK(pathwise::content::grade(activity_of(numeric), typed("0.3")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("0.3")).expected == "0.3");
  numeric.answer = 2;
  CHECK_FALSE(pathwise::content::grade(activity_of(numeric), typed("2.0000001")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("2.000")).correct);
  numeric.answer = 0;
  CHECK(pathwise::content::grade(activity_of(numeric), typed("0")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("-0")).correct);
  CHECK_FALSE(pathwise::content::grade(activity_of(numeric), typed("0.001")).correct);
}

TEST_CASE("numeric: a relative tolerance is a fraction of the answer; either tolerance is enough") {
  Numeric numeric;
  numeric.answer = 200;
  numeric.check.tolerance.relative = 0.05;
  CHECK(pathwise::content::grade(activity_of(numeric), typed("190")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("210")).correct);
  CHECK_FALSE(pathwise::content::grade(activity_of(numeric), typed("189")).correct);
  numeric.check.tolerance.absolute = 20;
  CHECK(pathwise::content::grade(activity_of(numeric), typed("181")).correct);
}

TEST_CASE("numeric: units are optional, matched ignoring case; another unit is wrong") {
  Numeric numeric;
  numeric.answer = 12;
  numeric.check.units = {"cm", "centimetres", "centimeters"};
  const Activity activity = activity_of(numeric);
  for (const char* text : {"12", "12 cm", "12cm", "12 CM", "12 Centimetres", "12 cm.", "12\xc2\xa0" "cm"}) {
    CAPTURE(text);
    CHECK(pathwise::content::grade(activity, typed(text)).correct);
  }
  const Grade grade = pathwise::content::grade(activity, typed("12 m"));
  CHECK(grade.score == 0.0);
  CHECK(grade.graded);
  CHECK(grade.feedback == std::vector<std::string>{"Check the unit: the answer is in cm."});
  CHECK(grade.expected == "12 cm");
  CHECK(pathwise::content::grade(activity, typed("13 cm")).score == 0.0);
  CHECK(pathwise::content::grade(activity, typed("13 cm")).feedback.empty());
}

TEST_CASE("numeric: any unit is accepted when the activity lists none; percent and micro signs") {
  Numeric numeric;
  numeric.answer = 12;
  CHECK(pathwise::content::grade(activity_of(numeric), typed("12 apples")).correct);
  numeric.answer = 25;
  numeric.check.units = {"%"};
  CHECK(pathwise::content::grade(activity_of(numeric), typed("25%")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("25 %")).correct);
  numeric.check.units = {"μm"};  // Greek mu; typed with the micro sign
  CHECK(pathwise::content::grade(activity_of(numeric), typed("25 µm")).correct);
}

TEST_CASE("numeric: form fraction wants a fraction or a mixed number") {
  Numeric numeric;
  numeric.answer = 0.75;
  numeric.check.form = NumberForm::fraction;
  const Activity activity = activity_of(numeric);
  CHECK(pathwise::content::grade(activity, typed("3/4")).correct);
  CHECK(pathwise::content::grade(activity, typed("6/8")).correct);  // any equivalent fraction
  CHECK(pathwise::content::grade(activity, typed("¾")).correct);
  const Grade decimal = pathwise::content::grade(activity, typed("0.75"));
  CHECK(decimal.score == 0.0);
  CHECK(decimal.feedback == std::vector<std::string>{"Write it as a fraction."});
  CHECK(decimal.expected == "3/4");

  numeric.answer = 1.5;
  CHECK(pathwise::content::grade(activity_of(numeric), typed("1 1/2")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("3/2")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("1.5")).score == 0.0);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("1 1/2")).expected == "3/2");

  numeric.answer = 2;  // a whole number is the fraction 2/1
  CHECK(pathwise::content::grade(activity_of(numeric), typed("2")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("2")).expected == "2");
}

TEST_CASE("numeric: form simplest gives half credit to an equivalent unsimplified fraction") {
  Numeric numeric;
  numeric.answer = 0.75;
  numeric.check.form = NumberForm::simplest;
  const Activity activity = activity_of(numeric);
  CHECK(pathwise::content::grade(activity, typed("3/4")).correct);
  const Grade unsimplified = pathwise::content::grade(activity, typed("6/8"));
  CHECK(unsimplified.score == 0.5);
  CHECK_FALSE(unsimplified.correct);
  CHECK(unsimplified.feedback == std::vector<std::string>{"Right, but it can be simplified."});
  CHECK(pathwise::content::grade(activity, typed("0.75")).score == 0.0);

  numeric.answer = 2;
  CHECK(pathwise::content::grade(activity_of(numeric), typed("2")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("4/2")).score == 0.5);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("2/1")).score == 0.5);
  numeric.answer = 1.5;
  CHECK(pathwise::content::grade(activity_of(numeric), typed("1 1/2")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("3/2")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("1 2/4")).score == 0.5);
  numeric.answer = -0.75;
  CHECK(pathwise::content::grade(activity_of(numeric), typed("-3/4")).correct);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("−6/8")).score == 0.5);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("3/4")).score == 0.0);
  CHECK(pathwise::content::grade(activity_of(numeric), typed("3/4")).expected == "-3/4");
}

TEST_CASE("grade_number: the check parameterized templates call with computed values") {
  NumberCheck check;
  check.form = NumberForm::fraction;
  const std::vector<WrongNumber> wrong = {
      {3.0 / 16.0, "s / (2 * d)", "Only the numerators are added.", "add-denominators"}};
  const Grade right = grade_number(check, 3.0 / 8.0, wrong, "3/8");
  CHECK(right.correct);
  CHECK(right.expected == "3/8");
  const Grade mistake = grade_number(check, 3.0 / 8.0, wrong, "3/16");
  CHECK(mistake.score == 0.0);
  CHECK(mistake.misconception == "add-denominators");
  CHECK(mistake.feedback == std::vector<std::string>{"Only the numerators are added."});

  CHECK(grade_number(check, 1.0 / 3.0, {}, "1/3").correct);
  CHECK(grade_number(check, 1.0 / 3.0, {}, "1/3").expected == "1/3");
  CHECK(grade_number(check, std::sqrt(2.0), {}, "1").expected == "1.414213562");  // no fraction: a decimal
  CHECK(grade_number(NumberCheck{}, 1.0 / 3.0, {}, "1").expected == "0.3333333333");
  CHECK(grade_number(NumberCheck{}, 1234567.0, {}, "1").expected == "1234567");
  CHECK(is_problem(grade_number(check, std::nan(""), {}, "1")));
  CHECK(is_problem(grade_number(check, INFINITY, {}, "1")));
}

// ---- short_text -----------------------------------------------------------------------------------------------

TEST_CASE("short_text: trims, collapses spaces, ignores case and end punctuation") {
  const Activity activity = the_song();
  for (const char* text : {"la canción", "La Canción", "LA CANCIÓN", "  la   canción  ", "la canción.", "¡la canción!",
                           "la cancio\xcc\x81n"}) {
    CAPTURE(text);
    const Grade grade = pathwise::content::grade(activity, typed(text));
    CHECK(grade.correct);
    CHECK_FALSE(grade.near_miss);
    CHECK(grade.feedback.empty());
    CHECK(grade.expected == "la canción");
  }
}

TEST_CASE("short_text: right but for the accents scores 0.5 with the word to check (accents required)") {
  const Activity activity = the_song();
  for (const char* text : {"la cancion", "LA CANCION", "La cancion?"}) {
    CAPTURE(text);
    const Grade grade = pathwise::content::grade(activity, typed(text));
    CHECK(grade.score == 0.5);
    CHECK_FALSE(grade.correct);
    CHECK(grade.near_miss);
    CHECK(grade.feedback == std::vector<std::string>{"Check the accents on **canción**."});
  }
  CHECK(pathwise::content::grade(activity, typed("lá canción")).feedback ==
        std::vector<std::string>{"Check the accents on **la**."});
  CHECK(pathwise::content::grade(activity, typed("lá cancion")).feedback ==
        std::vector<std::string>{"Check the accents on **la**, **canción**."});
}

TEST_CASE("short_text: accents ignored scores 1 and still shows the spelling") {
  const Activity activity = the_song(AccentRule::ignored);
  const Grade grade = pathwise::content::grade(activity, typed("la cancion"));
  CHECK(grade.score == 1.0);
  CHECK(grade.correct);
  CHECK_FALSE(grade.near_miss);
  CHECK(grade.feedback == std::vector<std::string>{"With accents: **la canción**."});
  CHECK(pathwise::content::grade(activity, typed("la canción")).feedback.empty());
  CHECK(pathwise::content::grade(activity, typed("el cancion")).misconception == "gender-ion-words");
}

TEST_CASE("short_text: listed wrong answers, with or without their accents") {
  const Activity activity = the_song();
  for (const char* text : {"el canción", "El Cancion"}) {
    CAPTURE(text);
    const Grade grade = pathwise::content::grade(activity, typed(text));
    CHECK(grade.score == 0.0);
    CHECK(grade.misconception == "gender-ion-words");
    CHECK(grade.feedback == std::vector<std::string>{"*Canción* is feminine: **la** canción."});
    CHECK_FALSE(grade.near_miss);
  }
}

TEST_CASE("short_text: a near miss scores 0 but says it is close") {
  Activity activity = the_song();
  activity.feedback_incorrect = "Try again.";
  const Grade typo = pathwise::content::grade(activity, typed("la cansión"));
  CHECK(typo.score == 0.0);
  CHECK(typo.graded);
  CHECK(typo.near_miss);
  CHECK(typo.feedback == std::vector<std::string>{"Nearly: check the spelling.", "Try again."});

  CHECK(pathwise::content::grade(activity, typed("la cancoin")).near_miss);  // a swap
  const Grade far = pathwise::content::grade(activity, typed("la canciónes"));  // 2 edits, 9 letters
  CHECK(far.score == 0.0);
  CHECK_FALSE(far.near_miss);
  CHECK(far.feedback == std::vector<std::string>{"Try again."});
  CHECK_FALSE(pathwise::content::grade(activity, typed("")).near_miss);
  CHECK(pathwise::content::grade(activity, typed("")).graded);
}

TEST_CASE("short_text: typos allowed grow with the answer's length") {
  auto near = [](const char* answer, const char* text) {
    ShortText short_text;
    short_text.answers = {{answer, 1.0, ""}};
    return pathwise::content::grade(activity_of(short_text), typed(text)).near_miss;
  };
  CHECK_FALSE(near("gato", "gata"));           // 4 letters: none
  CHECK(near("perro", "pero"));                 // 5 letters: one
  CHECK_FALSE(near("perro", "pera"));
  CHECK(near("mariposa", "marpiosa"));
  CHECK(near("biblioteca", "bibloteka"));       // 10 letters: two
  CHECK(near("biblioteca", "bibliotekas"));
  CHECK_FALSE(near("biblioteca", "biblotekka"));  // three
  CHECK(near("el perro", "el pero"));           // spaces are not letters: 7
}

TEST_CASE("short_text: case_sensitive answers say when only capitals are wrong") {
  ShortText text;
  text.answers = {{"Berlin", 1.0, ""}};
  text.matching.case_sensitive = true;
  const Activity activity = activity_of(text);
  CHECK(pathwise::content::grade(activity, typed("Berlin")).correct);
  const Grade grade = pathwise::content::grade(activity, typed("berlin"));
  CHECK(grade.score == 0.0);
  CHECK(grade.near_miss);
  CHECK(grade.feedback == std::vector<std::string>{"Nearly: check the capital letters."});

  text.answers = {{"Müller", 1.0, ""}};
  CHECK(pathwise::content::grade(activity_of(text), typed("Muller")).score == 0.5);
  CHECK(pathwise::content::grade(activity_of(text), typed("muller")).feedback ==
        std::vector<std::string>{"Nearly: check the capital letters and the accents."});
}

TEST_CASE("short_text: answers with a score below 1 give partial credit") {
  ShortText text;
  text.answers = {{"la canción", 1.0, ""}, {"una canción", 0.5, "Close: *the* song is definite."}};
  const Activity activity = activity_of(text);
  const Grade partial = pathwise::content::grade(activity, typed("una canción"));
  CHECK(partial.score == 0.5);
  CHECK_FALSE(partial.correct);
  CHECK(partial.feedback == std::vector<std::string>{"Close: *the* song is definite."});
  const Grade both = pathwise::content::grade(activity, typed("una cancion"));
  CHECK(both.score == 0.25);
  CHECK(both.near_miss);
  CHECK(both.feedback ==
        std::vector<std::string>{"Close: *the* song is definite.", "Check the accents on **canción**."});
  CHECK(pathwise::content::grade(activity, typed("una canción")).expected == "la canción");
}

TEST_CASE("short_text: Spanish question marks, and answers that are only punctuation") {
  ShortText text;
  text.answers = {{"¿Qué hora es?", 1.0, ""}};
  CHECK(pathwise::content::grade(activity_of(text), typed("Qué hora es")).correct);
  CHECK(pathwise::content::grade(activity_of(text), typed("¿qué hora es")).correct);
  CHECK(pathwise::content::grade(activity_of(text), typed("que hora es?")).score == 0.5);
  CHECK(pathwise::content::grade(activity_of(text), typed("que hora es?")).expected == "¿Qué hora es?");
  text.answers = {{"?", 1.0, ""}};
  CHECK(pathwise::content::grade(activity_of(text), typed(" ? ")).correct);
  CHECK(pathwise::content::grade(activity_of(text), typed("!")).score == 0.0);
}

TEST_CASE("short_text: Cyrillic and Greek fold case; Greek accents count") {
  ShortText text;
  text.answers = {{"Москва", 1.0, ""}};
  CHECK(pathwise::content::grade(activity_of(text), typed("москва")).correct);
  CHECK(pathwise::content::grade(activity_of(text), typed("МОСКВА")).correct);
  CHECK(pathwise::content::grade(activity_of(text), typed("Масква")).near_miss);
  text.answers = {{"Αθήνα", 1.0, ""}};
  CHECK(pathwise::content::grade(activity_of(text), typed("ΑΘΉΝΑ")).correct);
  CHECK(pathwise::content::grade(activity_of(text), typed("αθηνα")).score == 0.5);
  text.answers = {{"οδός", 1.0, ""}};
  CHECK(pathwise::content::grade(activity_of(text), typed("ΟΔΌΣ")).correct);  // Σ folds like ς
}

TEST_CASE("short_text: rich-text characters in the expected answer are escaped") {
  ShortText text;
  text.answers = {{"snake_case *x* $5", 1.0, ""}};
  CHECK(pathwise::content::grade(activity_of(text), typed("")).expected == "snake\\_case \\*x\\* \\$5");
}

TEST_CASE("short_text: the wrong number of texts is a problem") {
  CHECK(is_problem(pathwise::content::grade(the_song(), Response{})));
  CHECK(is_problem(pathwise::content::grade(the_song(), typed(std::vector<std::string>{"la", "canción"}))));
  CHECK(pathwise::content::grade(the_song(), Response{}).problem ==
        "a short-text answer is one typed text; the response has 0");
}

// ---- cloze ----------------------------------------------------------------------------------------------------

TEST_CASE("cloze: the FORMAT.md example, every blank right") {
  for (const std::vector<std::string>& texts :
       {std::vector<std::string>{"hablo", "hablas"}, std::vector<std::string>{" Hablo ", "hablas"}}) {
    const Grade grade = pathwise::content::grade(hablar(), typed(texts));
    CHECK(grade.correct);
    CHECK(grade.part_scores == std::vector<double>{1, 1});
    CHECK(grade.expected == "hablo, hablas");
    CHECK(grade.feedback.empty());
  }
}

TEST_CASE("cloze: the score is the mean of the blanks; a wrong blank's feedback says which") {
  const Grade wrong_choice = pathwise::content::grade(hablar(), typed(std::vector<std::string>{"hablo", "habla"}));
  CHECK(wrong_choice.score == 0.5);
  CHECK(wrong_choice.part_scores == std::vector<double>{1, 0});
  CHECK(wrong_choice.feedback == std::vector<std::string>{"Blank 2: With *tú*, the verb ends in -as."});

  const Grade accent = pathwise::content::grade(hablar(), typed(std::vector<std::string>{"habló", "hablas"}));
  CHECK(accent.score == 0.75);
  CHECK(accent.part_scores == std::vector<double>{0.5, 1});
  CHECK(accent.near_miss);
  CHECK(accent.feedback == std::vector<std::string>{"Blank 1: Check the accents on **hablo**."});

  const Grade typo = pathwise::content::grade(hablar(), typed(std::vector<std::string>{"hablp", "hablas"}));
  CHECK(typo.score == 0.5);
  CHECK(typo.near_miss);
  CHECK(typo.feedback == std::vector<std::string>{"Blank 1: Nearly: check the spelling."});  // not the blank's

  const Grade wrong = pathwise::content::grade(hablar(), typed(std::vector<std::string>{"como", "hablas"}));
  CHECK(wrong.feedback == std::vector<std::string>{"Blank 1: With *yo*, the verb ends in -o."});

  const Grade empty = pathwise::content::grade(hablar(), typed(std::vector<std::string>{"", ""}));
  CHECK(empty.graded);
  CHECK(empty.score == 0.0);
  CHECK(empty.part_scores == std::vector<double>{0, 0});
}

TEST_CASE("cloze: one blank has no label; accents ignored applies to every blank") {
  Cloze cloze;
  cloze.blanks = {{{"canción"}, {}, "Feminine."}};
  cloze.matching.accents = AccentRule::ignored;
  const Grade grade = pathwise::content::grade(activity_of(cloze), typed(std::vector<std::string>{"cancion"}));
  CHECK(grade.correct);
  CHECK(grade.feedback == std::vector<std::string>{"With accents: **canción**."});
  CHECK(pathwise::content::grade(activity_of(cloze), typed(std::vector<std::string>{"x"})).feedback ==
        std::vector<std::string>{"Feminine."});
}

TEST_CASE("cloze: the wrong number of texts, or a drop-down text that is not a choice, is a problem") {
  CHECK(is_problem(pathwise::content::grade(hablar(), typed(std::vector<std::string>{"hablo"}))));
  CHECK(is_problem(pathwise::content::grade(hablar(), typed(std::vector<std::string>{"a", "b", "c"}))));
  const Grade grade = pathwise::content::grade(hablar(), typed(std::vector<std::string>{"hablo", "hablan"}));
  CHECK(is_problem(grade));
  CHECK(grade.problem == "blank 2 is a drop-down, and \"hablan\" is not one of its choices");
  CHECK(is_problem(pathwise::content::grade(activity_of(Cloze{}), typed(std::vector<std::string>{}))));
}

// ---- ordering -------------------------------------------------------------------------------------------------

TEST_CASE("ordering: the fraction of item pairs in the right relative order") {
  const Activity activity = smallest_first();
  const Grade right = pathwise::content::grade(activity, picked({0, 1, 2, 3}));
  CHECK(right.correct);
  CHECK(right.part_scores == std::vector<double>{1, 1, 1, 1});
  CHECK(right.expected == "$1/8$, $1/4$, $1/2$, $1$");

  const Grade swapped = pathwise::content::grade(activity, picked({1, 0, 2, 3}));
  CHECK(swapped.score == 5.0 / 6.0);
  CHECK_FALSE(swapped.correct);
  CHECK(swapped.part_scores == std::vector<double>{0, 0, 1, 1});
  CHECK(pathwise::content::grade(activity, picked({0, 2, 1, 3})).score == 5.0 / 6.0);
  CHECK(pathwise::content::grade(activity, picked({1, 2, 3, 0})).score == 3.0 / 6.0);
  CHECK(pathwise::content::grade(activity, picked({3, 2, 1, 0})).score == 0.0);
}

TEST_CASE("ordering: items with the same text are interchangeable") {
  Ordering ordering;
  ordering.items = {"a", "a", "b"};
  CHECK(pathwise::content::grade(activity_of(ordering), picked({1, 0, 2})).correct);
}

TEST_CASE("ordering: a response that is not a permutation is a problem") {
  const Activity activity = smallest_first();
  for (const std::vector<int>& placed :
       {std::vector<int>{0, 1, 2}, std::vector<int>{0, 1, 2, 2}, std::vector<int>{0, 1, 2, 4},
        std::vector<int>{-1, 0, 1, 2}, std::vector<int>{}, std::vector<int>{0, 1, 2, 3, 4}}) {
    CAPTURE(placed.size());
    CHECK(is_problem(pathwise::content::grade(activity, picked(placed))));
  }
  CHECK(pathwise::content::grade(activity, picked({0, 1, 2, 2})).problem == "item 2 is placed twice");
}

// ---- matching -------------------------------------------------------------------------------------------------

TEST_CASE("matching: options are the right sides in order, then the distractors") {
  CHECK(matching_options(std::get<Matching>(pets().payload)) ==
        std::vector<std::string>{"the dog", "the cat", "the horse"});
}

TEST_CASE("matching: the fraction of left items matched right") {
  const Activity activity = pets();
  const Grade right = pathwise::content::grade(activity, picked({0, 1}));
  CHECK(right.correct);
  CHECK(right.part_scores == std::vector<double>{1, 1});
  CHECK(right.expected == "el perro → the dog, el gato → the cat");
  CHECK(pathwise::content::grade(activity, picked({1, 0})).score == 0.0);
  const Grade distractor = pathwise::content::grade(activity, picked({0, 2}));
  CHECK(distractor.score == 0.5);
  CHECK(distractor.part_scores == std::vector<double>{1, 0});
  CHECK(pathwise::content::grade(activity, picked({-1, 1})).score == 0.5);
  CHECK(pathwise::content::grade(activity, picked({-1, -1})).score == 0.0);
}

TEST_CASE("matching: two pairs with the same right side accept either option") {
  Matching matching;
  matching.pairs = {{"perro", "dog"}, {"can", "dog"}, {"gato", "cat"}};
  CHECK(pathwise::content::grade(activity_of(matching), picked({1, 0, 2})).correct);
}

TEST_CASE("matching: the wrong count or an option out of range is a problem") {
  const Activity activity = pets();
  CHECK(is_problem(pathwise::content::grade(activity, picked({0}))));
  CHECK(is_problem(pathwise::content::grade(activity, picked({0, 1, 2}))));
  CHECK(is_problem(pathwise::content::grade(activity, picked({0, 3}))));
  CHECK(is_problem(pathwise::content::grade(activity, picked({0, -2}))));
  CHECK(is_problem(pathwise::content::grade(activity_of(Matching{}), picked({}))));
}

// ---- flashcard ------------------------------------------------------------------------------------------------

TEST_CASE("flashcard: Again, Hard, Good, Easy score 0, 0.5, 1, 1") {
  Flashcard card;
  card.front = "**el libro**";
  card.back = "the book";
  const Activity activity = activity_of(card);
  const double scores[] = {0.0, 0.5, 1.0, 1.0};
  for (int rating = 1; rating <= 4; ++rating) {
    CAPTURE(rating);
    const Grade grade = pathwise::content::grade(activity, rated(rating));
    CHECK(grade.score == scores[rating - 1]);
    CHECK(grade.correct == (rating >= 3));
    CHECK(grade.expected == "the book");
  }
  for (int rating : {0, 5, -1, INT_MAX}) {
    CAPTURE(rating);
    CHECK(is_problem(pathwise::content::grade(activity, rated(rating))));
  }
}

// ---- reading and video ----------------------------------------------------------------------------------------

TEST_CASE("reading: without checkpoints it is just done") {
  Reading reading;
  reading.body = "Text.";
  const Grade grade = pathwise::content::grade(activity_of(reading), Response{});
  CHECK_FALSE(grade.graded);
  CHECK(grade.score == 1.0);
  CHECK(grade.problem.empty());
}

TEST_CASE("reading: the mean of its checkpoint questions") {
  const Activity activity = plants_reading();
  Response response;
  response.checkpoints = {truth(false)};
  const Grade right = pathwise::content::grade(activity, response);
  CHECK(right.graded);
  CHECK(right.correct);
  CHECK(right.part_scores == std::vector<double>{1});

  response.checkpoints = {truth(true)};
  const Grade wrong = pathwise::content::grade(activity, response);
  CHECK(wrong.score == 0.0);
  CHECK(wrong.misconception == "plants-eat-soil");
  CHECK(wrong.feedback == std::vector<std::string>{"Plants make their own food from light, water and air."});

  const Grade unanswered = pathwise::content::grade(activity, Response{});
  CHECK(unanswered.graded);
  CHECK(unanswered.score == 0.0);
  CHECK(unanswered.part_scores == std::vector<double>{0});
}

TEST_CASE("reading: too many checkpoint answers, or a malformed one, is a problem") {
  const Activity activity = plants_reading();
  Response response;
  response.checkpoints = {truth(false), truth(true)};
  CHECK(is_problem(pathwise::content::grade(activity, response)));
  response.checkpoints = {picked({0})};  // not empty, but no truth value
  const Grade grade = pathwise::content::grade(activity, response);
  CHECK(is_problem(grade));
  CHECK(grade.problem == "checkpoint question 1: a true-or-false answer needs true or false; the response has neither");
}

TEST_CASE("video: checkpoints of several types, partly answered") {
  SingleChoice energy;
  energy.choices = {{"The Sun", true, "", ""}, {"The soil", false, "Soil gives water and minerals.", "soil-food"}};
  Numeric count;
  count.answer = 3;
  Video video;
  video.source.duration = 95;
  video.checkpoints = {{31.5, activity_of(energy)}, {60.0, activity_of(count)}, {80.0, activity_of(energy)}};
  const Activity activity = activity_of(video);

  Response response;
  response.checkpoints = {picked({1}), typed("3")};  // the third not reached
  const Grade grade = pathwise::content::grade(activity, response);
  CHECK(grade.graded);
  CHECK(grade.score == 1.0 / 3.0);
  CHECK(grade.part_scores == std::vector<double>{0, 1, 0});
  CHECK(grade.misconception == "soil-food");
  CHECK(grade.feedback == std::vector<std::string>{"Question 1: Soil gives water and minerals."});

  response.checkpoints = {picked({0}), typed("3"), picked({0})};
  CHECK(pathwise::content::grade(activity, response).correct);
  response.checkpoints = {picked({0}), typed("three")};
  CHECK(is_problem(pathwise::content::grade(activity, response)));
}

// ---- parameterized and general rules --------------------------------------------------------------------------

TEST_CASE("parameterized activities are graded against their generated problem") {
  const Grade grade = pathwise::content::grade(activity_of(Parameterized{}), typed("3/8"));
  CHECK(is_problem(grade));
  CHECK(grade.problem == "a parameterized activity is graded against its generated problem");
}

TEST_CASE("activity feedback follows the specific feedback: correct or incorrect, partial counts as incorrect") {
  Activity activity = the_song();
  activity.feedback_correct = "¡Muy bien!";
  activity.feedback_incorrect = "Mira otra vez.";
  CHECK(pathwise::content::grade(activity, typed("la canción")).feedback == std::vector<std::string>{"¡Muy bien!"});
  CHECK(pathwise::content::grade(activity, typed("la cancion")).feedback ==
        std::vector<std::string>{"Check the accents on **canción**.", "Mira otra vez."});
  CHECK(pathwise::content::grade(activity, Response{}).feedback.empty());  // not for problems
}

TEST_CASE("no response crashes any activity type, and every grade keeps its invariants") {
  std::vector<Activity> activities = {pizza(), primes(), three_quarters_as_decimal(), the_song(), hablar(),
                                      smallest_first(), pets(), plants_reading(), activity_of(Flashcard{}),
                                      activity_of(Parameterized{}), activity_of(TrueFalse{}),
                                      activity_of(SingleChoice{}), activity_of(MultipleSelect{}),
                                      activity_of(Ordering{}), activity_of(ShortText{}), activity_of(Numeric{})};
  const std::vector<std::vector<int>> selections = {{}, {0}, {1, 0}, {0, 1, 2, 3}, {-1, -1}, {INT_MIN, INT_MAX},
                                                     {3, 2, 1, 0, 4}, {0, 0}};
  const std::vector<std::string> texts = {"", "\xff\xfe", "1/0", "99999999999999999999", "½½", "−", "¿", " ",
                                          std::string(300, 'a'), "la canción", "1 1/2 cm", "e3"};
  for (const Activity& activity : activities) {
    for (const auto& selected : selections) {
      for (std::size_t t = 0; t <= texts.size(); ++t) {
        Response response;
        response.selected = selected;
        if (t < texts.size()) response.texts = {texts[t], texts[t]};
        if (t % 2 == 0) response.texts.resize(1);
        response.truth = t % 3 == 0 ? std::optional<bool>() : std::optional<bool>(t % 2 == 0);
        response.rating = static_cast<int>(t) - 2;
        response.checkpoints = {response, Response{}};
        const Grade grade = pathwise::content::grade(activity, response);
        CHECK(grade.score >= 0.0);
        CHECK(grade.score <= 1.0);
        CHECK(grade.correct == (grade.score >= 1.0 - 1e-9));
        if (!grade.problem.empty()) CHECK(is_problem(grade));
      }
    }
  }
}

TEST_CASE("grading: numeric form decimal asks for a decimal, not the fraction it came from") {
  NumberCheck check;
  check.form = NumberForm::decimal;
  CHECK(grade_number(check, 0.75, {}, "0.75").correct);
  CHECK(grade_number(check, 0.75, {}, "0,75").correct);
  Grade fraction = grade_number(check, 0.75, {}, "3/4");
  CHECK_FALSE(fraction.correct);
  CHECK(fraction.score == 0.0);
  REQUIRE_FALSE(fraction.feedback.empty());
  CHECK(fraction.feedback[0] == "Right amount, but write it as a decimal.");
  CHECK(grade_number(check, 0.75, {}, "0.75").expected == "0.75");
  CHECK(grade_number(check, 2, {}, "2").correct);  // a whole number is a decimal too
}
