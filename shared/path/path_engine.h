// The path engine: given the learner state, what to do next. It returns the best next activity and two
// alternatives, each with a one-line reason a student understands. Pure and deterministic: the time and any
// randomness (for template seeds) come in through the request. How it chooses, in words for teachers, is in the
// README ("How the path is chosen").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "learner/learner_state.h"

namespace pathwise::path {

// The path engine reads the learner model; these are its words.
using learner::Blockage;
using learner::LearnerState;
using learner::ModelSettings;
using learner::Remedy;
using learner::Seconds;

enum class SkillStatus {
  locked,       // some prerequisite is not mastered
  ready,        // every prerequisite mastered, not practised yet (the outer fringe)
  in_progress,  // practised, not mastered yet
  mastered,
  review_due,   // mastered, and FSRS says it is time to review it
};

const char* skill_status_name(SkillStatus status);  // "locked", ...

// The status of every skill, in O(V + E).
std::vector<SkillStatus> skill_statuses(const LearnerState& state, Seconds now);

// The ready frontier: unmastered skills whose prerequisites are all mastered (ALEKS's "outer fringe"), in
// bundle order, in O(V + E).
std::vector<int> ready_frontier(const LearnerState& state);

// The prerequisites of `skill` that are not mastered, in bundle order (empty when the skill is not locked).
std::vector<int> missing_prerequisites(const LearnerState& state, int skill);

enum class ReasonKind {
  review,          // a mastered skill due for review
  next_step,       // a skill just unlocked by mastering its prerequisites
  start,           // a skill with no prerequisites, not started
  keep_going,      // a skill in progress
  chosen,          // the skill the learner picked
  worked_example,  // blockage remedies, see blockage.h
  easier_variant,
  step_back,
  ask_teacher,
  extra_practice,  // everything mastered and nothing due: practise what was least recently seen
  warm_up,         // recent answers went well below the challenge level: something mastered, to regain footing
};

const char* reason_kind_name(ReasonKind kind);

struct Recommendation {
  int activity = -1;          // index into the course's activities
  std::uint64_t seed = 0;     // parameterized activities: the problem variant to generate
  int level = 0;              // parameterized activities: the difficulty level
  int skill = -1;             // the skill it practises
  ReasonKind kind = ReasonKind::start;
  std::string reason;         // "Review: last practised 9 days ago"
  double p_success = 0.0;     // the predicted probability of a correct answer
  bool show_worked_example = false;  // open with the activity's worked explanation shown
};

struct PathRequest {
  Seconds now = 0;
  std::uint64_t entropy = 0;       // randomness for template seeds, supplied by the caller
  std::vector<std::string> scope;  // an assignment: ids of units, lessons, skills or activities; empty = all
  std::string skill;               // the learner picked this skill (a skill id); empty = the engine chooses
  // Per activity of the course (bundle order), whether the client can show it (1) or not (0); empty = every
  // one. Unlike `scope`, which names units, lessons, skills or activities in one namespace, this is exact.
  std::vector<char> showable;
};

struct LockedSkill {
  int skill = -1;
  std::vector<int> missing;  // prerequisites not yet mastered
  std::string reason;        // "Master Equivalent fractions first"
};

struct PathChoice {
  std::vector<Recommendation> options;  // the best first, then up to two alternatives; empty only when nothing
                                        // in scope can be practised
  std::optional<LockedSkill> locked;    // the picked skill is locked: why
  bool all_mastered = false;            // every skill in scope mastered
};

// Warm-ups: when the last answers' success rate falls this far below the learner's target, the next activity is
// practice on a mastered skill before new material resumes.
constexpr double kWarmUpMargin = 0.1;
constexpr std::size_t kWarmUpWindow = 5;  // at least this many recent answers before judging

PathChoice choose_next(const LearnerState& state, const PathRequest& request, const ModelSettings& settings = {});

}  // namespace pathwise::path
