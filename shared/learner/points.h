// Points: a game-like reward without punishment. Points are only ever added, never taken away: a wrong answer
// earns nothing and costs nothing, and there are no lives. They are derived from the event log like everything
// else, so they merge across devices and survive an export and import.
#pragma once

#include "content/bundle.h"
#include "learner/events.h"

namespace pathwise::learner {

constexpr int kPointsPerAnswer = 10;  // a fully correct answer; partial credit earns its share
constexpr int kMaxSpeedBonus = 5;     // for a correct answer given quickly

// The points an attempt earns:
//   round(10 × score) for a graded attempt, plus a speed bonus for a fully correct answer to a question
//   (not a reading, video or flashcard, whose time is reading, watching or recalling):
//   round(5 × (1 − seconds / expected)) when answered within the activity's estimated time `activity.seconds`,
//   0 after it. A reading or video finished without questions earns kPointsPerAnswer / 2 for the time given.
int attempt_points(const content::Activity& activity, const Attempt& attempt);

// Whether an activity type can earn the speed bonus.
bool allows_speed_bonus(content::ActivityType type);

}  // namespace pathwise::learner
