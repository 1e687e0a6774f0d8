// Fitting one skill's BKT parameters (bkt.h) to recorded answers, by expectation-maximisation.
//
// BKT is a two-state hidden Markov model, so its maximum-likelihood parameters are found with Baum-Welch
// (Baum et al. 1970), using the scaled forward-backward recursions of Rabiner 1989 ("A tutorial on hidden Markov
// models and selected applications in speech recognition", Proc. IEEE 77(2), section V.A) so that long sequences
// neither underflow nor need logarithms in the inner loop. This is the fitting method of pyBKT (Badrinath, Wang
// & Pardos 2021) for the standard model.
//
// Bounds. Guess and slip are kept in [1e-6, 0.5]: above 0.5 the model turns into its mirror image (the "known"
// state answers worse than the unknown one; Baker, Corbett & Aleven 2008 call this model degeneracy), and
// G + S >= 1 makes answers carry no evidence at all (see bkt.h). pyBKT draws its random starts with guess < 0.4
// and slip < 0.3 but does not bound the M-step; we clamp inside the M-step instead, which is still a valid
// (generalised) EM step: each emission parameter's part of the expected log-likelihood is concave, so the
// clamped value is its maximum over the interval and the likelihood never decreases. The 1e-6 floor keeps every
// answer's probability positive, so the log-likelihood is always finite. Prior, learn and forget stay in [0, 1].
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "content/bundle.h"

namespace pathwise::learner {

struct BktFitOptions {
  // Given: one EM run from this point (clamped to the bounds above), no random restarts.
  std::optional<content::BktParameters> start;
  // Otherwise: this many runs (at least one) from random points drawn by SplitMix64(seed), ranges as pyBKT's
  // random_model_uni: prior in [0.05, 0.95], learn in [0.01, 0.4], guess in [0.01, 0.4], slip in [0.01, 0.3],
  // forget in [0.01, 0.2] when fitted. The run with the highest log-likelihood wins (the first one on a tie).
  int restarts = 5;
  std::uint64_t seed = 1;
  // Off: forget is held at its starting value (0 for random starts, `start->forget` otherwise), as in standard
  // BKT. On: forget is estimated like learn.
  bool fit_forget = false;
  // A run stops when the log-likelihood changes by less than `tolerance` between two iterations, or after
  // `max_iterations` E-steps.
  int max_iterations = 1000;
  double tolerance = 1e-8;
};

struct BktFit {
  content::BktParameters parameters;  // the best run's; `log_likelihood` is exactly theirs
  double log_likelihood = 0.0;        // natural log, summed over every response
  int iterations = 0;                 // E-steps of the best run
  // Of the one-step-ahead predictions P(correct) of the fitted model on the training data (each answer predicted
  // from the ones before it in its sequence, via bkt_p_correct and bkt_update). AUC by the Mann-Whitney rank
  // formula with tied predictions given their mean rank; 0.5 when only one kind of answer occurs.
  double auc = 0.5;
  double rmse = 0.0;
};

// `sequences`: one per learner, answers in time order, 0 wrong and anything else right. Empty input gives the
// start point (or BktParameters' defaults), log-likelihood 0, AUC 0.5 and RMSE 0: never a NaN.
BktFit fit_bkt(const std::vector<std::vector<std::uint8_t>>& sequences, const BktFitOptions& options = {});

}  // namespace pathwise::learner
