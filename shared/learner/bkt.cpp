#include "learner/bkt.h"

#include <cmath>

namespace pathwise::learner {

namespace {

double unit_interval(double value, double if_nan) {
  if (std::isnan(value)) return if_nan;
  return value < 0.0 ? 0.0 : value > 1.0 ? 1.0 : value;
}

// P(L | correct) or P(L | wrong) for an already sanitized model; P(L) itself when the answer carries no
// evidence (G + S >= 1) or the model calls it impossible.
double posterior_given(const content::BktParameters& p, double p_known, bool correct) {
  if (p.guess + p.slip >= 1.0) return p_known;
  const double known = p_known * (correct ? 1.0 - p.slip : p.slip);
  const double unknown = (1.0 - p_known) * (correct ? p.guess : 1.0 - p.guess);
  const double evidence = known + unknown;
  if (!(evidence > 0.0)) return p_known;
  return known / evidence;
}

}  // namespace

content::BktParameters bkt_sanitized(const content::BktParameters& p) {
  const content::BktParameters defaults;
  content::BktParameters safe;
  safe.prior = unit_interval(p.prior, defaults.prior);
  safe.learn = unit_interval(p.learn, defaults.learn);
  safe.guess = unit_interval(p.guess, defaults.guess);
  safe.slip = unit_interval(p.slip, defaults.slip);
  safe.forget = unit_interval(p.forget, defaults.forget);
  return safe;
}

double bkt_p_correct(const content::BktParameters& p, double p_known) {
  const content::BktParameters safe = bkt_sanitized(p);
  const double known = unit_interval(p_known, 0.0);
  return known * (1.0 - safe.slip) + (1.0 - known) * safe.guess;
}

double bkt_posterior(const content::BktParameters& p, double p_known, double score) {
  const content::BktParameters safe = bkt_sanitized(p);
  const double known = unit_interval(p_known, 0.0);
  const double weight = unit_interval(score, 0.0);
  // Skipping the unused branch keeps scores 1 and 0 bit-for-bit equal to textbook BKT.
  if (weight >= 1.0) return posterior_given(safe, known, true);
  if (weight <= 0.0) return posterior_given(safe, known, false);
  return weight * posterior_given(safe, known, true) + (1.0 - weight) * posterior_given(safe, known, false);
}

double bkt_update(const content::BktParameters& p, double p_known, double score) {
  const content::BktParameters safe = bkt_sanitized(p);
  const double posterior = bkt_posterior(safe, p_known, score);
  return posterior * (1.0 - safe.forget) + (1.0 - posterior) * safe.learn;
}

bool bkt_mastered(double p_known, double threshold) { return p_known >= threshold; }

}  // namespace pathwise::learner
