// Activity renderers: one file per activity type (render_<type>.cpp), each drawing its activity and the answer
// being composed, and turning that answer into a content::Response for the core to grade. Renderers never grade
// and never store: the activity screen (screen_practice.cpp) calls the core's grader and records the attempt.
// What every type shares (hints one at a time, feedback, the worked explanation, the confidence rating, points,
// the Check / Next buttons) is drawn by the screen, not here. Points and their speed bonus are the core's
// (learner/points.h).
//
// Item paths: a renderer names its widgets under `Context::path` ("practice", or "practice/checkpoint/2" for a
// question inside a reading or a video), e.g. "practice/choice/3", "practice/answer", "practice/blank/1".
// tests/e2e/README.md lists them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/platform.h"
#include "app/widgets.h"
#include "content/bundle.h"
#include "content/grading.h"
#include "content/problem_template.h"

namespace pathwise::client::activity {

// The answer being composed for one activity (or one checkpoint question), whatever its type. Each renderer
// uses the members its type needs and documents which.
struct Draft {
  std::vector<int> order;          // display order: choices (shuffled), matching's right-hand options, ordering's
                                   // items as currently placed
  std::vector<int> selected;       // single_choice {index}; multiple_select: ticked indices; matching: per pair,
                                   // the option index (matching_options order) or -1
  std::optional<bool> truth;       // true_false
  std::vector<std::string> texts;  // numeric, short_text, parameterized: {typed}; cloze: one per blank
  int rating = 0;                  // flashcard: 1 Again .. 4 Easy
  bool revealed = false;           // flashcard: the back is shown
  int held = -1;                   // ordering, matching: the item picked up (by a drag or by the keyboard)
  bool moved = false;              // ordering: the learner moved something (an untouched order is not "ready")
  // reading, video: one draft per checkpoint question, and each one's grade once checked (a video checks each
  // question when it is answered, so the learner gets feedback before the video goes on).
  std::vector<Draft> checkpoints;
  std::vector<std::optional<content::Grade>> checkpoint_grades;
  int checkpoint = -1;             // video: the checkpoint the video stopped at, -1 while playing
  double video_position = 0.0;     // video: seconds reached
  bool video_finished = false;     // video: played to the end (or the learner skipped to the questions)
};

// What a renderer's draw() says about the answer after this frame.
enum class Ask {
  incomplete,  // not yet answerable: the Check button stays disabled
  ready,       // complete: Check is enabled (Enter checks too)
  submit,      // submit now, without Check (a flashcard's rating, a reading's "Done", a video's last question)
};

struct Context {
  const content::Activity& activity;
  const content::GeneratedProblem* problem;  // parameterized: the generated problem, else nullptr
  Draft& draft;
  const content::Grade* grade;               // set once checked: draw the answer read-only, marked right/wrong
                                             // per part (grade->part_scores), nothing editable
  std::string path;                          // item path prefix
  Platform& platform;
  float ui_scale = 1.0f;                     // physical pixels per CSS pixel
};

struct Renderer {
  // Starts a fresh draft for the activity: display orders (shuffled with `entropy`), empty blanks, one draft
  // per checkpoint.
  void (*begin)(const content::Activity& activity, Draft& draft, std::uint64_t entropy);
  // Draws the whole activity (its prompt too) and the answer controls; once ctx.grade is set, the marked answer.
  Ask (*draw)(Context& ctx);
  // The draft as the grader takes it (content/grading.h documents each type's Response).
  content::Response (*response)(const content::Activity& activity, const Draft& draft);
  // The answer in words, for the learner's history and teachers' reports ("3/4", "rojo, verde").
  std::string (*said)(const content::Activity& activity, const Draft& draft);
  // False while a type has no renderer yet: the path engine is then not asked for activities of that type.
  bool available = true;
};

const Renderer& renderer_for(content::ActivityType type);

// Each type's renderer, defined in its own render_<type>.cpp.
extern const Renderer kSingleChoice, kMultipleSelect, kTrueFalse, kNumeric, kShortText, kCloze, kOrdering,
    kMatching, kFlashcard, kReading, kVideo, kParameterized;

// Helpers shared by renderers (renderer.cpp).
// Fisher–Yates over 0..count-1, seeded: the same entropy gives the same order.
std::vector<int> shuffled_indices(int count, std::uint64_t entropy);
// A reading's or a video's checkpoint questions: the response of each, in order (what the core grades), and
// each one's answer in words, "; " between them ("true; 1/2").
content::Response checkpoints_response(const std::vector<content::Checkpoint>& checkpoints, const Draft& draft);
std::string checkpoints_said(const std::vector<content::Checkpoint>& checkpoints, const Draft& draft);
// The item path `ctx.path + "/" + leaf`.
std::string item_path(const Context& ctx, const std::string& leaf);
// The activity's prompt as rich text, then its pictures (the activity's `media`; drawn by rich_text_view.h).
void draw_prompt(const Context& ctx, const std::string& rich_prompt);
// The phone keyboard for typing a number checked by `check` against `answer`: the numeric one (digits and a
// decimal separator) when the answer can be typed with those alone, else the full keyboard, which has "/" for
// fractions and "-" for negatives (iOS's decimal pad has neither).
ui::TextMode keyboard_for_number(const content::NumberCheck& check, double answer);
// The activity's pictures (`media`) as figures, "<path>/media/<index>", except those `shown_rich_text` already
// shows itself.
void draw_media(const Context& ctx, const std::string& shown_rich_text);

}  // namespace pathwise::client::activity
