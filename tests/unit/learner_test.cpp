// The learner model and the path engine (shared/learner): event order and merging, Elo, the fold, the frontier,
// the engine's choices and reasons, blockage detection and the simulation.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "content/bundle.h"
#include "learner/bkt.h"
#include "learner/elo.h"
#include "learner/events.h"
#include "learner/learner_state.h"
#include "path/path_engine.h"
#include "path/simulate.h"

using namespace pathwise;
using namespace pathwise::learner;
using namespace pathwise::path;

namespace {

// Three skills in a chain a → b → c; a opens with a reading.
const char* const kCourse = R"({
  "format": "pathwise.bundle/1", "id": "chain", "version": "1", "title": "Chain", "language": "en",
  "skills": [
    {"id": "a", "title": "Adding", "bkt": {"prior": 0.1, "learn": 0.2, "guess": 0.2, "slip": 0.1}},
    {"id": "b", "title": "Borrowing", "prerequisites": ["a"]},
    {"id": "c", "title": "Carrying", "prerequisites": ["b"]}
  ],
  "units": [{"id": "u1", "title": "Unit 1", "lessons": [{"id": "l1", "title": "L", "skills": ["a", "b"]}]},
            {"id": "u2", "title": "Unit 2", "lessons": [{"id": "l2", "title": "L", "skills": ["c"]}]}],
  "activities": [
    {"id": "a-read", "type": "reading", "skills": ["a"], "title": "About adding", "body": "Text"},
    {"id": "a1", "type": "true_false", "skills": ["a"], "prompt": "1+1=2?", "answer": true, "difficulty": -1},
    {"id": "a2", "type": "true_false", "skills": ["a"], "prompt": "2+2=4?", "answer": true, "difficulty": 0},
    {"id": "a3", "type": "true_false", "skills": ["a"], "prompt": "3+3=6?", "answer": true, "difficulty": 1},
    {"id": "b1", "type": "single_choice", "skills": ["b"], "prompt": "?", "explanation": "Worked: ...",
     "choices": [{"text": "x", "correct": true}, {"text": "y", "misconception": "borrow-forgot"}]},
    {"id": "b2", "type": "true_false", "skills": ["b"], "prompt": "?", "answer": true, "explanation": "Worked: ..."},
    {"id": "b3", "type": "parameterized", "skills": ["b"], "prompt": "{{x}} + 1 = ?",
     "variables": {"x": {"min": 1, "max": 50}}, "answer": "x + 1",
     "levels": [{"difficulty": -1}, {"difficulty": 1, "variables": {"x": {"min": 100, "max": 900}}}]},
    {"id": "c1", "type": "true_false", "skills": ["c"], "prompt": "?", "answer": true},
    {"id": "c2", "type": "true_false", "skills": ["c"], "prompt": "?", "answer": false}
  ]
})";

const Seconds kStart = 1767600000;  // 2026-01-05T08:00:00Z

struct Course {
  content::Bundle bundle;
  CourseIndex index;
  Course() {
    content::BundleParse parse = content::parse_bundle(kCourse, "chain.json");
    REQUIRE(parse.bundle.has_value());
    bundle = std::move(*parse.bundle);
    index = index_course(bundle);
  }
  Course(const Course&) = delete;
};

Event attempt_event(const std::string& device, std::uint64_t sequence, Seconds time, const std::string& activity,
                    double score, double seconds = 20.0) {
  Attempt attempt;
  attempt.activity = activity;
  attempt.score = score;
  attempt.seconds = seconds;
  return Event{{device, sequence}, time, attempt};
}

// A learner who has answered `count` questions of skill a correctly, starting at kStart.
std::vector<Event> master_a(int count = 6) {
  std::vector<Event> events;
  const char* ids[] = {"a1", "a2", "a3"};
  for (int i = 0; i < count; ++i)
    events.push_back(attempt_event("d1", static_cast<std::uint64_t>(i + 1), kStart + 60 * i, ids[i % 3], 1.0));
  return events;
}

}  // namespace

TEST_CASE("canonical order depends only on the set of events and keeps each device's sequence") {
  std::vector<Event> events = {
      attempt_event("tablet", 1, 100, "a1", 1), attempt_event("tablet", 2, 300, "a2", 0),
      attempt_event("phone", 1, 200, "a1", 0),  attempt_event("phone", 2, 150, "a3", 1),  // clock went back
      attempt_event("phone", 3, 400, "a2", 1)};
  auto ids = [](const CanonicalOrder& order) {
    std::vector<std::string> out;
    for (const Event* e : order.events) out.push_back(e->id.device + std::to_string(e->id.sequence));
    return out;
  };
  const std::vector<std::string> expected = {"tablet1", "phone1", "phone2", "tablet2", "phone3"};
  CHECK(ids(canonical_order(events)) == expected);
  std::vector<Event> shuffled = {events[4], events[1], events[3], events[0], events[2]};
  CHECK(ids(canonical_order(shuffled)) == expected);
  shuffled.push_back(events[1]);  // the same event imported twice
  const CanonicalOrder with_duplicate = canonical_order(shuffled);
  CHECK(ids(with_duplicate) == expected);
  CHECK(with_duplicate.duplicates == 1);
}

TEST_CASE("folding two devices' logs in any interleaving gives the same state") {
  Course course;
  std::vector<Event> tablet, phone;
  for (int i = 0; i < 12; ++i) {
    tablet.push_back(attempt_event("tablet", static_cast<std::uint64_t>(i + 1), kStart + 100 * i,
                                   i % 2 ? "a1" : "a2", i % 3 ? 1.0 : 0.0));
    phone.push_back(attempt_event("phone", static_cast<std::uint64_t>(i + 1), kStart + 100 * i + 50,
                                  i < 6 ? "a3" : "b1", i % 4 ? 1.0 : 0.0));
  }
  std::vector<Event> one = tablet;
  one.insert(one.end(), phone.begin(), phone.end());
  std::vector<Event> other;
  for (std::size_t i = 0; i < 12; ++i) {  // interleaved, phone first, with a duplicate thrown in
    other.push_back(phone[i]);
    other.push_back(tablet[i]);
    if (i == 5) other.push_back(tablet[2]);
  }
  const LearnerState x = fold(course.index, one);
  const LearnerState y = fold(course.index, other);
  REQUIRE(x.skills.size() == y.skills.size());
  for (std::size_t s = 0; s < x.skills.size(); ++s) {
    CHECK(x.skills[s].p_known == y.skills[s].p_known);
    CHECK(x.skills[s].mastered == y.skills[s].mastered);
    CHECK(x.skills[s].ability.value == y.skills[s].ability.value);
  }
  CHECK(x.attempts == 24);
  CHECK(y.attempts == 24);
  CHECK(x.blockages.size() == y.blockages.size());

  // apply() on the live path equals fold() when events arrive in canonical order.
  LearnerState live = initial_state(course.index);
  for (const Event* e : canonical_order(one).events) apply(live, *e);
  for (std::size_t s = 0; s < x.skills.size(); ++s) CHECK(live.skills[s].p_known == x.skills[s].p_known);
}

TEST_CASE("Elo: probabilities, the target difficulty and one update computed by hand") {
  CHECK(elo_p_correct(0, 0) == doctest::Approx(0.5));
  CHECK(elo_p_correct(1, 0) == doctest::Approx(1 / (1 + std::exp(-1.0))));
  CHECK(elo_difficulty_for(0.0, 0.75) == doctest::Approx(-std::log(3.0)));
  CHECK(elo_p_correct(0.4, elo_difficulty_for(0.4, 0.9)) == doctest::Approx(0.9));

  // θ = β = 0, both uncertain (U = 1): K_θ = 0.4 (1 + 1·1 − 0.5·1) = 0.6, K_β = 0.4 · 0.25 · 1.5 = 0.15;
  // a correct answer surprises by 1 − 0.5 = 0.5: θ = 0.3, β = −0.075; each U drops by 1/40.
  EloRating ability, difficulty;
  elo_update(ability, difficulty, {1.0, 0, 0}, kStart);
  CHECK(ability.value == doctest::Approx(0.3));
  CHECK(difficulty.value == doctest::Approx(-0.075));
  CHECK(ability.uncertainty == doctest::Approx(1 - 1.0 / 40));
  // Thirty days without answers bring the uncertainty back up by one (capped at 1).
  CHECK(elo_uncertainty_at(ability, kStart + 30 * kDay) == doctest::Approx(1.0));

  // High speed, high stakes: a fast right answer moves the rating more than a slow one; a fast wrong answer
  // costs more than a slow wrong one.
  EloSettings hshs;
  hshs.use_response_time = true;
  EloRating fast, slow, item1, item2;
  elo_update(fast, item1, {1.0, 2, 20}, kStart, hshs);
  elo_update(slow, item2, {1.0, 18, 20}, kStart, hshs);
  CHECK(fast.value > slow.value);
  CHECK(slow.value > 0);
  EloRating fast_wrong, slow_wrong, item3, item4;
  elo_update(fast_wrong, item3, {0.0, 2, 20}, kStart, hshs);
  elo_update(slow_wrong, item4, {0.0, 18, 20}, kStart, hshs);
  CHECK(fast_wrong.value < slow_wrong.value);
  CHECK(slow_wrong.value < 0);
}

TEST_CASE("the fold follows BKT step by step, starts a review card at mastery, and counts for the dashboard") {
  Course course;
  const content::BktParameters a = course.bundle.skills[0].bkt;
  // a2 has difficulty 0, the skill's typical difficulty: its guess and slip are the skill's own.
  CHECK(course.index.typical_difficulty[0] == doctest::Approx(0.0));
  LearnerState state = initial_state(course.index);
  double expected = 0.1;
  const double scores[] = {1, 0, 1, 1, 1};
  for (int i = 0; i < 5; ++i) {
    apply(state, attempt_event("d", static_cast<std::uint64_t>(i + 1), kStart + 60 * i, "a2", scores[i]));
    expected = bkt_update(a, expected, scores[i]);
    CHECK(state.skills[0].p_known == doctest::Approx(expected).epsilon(1e-12));
  }
  // An easy question answered right is weaker evidence than a typical one (KT-IDEM-style item guess/slip).
  LearnerState easy = initial_state(course.index), typical = initial_state(course.index);
  apply(easy, attempt_event("d", 1, kStart, "a1", 1));
  apply(typical, attempt_event("d", 1, kStart, "a2", 1));
  CHECK(easy.skills[0].p_known < typical.skills[0].p_known);
  CHECK(item_bkt(a, -1).guess > a.guess);
  CHECK(item_bkt(a, 1).slip > a.slip);

  const LearnerState mastered = fold(course.index, master_a());
  CHECK(mastered.skills[0].mastered);
  REQUIRE(mastered.skills[0].review.has_value());
  CHECK(mastered.skills[0].review->due > mastered.skills[0].mastered_at);
  CHECK(!review_due(mastered.skills[0], mastered.skills[0].mastered_at));
  CHECK(mastered.attempts == 6);
  CHECK(mastered.correct == 6);
  CHECK(mastered.seconds_on_task == doctest::Approx(120));
  CHECK(streak_days(mastered, kStart + kDay) == 1);
  CHECK(streak_days(mastered, kStart + 3 * kDay) == 0);
}

TEST_CASE("the frontier, skill statuses and locked skills") {
  Course course;
  LearnerState state = initial_state(course.index);
  CHECK(ready_frontier(state) == std::vector<int>{0});
  std::vector<SkillStatus> statuses = skill_statuses(state, kStart);
  CHECK(statuses == std::vector<SkillStatus>{SkillStatus::ready, SkillStatus::locked, SkillStatus::locked});

  PathRequest pick_c;
  pick_c.now = kStart;
  pick_c.skill = "c";
  PathChoice locked = choose_next(state, pick_c);
  REQUIRE(locked.locked.has_value());
  CHECK(locked.locked->missing == std::vector<int>{1});
  CHECK(locked.locked->reason == "Master Borrowing first");
  CHECK(locked.options.empty());

  state = fold(course.index, master_a());
  CHECK(ready_frontier(state) == std::vector<int>{1});
  statuses = skill_statuses(state, kStart + kHour);
  CHECK(statuses[0] == SkillStatus::mastered);
  CHECK(statuses[1] == SkillStatus::ready);
  CHECK(statuses[2] == SkillStatus::locked);
}

TEST_CASE("the engine's choices and the reasons it gives") {
  Course course;
  LearnerState state = initial_state(course.index);
  PathRequest request;
  request.now = kStart;
  PathChoice choice = choose_next(state, request);
  REQUIRE(!choice.options.empty());
  CHECK(course.bundle.activities[static_cast<std::size_t>(choice.options[0].activity)].id == "a-read");
  CHECK(choice.options[0].reason == "Start here: Adding");
  CHECK(choice.options.size() == 3);
  // Only Adding is open: the alternatives are more of it, questions after the reading (a different kind of
  // activity first), each saying it is another way into the same skill instead of repeating "Start here".
  const auto type_of = [&](const Recommendation& r) {
    return course.bundle.activities[static_cast<std::size_t>(r.activity)].type();
  };
  CHECK(type_of(choice.options[1]) == content::ActivityType::true_false);
  CHECK(choice.options[1].reason == "Another way into Adding");
  CHECK(choice.options[2].activity != choice.options[1].activity);
  CHECK(choice.options[2].skill == 0);

  // After mastering Adding, Borrowing is the next step and says why.
  std::vector<Event> events = master_a();
  state = fold(course.index, events);
  request.now = kStart + kHour;
  choice = choose_next(state, request);
  REQUIRE(!choice.options.empty());
  CHECK(choice.options[0].skill == 1);
  CHECK(choice.options[0].kind == ReasonKind::next_step);
  CHECK(choice.options[0].reason == "Next step: you mastered Adding");
  // No immediate repeats: the activity just answered is not offered first.
  for (int i = 0; i < 4; ++i) {
    const Recommendation first = choose_next(state, request).options.at(0);
    const std::string id = course.bundle.activities[static_cast<std::size_t>(first.activity)].id;
    CHECK(first.activity != state.last_activity);
    events.push_back(attempt_event("d1", events.size() + 1, request.now, id, 0.0));
    apply(state, events.back());
    request.now += 60;
  }

  // A template gets a variant the learner has not seen, the same for the same entropy.
  request.skill = "b";
  request.entropy = 42;
  const PathChoice b = choose_next(state, request);
  const PathChoice b_again = choose_next(state, request);
  REQUIRE(b.options.size() == 3);
  bool offered_template = false;
  for (std::size_t i = 0; i < b.options.size(); ++i) {
    CHECK(b.options[i].skill == 1);
    CHECK(b.options[i].seed == b_again.options[i].seed);
    if (course.bundle.activities[static_cast<std::size_t>(b.options[i].activity)].id == "b3") {
      offered_template = true;
      CHECK(b.options[i].seed != 0);
    }
  }
  CHECK(offered_template);
  CHECK(b.options[0].kind == ReasonKind::chosen);
  CHECK(b.options[0].reason == "You chose Borrowing");

  // Weeks later the mastered skill is due for review and the engine says how long it has been.
  request.skill.clear();
  LearnerState later = fold(course.index, master_a());
  request.now = kStart + 40 * kDay;
  CHECK(review_due(later.skills[0], request.now));
  later.attempts_since_review = 5;  // review's turn in the interleaving
  choice = choose_next(later, request);
  REQUIRE(!choice.options.empty());
  CHECK(choice.options[0].kind == ReasonKind::review);
  CHECK(choice.options[0].reason == "Review: last practised 40 days ago");

  // An assignment limits the choice to its scope.
  request.scope = {"u2"};
  choice = choose_next(later, request);
  for (const Recommendation& r : choice.options) CHECK(r.skill == 2);
}

TEST_CASE("wheel-spinning is detected after ten attempts without mastery, with its evidence and a step back") {
  Course course;
  std::vector<Event> events = master_a(4);  // Adding reached mastery on thin evidence...
  LearnerState state = fold(course.index, events);
  REQUIRE(state.skills[0].mastered);
  std::uint64_t sequence = events.size();
  Seconds now = kStart + kHour;
  for (int i = 0; i < 10; ++i) {  // ...then Borrowing goes wrong ten times, alternating right and wrong
    apply(state, attempt_event("d1", ++sequence, now, i % 2 ? "b1" : "b2", i % 2 ? 0.0 : 1.0));
    now += 60;
  }
  REQUIRE(state.blockages.size() == 1);
  const Blockage& blockage = state.blockages[0];
  CHECK(blockage.kind == BlockageKind::wheel_spinning);
  CHECK(blockage.skill == 1);
  CHECK(blockage.events.size() == 10);
  CHECK(blockage.evidence == "10 attempts on Borrowing without mastering it; 5 of the last 10 correct, never 3 in a row");
  CHECK(!blockage.resolved);
  // Adding is still mastered but no longer solid: the engine's answer is a step back, or a worked example.
  PathRequest request;
  request.now = now;
  const PathChoice choice = choose_next(state, request);
  REQUIRE(!choice.options.empty());
  CHECK((choice.options[0].kind == ReasonKind::step_back || choice.options[0].kind == ReasonKind::worked_example));

  // Three right in a row is Beck & Gong's mastery evidence: the blockage resolves.
  for (int i = 0; i < 3; ++i) apply(state, attempt_event("d1", ++sequence, now += 60, "b2", 1.0));
  CHECK(state.blockages[0].resolved);  // by the streak, or by BKT mastery on the way there
  CHECK(state.blockages[0].resolved_at > state.blockages[0].detected_at);
}

TEST_CASE("repeated misconceptions, rapid guessing, hint abuse and inactivity are each raised with evidence") {
  Course course;
  const LearnerState base = fold(course.index, master_a());
  std::uint64_t sequence = 100;
  Seconds now = kStart + kHour;

  LearnerState state = base;
  for (int i = 0; i < 3; ++i) {
    Event e = attempt_event("d1", ++sequence, now += 60, "b1", 0.0);
    std::get<Attempt>(e.body).misconceptions = {"borrow-forgot"};
    apply(state, e);
  }
  const Blockage* misconception = active_blockage(state, 1);
  REQUIRE(misconception != nullptr);
  CHECK(misconception->kind == BlockageKind::repeated_misconception);
  CHECK(misconception->misconception == "borrow-forgot");
  CHECK(misconception->remedy == Remedy::worked_example);
  CHECK(misconception->evidence == "the same mistake (borrow-forgot) 3 times in the last 3 attempts");
  PathRequest request;
  request.now = now;
  const PathChoice worked = choose_next(state, request);
  REQUIRE(!worked.options.empty());
  CHECK(worked.options[0].kind == ReasonKind::worked_example);
  CHECK(worked.options[0].show_worked_example);
  CHECK(worked.options[0].reason == "Let's look at a worked example of Borrowing");

  state = base;
  for (int i = 0; i < 3; ++i) apply(state, attempt_event("d1", ++sequence, now += 60, "b2", 0.0, 0.8));
  REQUIRE(active_blockage(state, 1) != nullptr);
  CHECK(active_blockage(state, 1)->kind == BlockageKind::rapid_guessing);
  CHECK(active_blockage(state, 1)->remedy == Remedy::easier_variant);

  state = base;
  for (int i = 0; i < 3; ++i) {
    Event e = attempt_event("d1", ++sequence, now += 60, "b2", 1.0);
    std::get<Attempt>(e.body).hint_seconds = {1.5};
    apply(state, e);
  }
  REQUIRE(active_blockage(state, 1) != nullptr);
  CHECK(active_blockage(state, 1)->kind == BlockageKind::hint_abuse);
  CHECK(active_blockage(state, 1)->evidence == "hints asked within seconds on 3 of the last 3 attempts on Borrowing");
  for (int i = 0; i < 3; ++i) apply(state, attempt_event("d1", ++sequence, now += 60, "b2", 1.0));
  CHECK(active_blockage(state, 1) == nullptr);  // three normal attempts resolve it; it stays in the record
  CHECK(state.blockages.back().resolved);

  state = base;
  apply(state, Event{{"d1", ++sequence}, now, ActivityShown{"b2", 0, 0}});
  CHECK(!current_inactivity(state, now + 60, {}).has_value());
  const std::optional<Blockage> idle = current_inactivity(state, now + 10 * kMinute, {});
  REQUIRE(idle.has_value());
  CHECK(idle->kind == BlockageKind::inactivity);
  CHECK(idle->activity == "b2");
  CHECK(idle->evidence == "10 minutes on one activity without an answer");
  apply(state, attempt_event("d1", ++sequence, now + 10 * kMinute, "b2", 1.0));
  REQUIRE(!state.blockages.empty());
  CHECK(state.blockages.back().kind == BlockageKind::inactivity);
  CHECK(state.blockages.back().resolved);
}

TEST_CASE("goals, reflections, challenge and confidence enter the state") {
  Course course;
  std::vector<Event> events = master_a();
  std::uint64_t sequence = events.size();
  events.push_back({{"d1", ++sequence}, kStart + kHour, GoalSet{"g1", GoalKind::master_unit, {"u2"}, 0, 0, false}});
  events.push_back({{"d1", ++sequence}, kStart + kHour, ChallengeChosen{0.6}});
  events.push_back({{"d1", ++sequence}, kStart + kHour, Reflection{"borrowing was hard", 2}});
  events.push_back({{"d1", ++sequence}, kStart + kHour, ConfidenceRated{"a", 5}});
  events.push_back({{"d1", ++sequence}, kStart + kHour, ConfidenceRated{"gone", 5}});
  const LearnerState state = fold(course.index, events);
  REQUIRE(state.goals.size() == 1);
  CHECK(state.goals[0].spec.targets == std::vector<std::string>{"u2"});
  CHECK(state.target_success == doctest::Approx(0.6));
  REQUIRE(state.reflections.size() == 1);
  CHECK(state.reflections[0].reflection.confidence == 2);
  CHECK(state.skills[0].confidence == 5);
  CHECK(state.unknown_references == 1);

  events.push_back({{"d1", ++sequence}, kStart + 2 * kHour, GoalSet{"g1", {}, {}, 0, 0, true}});
  CHECK(fold(course.index, events).goals.empty());
}

TEST_CASE("simulated learners: deterministic, and the adaptive path needs fewer attempts than textbook order") {
  Course course;
  SimulationOptions options;
  options.students = 40;
  options.seed = 7;
  const SimulationReport adaptive = simulate(course.index, options);
  const SimulationReport again = simulate(course.index, options);
  CHECK(adaptive.mean_attempts_to_all_known == again.mean_attempts_to_all_known);
  CHECK(adaptive.success_rate == again.success_rate);
  CHECK(adaptive.reached_all_known == 40);
  options.policy = Policy::linear;
  const SimulationReport linear = simulate(course.index, options);
  CHECK(linear.reached_all_known == 40);
  CHECK(adaptive.mean_attempts_to_all_known < linear.mean_attempts_to_all_known);
  CHECK(adaptive.false_mastery_rate <= 0.1);
  // Pinned: the same figures natively and in wasm (this suite runs in both), to the last digit.
  char pinned[160];
  std::snprintf(pinned, sizeof pinned, "%.17g %.17g %d %.17g", adaptive.mean_attempts_to_all_known,
                adaptive.success_rate, adaptive.mastery_declarations, linear.mean_attempts_to_all_known);
  CHECK(std::string(pinned) == "37.625 0.61875427789185489 85 45.924999999999997");
}

TEST_CASE("showable: the engine offers only activities the client can show, matched exactly by position") {
  const Course course;
  const LearnerState state = fold(course.index, {});
  PathRequest request;
  request.now = kStart;
  // Only the reading a-read (index 0) and skill c's questions can be shown: skill a's questions are left out.
  request.showable.assign(course.bundle.activities.size(), 0);
  request.showable[0] = 1;
  request.showable[static_cast<std::size_t>(course.index.activity("c1"))] = 1;
  for (int round = 0; round < 5; ++round) {
    request.entropy = static_cast<std::uint64_t>(round);
    const PathChoice choice = choose_next(state, request);
    REQUIRE_FALSE(choice.options.empty());
    for (const Recommendation& option : choice.options) {
      CHECK(request.showable[static_cast<std::size_t>(option.activity)] == 1);
    }
  }
  // A mask of the wrong length (another course version) is ignored rather than misapplied.
  request.showable.assign(2, 0);
  CHECK_FALSE(choose_next(state, request).options.empty());
}
