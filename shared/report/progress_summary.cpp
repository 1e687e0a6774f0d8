#include "report/progress_summary.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace pathwise::report {

namespace {

using learner::Seconds;

constexpr double kCorrect = 0.999;  // as in the fold: a score counts as fully right at or above this

int percent_of(int part, int whole) {
  return whole <= 0 ? -1 : static_cast<int>(std::lround(100.0 * part / whole));
}

double seconds_on_day(const learner::LearnerState& state, std::int64_t day) {
  const auto found = state.seconds_per_day.find(day);
  return found == state.seconds_per_day.end() ? 0.0 : found->second;
}

struct DayAnswers {
  int answers = 0;
  int correct = 0;
};

// Graded answers to this course's activities per local day, each distinct event once.
std::map<std::int64_t, DayAnswers> answers_per_day(const learner::LearnerState& state,
                                                   const std::vector<learner::Event>& events,
                                                   const learner::ModelSettings& settings) {
  std::map<std::int64_t, DayAnswers> days;
  for (const learner::Event* event : learner::canonical_order(events).events) {
    const auto* attempt = std::get_if<learner::Attempt>(&event->body);
    if (!attempt || !attempt->graded || state.course->activity(attempt->activity) < 0) continue;
    const Seconds time = std::clamp(event->time, learner::kEarliestTime, learner::kLatestTime);  // as the fold does
    DayAnswers& day = days[learner::local_day(time, settings)];
    ++day.answers;
    if (std::isfinite(attempt->score) && attempt->score >= kCorrect) ++day.correct;
  }
  return days;
}

}  // namespace

int Headline::accuracy_percent() const { return percent_of(correct, answers); }
int AccuracyPeriod::percent() const { return percent_of(correct, answers); }
int CalibrationLevel::percent() const { return percent_of(correct, answers); }

Calibration calibration_summary(const learner::LearnerState& state) {
  Calibration calibration;
  int unsure_answers = 0, unsure_correct = 0;
  for (int level = 1; level <= 5; ++level) {
    CalibrationLevel& cell = calibration.levels[static_cast<std::size_t>(level - 1)];
    cell.confidence = level;
    if (static_cast<std::size_t>(level) < state.calibration.size()) {
      cell.answers = state.calibration[static_cast<std::size_t>(level)].first;
      cell.correct = state.calibration[static_cast<std::size_t>(level)].second;
    }
    if (level >= 4) {
      calibration.sure_answers += cell.answers;
      calibration.sure_correct += cell.correct;
    } else if (level <= 2) {
      unsure_answers += cell.answers;
      unsure_correct += cell.correct;
    }
  }
  calibration.enough = calibration.sure_answers >= kCalibrationMinimumAnswers;
  if (calibration.enough) {
    calibration.sentence = "When you were sure (4–5), you were right " +
                           std::to_string(percent_of(calibration.sure_correct, calibration.sure_answers)) +
                           "% of the time";
    if (unsure_answers >= kCalibrationMinimumAnswers) {
      calibration.sentence += "; when you were unsure (1–2), " +
                              std::to_string(percent_of(unsure_correct, unsure_answers)) + "%";
    }
    calibration.sentence += ".";
  } else if (calibration.sure_answers == 0) {
    calibration.sentence = "Say how sure you are before you check an answer. After " +
                           std::to_string(kCalibrationMinimumAnswers) +
                           " answers you were sure of (4 or 5), this shows how often you were right.";
  } else {
    const int missing = kCalibrationMinimumAnswers - calibration.sure_answers;
    calibration.sentence = std::to_string(missing) + (missing == 1 ? " more answer" : " more answers") +
                           " you are sure of (4 or 5), and this shows how often you were right when you felt sure.";
  }
  return calibration;
}

Dashboard build_dashboard(const learner::LearnerState& state, const std::vector<learner::Event>& events, Seconds now,
                          const learner::ModelSettings& settings) {
  Dashboard dashboard;
  const std::int64_t today = learner::local_day(now, settings);

  Headline& headline = dashboard.headline;
  headline.points = state.points;
  headline.streak_days = learner::streak_days(state, now, settings);
  headline.skills_total = static_cast<int>(state.skills.size());
  for (const learner::SkillState& skill : state.skills) headline.skills_mastered += skill.mastered;
  for (std::int64_t day = today - 6; day <= today; ++day) headline.minutes_last_7_days += seconds_on_day(state, day) / 60.0;
  headline.answers = state.attempts;
  headline.correct = state.correct;

  for (std::int64_t day = today - (kChartDays - 1); day <= today; ++day) {
    dashboard.minutes_per_day.push_back({day, seconds_on_day(state, day) / 60.0});
  }

  const std::map<std::int64_t, DayAnswers> answers = answers_per_day(state, events, settings);
  dashboard.accuracy_weekly = !answers.empty() && answers.begin()->first < today - (kChartDays - 1);
  const int periods = dashboard.accuracy_weekly ? kAccuracyWeeks : kChartDays;
  const int length = dashboard.accuracy_weekly ? 7 : 1;
  for (int period = 0; period < periods; ++period) {
    AccuracyPeriod cell;
    cell.days = length;
    cell.first_day = today - std::int64_t(periods - period) * length + 1;
    for (auto found = answers.lower_bound(cell.first_day); found != answers.end() && found->first < cell.first_day + length;
         ++found) {
      cell.answers += found->second.answers;
      cell.correct += found->second.correct;
    }
    dashboard.accuracy.push_back(cell);
  }

  for (std::size_t i = 0; i < state.skills.size(); ++i) {
    const learner::SkillState& skill = state.skills[i];
    dashboard.mastery.push_back({static_cast<int>(i), skill.p_known, skill.mastered, skill.attempts, skill.confidence});
  }
  dashboard.calibration = calibration_summary(state);
  return dashboard;
}

SessionSummary summarize_session(const learner::CourseIndex& course, const std::vector<learner::Event>& events,
                                 const std::string& device, const learner::ModelSettings& settings) {
  SessionSummary summary;
  const std::vector<const learner::Event*> order = learner::canonical_order(events).events;
  std::size_t start = order.size();
  for (std::size_t i = order.size(); i-- > 0;) {
    if (std::holds_alternative<learner::SessionStarted>(order[i]->body) &&
        (device.empty() || order[i]->id.device == device)) {
      start = i;
      break;
    }
  }
  if (start == order.size()) return summary;
  summary.started = true;
  summary.started_at = order[start]->time;

  learner::LearnerState state = learner::initial_state(course, settings);
  for (std::size_t i = 0; i < start; ++i) learner::apply(state, *order[i], settings);
  const learner::LearnerState before = state;
  for (std::size_t i = start; i < order.size(); ++i) {
    learner::apply(state, *order[i], settings);
    const auto* attempt = std::get_if<learner::Attempt>(&order[i]->body);
    const int activity = attempt ? course.activity(attempt->activity) : -1;
    if (activity < 0) continue;
    for (int skill : course.skills_of_activity[static_cast<std::size_t>(activity)]) {
      if (std::find(summary.skills_practised.begin(), summary.skills_practised.end(), skill) ==
          summary.skills_practised.end())
        summary.skills_practised.push_back(skill);
    }
  }
  summary.answers = state.attempts - before.attempts;
  summary.correct = state.correct - before.correct;
  summary.points = state.points - before.points;
  summary.minutes = (state.seconds_on_task - before.seconds_on_task) / 60.0;
  for (std::size_t i = 0; i < state.skills.size(); ++i) {
    if (state.skills[i].mastered && !before.skills[i].mastered) summary.skills_mastered.push_back(static_cast<int>(i));
  }
  return summary;
}

std::string minutes_phrase(double minutes) {
  if (!std::isfinite(minutes) || minutes < 1.0) return "less than a minute";
  const long long whole = std::lround(minutes);
  if (whole < 60) return std::to_string(whole) + " min";
  const long long rest = whole % 60;
  return std::to_string(whole / 60) + " h" + (rest ? " " + std::to_string(rest) + " min" : std::string());
}

}  // namespace pathwise::report
