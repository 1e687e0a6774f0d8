#include "learner/bkt_fit.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "content/seeded_random.h"
#include "learner/bkt.h"

namespace pathwise::learner {

namespace {

constexpr double kEmissionFloor = 1e-6;
constexpr double kEmissionCeiling = 0.5;

double clamp(double value, double low, double high) { return value < low ? low : value > high ? high : value; }

// Uniform in [low, high) from the top 53 bits, the same on every platform.
double uniform(SplitMix64& random, double low, double high) {
  return low + (high - low) * random.unit();
}

// Every answer in one array and where each learner's sequence ends: one pass over contiguous memory per
// iteration instead of chasing a pointer per learner.
struct Responses {
  std::vector<std::uint8_t> correct;
  std::vector<std::size_t> ends;
  std::size_t longest = 0;
};

Responses flatten(const std::vector<std::vector<std::uint8_t>>& sequences) {
  Responses responses;
  std::size_t total = 0;
  for (const auto& sequence : sequences) total += sequence.size();
  responses.correct.reserve(total);
  for (const auto& sequence : sequences) {
    if (sequence.empty()) continue;
    for (std::uint8_t answer : sequence) responses.correct.push_back(answer != 0 ? 1 : 0);
    responses.ends.push_back(responses.correct.size());
    responses.longest = std::max(responses.longest, sequence.size());
  }
  return responses;
}

content::BktParameters bounded(content::BktParameters p) {
  p = bkt_sanitized(p);
  p.guess = clamp(p.guess, kEmissionFloor, kEmissionCeiling);
  p.slip = clamp(p.slip, kEmissionFloor, kEmissionCeiling);
  return p;
}

// Expected counts of the E-step (Rabiner's gamma and xi summed over time and learners).
struct Counts {
  double known_first = 0.0;       // sum over learners of P(known at the first answer | data)
  double unknown_before = 0.0;    // sum over t < T of P(unknown at t)
  double learned = 0.0;           // sum over t < T of P(unknown at t, known at t + 1)
  double known_before = 0.0;      // sum over t < T of P(known at t)
  double forgot = 0.0;            // sum over t < T of P(known at t, unknown at t + 1)
  double unknown_total = 0.0;     // sum over all t of P(unknown at t)
  double unknown_correct = 0.0;   // ... where the answer was right (guesses)
  double known_total = 0.0;       // sum over all t of P(known at t)
  double known_wrong = 0.0;       // ... where the answer was wrong (slips)
};

// One E-step: scaled forward-backward over every sequence. Returns the log-likelihood of `p` and fills `counts`.
// `filtered_known` and `inverse_scale` are scratch space of at least `responses.longest` entries.
double expectation(const Responses& responses, const content::BktParameters& p, Counts& counts,
                   std::vector<double>& filtered_known, std::vector<double>& inverse_scale) {
  counts = Counts{};
  // emission[state][answer]: P(answer | state), state 0 unknown, 1 known; answer 0 wrong, 1 right.
  const double emission[2][2] = {{1.0 - p.guess, p.guess}, {p.slip, 1.0 - p.slip}};
  const double learn = p.learn, stay_unknown = 1.0 - p.learn, forget = p.forget, stay_known = 1.0 - p.forget;
  const std::uint8_t* correct = responses.correct.data();
  double* alpha_known = filtered_known.data();
  double* inverse_c = inverse_scale.data();
  double log_likelihood = 0.0;
  std::size_t begin = 0;
  for (std::size_t end : responses.ends) {
    const std::size_t length = end - begin;
    const std::uint8_t* answers = correct + begin;
    // Forward: alpha_t normalised to sum 1 (so only P(known) is stored), c_t = P(answer t | answers before).
    // The likelihood is the product of the c_t; it is multiplied out and taken the log of only when it gets
    // small, which saves a logarithm per answer.
    double product = 1.0;
    double predicted_known = p.prior;
    for (std::size_t t = 0; t < length; ++t) {
      const std::uint8_t answer = answers[t];
      const double known = predicted_known * emission[1][answer];
      const double unknown = (1.0 - predicted_known) * emission[0][answer];
      const double c = known + unknown;
      const double inverse = 1.0 / c;
      const double filtered = known * inverse;
      alpha_known[t] = filtered;
      inverse_c[t] = inverse;
      product *= c;
      if (product < 1e-250) {
        log_likelihood += std::log(product);
        product = 1.0;
      }
      predicted_known = filtered * stay_known + (1.0 - filtered) * learn;
    }
    log_likelihood += std::log(product);

    // Backward: beta_t divided by c_t+1 ... c_T, the same factors as alpha's (Rabiner section V.A), so that
    // gamma_t(i) = alpha_t(i) beta_t(i) and xi_t(i, j) = alpha_t(i) a_ij b_j(o_t+1) beta_t+1(j) / c_t+1.
    double beta_unknown = 1.0, beta_known = 1.0;
    {
      const std::size_t last = length - 1;
      const double gamma_known = alpha_known[last];
      const double gamma_unknown = 1.0 - gamma_known;
      counts.unknown_total += gamma_unknown;
      counts.known_total += gamma_known;
      if (answers[last]) counts.unknown_correct += gamma_unknown;
      else counts.known_wrong += gamma_known;
    }
    for (std::size_t t = length - 1; t-- > 0;) {
      const std::uint8_t next_answer = answers[t + 1];
      const double next_unknown = emission[0][next_answer] * beta_unknown * inverse_c[t + 1];
      const double next_known = emission[1][next_answer] * beta_known * inverse_c[t + 1];
      const double known = alpha_known[t];
      const double unknown = 1.0 - known;
      counts.learned += unknown * learn * next_known;
      counts.forgot += known * forget * next_unknown;
      beta_unknown = stay_unknown * next_unknown + learn * next_known;
      beta_known = forget * next_unknown + stay_known * next_known;
      const double gamma_unknown = unknown * beta_unknown;
      const double gamma_known = known * beta_known;
      counts.unknown_before += gamma_unknown;
      counts.known_before += gamma_known;
      if (answers[t]) counts.unknown_correct += gamma_unknown;
      else counts.known_wrong += gamma_known;
    }
    counts.known_first += alpha_known[0] * beta_known;
    begin = end;
  }
  // The per-step totals over all t: those of t < T plus the last answers, added above.
  counts.unknown_total += counts.unknown_before;
  counts.known_total += counts.known_before;
  return log_likelihood;
}

// The M-step: each parameter is its expected count ratio, kept within the bounds; a ratio with nothing to
// count (e.g. no learner is ever unknown) leaves the parameter where it was.
content::BktParameters maximisation(const Counts& counts, std::size_t learners, const content::BktParameters& p,
                                    bool fit_forget) {
  content::BktParameters next = p;
  auto ratio = [](double part, double whole, double otherwise) { return whole > 0.0 ? part / whole : otherwise; };
  next.prior = clamp(ratio(counts.known_first, static_cast<double>(learners), p.prior), 0.0, 1.0);
  next.learn = clamp(ratio(counts.learned, counts.unknown_before, p.learn), 0.0, 1.0);
  if (fit_forget) next.forget = clamp(ratio(counts.forgot, counts.known_before, p.forget), 0.0, 1.0);
  next.guess =
      clamp(ratio(counts.unknown_correct, counts.unknown_total, p.guess), kEmissionFloor, kEmissionCeiling);
  next.slip = clamp(ratio(counts.known_wrong, counts.known_total, p.slip), kEmissionFloor, kEmissionCeiling);
  return next;
}

struct Run {
  content::BktParameters parameters;
  double log_likelihood = 0.0;
  int iterations = 0;
};

Run run_em(const Responses& responses, content::BktParameters p, const BktFitOptions& options,
           std::vector<double>& filtered_known, std::vector<double>& inverse_scale) {
  Run run;
  Counts counts;
  const int max_iterations = std::max(1, options.max_iterations);
  double previous = 0.0;
  for (int iteration = 1;; ++iteration) {
    const double log_likelihood = expectation(responses, p, counts, filtered_known, inverse_scale);
    run.parameters = p;
    run.log_likelihood = log_likelihood;
    run.iterations = iteration;
    if (iteration > 1 && std::fabs(log_likelihood - previous) < options.tolerance) break;
    if (iteration >= max_iterations) break;
    previous = log_likelihood;
    p = maximisation(counts, responses.ends.size(), p, options.fit_forget);
  }
  return run;
}

// AUC as the Mann-Whitney U statistic over (prediction, answer) pairs, tied predictions sharing their mean rank.
double area_under_curve(const std::vector<double>& predictions, const std::vector<std::uint8_t>& correct) {
  const std::size_t n = predictions.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return predictions[a] < predictions[b]; });
  double positives = 0.0, rank_sum = 0.0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && predictions[order[j]] == predictions[order[i]]) ++j;
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;  // ranks i+1 .. j
    for (std::size_t k = i; k < j; ++k) {
      if (correct[order[k]]) {
        positives += 1.0;
        rank_sum += mean_rank;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(n) - positives;
  if (positives == 0.0 || negatives == 0.0) return 0.5;
  return (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives);
}

}  // namespace

BktFit fit_bkt(const std::vector<std::vector<std::uint8_t>>& sequences, const BktFitOptions& options) {
  const Responses responses = flatten(sequences);
  BktFit fit;
  fit.parameters = bounded(options.start.value_or(content::BktParameters{}));
  if (responses.correct.empty()) return fit;

  std::vector<double> filtered_known(responses.longest), inverse_scale(responses.longest);
  Run best;
  if (options.start) {
    best = run_em(responses, fit.parameters, options, filtered_known, inverse_scale);
  } else {
    SplitMix64 random(options.seed);
    const int runs = std::max(1, options.restarts);
    for (int i = 0; i < runs; ++i) {
      content::BktParameters start;
      start.prior = uniform(random, 0.05, 0.95);
      start.learn = uniform(random, 0.01, 0.4);
      start.guess = uniform(random, 0.01, 0.4);
      start.slip = uniform(random, 0.01, 0.3);
      start.forget = options.fit_forget ? uniform(random, 0.01, 0.2) : 0.0;
      Run run = run_em(responses, start, options, filtered_known, inverse_scale);
      if (i == 0 || run.log_likelihood > best.log_likelihood) best = run;
    }
  }
  fit.parameters = best.parameters;
  fit.log_likelihood = best.log_likelihood;
  fit.iterations = best.iterations;

  // One-step-ahead predictions with the tracer's own update, so the figures describe what bkt.h will do.
  std::vector<double> predictions(responses.correct.size());
  double squared_error = 0.0;
  std::size_t begin = 0;
  for (std::size_t end : responses.ends) {
    double p_known = fit.parameters.prior;
    for (std::size_t t = begin; t < end; ++t) {
      predictions[t] = bkt_p_correct(fit.parameters, p_known);
      const double error = static_cast<double>(responses.correct[t]) - predictions[t];
      squared_error += error * error;
      p_known = bkt_update(fit.parameters, p_known, responses.correct[t]);
    }
    begin = end;
  }
  fit.rmse = std::sqrt(squared_error / static_cast<double>(predictions.size()));
  fit.auc = area_under_curve(predictions, responses.correct);
  return fit;
}

}  // namespace pathwise::learner
