// Bayesian Knowledge Tracing for one skill: how likely the learner knows it, updated after every answer.
//
// The model (Corbett & Anderson 1995, "Knowledge tracing: Modeling the acquisition of procedural knowledge",
// User Modeling and User-Adapted Interaction 4) is a two-state hidden Markov model per skill: the learner either
// knows the skill (L) or not. With P(L) the probability of knowing it before an answer and the parameters
// prior P(L0), learn P(T), guess P(G), slip P(S):
//
//   P(correct)        = P(L)(1 - S) + (1 - P(L)) G
//   P(L | correct)    = P(L)(1 - S) / P(correct)
//   P(L | wrong)      = P(L) S / (P(L) S + (1 - P(L))(1 - G))
//   P(L') after it    = P(L | obs) + (1 - P(L | obs)) T                    (Corbett & Anderson: no forgetting)
//
// Forgetting F, the chance of moving from known back to not known between two answers, is the extension of
// Khajah, Lindsey & Mozer 2016 ("How deep is knowledge tracing?", EDM) and pyBKT's `forgets` option:
//
//   P(L') = P(L | obs)(1 - F) + (1 - P(L | obs)) T                          (F = 0 gives the line above)
//
// Partial credit. Pathwise grades answers with a score in [0, 1], while BKT observes right or wrong. A score
// enters as the score-weighted mixture of the two standard posteriors:
//
//   P(L | score) = score P(L | correct) + (1 - score) P(L | wrong)
//
// so 1 and 0 are exactly standard BKT, and the posterior rises monotonically with the score (P(L | correct) is
// at least P(L | wrong) whenever G + S < 1). It reads as "the answer was right with probability `score`".
//
// Degenerate parameters are made safe rather than trusted:
// - every parameter is clamped to [0, 1] (a NaN becomes BktParameters' default for that field);
// - G + S >= 1 is not identifiable: a known learner is then no more likely to answer right than one who does
//   not know (or less likely), so an answer says nothing about knowing. The evidence step leaves P(L) unchanged
//   and only the learning transition applies. The fitter (bkt_fit.h) keeps G, S <= 0.5 so it never gets here;
//   this guards parameters written by hand in a bundle;
// - an answer the model calls impossible (P(obs) = 0, e.g. a correct answer with P(L) = 0 and G = 0) leaves P(L)
//   unchanged instead of dividing by zero;
// - p_known is clamped to [0, 1] and score to [0, 1]; a NaN p_known counts as 0 and a NaN score as 0 (wrong).
#pragma once

#include "content/bundle.h"

namespace pathwise::learner {

// The parameters with the guards above applied: each clamped to [0, 1], NaN → the field's default.
content::BktParameters bkt_sanitized(const content::BktParameters& p);

// P(correct) = P(L)(1 - S) + (1 - P(L)) G: the chance the next answer is right.
double bkt_p_correct(const content::BktParameters& p, double p_known);

// P(L | score): the evidence step alone, no learning transition.
double bkt_posterior(const content::BktParameters& p, double p_known, double score);

// P(L') = P(L | score)(1 - F) + (1 - P(L | score)) T: the evidence step, then the transition to the next answer.
double bkt_update(const content::BktParameters& p, double p_known, double score);

// Mastery once p_known reaches the skill's threshold (content::Skill::mastery_threshold, 0.95 by default).
bool bkt_mastered(double p_known, double threshold);

}  // namespace pathwise::learner
