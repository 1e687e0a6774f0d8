// Grading of the arranging types: ordering and matching (FORMAT.md, "ordering" and "matching").
#include <string>
#include <utility>
#include <vector>

#include "content/grading.h"

namespace pathwise::content {

std::vector<std::string> matching_options(const Matching& matching) {
  std::vector<std::string> options;
  options.reserve(matching.pairs.size() + matching.distractors.size());
  for (const MatchPair& pair : matching.pairs) options.push_back(pair.right);
  options.insert(options.end(), matching.distractors.begin(), matching.distractors.end());
  return options;
}

namespace grading_detail {

namespace {

bool is_index(int index, std::size_t count) { return index >= 0 && static_cast<std::size_t>(index) < count; }

// Why `placed` is not an order of `count` items (each index once), or "" when it is one.
std::string permutation_problem(const std::vector<int>& placed, std::size_t count) {
  if (placed.size() != count) {
    return "this ordering has " + std::to_string(count) + " items; the response places " +
           std::to_string(placed.size());
  }
  std::vector<bool> seen(count, false);
  for (int index : placed) {
    if (!is_index(index, count)) {
      return "item " + std::to_string(index) + " does not exist: this ordering has " + std::to_string(count) +
             " items, numbered from 0";
    }
    if (seen[static_cast<std::size_t>(index)]) return "item " + std::to_string(index) + " is placed twice";
    seen[static_cast<std::size_t>(index)] = true;
  }
  return {};
}

}  // namespace

Grade grade_ordering(const Ordering& activity, const Response& response) {
  const std::vector<std::string>& items = activity.items;
  const std::vector<int>& placed = response.selected;
  if (std::string problem = permutation_problem(placed, items.size()); !problem.empty()) {
    return problem_grade(std::move(problem));
  }
  auto item_at = [&](std::size_t position) -> const std::string& {
    return items[static_cast<std::size_t>(placed[position])];
  };
  // Kendall-tau style: the fraction of pairs of items in the right relative order, so one swap of neighbours
  // loses one pair out of n(n-1)/2. Two items with the same text are interchangeable.
  std::size_t right_pairs = 0, pairs = 0;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    for (std::size_t j = i + 1; j < placed.size(); ++j) {
      ++pairs;
      if (placed[i] < placed[j] || item_at(i) == item_at(j)) ++right_pairs;
    }
  }
  Grade grade;
  set_score(grade, pairs == 0 ? 1.0 : static_cast<double>(right_pairs) / static_cast<double>(pairs));
  for (std::size_t position = 0; position < placed.size(); ++position) {
    grade.part_scores.push_back(item_at(position) == items[position] ? 1.0 : 0.0);
  }
  grade.expected = join(items, ", ");
  return grade;
}

Grade grade_matching(const Matching& activity, const Response& response) {
  const std::vector<std::string> options = matching_options(activity);
  const std::size_t pairs = activity.pairs.size();
  if (pairs == 0) return problem_grade("this matching activity has no pairs");
  if (response.selected.size() != pairs) {
    return problem_grade("this matching activity has " + std::to_string(pairs) + " items to match; the response has " +
                         std::to_string(response.selected.size()));
  }
  Grade grade;
  std::size_t right = 0;
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < pairs; ++i) {
    const int chosen = response.selected[i];
    if (chosen != -1 && !is_index(chosen, options.size())) {
      return problem_grade("option " + std::to_string(chosen) + " does not exist: this matching activity has " +
                           std::to_string(options.size()) + " options, numbered from 0 (-1 for none)");
    }
    // Compared by text: two pairs with the same right side accept either option.
    const bool matched = chosen != -1 && options[static_cast<std::size_t>(chosen)] == activity.pairs[i].right;
    right += matched ? 1 : 0;
    grade.part_scores.push_back(matched ? 1.0 : 0.0);
    expected.push_back(activity.pairs[i].left + " → " + activity.pairs[i].right);
  }
  set_score(grade, static_cast<double>(right) / static_cast<double>(pairs));
  grade.expected = join(expected, ", ");
  return grade;
}

}  // namespace grading_detail

}  // namespace pathwise::content
