// Goals the learner sets (GoalSet events, folded into LearnerState::goals), measured against the folded state:
// how far along each one is, whether it is on track for its deadline, and which goals to suggest at the end of a
// session. Pure: the time is passed in, and days are the learner's local days (ModelSettings::utc_offset), the
// same days the fold uses for seconds_per_day and streaks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/bundle.h"
#include "learner/learner_state.h"

namespace pathwise::path {

// The deadlines the goals screen offers, in days from today: touch-friendly choices instead of a date picker.
inline constexpr int kDeadlineChoices[] = {7, 14, 30};
// The daily practice targets it offers, in minutes.
inline constexpr int kMinutesChoices[] = {10, 15, 20, 30};
// The daily target suggested at the end of a session when the learner has none.
inline constexpr int kSuggestedMinutes = 15;
// The deadline suggested for the unit in progress.
inline constexpr int kSuggestedDeadlineDays = 14;

struct GoalProgress {
  std::string goal;                     // the GoalSet id
  learner::GoalKind kind = learner::GoalKind::master_skills;
  bool known = true;                    // false: its unit or skills are not in this course (a goal of another course)
  std::string title;                    // "Master Equivalent fractions by Fri 5 Dec", "15 minutes a day"
  std::string status;                   // one sentence: "2 of 5 skills mastered · on track · 6 days left"
  double fraction = 0.0;                // how much is done, 0..1 (the progress bar)
  bool done = false;                    // every target skill mastered / today's minutes reached
  bool on_track = true;
  // master_unit and master_skills:
  int mastered = 0;
  int total = 0;
  learner::Seconds deadline = 0;        // 0: none
  int days_left = 0;                    // local days from today to the deadline's day: 0 due today, < 0 passed
  // minutes_per_day:
  double minutes_today = 0.0;
  double target_minutes = 0.0;
  int days_met_in_row = 0;              // consecutive days the target was met, ending today (or yesterday, while
                                        // today's is not met yet)
};

// The progress of every goal in `state`, in the order they were first set.
//
// A mastery goal is on track when it is done, or when, before its deadline, at least floor(total × elapsed)
// of its skills are mastered, `elapsed` being the share of the time from setting the goal to its deadline that
// has passed: an even pace, rounded in the learner's favour. Without a deadline it is always on track. A daily
// minutes goal is on track while the run of days that met it is alive.
std::vector<GoalProgress> goal_progress(const learner::LearnerState& state, learner::Seconds now,
                                        const learner::ModelSettings& settings = {});
GoalProgress progress_of(const learner::Goal& goal, const learner::LearnerState& state, learner::Seconds now,
                         const learner::ModelSettings& settings = {});

// The skills a unit teaches (every lesson's skills, first appearance first, each once), as skill indices of
// `course`. Empty for an unknown unit.
std::vector<int> unit_skills(const learner::CourseIndex& course, std::string_view unit_id);

// The goals the screens set. Ids are chosen so that setting the same kind of goal again replaces it: one goal
// per unit ("unit/<course>/<unit>") and one daily target ("minutes-per-day").
learner::GoalSet master_unit_goal(const content::Bundle& bundle, const std::string& unit_id, learner::Seconds now,
                                  int days, const learner::ModelSettings& settings = {});
learner::GoalSet minutes_goal(int minutes);
// Withdraws a goal (GoalSet with removed = true and the same id).
learner::GoalSet removal(const learner::GoalSet& goal);
// The course a unit goal belongs to, from its id ("" for other goals).
std::string goal_course(const learner::GoalSet& goal);

// The last second of the local day `days` days after the one holding `now`.
learner::Seconds end_of_local_day(learner::Seconds now, int days, const learner::ModelSettings& settings = {});
// "Fri 5 Dec": the local day of `time`, short, for goal titles.
std::string short_date(learner::Seconds time, const learner::ModelSettings& settings = {});

// Goals worth suggesting when a session ends, best first, none already set: mastering the unit in progress by
// kSuggestedDeadlineDays (the unit of the last activity answered when it is not mastered yet, else the first unit
// in bundle order that is started but not mastered, else the first one not mastered), and kSuggestedMinutes a
// day when there is no daily target.
std::vector<learner::GoalSet> suggest_goals(const learner::LearnerState& state, learner::Seconds now,
                                            const learner::ModelSettings& settings = {});

// A goal's title as the goal screens show it ("Master Fractions on a number line by Fri 5 Dec").
std::string goal_title(const learner::GoalSet& goal, const learner::CourseIndex& course,
                       const learner::ModelSettings& settings = {});

}  // namespace pathwise::path
