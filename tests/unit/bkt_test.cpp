#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "learner/bkt.h"

using namespace pathwise;
using namespace pathwise::learner;

namespace {

content::BktParameters parameters(double prior, double learn, double guess, double slip, double forget = 0.0) {
  content::BktParameters p;
  p.prior = prior;
  p.learn = learn;
  p.guess = guess;
  p.slip = slip;
  p.forget = forget;
  return p;
}

}  // namespace

// prior .1, learn .15, guess .2, slip .1, no forgetting; answers 1, 0, 1, 1. Exact fractions:
//   P(L1) = 1/10
//   right: P(L|1) = .1·.9 / (.1·.9 + .9·.2) = .09/.27 = 1/3;          P(L2) = 1/3 + 2/3·.15 = 13/30
//   wrong: P(L|0) = 13/30·.1 / (13/30·.1 + 17/30·.8) = 1.3/14.9 = 13/149; P(L3) = 13/149 + 136/149·.15 = 167/745
//   right: P(L|1) = 167/745·.9 / (167/745·.9 + 578/745·.2) = 150.3/265.9 = 1503/2659
//          P(L4) = 1503/2659 + 1156/2659·.15 = 8382/13295
//   right: P(L|1) = 8382/13295·.9 / (8382/13295·.9 + 4913/13295·.2) = 7543.8/8526.4 = 37719/42632
//          P(L5) = 37719/42632 + 4913/42632·.15 = 769119/852640
TEST_CASE("BKT by hand: prior .1, learn .15, guess .2, slip .1, answers 1 0 1 1") {
  const content::BktParameters p = parameters(0.1, 0.15, 0.2, 0.1);
  CHECK(bkt_p_correct(p, 0.1) == doctest::Approx(0.27).epsilon(1e-12));  // .1·.9 + .9·.2
  const double posteriors[] = {1.0 / 3.0, 13.0 / 149.0, 1503.0 / 2659.0, 37719.0 / 42632.0};
  const double next[] = {13.0 / 30.0, 167.0 / 745.0, 8382.0 / 13295.0, 769119.0 / 852640.0};
  const double answers[] = {1, 0, 1, 1};
  double p_known = p.prior;
  for (int t = 0; t < 4; ++t) {
    CAPTURE(t);
    CHECK(std::fabs(bkt_posterior(p, p_known, answers[t]) - posteriors[t]) < 1e-9);
    p_known = bkt_update(p, p_known, answers[t]);
    CHECK(std::fabs(p_known - next[t]) < 1e-9);
  }
  CHECK(bkt_mastered(p_known, 0.9));  // 0.90204...
  CHECK_FALSE(bkt_mastered(p_known, 0.95));
}

// The same with forget .05: P(L') = P(L|obs)·.95 + (1 - P(L|obs))·.15.
//   right: P(L|1) = 1/3;                                   P(L2) = 1/3·.95 + 2/3·.15 = .41666… = 5/12
//   wrong: P(L|0) = 5/12·.1 / (5/12·.1 + 7/12·.8) = .5/6.1 = 5/61;   P(L3) = 5/61·.95 + 56/61·.15 = 263/1220
//   right: P(L|1) = 263/1220·.9 / (263/1220·.9 + 957/1220·.2) = 236.7/428.1 = 789/1427
//          P(L4) = 789/1427·.95 + 638/1427·.15 = 3381/5708
//   right: P(L|1) = 3381/5708·.9 / (3381/5708·.9 + 2327/5708·.2) = 3042.9/3508.3 = 30429/35083
//          P(L5) = 30429/35083·.95 + 4654/35083·.15 = 592113/701660
TEST_CASE("BKT by hand with forgetting .05") {
  const content::BktParameters p = parameters(0.1, 0.15, 0.2, 0.1, 0.05);
  const double posteriors[] = {1.0 / 3.0, 5.0 / 61.0, 789.0 / 1427.0, 30429.0 / 35083.0};
  const double next[] = {5.0 / 12.0, 263.0 / 1220.0, 3381.0 / 5708.0, 592113.0 / 701660.0};
  const double answers[] = {1, 0, 1, 1};
  double p_known = p.prior;
  for (int t = 0; t < 4; ++t) {
    CAPTURE(t);
    CHECK(std::fabs(bkt_posterior(p, p_known, answers[t]) - posteriors[t]) < 1e-9);
    p_known = bkt_update(p, p_known, answers[t]);
    CHECK(std::fabs(p_known - next[t]) < 1e-9);
  }
}

// Score .5 from P(L) = .1: P(L|1) = 1/3, P(L|0) = .1·.1 / (.1·.1 + .9·.8) = .01/.73 = 1/73;
//   P(L|.5) = .5·1/3 + .5·1/73 = (73 + 3)/438 = 38/219;  P(L') = 38/219 + 181/219·.15 = 1303/4380
TEST_CASE("a partial score mixes the posteriors after a right and a wrong answer") {
  const content::BktParameters p = parameters(0.1, 0.15, 0.2, 0.1);
  CHECK(std::fabs(bkt_posterior(p, 0.1, 0.5) - 38.0 / 219.0) < 1e-9);
  CHECK(std::fabs(bkt_update(p, 0.1, 0.5) - 1303.0 / 4380.0) < 1e-9);
  CHECK(std::fabs(bkt_posterior(p, 0.1, 0.0) - 1.0 / 73.0) < 1e-9);
  // Monotone in the score, from P(L|wrong) to P(L|right).
  double previous = -1.0;
  for (int i = 0; i <= 20; ++i) {
    const double posterior = bkt_posterior(p, 0.4, i / 20.0);
    CHECK(posterior > previous);
    previous = posterior;
  }
  CHECK(bkt_posterior(p, 0.4, 1.0) == bkt_posterior(p, 0.4, 1.7));   // clamped
  CHECK(bkt_posterior(p, 0.4, 0.0) == bkt_posterior(p, 0.4, -3.0));
}

TEST_CASE("degenerate parameters and inputs give probabilities, never NaN") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // guess + slip >= 1: the answer says nothing about knowing, so only the transition applies.
  const content::BktParameters blind = parameters(0.1, 0.2, 0.6, 0.4);
  CHECK(bkt_posterior(blind, 0.3, 1.0) == 0.3);
  CHECK(bkt_posterior(blind, 0.3, 0.0) == 0.3);
  CHECK(bkt_update(blind, 0.3, 1.0) == doctest::Approx(0.3 + 0.7 * 0.2));
  CHECK(bkt_posterior(parameters(0.1, 0.2, 0.9, 0.9), 0.3, 1.0) == 0.3);
  // An answer the model calls impossible: P(L) = 0 and guess = 0, yet right.
  CHECK(bkt_posterior(parameters(0.0, 0.0, 0.0, 0.1), 0.0, 1.0) == 0.0);
  // Out-of-range and NaN parameters are clamped or replaced by the defaults.
  const content::BktParameters wild = parameters(nan, 1.5, -0.2, nan, nan);
  const content::BktParameters safe = bkt_sanitized(wild);
  CHECK(safe.prior == content::BktParameters{}.prior);
  CHECK(safe.learn == 1.0);
  CHECK(safe.guess == 0.0);
  CHECK(safe.slip == content::BktParameters{}.slip);
  CHECK(safe.forget == 0.0);
  for (double p_known : {nan, -1.0, 0.0, 0.5, 1.0, 2.0}) {
    for (double score : {nan, -1.0, 0.0, 0.3, 1.0, 5.0}) {
      const double updated = bkt_update(wild, p_known, score);
      CHECK((updated >= 0.0 && updated <= 1.0));
      const double p_correct = bkt_p_correct(wild, p_known);
      CHECK((p_correct >= 0.0 && p_correct <= 1.0));
    }
  }
  CHECK(bkt_mastered(0.95, 0.95));
  CHECK_FALSE(bkt_mastered(0.9499, 0.95));
}
