// Noticing when a learner is stuck, and what to do about it. Each detector looks at a skill's recent attempts in
// the learner state and raises a typed blockage carrying its evidence (the events, and a sentence a teacher can
// read). Blockages stay in the learner state after they resolve, so a teacher view can show them later.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "learner/clock_time.h"
#include "learner/events.h"

namespace pathwise::learner {

enum class BlockageKind {
  wheel_spinning,          // many attempts without mastery (Beck & Gong 2013)
  hint_abuse,              // hints asked within seconds, again and again
  repeated_misconception,  // the same misconception tag again and again
  rapid_guessing,          // answers faster than anyone could read the question, and wrong
  inactivity,              // an activity on screen for a long time with no answer
};

// What the path engine does about a blockage.
enum class Remedy {
  worked_example,  // show a worked example (an activity's explanation, or a reading) before more practice
  easier_variant,  // practise the same skill at an easier level (target success 0.9)
  step_back,       // practise a weak prerequisite first (the inner fringe below the blocked skill)
  ask_teacher,     // suggest asking the teacher; the learner may still go on
};

const char* blockage_kind_name(BlockageKind kind);  // "wheel_spinning", ...
const char* remedy_name(Remedy remedy);             // "worked_example", ...

struct BlockageSettings {
  int wheel_spinning_attempts = 10;   // Beck & Gong 2013: ten attempts without mastery
  int mastery_streak = 3;             // ...where three correct in a row also counts as mastery (Beck & Gong)
  int ask_teacher_attempts = 20;      // still no mastery after this many: suggest the teacher
  double quick_hint_seconds = 5.0;    // a first hint asked this soon after the activity appeared
  int quick_hint_count = 3;           // on this many of the skill's last `window` attempts
  double rapid_fraction = 0.2;        // an answer faster than this fraction of the estimated time...
  double rapid_min_seconds = 2.0;     // ...or of this many seconds, whichever is longer
  int rapid_count = 3;                // wrong and rapid on this many of the last `window` attempts
  int window = 5;
  int misconception_repeats = 3;      // the same tag this many times among the skill's last 10 attempts
  double inactivity_seconds = 180.0;  // an activity on screen this long without an answer (at least 4× its
                                      // estimated time)
  int resolve_after_good = 3;         // hint abuse and rapid guessing resolve after this many normal attempts
};

struct Blockage {
  BlockageKind kind = BlockageKind::wheel_spinning;
  int skill = -1;                   // index into the course's skills
  std::string activity;             // the activity involved, when there is one
  std::string misconception;        // repeated_misconception: the tag
  Seconds detected_at = 0;
  std::string evidence;             // "12 attempts on Comparing fractions, 5 correct, never 3 in a row"
  std::vector<EventId> events;      // the attempts that show it
  Remedy remedy = Remedy::worked_example;
  int prerequisite = -1;            // step_back: the skill to step back to
  bool resolved = false;
  Seconds resolved_at = 0;
};

struct LearnerState;
struct ModelSettings;

// After a graded attempt on `skill` at `now`: resolves the skill's blockages that the attempt ends and raises the
// ones it reveals (at most one active blockage per kind and skill; a persisting wheel-spin escalates its remedy).
void detect_blockages_after_attempt(LearnerState& state, int skill, Seconds now, const ModelSettings& settings);

// When the activity on screen is left (answered, replaced or the session ends) at `now`: records an inactivity
// blockage, already resolved, if it stayed unanswered for too long.
void detect_inactivity_before(LearnerState& state, Seconds now, const ModelSettings& settings);

// Live: the activity on screen has been waiting too long for an answer at `now`.
std::optional<Blockage> current_inactivity(const LearnerState& state, Seconds now, const ModelSettings& settings);

// The unresolved blockage the path engine should act on for `skill`, or nullptr. When several are active the most
// serious wins: wheel-spinning, then a repeated misconception, then rapid guessing, then hint abuse.
const Blockage* active_blockage(const LearnerState& state, int skill);

// active_blockage() for every skill at once, in one pass over the blockages (nullptr where none is active).
std::vector<const Blockage*> active_blockages_by_skill(const LearnerState& state);

}  // namespace pathwise::learner
