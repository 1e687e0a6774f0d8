// The progress screens' core (shared/path/goals, shared/report/progress_summary): goal progress against a
// deadline and a daily target, goal suggestions, the dashboard's headline numbers and series, the calibration
// sentence, and the summary of a session.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "content/bundle.h"
#include "learner/learner_state.h"
#include "path/goals.h"
#include "report/progress_summary.h"

using namespace pathwise;
using namespace pathwise::learner;

namespace {

// Unit 1 teaches a and b, unit 2 teaches c. No activity gives a difficulty, so BKT runs on the skills' own
// parameters: from the default prior 0.1, three right answers in a row reach the 0.95 threshold.
const char* const kCourse = R"({
  "format": "pathwise.bundle/1", "id": "chain", "version": "1", "title": "Chain", "language": "en",
  "skills": [{"id": "a", "title": "Adding"}, {"id": "b", "title": "Borrowing"}, {"id": "c", "title": "Carrying"}],
  "units": [{"id": "u1", "title": "Unit 1", "lessons": [{"id": "l1", "title": "L1", "skills": ["a"]},
                                                        {"id": "l2", "title": "L2", "skills": ["b", "a"]}]},
            {"id": "u2", "title": "Unit 2", "lessons": [{"id": "l3", "title": "L3", "skills": ["c"]}]}],
  "activities": [
    {"id": "a1", "type": "true_false", "skills": ["a"], "prompt": "?", "answer": true, "seconds": 30},
    {"id": "b1", "type": "true_false", "skills": ["b"], "prompt": "?", "answer": true, "seconds": 30},
    {"id": "c1", "type": "true_false", "skills": ["c"], "prompt": "?", "answer": true, "seconds": 30},
    {"id": "r1", "type": "reading", "skills": ["a"], "title": "About adding", "body": "Text", "seconds": 60}
  ]
})";

const Seconds kMonday = 1767600000;  // 2026-01-05T08:00:00Z, a Monday: local day 20458 in UTC

struct Course {
  content::Bundle bundle;
  CourseIndex index;
  Course() {
    content::BundleParse parse = content::parse_bundle(kCourse, "chain.json");
    REQUIRE(parse.bundle.has_value());
    bundle = std::move(*parse.bundle);
    index = index_course(bundle);
  }
  Course(const Course&) = delete;  // the index points into the bundle
};

// A log written by one device, in sequence.
struct Log {
  std::string device = "d";
  std::vector<Event> events;

  void add(Seconds time, EventBody body) {
    events.push_back(Event{EventId{device, events.size() + 1}, time, std::move(body)});
  }
  // An answer slower than the activity's estimate (no speed bonus): 10 points when right.
  void answer(Seconds time, const std::string& activity, bool right, double seconds = 60.0, int confidence = 0) {
    Attempt attempt;
    attempt.activity = activity;
    attempt.score = right ? 1.0 : 0.0;
    attempt.seconds = seconds;
    attempt.confidence = confidence;
    add(time, attempt);
  }
};

}  // namespace

TEST_CASE("goals: dates are local days, deadlines end with their day") {
  CHECK(path::short_date(kMonday) == "Mon 5 Jan");
  CHECK(path::end_of_local_day(kMonday, 7) == parse_iso8601("2026-01-12T23:59:59Z"));
  CHECK(path::short_date(path::end_of_local_day(kMonday, 7)) == "Mon 12 Jan");
  CHECK(path::short_date(path::end_of_local_day(kMonday, 30)) == "Wed 4 Feb");
  ModelSettings tokyo;
  tokyo.utc_offset = 9 * kHour;  // 17:00 on Monday there
  CHECK(path::end_of_local_day(kMonday, 0, tokyo) == parse_iso8601("2026-01-05T14:59:59Z"));
  ModelSettings late;
  late.utc_offset = 17 * kHour;  // already 01:00 on Tuesday
  CHECK(path::short_date(kMonday, late) == "Tue 6 Jan");
}

TEST_CASE("goals: a unit's skills are every lesson's, each once, first appearance first") {
  const Course course;
  CHECK(path::unit_skills(course.index, "u1") == std::vector<int>{0, 1});
  CHECK(path::unit_skills(course.index, "u2") == std::vector<int>{2});
  CHECK(path::unit_skills(course.index, "nope").empty());
}

TEST_CASE("goals: mastering a unit by a deadline, on track at an even pace") {
  const Course course;
  Log log;
  const GoalSet goal = path::master_unit_goal(course.bundle, "u1", kMonday, 7);
  CHECK(goal.goal == "unit/chain/u1");
  CHECK(path::goal_course(goal) == "chain");
  log.add(kMonday, goal);

  auto progress_at = [&](Seconds now) {
    const LearnerState state = fold(course.index, log.events);
    REQUIRE(state.goals.size() == 1);
    return path::progress_of(state.goals.front(), state, now);
  };

  path::GoalProgress progress = progress_at(kMonday);
  CHECK(progress.known);
  CHECK(progress.title == "Master “Unit 1” by Mon 12 Jan");
  CHECK(progress.total == 2);
  CHECK(progress.mastered == 0);
  CHECK(progress.days_left == 7);
  CHECK(progress.on_track);
  CHECK(progress.status == "0 of 2 skills mastered · on track · 7 days left");

  // Past half-way (Friday 08:00 is 96 of the 184 hours to the deadline), nothing mastered: one skill was expected.
  progress = progress_at(kMonday + 4 * kDay);
  CHECK(progress.days_left == 3);
  CHECK_FALSE(progress.on_track);
  CHECK(progress.status == "0 of 2 skills mastered · a little behind · 3 days left");

  for (int i = 0; i < 3; ++i) log.answer(kMonday + kDay + i * 60, "a1", true);
  progress = progress_at(kMonday + 4 * kDay);
  CHECK(progress.mastered == 1);
  CHECK(progress.fraction == doctest::Approx(0.5));
  CHECK(progress.on_track);
  CHECK(progress.status == "1 of 2 skills mastered · on track · 3 days left");

  progress = progress_at(kMonday + 7 * kDay);
  CHECK(progress.status == "1 of 2 skills mastered · on track · due today");
  progress = progress_at(kMonday + 8 * kDay);
  CHECK_FALSE(progress.on_track);
  CHECK(progress.days_left == -1);
  CHECK(progress.status == "1 of 2 skills mastered · the deadline has passed");

  for (int i = 0; i < 3; ++i) log.answer(kMonday + 2 * kDay + i * 60, "b1", true);
  progress = progress_at(kMonday + 8 * kDay);
  CHECK(progress.done);
  CHECK(progress.on_track);
  CHECK(progress.fraction == doctest::Approx(1.0));
  CHECK(progress.status == "Done: all 2 skills mastered.");
}

TEST_CASE("goals: a unit of another course is listed but not measured") {
  const Course course;
  Log log;
  GoalSet goal = path::master_unit_goal(course.bundle, "elsewhere", kMonday, 14);
  goal.goal = "unit/other/elsewhere";
  log.add(kMonday, goal);
  const LearnerState state = fold(course.index, log.events);
  const std::vector<path::GoalProgress> all = path::goal_progress(state, kMonday);
  REQUIRE(all.size() == 1);
  CHECK_FALSE(all[0].known);
  CHECK(all[0].title == "Master a unit of another course by Mon 19 Jan");
  CHECK(path::goal_course(goal) == "other");
}

TEST_CASE("goals: minutes a day, today's minutes and the days in a row the target was met") {
  const Course course;
  Log log;
  log.add(kMonday, path::minutes_goal(10));
  log.answer(kMonday + 60, "a1", true, 300.0);
  log.answer(kMonday + 600, "b1", false, 300.0);           // Monday: 10 minutes, met
  log.answer(kMonday + kDay, "a1", true, 660.0);            // Tuesday: 11 minutes, met
  log.answer(kMonday + 2 * kDay, "c1", true, 300.0);        // Wednesday: 5 minutes so far
  const LearnerState state = fold(course.index, log.events);
  REQUIRE(state.goals.size() == 1);

  path::GoalProgress progress = path::progress_of(state.goals.front(), state, kMonday + 2 * kDay + kHour);
  CHECK(progress.title == "10 minutes a day");
  CHECK(progress.minutes_today == doctest::Approx(5.0));
  CHECK(progress.fraction == doctest::Approx(0.5));
  CHECK_FALSE(progress.done);
  CHECK(progress.days_met_in_row == 2);
  CHECK(progress.on_track);
  CHECK(progress.status == "5 of 10 minutes today · met 2 days in a row");

  progress = path::progress_of(state.goals.front(), state, kMonday + kDay + kHour);  // seen on Tuesday
  CHECK(progress.done);
  CHECK(progress.days_met_in_row == 2);
  CHECK(progress.status == "Done today: 11 of 10 minutes · met 2 days in a row");

  progress = path::progress_of(state.goals.front(), state, kMonday + 3 * kDay);  // Thursday: Wednesday missed
  CHECK(progress.minutes_today == 0.0);
  CHECK(progress.days_met_in_row == 0);
  CHECK_FALSE(progress.on_track);
  CHECK(progress.status == "0 of 10 minutes today");

  log.answer(kMonday + 3 * kDay + 60, "a1", true, 20.0);  // a little practice on Thursday
  const LearnerState later = fold(course.index, log.events);
  progress = path::progress_of(later.goals.front(), later, kMonday + 3 * kDay + kHour);
  CHECK(progress.status == "<1 of 10 minutes today");
}

TEST_CASE("goals: a new daily target is on track until a whole day misses it; removal withdraws a goal") {
  const Course course;
  Log log;
  const GoalSet daily = path::minutes_goal(20);
  log.add(kMonday, daily);
  LearnerState state = fold(course.index, log.events);
  CHECK(path::progress_of(state.goals.front(), state, kMonday + kDay).on_track);  // Monday was partly over
  CHECK_FALSE(path::progress_of(state.goals.front(), state, kMonday + 2 * kDay).on_track);

  log.add(kMonday + kHour, path::minutes_goal(30));  // the same id: replaces it
  state = fold(course.index, log.events);
  REQUIRE(state.goals.size() == 1);
  CHECK(state.goals.front().spec.amount == 30.0);

  log.add(kMonday + 2 * kHour, path::removal(daily));
  state = fold(course.index, log.events);
  CHECK(state.goals.empty());
  CHECK(path::goal_progress(state, kMonday).empty());
}

TEST_CASE("goals: suggestions follow the unit in progress and skip goals already set") {
  const Course course;
  Log log;
  std::vector<GoalSet> suggestions = path::suggest_goals(fold(course.index, log.events), kMonday);
  REQUIRE(suggestions.size() == 2);  // nothing practised yet: the first unit, and a daily target
  CHECK(suggestions[0].goal == "unit/chain/u1");
  CHECK(suggestions[0].deadline == path::end_of_local_day(kMonday, path::kSuggestedDeadlineDays));
  CHECK(suggestions[1].goal == "minutes-per-day");
  CHECK(suggestions[1].amount == path::kSuggestedMinutes);

  log.answer(kMonday, "c1", true);  // working in unit 2 now
  suggestions = path::suggest_goals(fold(course.index, log.events), kMonday);
  REQUIRE(suggestions.size() == 2);
  CHECK(suggestions[0].goal == "unit/chain/u2");

  log.add(kMonday, path::master_unit_goal(course.bundle, "u2", kMonday, 7));
  log.add(kMonday, path::minutes_goal(10));
  suggestions = path::suggest_goals(fold(course.index, log.events), kMonday);
  REQUIRE(suggestions.size() == 1);  // u2 is a goal already; the daily target too
  CHECK(suggestions[0].goal == "unit/chain/u1");
}

TEST_CASE("dashboard: headline numbers, 14 days of minutes, accuracy per day, mastery in bundle order") {
  const Course course;
  Log log;
  const Seconds today = kMonday + 20 * kDay;            // local day 20478
  log.answer(today - 3 * kDay, "a1", true, 120.0);      // 10 points each when right: slower than 30 s
  log.answer(today - 3 * kDay + 200, "a1", true, 120.0);
  log.answer(today - kDay, "a1", true, 60.0);           // a mastered now
  log.answer(today - kDay + 100, "b1", false, 60.0);
  log.answer(today, "b1", true, 90.0);
  Attempt reading;
  reading.activity = "r1";
  reading.graded = false;
  reading.seconds = 30.0;
  log.add(today + 120, reading);                        // 5 points, not an answer
  log.answer(today + 200, "unknown", true, 600.0);      // another course's activity: not counted

  const LearnerState state = fold(course.index, log.events);
  const report::Dashboard dashboard = report::build_dashboard(state, log.events, today + kHour);
  const report::Headline& headline = dashboard.headline;
  CHECK(headline.points == 45);
  CHECK(headline.answers == 5);
  CHECK(headline.correct == 4);
  CHECK(headline.accuracy_percent() == 80);
  CHECK(headline.streak_days == 2);                     // yesterday and today; the day before was missed
  CHECK(headline.skills_mastered == 1);
  CHECK(headline.skills_total == 3);
  CHECK(headline.minutes_last_7_days == doctest::Approx(8.0));  // 240 + 120 + 90 + 30 seconds

  REQUIRE(dashboard.minutes_per_day.size() == 14);
  CHECK(dashboard.minutes_per_day.back().day == local_day(today, {}));
  CHECK(dashboard.minutes_per_day.front().day == local_day(today, {}) - 13);
  CHECK(dashboard.minutes_per_day[13].minutes == doctest::Approx(2.0));
  CHECK(dashboard.minutes_per_day[12].minutes == doctest::Approx(2.0));
  CHECK(dashboard.minutes_per_day[11].minutes == 0.0);
  CHECK(dashboard.minutes_per_day[10].minutes == doctest::Approx(4.0));

  CHECK_FALSE(dashboard.accuracy_weekly);
  REQUIRE(dashboard.accuracy.size() == 14);
  CHECK(dashboard.accuracy[13].answers == 1);
  CHECK(dashboard.accuracy[13].percent() == 100);
  CHECK(dashboard.accuracy[12].answers == 2);
  CHECK(dashboard.accuracy[12].percent() == 50);
  CHECK(dashboard.accuracy[11].percent() == -1);
  CHECK(dashboard.accuracy[10].percent() == 100);

  REQUIRE(dashboard.mastery.size() == 3);
  CHECK(dashboard.mastery[0].skill == 0);
  CHECK(dashboard.mastery[0].mastered);
  CHECK(dashboard.mastery[0].attempts == 3);
  CHECK(dashboard.mastery[1].p_known == doctest::Approx(state.skills[1].p_known));
  CHECK_FALSE(dashboard.mastery[2].mastered);
  CHECK(dashboard.mastery[2].attempts == 0);
}

TEST_CASE("dashboard: accuracy per week once the history is longer than the chart; duplicates counted once") {
  const Course course;
  Log log;
  const Seconds today = kMonday + 60 * kDay;
  log.answer(today - 30 * kDay, "a1", false);  // 30 days ago: week 4 back (days -34..-28)
  log.answer(today - 6 * kDay, "a1", true);    // the current week: days -6..0
  log.answer(today, "b1", false);
  log.events.push_back(log.events.back());     // the same event stored twice
  const LearnerState state = fold(course.index, log.events);
  const report::Dashboard dashboard = report::build_dashboard(state, log.events, today);
  CHECK(dashboard.accuracy_weekly);
  REQUIRE(dashboard.accuracy.size() == 8);
  CHECK(dashboard.accuracy[7].first_day == local_day(today, {}) - 6);
  CHECK(dashboard.accuracy[7].days == 7);
  CHECK(dashboard.accuracy[7].answers == 2);
  CHECK(dashboard.accuracy[7].percent() == 50);
  CHECK(dashboard.accuracy[3].first_day == local_day(today, {}) - 34);
  CHECK(dashboard.accuracy[3].answers == 1);
  CHECK(dashboard.accuracy[3].percent() == 0);
  CHECK(dashboard.headline.answers == 3);
}

TEST_CASE("calibration: a sentence only with enough answers rated 4-5") {
  const Course course;
  Log log;
  CHECK(report::calibration_summary(fold(course.index, log.events)).sentence ==
        "Say how sure you are before you check an answer. After 5 answers you were sure of (4 or 5), this shows "
        "how often you were right.");
  for (int i = 0; i < 4; ++i) log.answer(kMonday + i, "a1", i != 0, 60.0, i % 2 ? 5 : 4);
  report::Calibration calibration = report::calibration_summary(fold(course.index, log.events));
  CHECK_FALSE(calibration.enough);
  CHECK(calibration.sure_answers == 4);
  CHECK(calibration.sentence == "1 more answer you are sure of (4 or 5), and this shows how often you were right "
                                "when you felt sure.");
  log.answer(kMonday + 10, "b1", true, 60.0, 4);
  calibration = report::calibration_summary(fold(course.index, log.events));
  CHECK(calibration.enough);
  CHECK(calibration.sure_correct == 4);
  CHECK(calibration.levels[3].answers == 3);  // rated 4
  CHECK(calibration.levels[3].percent() == 67);
  CHECK(calibration.levels[4].percent() == 100);
  CHECK(calibration.levels[0].percent() == -1);
  CHECK(calibration.sentence == "When you were sure (4–5), you were right 80% of the time.");
  for (int i = 0; i < 5; ++i) log.answer(kMonday + 20 + i, "c1", i < 2, 60.0, i % 2 + 1);
  calibration = report::calibration_summary(fold(course.index, log.events));
  CHECK(calibration.sentence ==
        "When you were sure (4–5), you were right 80% of the time; when you were unsure (1–2), 40%.");
  CHECK(calibration.levels[0].answers == 3);
  CHECK(calibration.levels[2].answers == 0);
}

TEST_CASE("session summary: what happened since the last SessionStarted of this device") {
  const Course course;
  Log log;
  CHECK_FALSE(report::summarize_session(course.index, log.events, "d").started);
  log.add(kMonday, SessionStarted{});
  for (int i = 0; i < 3; ++i) log.answer(kMonday + 60 + i, "a1", true);  // a mastered in the first session
  log.add(kMonday + 600, SessionEnded{});
  const Seconds second = kMonday + kDay;
  log.add(second, SessionStarted{});
  log.answer(second + 10, "b1", true, 120.0);
  log.answer(second + 20, "a1", false, 60.0);
  log.answer(second + 30, "b1", true, 120.0);
  log.answer(second + 40, "b1", true, 120.0);  // b mastered now
  log.answer(second + 50, "elsewhere", true, 60.0);
  // Another tab starts its own session meanwhile: it does not cut this one short.
  Log other;
  other.device = "e";
  other.add(second + 35, SessionStarted{});
  other.answer(second + 36, "c1", true, 60.0);
  std::vector<Event> all = log.events;
  all.insert(all.end(), other.events.begin(), other.events.end());

  const report::SessionSummary summary = report::summarize_session(course.index, all, "d");
  CHECK(summary.started);
  CHECK(summary.started_at == second);
  CHECK(summary.answers == 5);               // the other tab's answer falls in this session's time too
  CHECK(summary.correct == 4);
  CHECK(summary.points == 40);
  CHECK(summary.minutes == doctest::Approx(8.0));  // 120 + 60 + 120 + 60 (c1) + 120 seconds
  CHECK(summary.skills_practised == std::vector<int>{1, 0, 2});
  CHECK(summary.skills_mastered == std::vector<int>{1});

  const report::SessionSummary theirs = report::summarize_session(course.index, all, "e");
  CHECK(theirs.started_at == second + 35);
  CHECK(theirs.answers == 2);                // c1 at +36 and b1 at +40
  const report::SessionSummary any = report::summarize_session(course.index, all);
  CHECK(any.started_at == second + 35);
}

TEST_CASE("minutes_phrase") {
  CHECK(report::minutes_phrase(0.2) == "less than a minute");
  CHECK(report::minutes_phrase(1.4) == "1 min");
  CHECK(report::minutes_phrase(59.4) == "59 min");
  CHECK(report::minutes_phrase(60.0) == "1 h");
  CHECK(report::minutes_phrase(125.0) == "2 h 5 min");
}
