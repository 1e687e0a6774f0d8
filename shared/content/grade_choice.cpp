// Grading of the choice types: single_choice, multiple_select, true_false (FORMAT.md, "Activity types").
#include <algorithm>
#include <string>
#include <vector>

#include "content/grading.h"

namespace pathwise::content::grading_detail {

namespace {

bool is_index(int index, std::size_t count) { return index >= 0 && static_cast<std::size_t>(index) < count; }

std::string out_of_range(int index, std::size_t count) {
  return "choice " + std::to_string(index) + " does not exist: this activity has " + std::to_string(count) +
         " choices, numbered from 0";
}

void add_feedback(Grade& grade, const std::string& text) {
  if (!text.empty()) grade.feedback.push_back(text);
}

}  // namespace

Grade grade_single_choice(const SingleChoice& activity, const Response& response) {
  if (response.selected.size() != 1) {
    return problem_grade("a single-choice answer picks exactly one choice; the response picks " +
                         std::to_string(response.selected.size()));
  }
  const int picked = response.selected.front();
  if (!is_index(picked, activity.choices.size())) return problem_grade(out_of_range(picked, activity.choices.size()));

  Grade grade;
  const Choice& choice = activity.choices[static_cast<std::size_t>(picked)];
  set_score(grade, choice.correct ? 1.0 : 0.0);
  add_feedback(grade, choice.feedback);
  // A tag names a mistake: on the right choice (an authoring slip) there is no mistake to recognise.
  if (!choice.correct) grade.misconception = choice.misconception;
  const auto right = std::find_if(activity.choices.begin(), activity.choices.end(),
                                  [](const Choice& c) { return c.correct; });
  if (right != activity.choices.end()) grade.expected = right->text;
  return grade;
}

Grade grade_multiple_select(const MultipleSelect& activity, const Response& response) {
  const std::size_t count = activity.choices.size();
  std::vector<bool> ticked(count, false);
  for (int index : response.selected) {
    if (!is_index(index, count)) return problem_grade(out_of_range(index, count));
    // Ticking twice would count a right tick twice: the client sends a set, so this is a client bug.
    if (ticked[static_cast<std::size_t>(index)]) {
      return problem_grade("choice " + std::to_string(index) + " is ticked twice in the response");
    }
    ticked[static_cast<std::size_t>(index)] = true;
  }

  Grade grade;
  int correct_choices = 0, right_ticks = 0, wrong_ticks = 0;
  std::vector<std::string> wrong_tick_feedback, missed_feedback, right_texts;
  for (std::size_t i = 0; i < count; ++i) {
    const Choice& choice = activity.choices[i];
    if (choice.correct) {
      ++correct_choices;
      right_texts.push_back(choice.text);
    }
    if (ticked[i] && choice.correct) ++right_ticks;
    if (ticked[i] && !choice.correct) {
      ++wrong_ticks;
      if (!choice.feedback.empty()) wrong_tick_feedback.push_back(choice.feedback);
      if (grade.misconception.empty()) grade.misconception = choice.misconception;
    }
    if (!ticked[i] && choice.correct && !choice.feedback.empty()) missed_feedback.push_back(choice.feedback);
    grade.part_scores.push_back(ticked[i] == choice.correct ? 1.0 : 0.0);
  }
  // FORMAT.md: (right ticks − wrong ticks) / correct choices, never below 0. An activity without a correct
  // choice (which the validator refuses) is right only when nothing is ticked.
  const double score = correct_choices > 0
                           ? static_cast<double>(right_ticks - wrong_ticks) / correct_choices
                           : (wrong_ticks == 0 ? 1.0 : 0.0);
  set_score(grade, std::max(score, 0.0));
  grade.feedback = wrong_tick_feedback;
  grade.feedback.insert(grade.feedback.end(), missed_feedback.begin(), missed_feedback.end());
  grade.expected = join(right_texts, ", ");
  return grade;
}

Grade grade_true_false(const TrueFalse& activity, const Response& response) {
  if (!response.truth) return problem_grade("a true-or-false answer needs true or false; the response has neither");
  Grade grade;
  const bool right = *response.truth == activity.answer;
  set_score(grade, right ? 1.0 : 0.0);
  if (!right) {
    add_feedback(grade, activity.feedback_wrong);
    grade.misconception = activity.misconception;
  }
  grade.expected = activity.answer ? "True" : "False";
  return grade;
}

}  // namespace pathwise::content::grading_detail
