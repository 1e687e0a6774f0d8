// FSRS-6 against the reference implementations' own test vectors. Where a value comes from is said next to it:
//   py-fsrs  tests/test_basic.py (v6): test_review_card, test_memo_state, test_repeated_correct_reviews
//   "py-fsrs 6.3.2": per-review states of fsrs==6.3.2 with Scheduler(enable_fuzzing=False), as recorded in a
//            third-party design document that ran it; py-fsrs itself was not run here (tolerance 1e-9).
//   ts-fsrs  packages/fsrs/src/legacy/__tests__/FSRS-6.test.ts and impl/long-term_scheduler.test.ts
//   fsrs-rs  src/inference.rs test_memory_state (the same 53.62691 / 6.3574867 and 53.335106 values)
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "learner/clock_time.h"
#include "learner/fsrs.h"

using namespace pathwise::learner;
using namespace pathwise::learner::fsrs;

namespace {

const Seconds kStart = *parse_iso8601("2022-11-29T12:30:00Z");  // the references' start time

// The references' "interval in days": (due - last_review).days in py-fsrs, scheduled_days in ts-fsrs; both are
// whole days rounded down, so a 10-minute learning step counts 0.
long long interval_days(const Card& card) { return (card.due - card.last_review) / kDay; }

Rating r(int grade) { return static_cast<Rating>(grade); }

// Reviews a new card with `grades`, each review exactly when the previous one made it due.
std::vector<Card> review_when_due(const std::vector<int>& grades, const Parameters& p = {}) {
  std::vector<Card> history;
  Card card;
  card.due = kStart;
  for (int grade : grades) {
    card = review(card, r(grade), card.due, p);
    history.push_back(card);
  }
  return history;
}

// ts-fsrs's FSRS-5 test weights, filled to 21 the way ts-fsrs and fsrs-rs migrate 19 weights (w19 = 0, w20 = 0.5).
Parameters fsrs5_long_term_parameters() {
  Parameters p;
  p.w = {0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178,
         2.0225, 0.0904, 0.3025, 2.1214,  0.2498, 2.9466, 0.4891, 0.6468, 0.0,    0.5};
  p.short_term = false;
  return p;
}

}  // namespace

TEST_CASE("the published interval vector: Good x6, Again x2, Good x5, each review when due") {
  const std::vector<Card> history = review_when_due({3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3});
  std::vector<long long> intervals;
  for (const Card& card : history) intervals.push_back(interval_days(card));
  CHECK(intervals == std::vector<long long>{0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21});  // py-fsrs, ts-fsrs

  // The states along the way, and the memory state at the end (py-fsrs 6.3.2).
  CHECK(history[0].state == State::learning);
  CHECK(history[0].step == 1);
  CHECK(history[0].due - kStart == 10 * kMinute);
  CHECK(history[5].state == State::review);
  CHECK(history[6].state == State::relearning);
  CHECK(history[7].state == State::relearning);
  CHECK(history[8].state == State::review);
  CHECK(history[5].stability == doctest::Approx(497.8765551245907).epsilon(1e-9));
  CHECK(history[6].stability == doctest::Approx(6.890412507565338).epsilon(1e-9));
  CHECK(history[6].difficulty == doctest::Approx(7.383202320049203).epsilon(1e-9));
  CHECK(history[12].stability == doctest::Approx(20.77035728499242).epsilon(1e-9));
  CHECK(history[12].difficulty == doctest::Approx(9.055759917231622).epsilon(1e-9));
  CHECK(format_iso8601(history[12].due) == "2025-01-03T13:00:00Z");
  CHECK(history[12].reps == 13);
  CHECK(history[12].lapses == 1);  // the second Again came in relearning, not in review
}

TEST_CASE("the first review of a new card, for each rating (ts-fsrs 'first repeat')") {
  const double stability[] = {0.212, 1.2931, 2.3065, 8.2956};
  const double difficulty[] = {6.4133, 5.11217071, 2.11810397, 1.0};
  const State state[] = {State::learning, State::learning, State::learning, State::review};
  const Seconds wait[] = {1 * kMinute, 5 * kMinute + 30, 10 * kMinute, 8 * kDay};  // py-fsrs learning-step tests
  for (int grade = 1; grade <= 4; ++grade) {
    CAPTURE(grade);
    Card card = review(Card{}, r(grade), kStart);
    CHECK(card.stability == doctest::Approx(stability[grade - 1]).epsilon(1e-8));
    CHECK(card.difficulty == doctest::Approx(difficulty[grade - 1]).epsilon(1e-8));
    CHECK(card.state == state[grade - 1]);
    CHECK(card.due - kStart == wait[grade - 1]);
    CHECK(card.reps == 1);
    CHECK(card.lapses == 0);
    CHECK(card.reviewed);
  }
}

TEST_CASE("memory state after Again, Good, then Good after 1, 3, 8 and 21 days") {
  const int grades[] = {1, 3, 3, 3, 3, 3};
  const int days_before[] = {0, 0, 1, 3, 8, 21};
  auto run = [&](const Parameters& p) {
    Card card;
    Seconds now = kStart;
    for (int i = 0; i < 6; ++i) {
      now += days_before[i] * kDay;
      card = review(card, r(grades[i]), now, p);
    }
    return card;
  };
  // py-fsrs test_memo_state, ts-fsrs 'memory state[short-term]', fsrs-rs test_memory_state.
  const Card short_term = run(Parameters{});
  CHECK(short_term.stability == doctest::Approx(53.62691).epsilon(1e-6));
  CHECK(short_term.difficulty == doctest::Approx(6.3574867).epsilon(1e-6));
  // ts-fsrs 'memory state[long-term]': same-day reviews leave stability alone.
  Parameters long_term;
  long_term.short_term = false;
  const Card card = run(long_term);
  CHECK(card.stability == doctest::Approx(53.335106).epsilon(1e-6));
  CHECK(card.difficulty == doctest::Approx(6.3574867).epsilon(1e-6));
}

TEST_CASE("short_term = false follows ts-fsrs's long-term scheduler") {
  // long-term_scheduler.test.ts test1..test5: each review when due, FSRS-5 weights.
  struct Vector {
    std::vector<int> grades;
    std::vector<long long> intervals;
    std::vector<double> stability;
    std::vector<double> difficulty;
  };
  const Vector vectors[] = {
      {{3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3},
       {3, 13, 48, 155, 445, 1158, 17, 3, 11, 37, 112, 307, 773},
       {3.0412, 13.09130698, 48.15848988, 154.93732625, 445.05562739, 1158.07779739, 16.63063166, 3.01732209,
        11.42247264, 37.37521902, 111.8752758, 306.5974569, 772.94026648},
       {4.49094334, 4.26664289, 4.05746029, 3.86237659, 3.68044154, 3.51076891, 4.69833071, 5.55956298, 5.26323756,
        4.98688448, 4.72915759, 4.4888015, 4.26464541}},
      {{1, 2, 3, 4, 1, 2, 3, 4},
       {1, 2, 6, 41, 4, 7, 21, 133},
       {0.4197, 1.0344317, 5.5356759, 41.0033667, 4.46605519, 6.67743292, 20.88868155, 132.81849454},
       {7.1434, 7.03653841, 6.64066485, 5.92312772, 6.44779861, 6.45995078, 6.10293922, 5.36588547}},
      {{2, 3, 4, 1, 2, 3, 4, 1},
       {2, 7, 54, 5, 8, 26, 171, 8},
       {1.1869, 6.59167572, 53.76078737, 5.0853693, 8.09786749, 25.52991279, 171.16195166, 8.11072373},
       {6.23225985, 5.89059466, 5.14583392, 5.884097, 5.99269555, 5.667177, 4.91430736, 5.71619151}},
      {{3, 4, 1, 2, 3, 4, 1, 2},
       {3, 33, 4, 7, 26, 193, 9, 14},
       {3.0412, 32.65484522, 4.22256838, 7.2325009, 25.52681746, 193.36618775, 8.63899847, 14.31323867},
       {4.49094334, 3.69538259, 4.83221448, 5.12078462, 4.85403286, 4.07165035, 5.1050878, 5.34697075}},
      {{4, 1, 2, 3, 4, 1, 2, 3},
       {15, 3, 6, 27, 240, 10, 17, 60},
       {15.2441, 3.25621013, 6.32684549, 26.56339029, 239.70462771, 9.75621519, 17.06035531, 59.59547542},
       {1.16304343, 2.99573557, 3.59851762, 3.43436666, 2.60045771, 4.03816348, 4.46259158, 4.24020203}},
  };
  const Parameters p = fsrs5_long_term_parameters();
  REQUIRE(parameter_problems(p).empty());
  for (const Vector& vector : vectors) {
    const std::vector<Card> history = review_when_due(vector.grades, p);
    for (std::size_t i = 0; i < history.size(); ++i) {
      CAPTURE(i);
      CHECK(history[i].state == State::review);
      CHECK(interval_days(history[i]) == vector.intervals[i]);
      // ts-fsrs rounds each intermediate result to 8 decimals; this implementation does not.
      CHECK(history[i].stability == doctest::Approx(vector.stability[i]).epsilon(1e-6));
      CHECK(history[i].difficulty == doctest::Approx(vector.difficulty[i]).epsilon(1e-6));
    }
  }
}

TEST_CASE("switching short_term between reviews (ts-fsrs '[State.(Re)Learning]switch long-term scheduler')") {
  Parameters p = fsrs5_long_term_parameters();
  const int grades[] = {3, 3, 1, 3, 3, 1};
  const bool short_term[] = {true, false, false, false, true, true};
  const long long intervals[] = {0, 4, 1, 5, 19, 0};
  const double stability[] = {3.0412, 3.0412, 1.21778427, 4.73753014, 19.02294877, 3.20676576};
  const double difficulty[] = {4.49094334, 4.26664289, 5.24649844, 4.97127357, 4.71459886, 5.57136081};
  const State states[] = {State::learning, State::review, State::review, State::review, State::review,
                          State::relearning};
  Card card;
  Seconds now = kStart;
  for (int i = 0; i < 6; ++i) {
    CAPTURE(i);
    p.short_term = short_term[i];
    card = review(card, r(grades[i]), now, p);
    now = card.due;
    CHECK(interval_days(card) == intervals[i]);
    CHECK(card.stability == doctest::Approx(stability[i]).epsilon(1e-6));
    CHECK(card.difficulty == doctest::Approx(difficulty[i]).epsilon(1e-6));
    CHECK(card.state == states[i]);
  }
}

TEST_CASE("with short_term = false a new card goes straight to review, intervals ordered") {
  Parameters p;
  p.short_term = false;
  // S0 = 0.212, 1.2931, 2.3065, 8.2956 round to 1, 1, 2, 8 days; ts-fsrs then keeps again <= hard < good < easy.
  const long long expected[] = {1, 2, 3, 8};
  for (int grade = 1; grade <= 4; ++grade) {
    CAPTURE(grade);
    const Card card = review(Card{}, r(grade), kStart, p);
    CHECK(card.state == State::review);
    CHECK(interval_days(card) == expected[grade - 1]);
    CHECK(card.due - kStart == expected[grade - 1] * kDay);
  }
}

TEST_CASE("retrievability: 0 for a new card, whole days since the last review") {
  CHECK(retrievability(Card{}, kStart) == 0.0);
  // ts-fsrs 'return retrievability percentage for review cards': at each first-review due time.
  const double expected[] = {1.0, 1.0, 1.0, 0.9024733};
  const Seconds created = *parse_iso8601("2023-12-01T04:05:00Z");
  for (int grade = 1; grade <= 4; ++grade) {
    const Card card = review(Card{}, r(grade), created);
    CHECK(retrievability(card, card.due) == doctest::Approx(expected[grade - 1]).epsilon(1e-7));
  }
  // R(t, 10) (py-fsrs 6.3.2): R(S, S) = 0.9 whatever w20 is.
  Card card;
  card.reviewed = true;
  card.state = State::review;
  card.stability = 10;
  card.last_review = kStart;
  CHECK(retrievability(card, kStart) == 1.0);
  CHECK(retrievability(card, kStart + kDay) == doctest::Approx(0.9856824087775146).epsilon(1e-12));
  CHECK(retrievability(card, kStart + kDay + 23 * kHour) == doctest::Approx(0.9856824087775146).epsilon(1e-12));
  CHECK(retrievability(card, kStart + 10 * kDay) == doctest::Approx(0.9).epsilon(1e-12));
  CHECK(retrievability(card, kStart + 30 * kDay) == doctest::Approx(0.8093881035731708).epsilon(1e-12));
  CHECK(retrievability(card, kStart + 100 * kDay) == doctest::Approx(0.6928266345726217).epsilon(1e-12));
  CHECK(retrievability(card, kStart - kDay) == 1.0);  // a time before the last review counts as no time
  CHECK(forgetting_curve(5.5, 10) > forgetting_curve(6, 10));
  Parameters fsrs45;
  fsrs45.w[20] = 0.5;  // FSRS-4.5/5's fixed decay: R = (1 + 19/81 t/S)^-0.5
  CHECK(forgetting_curve(3, 1, fsrs45) == doctest::Approx(std::pow(1.0 + 19.0 / 81.0 * 3.0, -0.5)));
}

TEST_CASE("the interval for a stability and a desired retention") {
  CHECK(next_interval_days(1) == 1);
  CHECK(next_interval_days(2.3065) == 2);
  CHECK(next_interval_days(10) == 10);  // at r = 0.9 the interval is the stability
  CHECK(next_interval_days(100) == 100);
  CHECK(next_interval_days(0.2) == 1);  // at least one day
  CHECK(next_interval_days(1e9) == 36500);
  Parameters p;
  const double retention[] = {0.80, 0.85, 0.95, 0.97};
  const int days[] = {33, 19, 4, 2};
  for (int i = 0; i < 4; ++i) {
    p.desired_retention = retention[i];
    CHECK(next_interval_days(10, p) == days[i]);
  }
  p.desired_retention = 0.9;
  p.maximum_interval_days = 30;
  CHECK(next_interval_days(100, p) == 30);
  const std::vector<Card> history = review_when_due({3, 3, 3, 3, 3, 3, 3, 3}, p);
  for (const Card& card : history) CHECK(interval_days(card) <= 30);
  CHECK(interval_days(history.back()) == 30);
}

TEST_CASE("reviews early, on the same day, and long overdue") {
  // A card in review: S = 2.3065, D = 2.1112, last reviewed at `base`, due two days later (py-fsrs 6.3.2 values).
  const std::vector<Card> start = review_when_due({3, 3});
  const Card& base = start[1];
  REQUIRE(base.state == State::review);
  REQUIRE(interval_days(base) == 2);

  // On time versus three days late: a late success raises stability more (lower R, larger gain).
  const Card on_time = review(base, Rating::good, base.due);
  const Card late = review(base, Rating::good, base.due + 3 * kDay);
  CHECK(on_time.stability == doctest::Approx(10.971048263078135).epsilon(1e-9));
  CHECK(late.stability == doctest::Approx(18.180153970030403).epsilon(1e-9));
  CHECK(late.difficulty == on_time.difficulty);
  const Card late_again = review(base, Rating::again, base.due + 3 * kDay);
  CHECK(late_again.stability == doctest::Approx(0.6827348149809292).epsilon(1e-9));
  CHECK(late_again.state == State::relearning);
  CHECK(late_again.lapses == 1);
  CHECK(late_again.due == base.due + 3 * kDay + 10 * kMinute);

  // Relearning from a lapse at its due time (py-fsrs 6.3.2): Again and Hard stay, Good and Easy graduate.
  const Card lapse = review(base, Rating::again, base.due);
  CHECK(lapse.stability == doctest::Approx(0.6077016626638644).epsilon(1e-9));
  const double stability[] = {0.22294679606919743, 0.6077016626638644, 0.6597976257475758, 1.1350513376989504};
  const State state[] = {State::relearning, State::relearning, State::review, State::review};
  const Seconds wait[] = {10 * kMinute, 15 * kMinute, kDay, kDay};
  for (int grade = 1; grade <= 4; ++grade) {
    CAPTURE(grade);
    const Card next = review(lapse, r(grade), lapse.due);
    CHECK(next.stability == doctest::Approx(stability[grade - 1]).epsilon(1e-9));
    CHECK(next.state == state[grade - 1]);
    CHECK(next.due - lapse.due == wait[grade - 1]);
  }

  // Early, but a day or more after the last review: the long-term formula with the whole days elapsed.
  const Card early = review(on_time, Rating::good, on_time.last_review + 3 * kDay);
  CHECK(early.stability > on_time.stability);
  CHECK(early.stability < review(on_time, Rating::good, on_time.due).stability);
  // The same day: the short-term formula. A pass (Hard included, py-fsrs 6.3.2) never lowers stability; Again does.
  const Card same_day_good = review(on_time, Rating::good, on_time.last_review + 5 * kHour);
  CHECK(same_day_good.stability >= on_time.stability);
  CHECK(same_day_good.state == State::review);
  const Card same_day_hard = review(on_time, Rating::hard, on_time.last_review + 5 * kHour);
  CHECK(same_day_hard.stability == on_time.stability);  // e^(w17 (w18 - 1)) S^-w19 < 1, floored at 1
  const Card same_day_again = review(on_time, Rating::again, on_time.last_review + 5 * kHour);
  CHECK(same_day_again.stability < on_time.stability);
  CHECK(same_day_again.state == State::relearning);
  // A time before the last review (a clock set back) is treated as the same moment, never as negative time.
  const Card backwards = review(on_time, Rating::good, on_time.last_review - kDay);
  CHECK(backwards.stability == same_day_good.stability);
  CHECK(std::isfinite(backwards.difficulty));

  // Ten years overdue: finite, clamped to the maximum interval, stability within [0.001, 36500].
  const Card overdue = review(on_time, Rating::good, on_time.due + 3650 * kDay);
  CHECK(std::isfinite(overdue.stability));
  CHECK(overdue.stability <= 36500.0);
  CHECK(interval_days(overdue) <= 36500);
  CHECK(interval_days(overdue) > interval_days(on_time));
  const Card overdue_again = review(on_time, Rating::again, on_time.due + 3650 * kDay);
  CHECK(overdue_again.stability >= 0.001);
  CHECK(overdue_again.stability < on_time.stability);
}

TEST_CASE("difficulty and stability stay in range (py-fsrs property tests)") {
  // Ten Easy answers a microsecond apart give difficulty exactly 1 (here: the same second).
  Card card;
  for (int i = 0; i < 10; ++i) card = review(card, Rating::easy, kStart);
  CHECK(card.difficulty == 1.0);
  // A thousand Again answers, each a day after due: stability never falls below the floor.
  card = Card{};
  for (int i = 0; i < 1000; ++i) {
    card = review(card, Rating::again, card.due + kDay);
    REQUIRE(card.stability >= 0.001);
    REQUIRE(card.difficulty <= 10.0);
  }
  CHECK(card.difficulty > 9.9);  // mean reversion towards D0(Easy) keeps it just under 10
}

TEST_CASE("learning steps: Hard waits between steps, steps shortened since are skipped") {
  Parameters one_step;
  one_step.learning_steps = {600};
  CHECK(review(Card{}, Rating::hard, kStart, one_step).due - kStart == 900);  // 1.5 x the single step
  CHECK(review(Card{}, Rating::good, kStart, one_step).state == State::review);

  Parameters no_steps;
  no_steps.learning_steps = {};
  no_steps.relearning_steps = {};
  Card card = review(Card{}, Rating::again, kStart, no_steps);
  CHECK(card.state == State::review);
  CHECK(interval_days(card) == 1);
  card = review(card, Rating::again, card.due, no_steps);
  CHECK(card.state == State::review);  // no relearning steps: a lapse schedules days directly
  CHECK(card.lapses == 1);

  // A card at step 1 of {1 min, 10 min} reviewed under a single-step configuration graduates on Hard/Good.
  Card learning = review(Card{}, Rating::good, kStart);
  REQUIRE(learning.step == 1);
  CHECK(review(learning, Rating::hard, learning.due, one_step).state == State::review);
  CHECK(review(learning, Rating::again, learning.due, one_step).step == 0);
}

TEST_CASE("parameters: bad values are refused by parameter_problems and clamped by review") {
  CHECK(parameter_problems(Parameters{}).empty());
  for (double retention : {0.0, 1.0, -0.5, 1.5, std::nan("")}) {
    CAPTURE(retention);
    Parameters p;
    p.desired_retention = retention;
    const std::vector<std::string> problems = parameter_problems(p);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "the desired retention must lie strictly between 0 and 1");
    // review() never produces NaN: the retention is clamped into [0.0001, 0.9999] (NaN becomes 0.9).
    const Card card = review(review(Card{}, Rating::easy, kStart, p), Rating::good, kStart + 9 * kDay, p);
    CHECK(std::isfinite(card.stability));
    CHECK(interval_days(card) >= 1);
    CHECK(interval_days(card) <= 36500);
  }
  Parameters p;
  p.w[20] = 0.0;  // decay 0 would divide by zero
  p.w[4] = 20.0;
  p.learning_steps = {0};
  p.maximum_interval_days = 0;
  const std::vector<std::string> problems = parameter_problems(p);
  REQUIRE(problems.size() == 4);
  CHECK(problems[0] == "the weight w4 must lie between 1 and 10");
  CHECK(problems[1] == "the weight w20 must lie between 0.1 and 0.8");
  CHECK(problems[2] == "learning steps must be positive numbers of seconds");
  CHECK(problems[3] == "the maximum interval must lie between 1 and 36500 days");
  const Card card = review(review(Card{}, Rating::good, kStart, p), Rating::good, kStart + kDay, p);
  CHECK(std::isfinite(card.stability));
  CHECK(card.difficulty <= 10.0);
  CHECK(card.due > kStart + kDay);
}

TEST_CASE("review is pure: the same inputs give the same card, the input card is unchanged") {
  const Card before = review(Card{}, Rating::good, kStart);
  const Card copy = before;
  const Card a = review(before, Rating::hard, kStart + 3 * kDay);
  const Card b = review(before, Rating::hard, kStart + 3 * kDay);
  CHECK(a.stability == b.stability);
  CHECK(a.difficulty == b.difficulty);
  CHECK(a.due == b.due);
  CHECK(before.stability == copy.stability);
  CHECK(before.reps == copy.reps);
  CHECK(std::string(state_name(State::learning)) == "learning");
  CHECK(std::string(state_name(State::review)) == "review");
  CHECK(std::string(state_name(State::relearning)) == "relearning");
}
