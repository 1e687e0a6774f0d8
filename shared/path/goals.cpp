#include "path/goals.h"

#include <algorithm>
#include <cmath>

namespace pathwise::path {

namespace {

using learner::GoalKind;
using learner::Seconds;

const char* const kUnitGoalPrefix = "unit/";
const char* const kMinutesGoalId = "minutes-per-day";

std::string days_phrase(int days_left) {
  if (days_left == 0) return "due today";
  if (days_left == 1) return "1 day left";
  return std::to_string(days_left) + " days left";
}

// The skills a mastery goal names, as indices of the course (unknown ids left out).
std::vector<int> goal_skills(const learner::GoalSet& goal, const learner::CourseIndex& course) {
  if (goal.kind == GoalKind::master_unit) return goal.targets.empty() ? std::vector<int>{} : unit_skills(course, goal.targets.front());
  std::vector<int> skills;
  for (const std::string& id : goal.targets) {
    const int skill = course.skill(id);
    if (skill >= 0 && std::find(skills.begin(), skills.end(), skill) == skills.end()) skills.push_back(skill);
  }
  return skills;
}

// Whether the daily target was met on local day `day`.
bool minutes_met(const learner::LearnerState& state, std::int64_t day, double target_minutes) {
  const auto found = state.seconds_per_day.find(day);
  return found != state.seconds_per_day.end() && found->second >= target_minutes * 60.0;
}

void measure_mastery(GoalProgress& progress, const learner::Goal& goal, const learner::LearnerState& state,
                     Seconds now, const learner::ModelSettings& settings) {
  const std::vector<int> skills = goal_skills(goal.spec, *state.course);
  progress.deadline = goal.spec.deadline;
  if (progress.deadline > 0) progress.days_left = static_cast<int>(learner::local_day(progress.deadline, settings) -
                                                                   learner::local_day(now, settings));
  if (skills.empty()) {
    progress.known = false;
    progress.on_track = true;
    progress.status = "This goal belongs to another course: open that course to see how far along you are.";
    return;
  }
  progress.total = static_cast<int>(skills.size());
  for (int skill : skills) progress.mastered += state.skills[static_cast<std::size_t>(skill)].mastered;
  progress.fraction = double(progress.mastered) / progress.total;
  progress.done = progress.mastered == progress.total;
  if (progress.done) {
    progress.on_track = true;
    progress.status = progress.total == 1 ? "Done: the skill is mastered."
                                          : "Done: all " + std::to_string(progress.total) + " skills mastered.";
    return;
  }
  progress.status = std::to_string(progress.mastered) + " of " + std::to_string(progress.total) +
                    (progress.total == 1 ? " skill mastered" : " skills mastered");
  if (progress.deadline <= 0) {
    progress.on_track = true;
    return;
  }
  if (now > progress.deadline) {
    progress.on_track = false;
    progress.status += " · the deadline has passed";
    return;
  }
  // An even pace from the moment the goal was set to its deadline, rounded down in the learner's favour.
  const double span = double(progress.deadline - goal.set_at);
  const double elapsed = span > 0.0 ? std::clamp(double(now - goal.set_at) / span, 0.0, 1.0) : 1.0;
  const int expected = static_cast<int>(std::floor(progress.total * elapsed + 1e-9));
  progress.on_track = progress.mastered >= expected;
  progress.status += progress.on_track ? " · on track · " : " · a little behind · ";
  progress.status += days_phrase(progress.days_left);
}

void measure_minutes(GoalProgress& progress, const learner::Goal& goal, const learner::LearnerState& state,
                     Seconds now, const learner::ModelSettings& settings) {
  const double amount = goal.spec.amount;
  if (!std::isfinite(amount) || amount <= 0.0) {  // a damaged event: nothing to measure against
    progress.known = false;
    progress.status = "This goal has no daily target.";
    return;
  }
  progress.target_minutes = amount;
  const std::int64_t today = learner::local_day(now, settings);
  const auto found = state.seconds_per_day.find(today);
  progress.minutes_today = found == state.seconds_per_day.end() ? 0.0 : found->second / 60.0;
  progress.fraction = std::min(1.0, progress.minutes_today / amount);
  progress.done = minutes_met(state, today, amount);
  std::int64_t day = progress.done ? today : today - 1;
  while (minutes_met(state, day, amount)) {
    ++progress.days_met_in_row;
    --day;
  }
  // Today can still be met; the run is broken only once a whole day since the goal was set missed it.
  const std::int64_t set_day = learner::local_day(goal.set_at, settings);
  progress.on_track = progress.done || progress.days_met_in_row > 0 || set_day >= today - 1;
  // Whole minutes, rounded down (the target is not met at 9.6 of 10), but "<1" rather than 0 once practice began.
  const std::string today_minutes = progress.minutes_today > 0.0 && progress.minutes_today < 1.0
                                        ? "<1"
                                        : std::to_string(static_cast<long long>(std::floor(progress.minutes_today)));
  const std::string target_minutes = std::to_string(static_cast<long long>(std::lround(amount)));
  progress.status = progress.done ? "Done today: " + today_minutes + " of " + target_minutes + " minutes"
                                  : today_minutes + " of " + target_minutes + " minutes today";
  if (progress.days_met_in_row > 1) {
    progress.status += " · met " + std::to_string(progress.days_met_in_row) + " days in a row";
  } else if (progress.days_met_in_row == 1 && !progress.done) {
    progress.status += " · met yesterday";
  }
}

bool unit_mastered(const learner::LearnerState& state, const std::vector<int>& skills) {
  return std::all_of(skills.begin(), skills.end(),
                     [&](int skill) { return state.skills[static_cast<std::size_t>(skill)].mastered; });
}

bool unit_started(const learner::LearnerState& state, const std::vector<int>& skills) {
  return std::any_of(skills.begin(), skills.end(),
                     [&](int skill) { return state.skills[static_cast<std::size_t>(skill)].attempts > 0; });
}

bool goal_set(const learner::LearnerState& state, const std::string& id) {
  return std::any_of(state.goals.begin(), state.goals.end(), [&](const learner::Goal& g) { return g.spec.goal == id; });
}

}  // namespace

std::vector<int> unit_skills(const learner::CourseIndex& course, std::string_view unit_id) {
  std::vector<int> skills;
  for (const content::Unit& unit : course.bundle->units) {
    if (unit.id != unit_id) continue;
    for (const content::Lesson& lesson : unit.lessons) {
      for (const std::string& id : lesson.skills) {
        const int skill = course.skill(id);
        if (skill >= 0 && std::find(skills.begin(), skills.end(), skill) == skills.end()) skills.push_back(skill);
      }
    }
    break;
  }
  return skills;
}

std::string short_date(Seconds time, const learner::ModelSettings& settings) {
  static const char* const kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::int64_t day = learner::local_day(time, settings);
  std::int64_t year = 0;
  unsigned month = 1, day_of_month = 1;
  learner::civil_from_days(day, year, month, day_of_month);
  const std::int64_t weekday = ((day + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  return std::string(kWeekdays[weekday]) + " " + std::to_string(day_of_month) + " " + kMonths[month - 1];
}

Seconds end_of_local_day(Seconds now, int days, const learner::ModelSettings& settings) {
  return (learner::local_day(now, settings) + days + 1) * learner::kDay - 1 - settings.utc_offset;
}

std::string goal_title(const learner::GoalSet& goal, const learner::CourseIndex& course,
                       const learner::ModelSettings& settings) {
  std::string title;
  switch (goal.kind) {
    case GoalKind::minutes_per_day: {
      const double amount = std::isfinite(goal.amount) ? std::max(0.0, goal.amount) : 0.0;
      return std::to_string(static_cast<long long>(std::lround(amount))) + " minutes a day";
    }
    case GoalKind::master_unit: {
      const content::Unit* found = nullptr;
      for (const content::Unit& unit : course.bundle->units) {
        if (!goal.targets.empty() && unit.id == goal.targets.front()) found = &unit;
      }
      // Quoted: a unit's title may be a phrase or a question ("Master “What is a fraction?” by Mon 7 Dec").
      title = found ? "Master “" + found->title + "”" : "Master a unit of another course";
      break;
    }
    case GoalKind::master_skills: {
      const std::vector<int> skills = goal_skills(goal, course);
      title = skills.empty()       ? "Master skills of another course"
              : skills.size() == 1 ? "Master " + course.skill_at(skills.front()).title
                                   : "Master " + std::to_string(skills.size()) + " skills";
      break;
    }
  }
  if (goal.deadline > 0) title += " by " + short_date(goal.deadline, settings);
  return title;
}

GoalProgress progress_of(const learner::Goal& goal, const learner::LearnerState& state, Seconds now,
                         const learner::ModelSettings& settings) {
  GoalProgress progress;
  progress.goal = goal.spec.goal;
  progress.kind = goal.spec.kind;
  progress.title = goal_title(goal.spec, *state.course, settings);
  if (goal.spec.kind == GoalKind::minutes_per_day) {
    measure_minutes(progress, goal, state, now, settings);
  } else {
    measure_mastery(progress, goal, state, now, settings);
  }
  return progress;
}

std::vector<GoalProgress> goal_progress(const learner::LearnerState& state, Seconds now,
                                        const learner::ModelSettings& settings) {
  std::vector<GoalProgress> all;
  all.reserve(state.goals.size());
  for (const learner::Goal& goal : state.goals) all.push_back(progress_of(goal, state, now, settings));
  return all;
}

learner::GoalSet master_unit_goal(const content::Bundle& bundle, const std::string& unit_id, Seconds now, int days,
                                  const learner::ModelSettings& settings) {
  learner::GoalSet goal;
  goal.goal = kUnitGoalPrefix + bundle.id + "/" + unit_id;
  goal.kind = GoalKind::master_unit;
  goal.targets = {unit_id};
  goal.deadline = end_of_local_day(now, days, settings);
  return goal;
}

learner::GoalSet minutes_goal(int minutes) {
  learner::GoalSet goal;
  goal.goal = kMinutesGoalId;
  goal.kind = GoalKind::minutes_per_day;
  goal.amount = minutes;
  return goal;
}

learner::GoalSet removal(const learner::GoalSet& goal) {
  learner::GoalSet removed = goal;
  removed.removed = true;
  return removed;
}

std::string goal_course(const learner::GoalSet& goal) {
  const std::string prefix = kUnitGoalPrefix;
  if (goal.kind != GoalKind::master_unit || goal.goal.compare(0, prefix.size(), prefix) != 0) return "";
  const std::size_t slash = goal.goal.find('/', prefix.size());
  return slash == std::string::npos ? "" : goal.goal.substr(prefix.size(), slash - prefix.size());
}

std::vector<learner::GoalSet> suggest_goals(const learner::LearnerState& state, Seconds now,
                                            const learner::ModelSettings& settings) {
  std::vector<learner::GoalSet> suggestions;
  const learner::CourseIndex& course = *state.course;
  const content::Bundle& bundle = *course.bundle;
  // Candidate units, best first; the first one neither mastered nor already a goal is suggested.
  std::vector<const content::Unit*> candidates;
  if (state.last_activity >= 0) {
    for (int skill : course.skills_of_activity[static_cast<std::size_t>(state.last_activity)]) {
      const int unit = course.unit_of_skill[static_cast<std::size_t>(skill)];
      if (unit >= 0) candidates.push_back(&bundle.units[static_cast<std::size_t>(unit)]);
    }
  }
  for (const content::Unit& unit : bundle.units) {
    if (unit_started(state, unit_skills(course, unit.id))) candidates.push_back(&unit);
  }
  for (const content::Unit& unit : bundle.units) candidates.push_back(&unit);
  for (const content::Unit* unit : candidates) {
    const std::vector<int> skills = unit_skills(course, unit->id);
    if (skills.empty() || unit_mastered(state, skills)) continue;
    learner::GoalSet goal = master_unit_goal(bundle, unit->id, now, kSuggestedDeadlineDays, settings);
    if (goal_set(state, goal.goal)) continue;
    suggestions.push_back(std::move(goal));
    break;
  }
  const bool has_daily = std::any_of(state.goals.begin(), state.goals.end(), [](const learner::Goal& g) {
    return g.spec.kind == GoalKind::minutes_per_day;
  });
  if (!has_daily) suggestions.push_back(minutes_goal(kSuggestedMinutes));
  return suggestions;
}

}  // namespace pathwise::path
