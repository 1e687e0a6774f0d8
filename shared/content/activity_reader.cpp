#include "content/activity_reader.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "content/rich_text.h"

namespace pathwise::content {

namespace {

using json::Kind;
using json::Value;

std::string at(const std::string& pointer, std::string_view key) { return json_pointer_append(pointer, key); }
std::string at(const std::string& pointer, std::size_t index) { return json_pointer_append(pointer, index); }

// Rich text is checked where it is read, so a problem points at the very string. Problems inside the text are
// warnings (the text still shows, only less well), except images that leave the bundle folder.
// `make_pointer()` gives the text's JSON pointer; it is only built when there is something to report (a large
// bundle has ~100 000 rich texts).
template <typename MakePointer>
void check_rich_text(FieldReader& reader, const Value& value, const MakePointer& make_pointer) {
  // Every problem and every image needs one of these characters; most texts have none, so they need no parse.
  std::string_view source = value.string();
  if (std::none_of(source.begin(), source.end(), [](char c) {
        switch (c) {
          case '*': case '_': case '$': case '[': case '#': case '\\': case '`': case '\n': return true;
          default: return false;
        }
      })) {
    return;
  }
  std::vector<RichTextProblem> problems;
  RichText text = parse_rich_text(value.string(), &problems);
  std::vector<std::string> images = rich_text_images(text);
  if (problems.empty() && images.empty()) return;
  const std::string pointer = make_pointer();
  for (const RichTextProblem& problem : problems) {
    std::string where = problem.line > 1 ? " (line " + std::to_string(problem.line) + " of the text)" : "";
    reader.warning(value.position, pointer, problem.message + where);
  }
  for (const std::string& image : images) {
    if (image.rfind("https://", 0) == 0) continue;
    std::string problem = relative_path_problem(image, "the image path");
    if (!problem.empty()) reader.error(value.position, pointer, problem + ": " + quoted(image));
    else reader.note_file_reference(image, value.position, pointer);
  }
}

bool rich(FieldReader& reader, const Value& object, const std::string& pointer, std::string_view key, Need need,
          std::string& out) {
  if (!reader.text(object, pointer, key, need, out)) return false;
  check_rich_text(reader, *object.find(key), [&] { return at(pointer, key); });
  return true;
}

bool rich_list(FieldReader& reader, const Value& object, const std::string& pointer, std::string_view key,
               std::vector<std::string>& out) {
  const Value* list = reader.array(object, pointer, key, Need::optional);
  if (!list) return false;
  bool ok = true;
  out.reserve(out.size() + list->elements().size());
  for (std::size_t i = 0; i < list->elements().size(); ++i) {
    const Value& element = list->elements()[i];
    if (element.kind != Kind::string) {
      reader.expect(element, at(at(pointer, key), i), Kind::string);
      ok = false;
      continue;
    }
    check_rich_text(reader, element, [&] { return at(at(pointer, key), i); });
    out.emplace_back(element.string());
  }
  return ok;
}

// A list member with a size rule; returns the array or nullptr (reported).
const Value* sized_list(FieldReader& reader, const Value& object, const std::string& pointer, std::string_view key,
                        std::size_t low, std::size_t high, const std::string& what) {
  const Value* list = reader.array(object, pointer, key, Need::required);
  if (!list) return nullptr;
  std::size_t count = list->elements().size();
  if (count < low || count > high) {
    reader.error(list->position, at(pointer, key),
                 what + " needs " + std::to_string(low) + " to " + std::to_string(high) + " entries; found " +
                     std::to_string(count));
  }
  return list;
}

void read_misconception(FieldReader& reader, const Value& object, const std::string& pointer, std::string& out) {
  if (!reader.text(object, pointer, "misconception", Need::optional, out)) return;
  if (!is_identifier(out)) {
    reader.error(object.find("misconception")->position, at(pointer, "misconception"),
                 "a misconception tag " + identifier_rule() + "; found " + quoted(out));
  }
}

// `complete` turns false when a choice's "correct" is not true/false, so that the count of correct choices,
// which would then be wrong, is not reported on top.
std::vector<Choice> read_choices(FieldReader& reader, const Value& object, const std::string& pointer,
                                 const std::string& what, bool& complete) {
  complete = true;
  std::vector<Choice> choices;
  const Value* list = sized_list(reader, object, pointer, "choices", 2, 10, what);
  if (!list) return choices;
  std::string list_pointer = at(pointer, "choices");
  std::set<std::string> texts;
  choices.reserve(list->elements().size());
  for (std::size_t i = 0; i < list->elements().size(); ++i) {
    const Value& element = list->elements()[i];
    std::string p = at(list_pointer, i);
    Choice choice;
    if (!reader.expect(element, p, Kind::object)) continue;
    reader.warn_unknown_fields(element, p, {"text", "correct", "feedback", "misconception"});
    rich(reader, element, p, "text", Need::required, choice.text);
    if (element.find("correct") && !reader.boolean(element, p, "correct", Need::optional, choice.correct)) {
      complete = false;
    }
    rich(reader, element, p, "feedback", Need::optional, choice.feedback);
    read_misconception(reader, element, p, choice.misconception);
    if (!choice.text.empty() && !texts.insert(choice.text).second) {
      reader.error(element.position, p, "the choice " + quoted(choice.text) + " appears twice");
    }
    choices.push_back(std::move(choice));
  }
  return choices;
}

long count_correct(const std::vector<Choice>& choices) {
  return std::count_if(choices.begin(), choices.end(), [](const Choice& c) { return c.correct; });
}

SingleChoice read_single_choice(FieldReader& reader, const Value& object, const std::string& pointer) {
  SingleChoice payload;
  bool complete = true;
  payload.choices = read_choices(reader, object, pointer, "a single-choice activity", complete);
  reader.boolean(object, pointer, "shuffle", Need::optional, payload.shuffle);
  if (const Value* list = object.find("choices"); complete && list && list->kind == Kind::array) {
    long correct = count_correct(payload.choices);
    if (correct != 1) {
      reader.error(list->position, at(pointer, "choices"),
                   "a single-choice activity needs exactly one correct choice; found " + std::to_string(correct));
    }
  }
  return payload;
}

MultipleSelect read_multiple_select(FieldReader& reader, const Value& object, const std::string& pointer) {
  MultipleSelect payload;
  bool complete = true;
  payload.choices = read_choices(reader, object, pointer, "a multiple-select activity", complete);
  reader.boolean(object, pointer, "shuffle", Need::optional, payload.shuffle);
  if (const Value* list = object.find("choices"); complete && list && list->kind == Kind::array) {
    if (count_correct(payload.choices) == 0) {
      reader.error(list->position, at(pointer, "choices"),
                   "a multiple-select activity needs at least one correct choice; found 0");
    }
  }
  return payload;
}

TrueFalse read_true_false(FieldReader& reader, const Value& object, const std::string& pointer) {
  TrueFalse payload;
  reader.boolean(object, pointer, "answer", Need::required, payload.answer);
  rich(reader, object, pointer, "feedback_wrong", Need::optional, payload.feedback_wrong);
  read_misconception(reader, object, pointer, payload.misconception);
  return payload;
}

NumberCheck read_number_check(FieldReader& reader, const Value& object, const std::string& pointer) {
  NumberCheck check;
  if (const Value* tolerance = reader.object(object, pointer, "tolerance", Need::optional)) {
    std::string p = at(pointer, "tolerance");
    reader.warn_unknown_fields(*tolerance, p, {"absolute", "relative"});
    reader.number_in(*tolerance, p, "absolute", Need::optional, 0.0, 1e12, check.tolerance.absolute);
    reader.number_in(*tolerance, p, "relative", Need::optional, 0.0, 1.0, check.tolerance.relative);
  }
  if (reader.text_list(object, pointer, "units", Need::optional, check.units)) {
    for (std::size_t i = 0; i < check.units.size(); ++i) {
      if (check.units[i].empty() || check.units[i].size() > 32) {
        reader.error(object.find("units")->elements()[i].position, at(at(pointer, "units"), i),
                     "a unit must be 1 to 32 characters");
      }
    }
  }
  std::string form;
  if (reader.text(object, pointer, "form", Need::optional, form)) {
    if (form == "any") check.form = NumberForm::any;
    else if (form == "fraction") check.form = NumberForm::fraction;
    else if (form == "simplest") check.form = NumberForm::simplest;
    else if (form == "decimal") check.form = NumberForm::decimal;
    else reader.error(object.find("form")->position, at(pointer, "form"),
                      "\"form\" must be \"any\", \"fraction\", \"simplest\" or \"decimal\"; found " + quoted(form));
  }
  return check;
}

// Wrong answers of numeric activities (`value`) and templates (`formula`).
std::vector<WrongNumber> read_wrong_numbers(FieldReader& reader, const Value& object, const std::string& pointer,
                                            bool formulas) {
  std::vector<WrongNumber> wrongs;
  const Value* list = reader.array(object, pointer, "wrong_answers", Need::optional);
  if (!list) return wrongs;
  wrongs.reserve(list->elements().size());
  for (std::size_t i = 0; i < list->elements().size(); ++i) {
    const Value& element = list->elements()[i];
    std::string p = at(at(pointer, "wrong_answers"), i);
    if (!reader.expect(element, p, Kind::object)) continue;
    WrongNumber wrong;
    reader.warn_unknown_fields(element, p, {formulas ? "formula" : "value", "feedback", "misconception"});
    if (formulas) reader.text(element, p, "formula", Need::required, wrong.formula);
    else reader.number(element, p, "value", Need::required, wrong.value);
    rich(reader, element, p, "feedback", Need::required, wrong.feedback);
    read_misconception(reader, element, p, wrong.misconception);
    wrongs.push_back(std::move(wrong));
  }
  return wrongs;
}

Numeric read_numeric(FieldReader& reader, const Value& object, const std::string& pointer) {
  Numeric payload;
  reader.number(object, pointer, "answer", Need::required, payload.answer);
  payload.check = read_number_check(reader, object, pointer);
  payload.wrong_answers = read_wrong_numbers(reader, object, pointer, false);
  return payload;
}

TextMatching read_text_matching(FieldReader& reader, const Value& object, const std::string& pointer) {
  TextMatching matching;
  reader.boolean(object, pointer, "case_sensitive", Need::optional, matching.case_sensitive);
  std::string accents;
  if (reader.text(object, pointer, "accents", Need::optional, accents)) {
    if (accents == "required") matching.accents = AccentRule::required;
    else if (accents == "ignored") matching.accents = AccentRule::ignored;
    else reader.error(object.find("accents")->position, at(pointer, "accents"),
                      "\"accents\" must be \"required\" or \"ignored\"; found " + quoted(accents));
  }
  return matching;
}

ShortText read_short_text(FieldReader& reader, const Value& object, const std::string& pointer) {
  ShortText payload;
  payload.matching = read_text_matching(reader, object, pointer);
  if (const Value* list = sized_list(reader, object, pointer, "answers", 1, 50, "a short-text activity")) {
    bool full_credit = false;
    payload.answers.reserve(list->elements().size());
    for (std::size_t i = 0; i < list->elements().size(); ++i) {
      const Value& element = list->elements()[i];
      std::string p = at(at(pointer, "answers"), i);
      if (!reader.expect(element, p, Kind::object)) continue;
      TextAnswer answer;
      reader.warn_unknown_fields(element, p, {"text", "score", "feedback"});
      if (reader.text(element, p, "text", Need::required, answer.text) && answer.text.find_first_not_of(" \t") ==
                                                                              std::string::npos) {
        reader.error(element.find("text")->position, at(p, "text"), "an accepted answer is empty");
      }
      reader.number_in(element, p, "score", Need::optional, 0.0, 1.0, answer.score);
      rich(reader, element, p, "feedback", Need::optional, answer.feedback);
      full_credit |= answer.score >= 1.0;
      payload.answers.push_back(std::move(answer));
    }
    if (!full_credit && !list->elements().empty()) {
      reader.error(list->position, at(pointer, "answers"),
                   "a short-text activity needs at least one answer with full credit (score 1)");
    }
  }
  const Value* wrongs = reader.array(object, pointer, "wrong_answers", Need::optional);
  if (wrongs) payload.wrong_answers.reserve(wrongs->elements().size());
  for (std::size_t i = 0; wrongs && i < wrongs->elements().size(); ++i) {
    const Value& element = wrongs->elements()[i];
    std::string p = at(at(pointer, "wrong_answers"), i);
    if (!reader.expect(element, p, Kind::object)) continue;
    WrongText wrong;
    reader.warn_unknown_fields(element, p, {"text", "feedback", "misconception"});
    reader.text(element, p, "text", Need::required, wrong.text);
    rich(reader, element, p, "feedback", Need::required, wrong.feedback);
    read_misconception(reader, element, p, wrong.misconception);
    payload.wrong_answers.push_back(std::move(wrong));
  }
  return payload;
}

// The numbers of the {n} markers in a cloze passage, in order of appearance.
std::vector<long> blank_markers(std::string_view passage) {
  std::vector<long> markers;
  for (std::size_t i = 0; i < passage.size(); ++i) {
    if (passage[i] != '{' || (i > 0 && passage[i - 1] == '\\')) continue;
    std::size_t j = i + 1;
    long number = 0;
    while (j < passage.size() && j - i <= 4 && passage[j] >= '0' && passage[j] <= '9') {
      number = number * 10 + (passage[j] - '0');
      ++j;
    }
    if (j > i + 1 && j < passage.size() && passage[j] == '}') markers.push_back(number);
  }
  return markers;
}

Cloze read_cloze(FieldReader& reader, const Value& object, const std::string& pointer) {
  Cloze payload;
  payload.matching = read_text_matching(reader, object, pointer);
  bool has_passage = rich(reader, object, pointer, "passage", Need::required, payload.passage);
  const Value* list = sized_list(reader, object, pointer, "blanks", 1, 30, "a cloze activity");
  if (!list) return payload;
  payload.blanks.reserve(list->elements().size());
  for (std::size_t i = 0; i < list->elements().size(); ++i) {
    const Value& element = list->elements()[i];
    std::string p = at(at(pointer, "blanks"), i);
    Blank blank;
    if (reader.expect(element, p, Kind::object)) {
      reader.warn_unknown_fields(element, p, {"answers", "choices", "feedback"});
      bool answers_read = reader.text_list(element, p, "answers", Need::required, blank.answers);
      reader.text_list(element, p, "choices", Need::optional, blank.choices);
      rich(reader, element, p, "feedback", Need::optional, blank.feedback);
      if (answers_read && blank.answers.empty()) {
        reader.error(element.find("answers")->position, at(p, "answers"), "a blank needs at least one answer");
      }
      for (const std::string& answer : blank.answers) {
        if (!blank.choices.empty() && std::find(blank.choices.begin(), blank.choices.end(), answer) == blank.choices.end()) {
          reader.error(element.find("choices")->position, at(p, "choices"),
                       "the answer " + quoted(answer) + " is not among this drop-down blank's choices");
        }
      }
    }
    payload.blanks.push_back(std::move(blank));
  }
  if (!has_passage) return payload;
  const Value& passage = *object.find("passage");
  std::vector<long> markers = blank_markers(payload.passage);
  std::vector<int> uses(payload.blanks.size() + 1, 0);
  for (long marker : markers) {
    if (marker < 1 || marker > static_cast<long>(payload.blanks.size())) {
      reader.error(passage.position, at(pointer, "passage"),
                   "the passage has a blank {" + std::to_string(marker) + "} but only " +
                       std::to_string(payload.blanks.size()) + " blanks are described");
    } else {
      ++uses[static_cast<std::size_t>(marker)];
    }
  }
  for (std::size_t n = 1; n < uses.size(); ++n) {
    if (uses[n] != 1) {
      reader.error(passage.position, at(pointer, "passage"),
                   "the blank {" + std::to_string(n) + "} must appear exactly once in the passage; found " +
                       std::to_string(uses[n]));
    }
  }
  return payload;
}

Ordering read_ordering(FieldReader& reader, const Value& object, const std::string& pointer) {
  Ordering payload;
  if (sized_list(reader, object, pointer, "items", 2, 12, "an ordering activity")) {
    rich_list(reader, object, pointer, "items", payload.items);
    std::set<std::string> seen(payload.items.begin(), payload.items.end());
    if (seen.size() != payload.items.size()) {
      reader.error(object.find("items")->position, at(pointer, "items"),
                   "two items are the same, so their order cannot be checked");
    }
  }
  return payload;
}

Matching read_matching(FieldReader& reader, const Value& object, const std::string& pointer) {
  Matching payload;
  std::set<std::string> lefts;
  std::set<std::string> rights;
  if (const Value* list = sized_list(reader, object, pointer, "pairs", 2, 12, "a matching activity")) {
    payload.pairs.reserve(list->elements().size());
    for (std::size_t i = 0; i < list->elements().size(); ++i) {
      const Value& element = list->elements()[i];
      std::string p = at(at(pointer, "pairs"), i);
      if (!reader.expect(element, p, Kind::object)) continue;
      MatchPair pair;
      reader.warn_unknown_fields(element, p, {"left", "right"});
      rich(reader, element, p, "left", Need::required, pair.left);
      rich(reader, element, p, "right", Need::required, pair.right);
      if (!lefts.insert(pair.left).second || !rights.insert(pair.right).second) {
        reader.error(element.position, p, "two pairs share a side, so the matching would be ambiguous");
      }
      payload.pairs.push_back(std::move(pair));
    }
  }
  if (rich_list(reader, object, pointer, "distractors", payload.distractors)) {
    for (const std::string& distractor : payload.distractors) {
      if (!rights.insert(distractor).second) {
        reader.error(object.find("distractors")->position, at(pointer, "distractors"),
                     "the distractor " + quoted(distractor) + " is also a right answer");
      }
    }
  }
  return payload;
}

Flashcard read_flashcard(FieldReader& reader, const Value& object, const std::string& pointer) {
  Flashcard payload;
  rich(reader, object, pointer, "front", Need::required, payload.front);
  rich(reader, object, pointer, "back", Need::required, payload.back);
  reader.boolean(object, pointer, "reverse", Need::optional, payload.reverse);
  return payload;
}

std::vector<Checkpoint> read_checkpoints(FieldReader& reader, const Value& object, const std::string& pointer,
                                         bool timed) {
  std::vector<Checkpoint> checkpoints;
  const Value* list = reader.array(object, pointer, "checkpoints", Need::optional);
  if (!list) return checkpoints;
  checkpoints.reserve(list->elements().size());
  double previous_time = -1.0;
  for (std::size_t i = 0; i < list->elements().size(); ++i) {
    const Value& element = list->elements()[i];
    std::string p = at(at(pointer, "checkpoints"), i);
    if (!reader.expect(element, p, Kind::object)) continue;
    Checkpoint checkpoint;
    if (timed) {
      reader.warn_unknown_fields(element, p, {"time", "question"});
      if (reader.number_in(element, p, "time", Need::required, 0.0, 86400.0, checkpoint.time)) {
        if (checkpoint.time <= previous_time) {
          reader.error(element.find("time")->position, at(p, "time"),
                       "checkpoint times must increase; this one is not after the previous one");
        }
        previous_time = checkpoint.time;
      }
    } else {
      reader.warn_unknown_fields(element, p, {"question"});
    }
    if (const Value* question = reader.object(element, p, "question", Need::required)) {
      checkpoint.question = read_activity(reader, *question, at(p, "question"), ActivityRole::checkpoint);
    }
    checkpoints.push_back(std::move(checkpoint));
  }
  return checkpoints;
}

Reading read_reading(FieldReader& reader, const Value& object, const std::string& pointer) {
  Reading payload;
  reader.text(object, pointer, "title", Need::optional, payload.title);
  rich(reader, object, pointer, "body", Need::required, payload.body);
  payload.checkpoints = read_checkpoints(reader, object, pointer, false);
  return payload;
}

bool is_https_url(std::string_view text) { return text.rfind("https://", 0) == 0 && text.size() > 8; }

void read_media_path(FieldReader& reader, const Value& object, const std::string& pointer, std::string_view key,
                     Need need, bool allow_url, std::string& out) {
  if (!reader.text(object, pointer, key, need, out)) return;
  if (allow_url && is_https_url(out)) {
    // Allowed by the format, but the served page's Content-Security-Policy keeps every request on the site
    // itself (shell/index.html): the browser will not load it there.
    reader.warning(object.find(key)->position, at(pointer, key),
                   "Pathwise's page only loads files of its own site (its Content-Security-Policy), so " +
                       quoted(out) + " will not play; put the file in the course's folder");
    return;
  }
  std::string problem = relative_path_problem(out, "the media path");
  if (!problem.empty()) {
    if (allow_url && out.find("://") != std::string::npos) problem = "a video URL must start with https://";
    reader.error(object.find(key)->position, at(pointer, key), problem + ": " + quoted(out));
  } else {
    reader.note_file_reference(out, object.find(key)->position, at(pointer, key));
  }
}

Video read_video(FieldReader& reader, const Value& object, const std::string& pointer) {
  Video payload;
  reader.text(object, pointer, "title", Need::optional, payload.title);
  if (const Value* source = reader.object(object, pointer, "video", Need::required)) {
    std::string p = at(pointer, "video");
    reader.warn_unknown_fields(*source, p, {"src", "captions", "poster", "duration"});
    read_media_path(reader, *source, p, "src", Need::required, true, payload.source.src);
    read_media_path(reader, *source, p, "captions", Need::optional, true, payload.source.captions);
    read_media_path(reader, *source, p, "poster", Need::optional, true, payload.source.poster);
    reader.number_in(*source, p, "duration", Need::required, 1.0, 86400.0, payload.source.duration);
  }
  payload.checkpoints = read_checkpoints(reader, object, pointer, true);
  for (std::size_t i = 0; i < payload.checkpoints.size(); ++i) {
    if (payload.source.duration > 0 && payload.checkpoints[i].time > payload.source.duration) {
      const Value& element = object.find("checkpoints")->elements()[i];
      reader.error(element.position, at(at(pointer, "checkpoints"), i),
                   "this checkpoint comes after the end of the video (" +
                       std::to_string(static_cast<long>(payload.source.duration)) + " s)");
    }
  }
  return payload;
}

std::vector<VariableSpec> read_variables(FieldReader& reader, const Value& object, const std::string& pointer,
                                         Need need) {
  std::vector<VariableSpec> variables;
  const Value* map = reader.object(object, pointer, "variables", need);
  if (!map) return variables;
  std::string map_pointer = at(pointer, "variables");
  for (const json::Member& member : map->members()) {
    std::string p = at(map_pointer, member.key);
    VariableSpec spec;
    spec.name = std::string(member.key);
    if (!reader.expect(member.value, p, Kind::object)) continue;
    const Value& value = member.value;
    if (value.find("choices")) {
      reader.warn_unknown_fields(value, p, {"choices"});
      const Value* choices = reader.array(value, p, "choices", Need::required);
      for (std::size_t i = 0; choices && i < choices->elements().size(); ++i) {
        const Value& choice = choices->elements()[i];
        if (reader.expect(choice, at(at(p, "choices"), i), Kind::number)) spec.choices.push_back(choice.number());
      }
      if (choices && choices->elements().empty()) {
        reader.error(choices->position, at(p, "choices"), "a variable needs at least one choice");
      }
    } else {
      reader.warn_unknown_fields(value, p, {"min", "max", "step"});
      bool ok = reader.number_in(value, p, "min", Need::required, -1e9, 1e9, spec.min);
      ok &= reader.number_in(value, p, "max", Need::required, -1e9, 1e9, spec.max);
      ok &= !value.find("step") || reader.number_in(value, p, "step", Need::optional, 1e-9, 1e9, spec.step);
      if (ok && spec.max < spec.min) {
        reader.error(value.position, p, "\"max\" is below \"min\"");
      } else if (ok && (spec.max - spec.min) / spec.step > 1e6) {
        reader.error(value.position, p, "this range has more than a million values; use a larger \"step\"");
      }
    }
    variables.push_back(std::move(spec));
  }
  return variables;
}

Parameterized read_parameterized(FieldReader& reader, const Value& object, const std::string& pointer) {
  Parameterized payload;
  payload.variables = read_variables(reader, object, pointer, Need::required);
  for (const VariableSpec& spec : payload.variables) {
    bool starts_with_letter = !spec.name.empty() && spec.name[0] >= 'a' && spec.name[0] <= 'z';
    if (!is_identifier(spec.name) || !starts_with_letter || spec.name.find('-') != std::string::npos) {
      // Names appear in formulas, where "-" means minus.
      reader.error(object.find("variables")->position, at(pointer, "variables"),
                   "the variable name " + quoted(spec.name) +
                       " must be lower-case letters and digits, starting with a letter");
    }
  }
  reader.text_list(object, pointer, "constraints", Need::optional, payload.constraints);
  if (const Value* derived = reader.object(object, pointer, "derived", Need::optional)) {
    for (const json::Member& member : derived->members()) {
      if (reader.expect(member.value, at(at(pointer, "derived"), member.key), Kind::string)) {
        payload.derived.push_back({std::string(member.key), std::string(member.value.string())});
      }
    }
  }
  reader.text(object, pointer, "answer", Need::required, payload.answer);
  payload.check = read_number_check(reader, object, pointer);
  payload.wrong_answers = read_wrong_numbers(reader, object, pointer, true);
  if (const Value* levels = reader.array(object, pointer, "levels", Need::optional)) {
    double previous = -1e9;
    for (std::size_t i = 0; i < levels->elements().size(); ++i) {
      const Value& element = levels->elements()[i];
      std::string p = at(at(pointer, "levels"), i);
      if (!reader.expect(element, p, Kind::object)) continue;
      TemplateLevel level;
      reader.warn_unknown_fields(element, p, {"difficulty", "variables"});
      if (reader.number_in(element, p, "difficulty", Need::required, -6.0, 6.0, level.difficulty)) {
        if (level.difficulty < previous) {
          reader.warning(element.find("difficulty")->position, at(p, "difficulty"),
                         "levels should go from easiest to hardest; this one is easier than the one before");
        }
        previous = level.difficulty;
      }
      level.overrides = read_variables(reader, element, p, Need::optional);
      for (const VariableSpec& spec : level.overrides) {
        bool known = std::any_of(payload.variables.begin(), payload.variables.end(),
                                 [&](const VariableSpec& v) { return v.name == spec.name; });
        if (!known) {
          reader.error(element.find("variables")->position, at(p, "variables"),
                       "this level sets " + quoted(spec.name) + ", which is not one of the template's variables");
        }
      }
      payload.levels.push_back(std::move(level));
    }
    if (levels->elements().empty()) reader.error(levels->position, at(pointer, "levels"), "\"levels\" is empty");
  }
  return payload;
}

Payload read_payload(ActivityType type, FieldReader& reader, const Value& object, const std::string& pointer) {
  switch (type) {
    case ActivityType::single_choice: return read_single_choice(reader, object, pointer);
    case ActivityType::multiple_select: return read_multiple_select(reader, object, pointer);
    case ActivityType::true_false: return read_true_false(reader, object, pointer);
    case ActivityType::numeric: return read_numeric(reader, object, pointer);
    case ActivityType::short_text: return read_short_text(reader, object, pointer);
    case ActivityType::cloze: return read_cloze(reader, object, pointer);
    case ActivityType::ordering: return read_ordering(reader, object, pointer);
    case ActivityType::matching: return read_matching(reader, object, pointer);
    case ActivityType::flashcard: return read_flashcard(reader, object, pointer);
    case ActivityType::reading: return read_reading(reader, object, pointer);
    case ActivityType::video: return read_video(reader, object, pointer);
    case ActivityType::parameterized: return read_parameterized(reader, object, pointer);
  }
  return SingleChoice{};
}

// The fields each type accepts beyond the common ones, for unknown-field warnings.
std::vector<std::string_view> payload_fields(ActivityType type) {
  switch (type) {
    case ActivityType::single_choice:
    case ActivityType::multiple_select: return {"choices", "shuffle"};
    case ActivityType::true_false: return {"answer", "feedback_wrong", "misconception"};
    case ActivityType::numeric: return {"answer", "tolerance", "units", "form", "wrong_answers"};
    case ActivityType::short_text: return {"answers", "case_sensitive", "accents", "wrong_answers"};
    case ActivityType::cloze: return {"passage", "blanks", "case_sensitive", "accents"};
    case ActivityType::ordering: return {"items"};
    case ActivityType::matching: return {"pairs", "distractors"};
    case ActivityType::flashcard: return {"front", "back", "reverse"};
    case ActivityType::reading: return {"title", "body", "checkpoints"};
    case ActivityType::video: return {"title", "video", "checkpoints"};
    case ActivityType::parameterized:
      return {"variables", "constraints", "derived", "answer", "tolerance", "units", "form", "wrong_answers", "levels"};
  }
  return {};
}

bool allowed_as_checkpoint(ActivityType type) {
  return type == ActivityType::single_choice || type == ActivityType::multiple_select ||
         type == ActivityType::true_false || type == ActivityType::numeric || type == ActivityType::short_text;
}

void warn_unknown_activity_fields(FieldReader& reader, const Value& object, const std::string& pointer,
                                  ActivityType type, ActivityRole role) {
  static const std::vector<std::string_view> common = {"id", "type", "skills", "difficulty", "prompt", "hints",
                                                       "explanation", "feedback", "media", "seconds"};
  std::vector<std::string_view> known = payload_fields(type);
  for (const json::Member& member : object.members()) {
    bool is_common = std::find(common.begin(), common.end(), member.key) != common.end();
    bool is_known = std::find(known.begin(), known.end(), member.key) != known.end();
    if (role == ActivityRole::checkpoint && (member.key == "id" || member.key == "skills")) {
      reader.warning(member.key_position, at(pointer, member.key),
                     quoted(member.key) + " is ignored in a checkpoint question (it belongs to its activity)");
    } else if (!is_common && !is_known) {
      reader.warning(member.key_position, at(pointer, member.key),
                     "unknown field " + quoted(member.key) + " is ignored (a " + activity_type_name(type) +
                         " activity does not use it, a newer Pathwise may, or it is misspelt)");
    }
  }
}

void read_media(FieldReader& reader, const Value& object, const std::string& pointer, std::vector<Media>& out) {
  const Value* list = reader.array(object, pointer, "media", Need::optional);
  if (list) out.reserve(out.size() + list->elements().size());
  for (std::size_t i = 0; list && i < list->elements().size(); ++i) {
    const Value& element = list->elements()[i];
    std::string p = at(at(pointer, "media"), i);
    if (!reader.expect(element, p, Kind::object)) continue;
    Media media;
    reader.warn_unknown_fields(element, p, {"path", "alt"});
    read_media_path(reader, element, p, "path", Need::required, false, media.path);
    if (reader.text(element, p, "alt", Need::required, media.alt) && media.alt.empty()) {
      reader.error(element.find("alt")->position, at(p, "alt"),
                   "a picture needs a description (\"alt\") for students who cannot see it");
    }
    out.push_back(std::move(media));
  }
}

}  // namespace

int default_seconds(ActivityType type) {
  switch (type) {
    case ActivityType::true_false: return 15;
    case ActivityType::flashcard: return 10;
    case ActivityType::single_choice: return 30;
    case ActivityType::short_text: return 40;
    case ActivityType::multiple_select:
    case ActivityType::numeric:
    case ActivityType::ordering:
    case ActivityType::parameterized: return 45;
    case ActivityType::cloze:
    case ActivityType::matching: return 60;
    case ActivityType::reading: return 120;
    case ActivityType::video: return 180;
  }
  return 30;
}

Activity read_activity(FieldReader& reader, const Value& value, const std::string& pointer, ActivityRole role) {
  Activity activity;
  if (!reader.expect(value, pointer, Kind::object)) return activity;
  if (role == ActivityRole::activity) {
    reader.id(value, pointer, "an activity id", activity.id);
    if (reader.text_list(value, pointer, "skills", Need::required, activity.skills) && activity.skills.empty()) {
      reader.error(value.find("skills")->position, at(pointer, "skills"),
                   "an activity must practise at least one skill");
    }
  }
  std::string type_name;
  std::optional<ActivityType> type;
  if (reader.text(value, pointer, "type", Need::required, type_name)) {
    type = activity_type_from_name(type_name);
    if (!type) {
      reader.error(value.find("type")->position, at(pointer, "type"),
                   "unknown activity type " + quoted(type_name) +
                       "; the types are single_choice, multiple_select, true_false, numeric, short_text, cloze, "
                       "ordering, matching, flashcard, reading, video, parameterized");
    } else if (role == ActivityRole::checkpoint && !allowed_as_checkpoint(*type)) {
      reader.error(value.find("type")->position, at(pointer, "type"),
                   "a checkpoint question must be single_choice, multiple_select, true_false, numeric or "
                   "short_text; found " + quoted(type_name));
      type.reset();
    }
  }
  if (!type) return activity;

  warn_unknown_activity_fields(reader, value, pointer, *type, role);
  bool needs_prompt = *type != ActivityType::flashcard && *type != ActivityType::reading;
  rich(reader, value, pointer, "prompt", needs_prompt ? Need::required : Need::optional, activity.prompt);
  rich_list(reader, value, pointer, "hints", activity.hints);
  rich(reader, value, pointer, "explanation", Need::optional, activity.explanation);
  if (const Value* feedback = reader.object(value, pointer, "feedback", Need::optional)) {
    std::string p = at(pointer, "feedback");
    reader.warn_unknown_fields(*feedback, p, {"correct", "incorrect"});
    rich(reader, *feedback, p, "correct", Need::optional, activity.feedback_correct);
    rich(reader, *feedback, p, "incorrect", Need::optional, activity.feedback_incorrect);
  }
  read_media(reader, value, pointer, activity.media);
  double difficulty = 0.0;
  if (reader.number_in(value, pointer, "difficulty", Need::optional, -6.0, 6.0, difficulty)) {
    activity.difficulty = difficulty;
  }
  double seconds = default_seconds(*type);
  reader.number_in(value, pointer, "seconds", Need::optional, 1.0, 3600.0, seconds);
  activity.seconds = static_cast<int>(std::lround(seconds));
  activity.payload = read_payload(*type, reader, value, pointer);
  if (*type == ActivityType::video && !value.find("seconds")) {
    const Video& video = std::get<Video>(activity.payload);
    activity.seconds = static_cast<int>(std::lround(video.source.duration)) + 30 * static_cast<int>(video.checkpoints.size());
  }
  if (auto* parameterized = std::get_if<Parameterized>(&activity.payload); parameterized && parameterized->levels.empty()) {
    parameterized->levels.push_back({activity.difficulty.value_or(0.0), {}});
  }
  return activity;
}

}  // namespace pathwise::content
