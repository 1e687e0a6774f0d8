// The learner state: a fold over the event log (events.h) against one course. It holds, per skill, the BKT
// probability of mastery, the Elo ability, the review schedule; per activity, the Elo difficulty and what was
// seen; goals, reflections and the blockages noticed so far. fold() builds it from any set of events; apply()
// extends it by one event that comes after everything folded so far (the live path).
//
// Models: BKT (bkt.h) decides mastery; Elo (elo.h) picks difficulty; FSRS-6 (fsrs.h) schedules reviews of
// mastered skills and of flashcards. How attempts enter each one:
//  - BKT: every graded attempt updates each of the activity's skills with its score (partial credit as in bkt.h),
//    with guess and slip adjusted to the activity's difficulty (item_bkt below).
//    A skill becomes mastered when P(L) reaches its threshold (default 0.95) and stays mastered until P(L) falls
//    below the threshold minus kMasteryHysteresis, so one slip does not lock the skills built on it.
//  - Elo: every graded attempt updates the ability on each of the activity's skills and the activity's
//    difficulty (for templates, per level).
//  - FSRS: reaching mastery starts the skill's review card (rated Good, no learning steps). Afterwards an attempt at or after the due
//    time is a review rated from its score (< 0.5 Again, < 0.8 Hard, else Good); a failed attempt (< 0.5) before
//    it is due is a lapse (Again). Other attempts are practice and leave the schedule alone. Flashcards have
//    their own card, reviewed on every attempt with the learner's own rating.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "learner/blockage.h"
#include "learner/course_index.h"
#include "learner/elo.h"
#include "learner/events.h"
#include "learner/fsrs.h"

namespace pathwise::learner {

constexpr double kMasteryHysteresis = 0.15;

// Reviews of skills skip FSRS's learning steps: BKT mastery already took several right answers, which is what the
// steps (1 min, 10 min) are for on a new flashcard; a mastered skill's first review comes days later.
inline fsrs::Parameters skill_review_parameters() {
  fsrs::Parameters p;
  p.learning_steps.clear();
  return p;
}

struct ModelSettings {
  EloSettings elo;
  fsrs::Parameters fsrs;                                      // flashcards
  fsrs::Parameters skill_reviews = skill_review_parameters();  // mastered skills
  BlockageSettings blockage;
  double target_success = 0.75;  // until the learner chooses a challenge level
  Seconds utc_offset = 0;        // the learner's time zone, for "today" in daily goals and streaks
};

// One attempt, as the detectors need to see it.
struct RecentAttempt {
  EventId id;
  int activity = -1;
  double score = 0.0;
  bool quick_hint = false;     // the first hint came within quick_hint_seconds
  bool rapid = false;          // faster than the plausible floor
  std::string misconception;   // the first tag, if any
};

struct SkillState {
  double p_known = 0.0;          // BKT P(L), starts at the skill's prior
  bool mastered = false;
  Seconds mastered_at = 0;       // the last time it became mastered
  Seconds first_mastered_at = 0;
  int attempts = 0;              // graded attempts
  int correct = 0;               // of them, score ≥ 0.999
  int streak = 0;                // correct in a row, now
  int best_streak = 0;
  int attempts_since_mastery = 0;  // graded attempts since it was last mastered (or since the start)
  bool streak_since_mastery = false;  // mastery_streak correct in a row since then (Beck & Gong's evidence)
  Seconds last_practised = 0;
  EloRating ability;
  std::optional<fsrs::Card> review;  // once mastered
  std::vector<RecentAttempt> recent; // the last 10 graded attempts, oldest first
  int confidence = 0;            // the learner's latest self-rating, 1..5, 0 = none
};

struct ActivityState {
  int attempts = 0;
  Seconds last_attempt = 0;
  double best_score = 0.0;
  std::vector<EloRating> difficulty;   // per template level (one for other activities); starts at the bundle's
  std::vector<std::uint64_t> seeds_seen;  // templates: the problem variants already given
  std::optional<fsrs::Card> flashcard;
};

struct Goal {
  GoalSet spec;
  Seconds set_at = 0;
};

struct ReflectionEntry {
  Seconds time = 0;
  Reflection reflection;
};

struct LearnerState {
  const CourseIndex* course = nullptr;
  std::vector<SkillState> skills;
  std::vector<ActivityState> activities;
  double target_success = 0.75;
  std::vector<Goal> goals;
  std::vector<ReflectionEntry> reflections;
  std::vector<Blockage> blockages;

  // What is on screen now: the last ActivityShown not yet answered.
  std::optional<ActivityShown> showing;
  Seconds showing_since = 0;
  int last_activity = -1;          // the last activity answered
  int attempts_since_review = 0;   // graded attempts since the last review of a mastered skill
  std::vector<double> recent_scores;  // the last 10 graded scores, any skill, oldest first

  // Totals and history for the dashboard.
  std::size_t events = 0;
  std::size_t unknown_references = 0;  // events naming an activity or skill this course version does not have
  int attempts = 0;
  int correct = 0;
  int points = 0;                  // learner/points.h: only ever added
  double seconds_on_task = 0.0;
  int sessions = 0;
  Seconds first_event = 0;
  Seconds last_event = 0;
  std::map<std::int64_t, double> seconds_per_day;  // local day number (days since 1970-01-01) → seconds
  std::map<std::int64_t, int> points_per_day;      // local day number → points earned
  std::vector<std::pair<int, int>> calibration;    // per confidence 1..5: (answers, correct); index 0 unused
};

// BKT parameters for one activity, after KT-IDEM (Pardos & Heffernan 2011, "KT-IDEM: introducing item difficulty
// to the knowledge tracing model"), which gives each item its own guess and slip. Here they follow from the
// bundle's difficulty prior instead of being fitted per item: an activity `offset` logits harder than the skill's
// typical activity moves both on the logit scale,
//   guess' = σ(logit(guess) − offset),   1 − slip' = σ(logit(1 − slip) − offset),
// so an easy question guessed right is weaker evidence of mastery than a hard one. Offset 0 leaves them as is.
content::BktParameters item_bkt(const content::BktParameters& skill, double offset);

// A state with no events: every skill at its prior, every activity at its bundle difficulty.
LearnerState initial_state(const CourseIndex& course, const ModelSettings& settings = {});

// Folds every event, in canonical order (events.h), duplicates counted once.
LearnerState fold(const CourseIndex& course, const std::vector<Event>& events, const ModelSettings& settings = {});

// Applies one event that sorts after every event already folded into `state`.
void apply(LearnerState& state, const Event& event, const ModelSettings& settings = {});

// The local day of a time, for daily goals and streaks.
std::int64_t local_day(Seconds time, const ModelSettings& settings);

// Consecutive local days with practice, ending today or yesterday.
int streak_days(const LearnerState& state, Seconds now, const ModelSettings& settings = {});

// Whether a mastered skill is due for review at `now`.
bool review_due(const SkillState& skill, Seconds now);

}  // namespace pathwise::learner
