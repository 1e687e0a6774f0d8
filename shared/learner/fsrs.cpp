// FSRS-6 (Free Spaced Repetition Scheduler, version 6), written from the published equations and checked against
// the reference implementations' own test vectors (tests/unit/fsrs_test.cpp).
//
// Sources
//   * The FSRS wiki, "The Algorithm", section FSRS-6:
//     https://github.com/open-spaced-repetition/fsrs4anki/wiki/The-Algorithm
//   * py-fsrs v6 (open-spaced-repetition/py-fsrs): fsrs/scheduler.py (Scheduler.review_card, the learning-step
//     state machine, _next_interval, _short_term_stability, ...), tests/test_basic.py (the interval vector).
//   * ts-fsrs v5 (open-spaced-repetition/ts-fsrs): packages/fsrs/src/algorithm.ts (next_state),
//     src/impl/long_term_scheduler.ts (enable_short_term = false), src/legacy/__tests__/FSRS-6.test.ts and
//     src/legacy/__tests__/impl/long-term_scheduler.test.ts (vectors).
//   * fsrs-rs (open-spaced-repetition/fsrs-rs): src/model_v6.rs, src/inference.rs (memory-state vectors).
//
// Memory state: stability S (days for R to fall from 100% to 90%), difficulty D in [1, 10]. Ratings G = 1..4.
//   decay  = -w20,  factor = 0.9^(1/decay) - 1                 so that R(S, S) = 0.9
//   R(t,S) = (1 + factor * t / S)^decay                         t = whole days since the last review
//   I(r,S) = S / factor * (r^(1/decay) - 1)                     rounded to the nearest day, clamped [1, max]
//   S0(G)  = w[G-1]                                             first review
//   D0(G)  = w4 - e^(w5 (G-1)) + 1, clamped to [1, 10]
//   D'     = w7 D0(4) + (1 - w7) (D + (10 - D)/9 * -w6 (G - 3))   D0(4) unclamped; the result clamped to [1, 10]
//   S'r    = S (1 + e^w8 (11 - D) S^-w9 (e^(w10 (1-R)) - 1) * w15 [G=2] * w16 [G=4])        recall, G >= 2
//   S'f    = min(w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R)),  S / e^(w17 w18))                 forgetting, G = 1
//   S's    = S e^(w17 (G - 3 + w18)) S^-w19, the factor raised to >= 1 when G >= 2        same day (t < 1 day)
//   Every new stability is clamped to [0.001, 36500].
//
// Scheduling with short_term on (py-fsrs review_card): a new card starts in learning at step 0. In learning or
// relearning, Again goes back to step 0; Hard stays (at step 0 it waits (step0 + step1) / 2, or 1.5 * step0 with
// a single step); Good moves to the next step, or to review after the last; Easy goes to review at once. In review,
// Again goes to relearning step 0 (a lapse), other ratings schedule I(r, S') days. Empty step lists skip the phase.
// With short_term off (ts-fsrs LongTermScheduler): no steps, every rating schedules whole days in state review,
// same-day reviews use the long-term equations with t = 0 (R = 1), S'f is capped at S (w17, w18 left out), and the
// four candidate intervals are ordered again <= hard < good < easy before the rated one is kept.
//
// Where the references differ, this file follows py-fsrs 6.3.2 and says so:
//   * the same-day factor is floored at 1 for every passing rating, Hard included, as in py-fsrs since 6.3.2
//     (pull request #155), ts-fsrs and fsrs-rs's model_v6.rs; the wiki's wording ("SInc >= 1 when G >= 3") and
//     py-fsrs up to 6.3.1 left Hard out (open-spaced-repetition/srs-benchmark issue #343);
//   * no intermediate rounding to 8 decimals (ts-fsrs rounds; its vectors agree to ~1e-8);
//   * no Hard < Good < Easy reordering of review intervals with short_term on (ts-fsrs does it, py-fsrs does not);
//   * the interval rounds halves away from zero (Math.round for positive values; Python's round() goes to even,
//     which only matters at an exact .5 day).
#include "learner/fsrs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pathwise::learner::fsrs {

namespace {

constexpr double kStabilityMin = 0.001;
constexpr double kStabilityMax = 36500.0;
constexpr double kDifficultyMin = 1.0;
constexpr double kDifficultyMax = 10.0;

// py-fsrs LOWER_BOUNDS_PARAMETERS / UPPER_BOUNDS_PARAMETERS: outside them the equations stop meaning anything
// (w20 = 0 divides by zero, w4 < 1 gives difficulties below the scale).
constexpr std::array<double, 21> kLowerBounds = {0.001, 0.001, 0.001, 0.001, 1.0,   0.001, 0.001,
                                                 0.001, 0.0,   0.0,   0.001, 0.001, 0.001, 0.001,
                                                 0.0,   0.0,   1.0,   0.0,   0.0,   0.0,   0.1};
constexpr std::array<double, 21> kUpperBounds = {100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0,
                                                 0.75,  4.5,   0.8,   3.5,   5.0,  0.25, 0.9,
                                                 4.0,   1.0,   6.0,   2.0,   2.0,  0.8,  0.8};

double clamp_finite(double value, double low, double high, double fallback) {
  if (!std::isfinite(value)) return fallback;
  return std::min(std::max(value, low), high);
}

// The parameters review() actually uses: what parameter_problems() refuses is pulled into range, so that no
// input can produce NaN or infinity.
Parameters usable(const Parameters& p) {
  Parameters q = p;
  for (std::size_t i = 0; i < q.w.size(); ++i)
    q.w[i] = clamp_finite(q.w[i], kLowerBounds[i], kUpperBounds[i], kDefaultWeights[i]);
  q.desired_retention = clamp_finite(q.desired_retention, 0.0001, 0.9999, 0.9);
  for (Seconds& step : q.learning_steps) step = std::max<Seconds>(step, 1);
  for (Seconds& step : q.relearning_steps) step = std::max<Seconds>(step, 1);
  q.maximum_interval_days = clamp_finite(q.maximum_interval_days, 1.0, kStabilityMax, kStabilityMax);
  return q;
}

double clamp_stability(double s) { return clamp_finite(s, kStabilityMin, kStabilityMax, kStabilityMin); }
double clamp_difficulty(double d) { return clamp_finite(d, kDifficultyMin, kDifficultyMax, kDifficultyMax); }

std::string short_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

int grade(Rating rating) { return static_cast<int>(rating); }

double decay(const Parameters& p) { return -p.w[20]; }
double factor(const Parameters& p) { return std::pow(0.9, 1.0 / decay(p)) - 1.0; }

double curve(double t, double s, const Parameters& p) { return std::pow(1.0 + factor(p) * t / s, decay(p)); }

int interval_days(double s, const Parameters& p) {
  const double days = s / factor(p) * (std::pow(p.desired_retention, 1.0 / decay(p)) - 1.0);
  const double rounded = std::round(days);
  return static_cast<int>(std::min(std::max(rounded, 1.0), std::floor(p.maximum_interval_days)));
}

double initial_stability(Rating rating, const Parameters& p) { return clamp_stability(p.w[grade(rating) - 1]); }

double initial_difficulty_raw(Rating rating, const Parameters& p) {
  return p.w[4] - std::exp(p.w[5] * (grade(rating) - 1)) + 1.0;
}

double next_difficulty(double d, Rating rating, const Parameters& p) {
  const double delta = -p.w[6] * (grade(rating) - 3);
  const double damped = d + (10.0 - d) * delta / 9.0;  // linear damping: steps shrink as D nears 10
  const double reverted = p.w[7] * initial_difficulty_raw(Rating::easy, p) + (1.0 - p.w[7]) * damped;
  return clamp_difficulty(reverted);
}

double recall_stability(double d, double s, double r, Rating rating, const Parameters& p) {
  const double hard_penalty = rating == Rating::hard ? p.w[15] : 1.0;
  const double easy_bonus = rating == Rating::easy ? p.w[16] : 1.0;
  return s * (1.0 + std::exp(p.w[8]) * (11.0 - d) * std::pow(s, -p.w[9]) * (std::exp((1.0 - r) * p.w[10]) - 1.0) *
                        hard_penalty * easy_bonus);
}

double forget_stability(double d, double s, double r, const Parameters& p) {
  const double long_term =
      p.w[11] * std::pow(d, -p.w[12]) * (std::pow(s + 1.0, p.w[13]) - 1.0) * std::exp((1.0 - r) * p.w[14]);
  // A lapse never leaves the card more stable than before; with short-term on, w17·w18 lowers that ceiling.
  const double ceiling = p.short_term ? s / std::exp(p.w[17] * p.w[18]) : s;
  return std::min(long_term, ceiling);
}

double short_term_stability(double s, Rating rating, const Parameters& p) {
  double increase = std::exp(p.w[17] * (grade(rating) - 3 + p.w[18])) * std::pow(s, -p.w[19]);
  if (rating != Rating::again) increase = std::max(increase, 1.0);  // a same-day pass never lowers stability
  return s * increase;
}

// Whole days from `from` to `to`, as Python's timedelta.days counts them; negative spans count as 0.
std::int64_t whole_days(Seconds from, Seconds to) { return to > from ? (to - from) / kDay : 0; }

struct Memory {
  double stability = 0;
  double difficulty = 0;
};

// The memory state after `rating`, FSRS-6 next_state: `same_day` selects the short-term formula.
Memory next_memory(const Card& card, Rating rating, std::int64_t elapsed_days, bool same_day, const Parameters& p) {
  if (!card.reviewed) {
    return {initial_stability(rating, p), clamp_difficulty(initial_difficulty_raw(rating, p))};
  }
  const double s = clamp_stability(card.stability);
  const double d = clamp_difficulty(card.difficulty);
  double next_s = 0;
  if (same_day) {
    next_s = short_term_stability(s, rating, p);
  } else {
    const double r = curve(static_cast<double>(elapsed_days), s, p);
    next_s = rating == Rating::again ? forget_stability(d, s, r, p) : recall_stability(d, s, r, rating, p);
  }
  return {clamp_stability(next_s), next_difficulty(d, rating, p)};
}

Seconds step_wait(const std::vector<Seconds>& steps, std::size_t step, Rating rating) {
  if (rating == Rating::hard && step == 0) {
    // Hard on the first step waits between the first and second step (Anki's rule), or 1.5x a single step.
    const double wait = steps.size() >= 2 ? (steps[0] + steps[1]) / 2.0 : steps[0] * 1.5;
    return static_cast<Seconds>(std::llround(wait));
  }
  return steps[step];
}

Card review_short_term(const Card& card, Rating rating, Seconds now, const Parameters& p) {
  Card next = card;
  const std::int64_t days = card.reviewed ? whole_days(card.last_review, now) : 0;
  const Memory memory = next_memory(card, rating, days, card.reviewed && days < 1, p);
  next.stability = memory.stability;
  next.difficulty = memory.difficulty;

  auto to_review = [&] {
    next.state = State::review;
    next.step = 0;
    next.due = now + static_cast<Seconds>(interval_days(next.stability, p)) * kDay;
  };
  auto to_step = [&](const std::vector<Seconds>& steps, std::size_t step) {
    next.step = static_cast<int>(step);
    next.due = now + step_wait(steps, step, rating);
  };

  if (card.state == State::review && card.reviewed) {
    if (rating != Rating::again) {
      to_review();
    } else {
      ++next.lapses;
      if (p.relearning_steps.empty()) {
        to_review();
      } else {
        next.state = State::relearning;
        to_step(p.relearning_steps, 0);
      }
    }
  } else {
    // Learning (a new card counts as learning step 0) or relearning.
    const bool relearning = card.state == State::relearning && card.reviewed;
    const std::vector<Seconds>& steps = relearning ? p.relearning_steps : p.learning_steps;
    const std::size_t step = card.reviewed ? static_cast<std::size_t>(std::max(card.step, 0)) : 0;
    next.state = relearning ? State::relearning : State::learning;
    // A step index past the end happens when the steps were shortened since the last review.
    if (steps.empty() || (step >= steps.size() && rating != Rating::again)) {
      to_review();
    } else if (rating == Rating::again) {
      to_step(steps, 0);
    } else if (rating == Rating::hard) {
      to_step(steps, step);
    } else if (rating == Rating::good && step + 1 < steps.size()) {
      to_step(steps, step + 1);
    } else {
      to_review();  // Good on the last step, or Easy
    }
  }
  return next;
}

Card review_long_term(const Card& card, Rating rating, Seconds now, const Parameters& p) {
  Card next = card;
  const std::int64_t days = card.reviewed ? whole_days(card.last_review, now) : 0;
  // ts-fsrs schedules the four answers together and keeps them in order, so that a card answered Hard is never
  // due sooner than after Again, nor Good sooner than after Hard.
  std::array<Memory, 4> memories;
  std::array<int, 4> intervals{};
  for (int g = 1; g <= 4; ++g) {
    memories[g - 1] = next_memory(card, static_cast<Rating>(g), days, false, p);
    intervals[g - 1] = interval_days(memories[g - 1].stability, p);
  }
  intervals[0] = std::min(intervals[0], intervals[1]);
  intervals[1] = std::max(intervals[1], intervals[0] + 1);
  intervals[2] = std::max(intervals[2], intervals[1] + 1);
  intervals[3] = std::max(intervals[3], intervals[2] + 1);
  const int chosen = grade(rating) - 1;
  const int days_to_due = std::min(intervals[chosen], static_cast<int>(std::floor(p.maximum_interval_days)));

  next.stability = memories[chosen].stability;
  next.difficulty = memories[chosen].difficulty;
  if (rating == Rating::again && card.reviewed) ++next.lapses;
  next.state = State::review;
  next.step = 0;
  next.due = now + static_cast<Seconds>(days_to_due) * kDay;
  return next;
}

}  // namespace

std::vector<std::string> parameter_problems(const Parameters& p) {
  std::vector<std::string> problems;
  if (!(p.desired_retention > 0.0 && p.desired_retention < 1.0)) {
    problems.push_back("the desired retention must lie strictly between 0 and 1");
  }
  for (std::size_t i = 0; i < p.w.size(); ++i) {
    if (!(p.w[i] >= kLowerBounds[i] && p.w[i] <= kUpperBounds[i])) {
      problems.push_back("the weight w" + std::to_string(i) + " must lie between " + short_number(kLowerBounds[i]) +
                         " and " + short_number(kUpperBounds[i]));
    }
  }
  for (Seconds step : p.learning_steps) {
    if (step <= 0) problems.push_back("learning steps must be positive numbers of seconds");
  }
  for (Seconds step : p.relearning_steps) {
    if (step <= 0) problems.push_back("relearning steps must be positive numbers of seconds");
  }
  if (!(p.maximum_interval_days >= 1.0 && p.maximum_interval_days <= kStabilityMax)) {
    problems.push_back("the maximum interval must lie between 1 and 36500 days");
  }
  return problems;
}

Card review(const Card& card, Rating rating, Seconds now, const Parameters& parameters) {
  const Parameters p = usable(parameters);
  if (grade(rating) < 1 || grade(rating) > 4) rating = Rating::again;  // an out-of-range cast; never from users
  Card next = p.short_term ? review_short_term(card, rating, now, p) : review_long_term(card, rating, now, p);
  next.last_review = now;
  next.reviewed = true;
  ++next.reps;
  return next;
}

double retrievability(const Card& card, Seconds now, const Parameters& parameters) {
  if (!card.reviewed) return 0.0;
  const Parameters p = usable(parameters);
  return curve(static_cast<double>(whole_days(card.last_review, now)), clamp_stability(card.stability), p);
}

double forgetting_curve(double elapsed_days, double stability, const Parameters& parameters) {
  const Parameters p = usable(parameters);
  return curve(clamp_finite(elapsed_days, 0.0, 1e9, 0.0), clamp_stability(stability), p);
}

int next_interval_days(double stability, const Parameters& parameters) {
  const Parameters p = usable(parameters);
  return interval_days(clamp_stability(stability), p);
}

const char* state_name(State state) {
  switch (state) {
    case State::learning: return "learning";
    case State::review: return "review";
    case State::relearning: return "relearning";
  }
  return "learning";
}

}  // namespace pathwise::learner::fsrs
