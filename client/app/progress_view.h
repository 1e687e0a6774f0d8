// What the progress screens (screen_dashboard.cpp, screen_goals.cpp, screen_summary.cpp) keep between frames:
// the figures computed by the core for the open course, recomputed only when the learner's log, the course or the
// minute changes (a 100,000-event history takes tens of milliseconds to walk: not something to do per frame), and
// the choices being made in the goal form and the session summary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "learner/events.h"
#include "path/goals.h"
#include "report/progress_summary.h"

namespace pathwise::client {

struct ProgressView {
  // The key of the cached figures: whose, which course, which revision of the log, which minute.
  std::string learner;
  std::string course;
  std::uint64_t revision = ~0ull;
  std::int64_t minute = -1;
  report::Dashboard dashboard;
  std::vector<path::GoalProgress> goals;

  // The goals screen's form: which kind of goal is being added, and its choices.
  enum class Adding { nothing, unit, minutes };
  Adding adding = Adding::nothing;
  std::string unit;                          // the unit chosen for a unit goal
  int deadline_days = path::kSuggestedDeadlineDays;
  int minutes = path::kSuggestedMinutes;

  // The session summary, computed once when "Finish for now" is pressed, and the learner's answers to it.
  report::SessionSummary summary;
  std::vector<learner::GoalSet> suggestions;
  int suggestion = -1;                       // the suggested goal chosen, -1 for none
  std::string hard;                          // "What was hard?"
  int confidence = 0;                        // "How confident do you feel?" 1..5, 0 = not answered
};

}  // namespace pathwise::client
