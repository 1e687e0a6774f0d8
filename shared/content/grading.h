// Grading: a student's response to an activity, turned into a score between 0 and 1 with the feedback that
// goes with it, by the rules content/FORMAT.md gives authors. Pure functions of the activity and the response:
// the same answer always gets the same grade, natively and in the browser.
//
// A response that does not fit its activity (a choice index out of range, two blanks filled for three) is not
// graded: the Grade says what is wrong in `problem`. Nothing here throws or trusts the response's shape.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/bundle.h"

namespace pathwise::content {

struct Response {
  // single_choice: {choice index}; multiple_select: the ticked indices (any order); ordering: item indices
  // (into Ordering::items) in the order the student placed them; matching: for each pair i (left side), the
  // index of the chosen option in matching_options() order, -1 when left unmatched.
  std::vector<int> selected;
  // numeric, short_text, parameterized: {what was typed}; cloze: one per blank (a drop-down blank: the chosen
  // choice's text, "" when none was chosen).
  std::vector<std::string> texts;
  std::optional<bool> truth;  // true_false
  int rating = 0;             // flashcard: 1 Again, 2 Hard, 3 Good, 4 Easy
  // reading, video: one per checkpoint, in order. Missing ones, and ones left entirely empty (a default
  // Response), count as unanswered: score 0.
  std::vector<Response> checkpoints;
};

struct Grade {
  double score = 0.0;                 // in [0, 1]
  bool correct = false;               // score == 1 (within 1e-9)
  bool graded = true;                 // false for a reading or video without checkpoints (just "done"), and
                                      // for a response that does not fit the activity (see `problem`)
  std::vector<std::string> feedback;  // rich text, most specific first: the chosen answer's feedback, the
                                      // wrong answer's, a near-miss note; then the activity's feedback
  std::string misconception;          // the tag of the mistake recognised, if any
  // Per blank (cloze), per pair (matching), per checkpoint (reading, video), per choice (multiple_select: 1
  // for a right decision, ticked or not), per position of the student's order (ordering: 1 where the right
  // item is). Empty for the other types.
  std::vector<double> part_scores;
  std::string expected;               // the right answer for display, rich text
  bool near_miss = false;             // short_text, cloze: a typo, or right except for accents or capitals
  std::string problem;                // the response does not fit the activity: graded is false, score 0;
                                      // one plain sentence, lower-case start, no trailing period
};

// Every activity type except parameterized, which is graded against its generated problem (grade_number with
// the generated answer): for it the Grade has a problem.
Grade grade(const Activity& activity, const Response& response);

// The number check shared by numeric and parameterized: `typed` against `answer`, with the wrong answers'
// values (given, or computed for the generated problem). Gives the answer-specific feedback only; the
// caller adds the activity's feedback_correct / feedback_incorrect.
Grade grade_number(const NumberCheck& check, double answer, const std::vector<WrongNumber>& wrong_answers,
                   std::string_view typed);

// The right-hand options of a matching activity in the order Response::selected refers to: the pairs' right
// sides in order, then the distractors. The client shuffles them for display.
std::vector<std::string> matching_options(const Matching& matching);

// A number as a student may type it: "0.75", "0,75" (decimal comma), "-2", "+2", "−2" (minus sign), "3/4",
// "-3/4", "1 1/2" (mixed number), "½", "1½", "3 / 4", with a unit after it ("12 cm", "7/8 kg", "25%",
// "9.8 m/s2"), or a full stop ("12."). Spaces around it are ignored.
// Refused (nullopt): exponents ("1.5e3": students write numbers out), digit groups ("1 000", "1,000.5", and
// "1,000" or "12,500", where a comma could be either a decimal or a thousands separator), "3/0", "1/2/3",
// an improper mixed number ("1 3/2"), more than 18 digits in a part, "", "abc".
struct TypedNumber {
  double value = 0;
  bool is_fraction = false;  // written as a fraction or mixed number
  // The value as written, exactly: fractions and mixed numbers in improper form (1 1/2 → 3/2), whole numbers
  // over 1, decimals as their digits over a power of ten (2.50 → 250/100). The sign is on the numerator.
  long long numerator = 0;
  long long denominator = 1;
  std::string unit;  // what follows the number, trimmed ("" when nothing does)
};
std::optional<TypedNumber> parse_typed_number(std::string_view text);

// The per-type graders that grade() dispatches to, for the grade_*.cpp files and tests. Like grade_number they
// give the answer-specific feedback only.
namespace grading_detail {

Grade grade_single_choice(const SingleChoice& activity, const Response& response);
Grade grade_multiple_select(const MultipleSelect& activity, const Response& response);
Grade grade_true_false(const TrueFalse& activity, const Response& response);
Grade grade_numeric(const Numeric& activity, const Response& response);
Grade grade_short_text(const ShortText& activity, const Response& response);
Grade grade_cloze(const Cloze& activity, const Response& response);
Grade grade_ordering(const Ordering& activity, const Response& response);
Grade grade_matching(const Matching& activity, const Response& response);

// A Grade for a response that does not fit: not graded, score 0.
Grade problem_grade(std::string message);
// Sets score (clamped to [0, 1]) and correct (score within 1e-9 of 1).
void set_score(Grade& grade, double score);
// Plain text (a short answer, a typed number) made safe to show as rich text: * _ $ are escaped.
std::string rich_text_literal(std::string_view plain);
// The parts with `separator` between them.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace grading_detail

}  // namespace pathwise::content
