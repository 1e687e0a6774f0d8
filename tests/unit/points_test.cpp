// Points (learner/points.h): earned, never lost; the speed bonus only for quick, fully correct answers to questions.
#include <doctest/doctest.h>

#include "learner/course_index.h"
#include "learner/learner_state.h"
#include "learner/points.h"

using namespace pathwise;
using namespace pathwise::learner;

namespace {

content::Activity activity_of(content::Payload payload, int seconds) {
  content::Activity activity;
  activity.id = "x";
  activity.seconds = seconds;
  activity.payload = std::move(payload);
  return activity;
}

Attempt answer(double score, double seconds) {
  Attempt attempt;
  attempt.activity = "x";
  attempt.score = score;
  attempt.seconds = seconds;
  return attempt;
}

}  // namespace

TEST_CASE("points: 10 for a right answer, a share for partial credit, nothing taken for a wrong one") {
  const content::Activity question = activity_of(content::TrueFalse{}, 30);
  CHECK(attempt_points(question, answer(1.0, 30.0)) == 10);   // at the estimate: no bonus
  CHECK(attempt_points(question, answer(1.0, 100.0)) == 10);  // slow is never punished
  CHECK(attempt_points(question, answer(0.5, 5.0)) == 5);     // partial credit: no bonus
  CHECK(attempt_points(question, answer(0.0, 5.0)) == 0);
  CHECK(attempt_points(question, answer(-3.0, 5.0)) == 0);    // out-of-range scores are clamped
}

TEST_CASE("points: the speed bonus grows to 5 as a correct answer comes faster than the estimate") {
  const content::Activity question = activity_of(content::Numeric{}, 40);
  CHECK(attempt_points(question, answer(1.0, 0.0)) == 15);
  CHECK(attempt_points(question, answer(1.0, 20.0)) == 13);  // half the time spare: 2.5 rounds to 3
  CHECK(attempt_points(question, answer(1.0, 32.0)) == 11);
  CHECK(attempt_points(question, answer(1.0, -1.0)) == 10);  // an impossible duration earns no bonus
}

TEST_CASE("points: readings, videos and flashcards earn no speed bonus; a finished reading earns 5") {
  CHECK(attempt_points(activity_of(content::Flashcard{}, 20), answer(1.0, 1.0)) == 10);
  Attempt seen = answer(0.0, 3.0);
  seen.graded = false;
  CHECK(attempt_points(activity_of(content::Reading{}, 120), seen) == 5);
  CHECK(attempt_points(activity_of(content::Video{}, 120), answer(1.0, 1.0)) == 10);
  CHECK_FALSE(allows_speed_bonus(content::ActivityType::video));
  CHECK(allows_speed_bonus(content::ActivityType::ordering));
}

TEST_CASE("points: the fold sums them, per day too") {
  content::BundleParse parse = content::parse_bundle(R"({
    "format": "pathwise.bundle/1", "id": "p", "version": "1", "title": "P", "language": "en",
    "skills": [{"id": "s", "title": "S"}],
    "units": [{"id": "u", "title": "U", "lessons": [{"id": "l", "title": "L", "skills": ["s"]}]}],
    "activities": [{"id": "q", "type": "true_false", "skills": ["s"], "prompt": "?", "answer": true, "seconds": 20}]
  })", "p.json");
  REQUIRE(parse.bundle);
  const CourseIndex course = index_course(*parse.bundle);
  std::vector<Event> events;
  for (int i = 0; i < 3; ++i) {
    Attempt attempt;
    attempt.activity = "q";
    attempt.score = i == 1 ? 0.0 : 1.0;
    attempt.seconds = 10.0;
    events.push_back(Event{EventId{"d", static_cast<std::uint64_t>(i + 1)}, 86400 * (i == 2 ? 2 : 1) + 60, attempt});
  }
  const LearnerState state = fold(course, events);
  CHECK(state.points == 13 + 0 + 13);
  REQUIRE(state.points_per_day.size() == 2);
  CHECK(state.points_per_day.at(1) == 13);
  CHECK(state.points_per_day.at(2) == 13);
}
