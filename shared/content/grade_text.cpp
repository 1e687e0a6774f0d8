// Grading of typed words: short_text, and the blanks of cloze (FORMAT.md, "short_text" and "cloze").
//
// A typed answer is compared with each accepted answer in steps, most exact first, so that the most specific
// verdict wins: the same text (per case_sensitive and accents), then a listed wrong answer, then the same but
// for accents (accents "required": half the answer's score), then a near miss (a typo or capitals: score 0,
// but said to be close so a slip is not taken for not knowing).
#include <algorithm>
#include <string>
#include <vector>

#include "content/grading.h"
#include "content/text_normalize.h"

namespace pathwise::content::grading_detail {

namespace {

// ---- Normalisation --------------------------------------------------------------------------------------------

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Sentence punctuation at the ends is not part of the answer: Spanish opening ¿ ¡, and a final . ! ? or …
// ("¿Qué hora es?" is "qué hora es"). Unless nothing else is left: an answer that is only punctuation keeps it.
std::string without_end_punctuation(const std::string& text) {
  std::string_view rest = text;
  bool changed = true;
  while (changed && !rest.empty()) {
    changed = false;
    for (std::string_view opening : {"¿", "¡", " "}) {
      if (starts_with(rest, opening)) rest.remove_prefix(opening.size()), changed = true;
    }
    for (std::string_view closing : {".", "!", "?", "…", " "}) {
      if (ends_with(rest, closing)) rest.remove_suffix(closing.size()), changed = true;
    }
  }
  return rest.empty() ? text : std::string(rest);
}

// The text as shown: composed accents, spaces collapsed, end punctuation off, case and accents as typed.
std::string display_form(std::string_view text) {
  return without_end_punctuation(collapse_spaces(compose_accents(text)));
}

// The text as compared: the display form, case-folded and accent-stripped when asked.
std::string text_key(std::string_view text, bool fold, bool strip) {
  std::string key = display_form(text);
  if (fold) key = fold_case(key);
  if (strip) key = strip_accents(key);
  return key;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> result;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    result.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return result;
}

// The words of `answer` that `typed` writes with other accents, as the answer spells them, in bold. Only
// called when the two are equal without accents, so their words line up one to one.
std::string words_to_check(std::string_view typed, std::string_view answer, bool fold) {
  const std::vector<std::string> typed_words = words(display_form(typed));
  const std::vector<std::string> answer_words = words(display_form(answer));
  if (typed_words.size() != answer_words.size()) return "**" + rich_text_literal(display_form(answer)) + "**";
  std::vector<std::string> differing;
  for (std::size_t i = 0; i < answer_words.size(); ++i) {
    if (text_key(typed_words[i], fold, false) != text_key(answer_words[i], fold, false)) {
      differing.push_back("**" + rich_text_literal(answer_words[i]) + "**");
    }
  }
  if (differing.empty()) return "**" + rich_text_literal(display_form(answer)) + "**";
  return join(differing, ", ");
}

// ---- Verdict --------------------------------------------------------------------------------------------------

struct TextVerdict {
  double score = 0.0;
  const TextAnswer* answer = nullptr;  // the accepted answer matched, if any
  const WrongText* wrong = nullptr;    // the listed wrong answer matched, if any
  bool near_miss = false;
  std::string note;                    // about accents, capitals or spelling; rich text
};

// The accepted answer with the best score whose key equals the typed one.
const TextAnswer* best_answer(const std::string& typed_key, const std::vector<TextAnswer>& answers, bool fold,
                              bool strip) {
  const TextAnswer* best = nullptr;
  for (const TextAnswer& answer : answers) {
    if (text_key(answer.text, fold, strip) == typed_key && (!best || answer.score > best->score)) best = &answer;
  }
  return best;
}

const WrongText* listed_wrong(const std::string& typed_key, const std::vector<WrongText>& wrong_answers, bool fold,
                              bool strip) {
  for (const WrongText& wrong : wrong_answers) {
    if (text_key(wrong.text, fold, strip) == typed_key) return &wrong;
  }
  return nullptr;
}

// FORMAT.md: one letter off for answers of 5 letters or more, two for 10 or more (spaces do not count).
int typos_allowed(const std::string& answer_key) {
  const auto spaces = static_cast<std::size_t>(std::count(answer_key.begin(), answer_key.end(), ' '));
  const std::size_t letters = code_point_count(answer_key) - spaces;
  return letters >= 10 ? 2 : letters >= 5 ? 1 : 0;
}

// A near miss of some accepted answer with a positive score, compared as leniently as possible (any case, no
// accents): a verdict about the closest one, or a plain wrong verdict when none is close.
TextVerdict near_miss(std::string_view typed, const std::vector<TextAnswer>& answers, const TextMatching& matching) {
  const std::string typed_key = text_key(typed, true, true);
  const TextAnswer* closest = nullptr;
  int closest_distance = 0;
  for (const TextAnswer& answer : answers) {
    if (answer.score <= 0) continue;
    const std::string answer_key = text_key(answer.text, true, true);
    const int allowed = typos_allowed(answer_key);
    const int distance = edit_distance(typed_key, answer_key, allowed);
    if (distance <= allowed && (!closest || distance < closest_distance)) {
      closest = &answer;
      closest_distance = distance;
    }
  }
  TextVerdict verdict;
  if (!closest) return verdict;
  verdict.near_miss = true;
  if (closest_distance > 0) {
    verdict.note = "Nearly: check the spelling.";
  } else if (matching.accents == AccentRule::ignored ||
             text_key(typed, true, false) == text_key(closest->text, true, false)) {
    // Equal in any case, and the earlier steps did not match: only capitals differ (case_sensitive).
    verdict.note = "Nearly: check the capital letters.";
  } else {
    verdict.note = "Nearly: check the capital letters and the accents.";
  }
  return verdict;
}

TextVerdict judge_text(std::string_view typed, const std::vector<TextAnswer>& answers,
                       const std::vector<WrongText>& wrong_answers, const TextMatching& matching) {
  const bool fold = !matching.case_sensitive;
  const bool accents_ignored = matching.accents == AccentRule::ignored;
  TextVerdict verdict;
  const std::string typed_key = text_key(typed, fold, accents_ignored);
  if (typed_key.empty()) return verdict;  // nothing typed: wrong, and not near anything

  if (const TextAnswer* answer = best_answer(typed_key, answers, fold, accents_ignored)) {
    verdict.answer = answer;
    verdict.score = answer->score;
    // Accents do not count, but the right spelling is still shown.
    if (accents_ignored && text_key(typed, fold, false) != text_key(answer->text, fold, false)) {
      verdict.note = "With accents: **" + rich_text_literal(display_form(answer->text)) + "**.";
    }
    return verdict;
  }
  if ((verdict.wrong = listed_wrong(typed_key, wrong_answers, fold, accents_ignored))) return verdict;

  if (!accents_ignored) {
    const std::string stripped_key = strip_accents(typed_key);
    const TextAnswer* answer = best_answer(stripped_key, answers, fold, true);
    if (answer && answer->score > 0) {  // half of nothing is no credit, and no near miss either
      verdict.answer = answer;
      verdict.score = 0.5 * answer->score;
      verdict.near_miss = true;
      verdict.note = "Check the accents on " + words_to_check(typed, answer->text, fold) + ".";
      return verdict;
    }
    if ((verdict.wrong = listed_wrong(stripped_key, wrong_answers, fold, true))) return verdict;
  }
  return near_miss(typed, answers, matching);
}

void add_feedback(Grade& grade, const std::string& text) {
  if (!text.empty()) grade.feedback.push_back(text);
}

// The first answer with the best score, as the author wrote it.
std::string expected_text(const std::vector<TextAnswer>& answers) {
  const TextAnswer* best = nullptr;
  for (const TextAnswer& answer : answers) {
    if (!best || answer.score > best->score) best = &answer;
  }
  return best ? rich_text_literal(collapse_spaces(compose_accents(best->text))) : std::string();
}

std::vector<TextAnswer> blank_answers(const Blank& blank) {
  std::vector<TextAnswer> answers;
  for (const std::string& text : blank.answers) answers.push_back({text, 1.0, {}});
  return answers;
}

}  // namespace

Grade grade_short_text(const ShortText& activity, const Response& response) {
  if (response.texts.size() != 1) {
    return problem_grade("a short-text answer is one typed text; the response has " +
                         std::to_string(response.texts.size()));
  }
  const TextVerdict verdict =
      judge_text(response.texts.front(), activity.answers, activity.wrong_answers, activity.matching);
  Grade grade;
  set_score(grade, verdict.score);
  if (verdict.answer) add_feedback(grade, verdict.answer->feedback);
  if (verdict.wrong) {
    add_feedback(grade, verdict.wrong->feedback);
    grade.misconception = verdict.wrong->misconception;
  }
  add_feedback(grade, verdict.note);
  grade.near_miss = verdict.near_miss;
  grade.expected = expected_text(activity.answers);
  return grade;
}

Grade grade_cloze(const Cloze& activity, const Response& response) {
  const std::size_t blanks = activity.blanks.size();
  if (blanks == 0) return problem_grade("this cloze has no blanks to fill");
  if (response.texts.size() != blanks) {
    return problem_grade("this cloze has " + std::to_string(blanks) + " blanks; the response fills " +
                         std::to_string(response.texts.size()));
  }
  Grade grade;
  std::vector<std::string> expected;
  double total = 0.0;
  for (std::size_t i = 0; i < blanks; ++i) {
    const Blank& blank = activity.blanks[i];
    const std::string& typed = response.texts[i];
    // Several blanks: say which one a note is about.
    const std::string label = blanks > 1 ? "Blank " + std::to_string(i + 1) + ": " : "";
    TextVerdict verdict;
    if (!blank.choices.empty()) {
      // A drop-down sends one of its choices exactly, or "" when none was picked.
      if (!typed.empty() && std::find(blank.choices.begin(), blank.choices.end(), typed) == blank.choices.end()) {
        return problem_grade("blank " + std::to_string(i + 1) + " is a drop-down, and \"" + typed +
                             "\" is not one of its choices");
      }
      const bool right = std::find(blank.answers.begin(), blank.answers.end(), typed) != blank.answers.end();
      verdict.score = right && !typed.empty() ? 1.0 : 0.0;
    } else {
      verdict = judge_text(typed, blank_answers(blank), {}, activity.matching);
    }
    grade.part_scores.push_back(verdict.score);
    total += verdict.score;
    grade.near_miss = grade.near_miss || verdict.near_miss;
    if (!verdict.note.empty()) grade.feedback.push_back(label + verdict.note);
    // The blank's feedback addresses a wrong answer, not a slip of spelling or accents.
    if (verdict.score < 1.0 && !verdict.near_miss && !blank.feedback.empty()) {
      grade.feedback.push_back(label + blank.feedback);
    }
    if (!blank.answers.empty()) expected.push_back(rich_text_literal(collapse_spaces(blank.answers.front())));
  }
  set_score(grade, total / static_cast<double>(blanks));
  grade.expected = join(expected, ", ");
  return grade;
}

}  // namespace pathwise::content::grading_detail
