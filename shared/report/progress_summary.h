// What the learner's progress screens show, computed from the folded state (learner_state.h) and, where the fold
// keeps no history, from the event log: the dashboard's headline numbers and series, the calibration of the
// learner's confidence, and the summary of the session that is ending. Pure and deterministic: the time is
// passed in, and days are local days (ModelSettings::utc_offset) like the fold's seconds_per_day. Every figure
// is for one course: the one `state` was folded against.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "learner/learner_state.h"

namespace pathwise::report {

inline constexpr int kChartDays = 14;           // the practice chart: the last 14 days, today included
inline constexpr int kAccuracyWeeks = 8;        // accuracy per week once the history is longer than kChartDays
// The calibration sentence needs this many answers rated 4 or 5: fewer would make a percentage mostly noise.
inline constexpr int kCalibrationMinimumAnswers = 5;

struct Headline {
  int points = 0;
  int streak_days = 0;               // learner::streak_days
  int skills_mastered = 0;
  int skills_total = 0;
  double minutes_last_7_days = 0.0;  // practice time of the last 7 local days, today included
  int answers = 0;                   // graded answers
  int correct = 0;                   // of them, fully right
  // Percent of answers fully right, rounded; -1 when there are no answers yet.
  int accuracy_percent() const;
};

struct DayMinutes {
  std::int64_t day = 0;              // local day number (days since 1970-01-01)
  double minutes = 0.0;
};

// Graded answers of one period (a day, or a week of 7 days starting on `first_day`).
struct AccuracyPeriod {
  std::int64_t first_day = 0;
  int days = 1;
  int answers = 0;
  int correct = 0;
  int percent() const;               // -1 when there were no answers
};

struct SkillMastery {
  int skill = -1;                    // index into the bundle's skills
  double p_known = 0.0;              // BKT P(L)
  bool mastered = false;
  int attempts = 0;
  int confidence = 0;                // the learner's own latest rating, 1..5, 0 = none
};

struct CalibrationLevel {
  int confidence = 0;                // 1..5
  int answers = 0;
  int correct = 0;
  int percent() const;               // -1 when there were no answers
};

struct Calibration {
  std::array<CalibrationLevel, 5> levels{};  // confidence 1..5
  int sure_answers = 0;                      // answers rated 4 or 5
  int sure_correct = 0;
  bool enough = false;                       // sure_answers >= kCalibrationMinimumAnswers
  // "When you were sure (4–5), you were right 80% of the time." once there are enough answers, else how to get
  // there.
  std::string sentence;
};

struct Dashboard {
  Headline headline;
  std::vector<DayMinutes> minutes_per_day;   // kChartDays entries, oldest first, the last is today
  bool accuracy_weekly = false;              // false: per day over the same kChartDays days
  std::vector<AccuracyPeriod> accuracy;      // oldest first, the last holds today
  std::vector<SkillMastery> mastery;         // every skill, in bundle order
  Calibration calibration;
};

// The headline numbers and every series. `events` is the log `state` was folded from (it supplies answers per
// day, which the fold does not keep). Accuracy is per day while the first graded answer is within the last
// kChartDays days, else per week over the last kAccuracyWeeks weeks.
Dashboard build_dashboard(const learner::LearnerState& state, const std::vector<learner::Event>& events,
                          learner::Seconds now, const learner::ModelSettings& settings = {});

Calibration calibration_summary(const learner::LearnerState& state);

// What happened since the session began: the last SessionStarted event (in canonical order; of `device` when it
// is not empty, so that a session in another tab does not cut this one short). Totals are differences of the fold
// before and after it, so they count exactly what the dashboard counts.
struct SessionSummary {
  bool started = false;              // false: no SessionStarted event, nothing to summarise
  learner::Seconds started_at = 0;
  int answers = 0;                   // graded
  int correct = 0;
  int points = 0;
  double minutes = 0.0;              // time on task
  std::vector<int> skills_practised; // skill indices, in the order first practised this session
  std::vector<int> skills_mastered;  // mastered now and not when the session started, in bundle order
};

SessionSummary summarize_session(const learner::CourseIndex& course, const std::vector<learner::Event>& events,
                                 const std::string& device = {}, const learner::ModelSettings& settings = {});

// "12 min", "1 h 5 min", "less than a minute": durations as the screens say them.
std::string minutes_phrase(double minutes);

}  // namespace pathwise::report
