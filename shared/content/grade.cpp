// The grading dispatcher, the types graded from other grades or from the student's own rating (flashcard,
// reading, video), and the helpers the grade_*.cpp files share.
#include <algorithm>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "content/grading.h"

namespace pathwise::content {

namespace grading_detail {

Grade problem_grade(std::string message) {
  Grade grade;
  grade.graded = false;
  grade.problem = std::move(message);
  return grade;
}

void set_score(Grade& grade, double score) {
  grade.score = score >= 0.0 ? std::min(score, 1.0) : 0.0;  // also turns NaN into 0
  grade.correct = grade.score >= 1.0 - 1e-9;
}

std::string rich_text_literal(std::string_view plain) {
  std::string text;
  text.reserve(plain.size());
  for (char c : plain) {
    if (c == '*' || c == '_' || c == '$') text += '\\';
    text += c;
  }
  return text;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += separator;
    text += parts[i];
  }
  return text;
}

}  // namespace grading_detail

namespace {

using grading_detail::problem_grade;
using grading_detail::set_score;

// FORMAT.md: Again / Hard / Good / Easy score 0, 0.5, 1, 1.
Grade grade_flashcard(const Flashcard& card, const Response& response) {
  constexpr double kScores[] = {0.0, 0.5, 1.0, 1.0};
  if (response.rating < 1 || response.rating > 4) {
    return problem_grade("a flashcard rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy); the response has " +
                         std::to_string(response.rating));
  }
  Grade grade;
  set_score(grade, kScores[response.rating - 1]);
  grade.expected = card.back;
  return grade;
}

// A checkpoint the student did not reach sends nothing at all (a default Response): it is unanswered, not
// malformed.
bool is_unanswered(const Response& response) {
  return response.selected.empty() && response.texts.empty() && !response.truth && response.rating == 0 &&
         response.checkpoints.empty();
}

// A reading or video: the mean of its checkpoint questions' scores; without checkpoints it is just done.
Grade grade_checkpoints(const std::vector<Checkpoint>& checkpoints, const Response& response) {
  Grade result;
  if (checkpoints.empty()) {
    result.graded = false;
    set_score(result, 1.0);
    return result;
  }
  if (response.checkpoints.size() > checkpoints.size()) {
    return problem_grade("this activity has " + std::to_string(checkpoints.size()) +
                         " checkpoint questions; the response answers " +
                         std::to_string(response.checkpoints.size()));
  }
  double total = 0.0;
  for (std::size_t i = 0; i < checkpoints.size(); ++i) {
    if (i >= response.checkpoints.size() || is_unanswered(response.checkpoints[i])) {
      result.part_scores.push_back(0.0);
      continue;
    }
    const Grade part = grade(checkpoints[i].question, response.checkpoints[i]);
    if (!part.problem.empty()) {
      return problem_grade("checkpoint question " + std::to_string(i + 1) + ": " + part.problem);
    }
    result.part_scores.push_back(part.score);
    total += part.score;
    // Several questions: say which one a note is about.
    const std::string label = checkpoints.size() > 1 ? "Question " + std::to_string(i + 1) + ": " : "";
    for (const std::string& note : part.feedback) result.feedback.push_back(label + note);
    if (result.misconception.empty()) result.misconception = part.misconception;
    result.near_miss = result.near_miss || part.near_miss;
  }
  set_score(result, total / static_cast<double>(checkpoints.size()));
  return result;
}

struct Grader {
  const Response& response;

  Grade operator()(const SingleChoice& activity) const {
    return grading_detail::grade_single_choice(activity, response);
  }
  Grade operator()(const MultipleSelect& activity) const {
    return grading_detail::grade_multiple_select(activity, response);
  }
  Grade operator()(const TrueFalse& activity) const { return grading_detail::grade_true_false(activity, response); }
  Grade operator()(const Numeric& activity) const { return grading_detail::grade_numeric(activity, response); }
  Grade operator()(const ShortText& activity) const { return grading_detail::grade_short_text(activity, response); }
  Grade operator()(const Cloze& activity) const { return grading_detail::grade_cloze(activity, response); }
  Grade operator()(const Ordering& activity) const { return grading_detail::grade_ordering(activity, response); }
  Grade operator()(const Matching& activity) const { return grading_detail::grade_matching(activity, response); }
  Grade operator()(const Flashcard& activity) const { return grade_flashcard(activity, response); }
  Grade operator()(const Reading& activity) const { return grade_checkpoints(activity.checkpoints, response); }
  Grade operator()(const Video& activity) const { return grade_checkpoints(activity.checkpoints, response); }
  Grade operator()(const Parameterized&) const {
    return problem_grade("a parameterized activity is graded against its generated problem");
  }
};

}  // namespace

Grade grade(const Activity& activity, const Response& response) {
  // std::visit throws only on a variant left empty by an exception, which a loaded bundle never holds.
  if (activity.payload.valueless_by_exception()) return problem_grade("the activity has no type");
  Grade result = std::visit(Grader{response}, activity.payload);
  if (result.problem.empty()) {
    const std::string& general = result.correct ? activity.feedback_correct : activity.feedback_incorrect;
    if (!general.empty()) result.feedback.push_back(general);
  }
  return result;
}

}  // namespace pathwise::content
