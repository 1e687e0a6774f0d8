// FSRS-6, the spaced-repetition scheduler of Anki and of the open-spaced-repetition libraries: after each review
// of a card it updates the card's memory state (stability, difficulty) and says when the card is due again.
// Pure and deterministic: time is passed in (Unix seconds), nothing is random (no interval fuzz), nothing throws.
// The equations, their sources and where the reference implementations disagree are at the top of fsrs.cpp.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "learner/clock_time.h"

namespace pathwise::learner::fsrs {

enum class Rating { again = 1, hard = 2, good = 3, easy = 4 };
enum class State { learning, review, relearning };

// FSRS-6 default weights w0..w20 (py-fsrs DEFAULT_PARAMETERS, fsrs-rs FSRS6_DEFAULT_PARAMETERS).
constexpr std::array<double, 21> kDefaultWeights = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

struct Parameters {
  std::array<double, 21> w = kDefaultWeights;
  double desired_retention = 0.9;                 // the recall probability at which a card falls due, in (0, 1)
  std::vector<Seconds> learning_steps{60, 600};   // 1 min, 10 min
  std::vector<Seconds> relearning_steps{600};     // 10 min
  // On: same-day reviews use the short-term stability formula (w17..w19) and new or forgotten cards go through
  // the (re)learning steps. Off: ts-fsrs's long-term scheduler, every answer schedules whole days.
  bool short_term = true;
  double maximum_interval_days = 36500;
};

struct Card {
  State state = State::learning;
  int step = 0;             // index into the (re)learning steps while learning or relearning
  double stability = 0;     // days for recall probability to fall from 100% to 90%
  double difficulty = 0;    // 1 (easy) .. 10 (hard)
  Seconds last_review = 0;
  Seconds due = 0;
  bool reviewed = false;    // false: a new card, never reviewed (stability and difficulty are not set yet)
  int reps = 0;             // reviews so far
  int lapses = 0;           // times "again" was answered while the card was in review
};

// What is wrong with `p`, one sentence per problem (empty when usable): desired_retention must lie strictly
// between 0 and 1, each weight within the bounds py-fsrs enforces, steps positive, the maximum interval >= 1 day.
std::vector<std::string> parameter_problems(const Parameters& p);

// The card after a review at `now` rated `rating`. Reviews before `last_review` count as same-moment reviews
// (elapsed time 0). Parameters that parameter_problems() refuses are clamped into range rather than trusted,
// so the result is always finite; callers that take parameters from users should refuse them first.
Card review(const Card& card, Rating rating, Seconds now, const Parameters& p = {});

// The probability of recalling the card at `now`: R(t, S) with t in whole days since the last review (as the
// reference implementations count it). 0 for a card never reviewed.
double retrievability(const Card& card, Seconds now, const Parameters& p = {});

// R(t, S) = (1 + factor * t / S)^(-w20), for any t >= 0 in days (fractions allowed).
double forgetting_curve(double elapsed_days, double stability, const Parameters& p = {});

// The whole-day interval at which R falls to the desired retention: S / factor * (r^(-1/w20) - 1), rounded to
// the nearest day and clamped to [1, maximum_interval_days].
int next_interval_days(double stability, const Parameters& p = {});

const char* state_name(State state);  // "learning" | "review" | "relearning"

}  // namespace pathwise::learner::fsrs
