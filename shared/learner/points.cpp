#include "learner/points.h"

#include <algorithm>
#include <cmath>

namespace pathwise::learner {

bool allows_speed_bonus(content::ActivityType type) {
  return type != content::ActivityType::reading && type != content::ActivityType::video &&
         type != content::ActivityType::flashcard;
}

int attempt_points(const content::Activity& activity, const Attempt& attempt) {
  if (!attempt.graded) return kPointsPerAnswer / 2;
  const double score = std::isfinite(attempt.score) ? std::clamp(attempt.score, 0.0, 1.0) : 0.0;
  int points = static_cast<int>(std::lround(kPointsPerAnswer * score));
  const bool correct = score >= 0.999;
  if (correct && allows_speed_bonus(activity.type()) && activity.seconds > 0 && std::isfinite(attempt.seconds) &&
      attempt.seconds >= 0.0) {
    const double spare = 1.0 - attempt.seconds / activity.seconds;
    if (spare > 0.0) points += static_cast<int>(std::lround(kMaxSpeedBonus * std::min(spare, 1.0)));
  }
  return points;
}

}  // namespace pathwise::learner
