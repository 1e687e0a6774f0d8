// A course bundle (`pathwise.bundle/1`, documented for authors in content/FORMAT.md) as plain values: what the
// loader produces, the learner model consumes and the client draws. Rich text stays as its Markdown source here;
// content/rich_text.h turns it into a display tree when it is shown.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "content/diagnostic.h"
#include "content/json_document.h"

namespace pathwise::content {

constexpr int kBundleFormatVersion = 1;

// Bayesian Knowledge Tracing parameters (Corbett & Anderson 1995); the defaults are the ones FORMAT.md states.
struct BktParameters {
  double prior = 0.1;
  double learn = 0.15;
  double guess = 0.2;
  double slip = 0.1;
  double forget = 0.0;
};

struct Skill {
  std::string id;
  std::string title;
  std::string description;
  std::vector<std::string> prerequisites;
  BktParameters bkt;
  double mastery_threshold = 0.95;
};

struct Lesson {
  std::string id;
  std::string title;
  std::vector<std::string> skills;
  std::vector<std::string> activities;  // optional display order; empty when the lesson does not give one
};

struct Unit {
  std::string id;
  std::string title;
  std::string description;
  std::vector<Lesson> lessons;
};

struct Media {
  std::string path;
  std::string alt;
};

// ---- Type-specific payloads ---------------------------------------------------------------------------------

struct Choice {
  std::string text;           // rich text
  bool correct = false;
  std::string feedback;       // rich text, shown when this choice is picked
  std::string misconception;  // tag, may be empty
};

struct SingleChoice {
  std::vector<Choice> choices;
  bool shuffle = true;
};

struct MultipleSelect {
  std::vector<Choice> choices;
  bool shuffle = true;
};

struct TrueFalse {
  bool answer = true;
  std::string feedback_wrong;
  std::string misconception;  // of the wrong answer
};

struct Tolerance {
  double absolute = 0.0;
  double relative = 0.0;
};

enum class NumberForm { any, fraction, simplest, decimal };

// How a typed number is checked; shared by `numeric` and `parameterized`.
struct NumberCheck {
  Tolerance tolerance;
  std::vector<std::string> units;
  NumberForm form = NumberForm::any;
};

struct WrongNumber {
  double value = 0.0;        // numeric: given; parameterized: computed from `formula` for each problem
  std::string formula;       // parameterized only
  std::string feedback;
  std::string misconception;
};

struct Numeric {
  double answer = 0.0;
  NumberCheck check;
  std::vector<WrongNumber> wrong_answers;
};

enum class AccentRule { required, ignored };

struct TextMatching {
  bool case_sensitive = false;
  AccentRule accents = AccentRule::required;
};

struct TextAnswer {
  std::string text;
  double score = 1.0;
  std::string feedback;
};

struct WrongText {
  std::string text;
  std::string feedback;
  std::string misconception;
};

struct ShortText {
  std::vector<TextAnswer> answers;
  TextMatching matching;
  std::vector<WrongText> wrong_answers;
};

struct Blank {
  std::vector<std::string> answers;
  std::vector<std::string> choices;  // non-empty: a drop-down
  std::string feedback;
};

struct Cloze {
  std::string passage;  // rich text with {1}, {2}, ... where the blanks go
  std::vector<Blank> blanks;
  TextMatching matching;
};

struct Ordering {
  std::vector<std::string> items;  // in the correct order
};

struct MatchPair {
  std::string left;
  std::string right;
};

struct Matching {
  std::vector<MatchPair> pairs;
  std::vector<std::string> distractors;
};

struct Flashcard {
  std::string front;
  std::string back;
  bool reverse = false;
};

struct Checkpoint;  // holds an Activity: defined after it

struct Reading {
  std::string title;
  std::string body;
  std::vector<Checkpoint> checkpoints;
};

struct VideoSource {
  std::string src;       // a path inside the bundle folder or an https:// URL
  std::string captions;  // WebVTT, optional
  std::string poster;    // optional
  double duration = 0.0; // seconds
};

struct Video {
  std::string title;
  VideoSource source;
  std::vector<Checkpoint> checkpoints;
};

struct VariableSpec {
  std::string name;
  std::vector<double> choices;  // non-empty: pick one of these
  double min = 0.0;
  double max = 0.0;
  double step = 1.0;
};

struct NamedFormula {
  std::string name;
  std::string formula;
};

struct TemplateLevel {
  double difficulty = 0.0;
  std::vector<VariableSpec> overrides;
};

struct Parameterized {
  std::vector<VariableSpec> variables;
  std::vector<std::string> constraints;
  std::vector<NamedFormula> derived;
  std::string answer;  // formula
  NumberCheck check;
  std::vector<WrongNumber> wrong_answers;
  std::vector<TemplateLevel> levels;  // at least one (the loader adds one when the bundle gives none)
};

using Payload = std::variant<SingleChoice, MultipleSelect, TrueFalse, Numeric, ShortText, Cloze, Ordering, Matching,
                             Flashcard, Reading, Video, Parameterized>;

// In the order of Payload's alternatives, so that `static_cast<ActivityType>(payload.index())` names the type.
enum class ActivityType {
  single_choice, multiple_select, true_false, numeric, short_text, cloze, ordering, matching, flashcard, reading,
  video, parameterized
};
constexpr int kActivityTypeCount = 12;

const char* activity_type_name(ActivityType type);  // "single_choice", ... as written in bundles
std::optional<ActivityType> activity_type_from_name(std::string_view name);

struct Activity {
  std::string id;                    // empty for checkpoint questions
  std::vector<std::string> skills;   // checkpoint questions: empty (they count for their video's skills)
  std::optional<double> difficulty;  // Elo-scale prior
  std::string prompt;                // rich text (flashcards: empty, see Flashcard::front)
  std::vector<std::string> hints;
  std::string explanation;
  std::string feedback_correct;
  std::string feedback_incorrect;
  std::vector<Media> media;
  int seconds = 0;                   // estimated time; the loader fills the type's default when absent
  Payload payload;

  ActivityType type() const { return static_cast<ActivityType>(payload.index()); }
};

struct Checkpoint {
  double time = 0.0;  // video only: seconds from the start
  Activity question;
};

struct Bundle {
  std::string id;
  std::string version;
  std::string title;
  std::string language;
  std::string description;
  std::vector<std::string> authors;
  std::string licence;
  std::string attribution;
  std::vector<Skill> skills;
  std::vector<Unit> units;
  std::vector<Activity> activities;

  const Skill* find_skill(std::string_view skill_id) const;
  const Activity* find_activity(std::string_view activity_id) const;
};

struct BundleOptions {
  std::size_t max_bytes = 50u * 1024u * 1024u;  // larger files are refused before parsing, with a message
  // When set, every media path (pictures, images in rich text, video, captions, posters; not URLs) is checked
  // with it and a missing file is an error at the place that names it. The core cannot see files: the caller
  // (the CLI) answers for the folder the bundle sits in.
  std::function<bool(std::string_view path)> file_exists;
};

struct BundleParse {
  std::optional<Bundle> bundle;            // present when there are no errors (warnings allowed)
  std::vector<Diagnostic> diagnostics;     // every problem found, in document order
};

// Reads and checks a bundle. `file` names it in diagnostics ("fractions.json"). Never throws; reports every
// problem it finds rather than stopping at the first.
BundleParse parse_bundle(std::string_view text, std::string_view file, const BundleOptions& options = {});

// Every media path the bundle refers to (pictures, images in rich text, video sources, captions, posters), for
// tools that check the files exist or copy them. URLs are left out.
std::vector<std::string> bundle_media_paths(const Bundle& bundle);

}  // namespace pathwise::content
