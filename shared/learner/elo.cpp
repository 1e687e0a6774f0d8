// Elo for learners and items (Klinkenberg, Straatemeier & van der Maas 2011, "Computer adaptive practice of Maths
// ability using a new item response model for on the fly ability and difficulty estimation", Computers &
// Education 57(2)):
//
//   θ' = θ + K_θ (S − E[S])          (learner's ability on the skill)
//   β' = β + K_β (E[S] − S)          (activity's difficulty)
//   K_θ = K (1 + K+ U_θ − K− U_β),   K_β = K (1 + K+ U_β − K− U_θ) · item scale
//   U'  = clamp(U − 1/40 + D/30, 0, 1)     D = days since that side's last answer
//
// Scoring. Without response time the score is the accuracy x ∈ [0, 1] and E[S] = σ(θ − β) (the Rasch model).
// With "high speed, high stakes" (Maris & van der Maas 2012, Psychometrika 77(4)) a response at time t under a
// limit d scores S = (2x − 1)(1 − t/d): fast and right earns most, fast and wrong loses most, slow answers risk
// little. Its expectation under their model, with δ = θ − β in units of the limit, is
//   E[S] = coth(δ) − 1/δ      (→ 0 as δ → 0; the derivative of log Z(δ) = log(2 sinh δ / δ))
// and the probability of a correct answer is still σ(δ), so both rules share one scale.
//
// Our K, K+ and K− (elo.h) are chosen for one learner on one device, checked with `pathwise simulate`; the
// paper's values are tuned for a server where thousands of players answer each item.
#include "learner/elo.h"

#include <algorithm>
#include <cmath>

namespace pathwise::learner {

double elo_p_correct(double ability, double difficulty) { return 1.0 / (1.0 + std::exp(difficulty - ability)); }

double elo_difficulty_for(double ability, double target_success) {
  const double p = std::clamp(target_success, 0.01, 0.99);
  return ability - std::log(p / (1.0 - p));
}

double elo_uncertainty_at(const EloRating& rating, Seconds now, const EloSettings& settings) {
  if (rating.last_update == 0 || now <= rating.last_update) return rating.uncertainty;
  const double days = static_cast<double>(now - rating.last_update) / static_cast<double>(kDay);
  return std::clamp(rating.uncertainty + days * settings.uncertainty_per_day, 0.0, 1.0);
}

namespace {

// coth(δ) − 1/δ, with its Taylor series δ/3 − δ³/45 near 0 where the two terms cancel.
double hshs_expected_score(double delta) {
  if (std::fabs(delta) < 1e-3) return delta / 3.0 - delta * delta * delta / 45.0;
  return 1.0 / std::tanh(delta) - 1.0 / delta;
}

}  // namespace

void elo_update(EloRating& ability, EloRating& difficulty, const EloAnswer& answer, Seconds now,
                const EloSettings& settings) {
  const double u_ability = elo_uncertainty_at(ability, now, settings);
  const double u_difficulty = elo_uncertainty_at(difficulty, now, settings);
  const double delta = ability.value - difficulty.value;
  const double accuracy = std::clamp(answer.score, 0.0, 1.0);

  double surprise = 0.0;  // S − E[S]
  if (settings.use_response_time && answer.time_limit > 0.0) {
    const double fraction_left = 1.0 - std::clamp(answer.seconds / answer.time_limit, 0.0, 1.0);
    surprise = (2.0 * accuracy - 1.0) * fraction_left - hshs_expected_score(delta);
  } else {
    surprise = accuracy - elo_p_correct(ability.value, difficulty.value);
  }

  const double k_ability = settings.k * std::max(0.0, 1.0 + settings.k_plus * u_ability - settings.k_minus * u_difficulty);
  const double k_difficulty = settings.k * settings.item_k_scale *
                              std::max(0.0, 1.0 + settings.k_plus * u_difficulty - settings.k_minus * u_ability);
  ability.value += k_ability * surprise;
  difficulty.value -= k_difficulty * surprise;
  ability.uncertainty = std::clamp(u_ability - settings.uncertainty_per_answer, 0.0, 1.0);
  difficulty.uncertainty = std::clamp(u_difficulty - settings.uncertainty_per_answer, 0.0, 1.0);
  ability.last_update = now;
  difficulty.last_update = now;
}

}  // namespace pathwise::learner
