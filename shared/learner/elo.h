// Elo ratings for adaptive practice, after Math Garden: an ability per learner × skill and a difficulty per
// activity on one logit scale, both updated after every answer, and used to pick activities the learner succeeds
// at with a chosen probability. Equations and sources are in elo.cpp.
#pragma once

#include "learner/clock_time.h"

namespace pathwise::learner {

struct EloRating {
  double value = 0.0;        // ability (learner) or difficulty (activity), logits; 0 is average
  double uncertainty = 1.0;  // U in [0, 1]: 1 knows nothing yet, 0 fully settled
  Seconds last_update = 0;   // for the uncertainty's growth while unused; 0 = never updated
};

struct EloSettings {
  double k = 0.4;             // base K factor, logits per unit of surprise
  double k_plus = 1.0;        // how much the rated side's own uncertainty raises its K (Klinkenberg: K+)
  double k_minus = 0.5;       // how much the other side's uncertainty lowers it (Klinkenberg: K−)
  double item_k_scale = 0.25; // one learner's answers move an activity's difficulty only gently
  double uncertainty_per_answer = 1.0 / 40.0;  // Klinkenberg et al.: U − 1/40 per answer
  double uncertainty_per_day = 1.0 / 30.0;     // and U + 1/30 per day without answers
  bool use_response_time = false;  // "high speed, high stakes" scoring (Maris & van der Maas 2012)
};

// Probability of a correct answer: σ(θ − β).
double elo_p_correct(double ability, double difficulty);

// The difficulty at which the learner's success probability equals `target`: β = θ − logit(target).
double elo_difficulty_for(double ability, double target_success);

// The uncertainty after `now − last_update` without answers, before a new answer is scored.
double elo_uncertainty_at(const EloRating& rating, Seconds now, const EloSettings& settings = {});

struct EloAnswer {
  double score = 0.0;           // accuracy in [0, 1] (partial credit allowed)
  double seconds = 0.0;         // response time, used only with use_response_time
  double time_limit = 0.0;      // d in the HSHS rule; ≤ 0 turns response time off for this answer
};

// Updates `ability` and `difficulty` in place after one answer at time `now`.
void elo_update(EloRating& ability, EloRating& difficulty, const EloAnswer& answer, Seconds now,
                const EloSettings& settings = {});

}  // namespace pathwise::learner
