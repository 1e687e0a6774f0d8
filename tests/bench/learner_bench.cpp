// Learner-model benchmark (figures, not a pass/fail test). Measures, on a generated course of 2,000 skills and
// 20,000 activities (make_course below):
//   fold      folding 100,000 events into a learner state, best of --runs
//   choose    choose_next() after a 50,000-event history: --calls calls at different times and entropies; p50/p99,
//             after 100 calls timed apart (the cold start)
//   fit       fit_bkt() on 100,000 simulated responses (5,000 learners × 20) with the CLI's defaults, and the
//             errors recovering the generating parameters from 10,000 responses
//   simulate  (with --courses=DIR) `pathwise simulate` figures on the three shipped courses, adaptive vs linear
// The same source builds natively and as wasm under Node; learner.bench.mjs runs both and prints the ratio.
// The last line is machine-readable: `learner-bench key=value ...`.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "content/bundle.h"
#include "content/seeded_random.h"
#include "learner/bkt.h"
#include "learner/bkt_fit.h"
#include "learner/learner_state.h"
#include "path/path_engine.h"
#include "path/simulate.h"

using namespace pathwise;
using namespace pathwise::learner;
using namespace pathwise::path;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// 2,000 skills in a DAG (each with up to three prerequisites among the 50 before it, so chains are long and
// wide), 10 activities each: a reading, true/false and single-choice questions with difficulties from −2 to 2, a
// flashcard and a template with three levels.
content::Bundle make_course(std::size_t skills, std::size_t per_skill, std::uint64_t seed) {
  SplitMix64 random(seed);
  content::Bundle bundle;
  bundle.id = "generated";
  for (std::size_t s = 0; s < skills; ++s) {
    content::Skill skill;
    skill.id = "skill-" + std::to_string(s);
    skill.title = "Skill " + std::to_string(s);
    const std::size_t prerequisites = s == 0 ? 0 : 1 + random.below(3);
    for (std::size_t p = 0; p < prerequisites; ++p) {
      const std::size_t window = std::min<std::size_t>(s, 50);
      const std::string id = "skill-" + std::to_string(s - 1 - random.below(window));
      if (std::find(skill.prerequisites.begin(), skill.prerequisites.end(), id) == skill.prerequisites.end())
        skill.prerequisites.push_back(id);
    }
    bundle.skills.push_back(std::move(skill));
    for (std::size_t k = 0; k < per_skill; ++k) {
      content::Activity activity;
      activity.id = "a-" + std::to_string(s) + "-" + std::to_string(k);
      activity.skills = {bundle.skills.back().id};
      activity.seconds = 30;
      activity.explanation = k % 2 ? "Worked example" : "";
      if (k == 0) {
        activity.payload = content::Reading{"Lesson", "Text", {}};
        activity.seconds = 120;
      } else if (k == per_skill - 1) {
        content::Parameterized problem;
        problem.answer = "x + 1";
        problem.levels = {{-1.0, {}}, {0.0, {}}, {1.5, {}}};
        activity.payload = std::move(problem);
      } else if (k == per_skill - 2) {
        activity.payload = content::Flashcard{"front", "back", false};
      } else {
        activity.difficulty = -2.0 + 4.0 * static_cast<double>(random.below(9)) / 8.0;
        activity.payload = k % 3 ? content::Payload{content::TrueFalse{}} : content::Payload{content::SingleChoice{}};
      }
      bundle.activities.push_back(std::move(activity));
    }
  }
  return bundle;
}

// A plausible history: a learner working through the course in prerequisite order, mostly right, some skills
// revisited, sessions of 20 minutes once a day, with the odd goal, reflection and activity left open.
std::vector<Event> make_history(const CourseIndex& course, std::size_t count, std::uint64_t seed) {
  SplitMix64 random(seed);
  std::vector<Event> events;
  events.reserve(count);
  Seconds now = 1767600000;
  std::uint64_t sequence = 0;
  std::size_t skill = 0;
  while (events.size() < count) {
    if (events.size() % 40 == 0) {
      events.push_back({{"bench", ++sequence}, now, SessionStarted{}});
      continue;
    }
    if (events.size() % 997 == 0) {
      events.push_back({{"bench", ++sequence}, now, Reflection{"fractions are hard", 3}});
      continue;
    }
    // Mostly the current skill; sometimes an earlier one (a review), sometimes a move on.
    std::size_t s = skill;
    if (random.unit() < 0.15 && skill > 0) s = static_cast<std::size_t>(random.below(skill));
    const std::vector<int>& activities = course.activities_of_skill[s];
    if (activities.empty()) {
      skill = (skill + 1) % course.skill_count();
      continue;
    }
    const int a = activities[static_cast<std::size_t>(random.below(activities.size()))];
    Attempt attempt;
    attempt.activity = course.activity_at(a).id;
    attempt.score = random.unit() < 0.75 ? 1.0 : 0.0;
    attempt.seconds = 5.0 + 40.0 * random.unit();
    attempt.seed = random.next() >> 1;
    if (random.unit() < 0.1) attempt.hint_seconds = {3.0 + 20.0 * random.unit()};
    events.push_back({{"bench", ++sequence}, now, std::move(attempt)});
    now += 30;
    if (events.size() % 40 == 39) now += kDay - 40 * 30;
    if (random.unit() < 0.12) skill = (skill + 1) % course.skill_count();
  }
  return events;
}

std::vector<std::vector<std::uint8_t>> simulate_responses(const content::BktParameters& truth, int learners,
                                                          int length, std::uint64_t seed) {
  SplitMix64 random(seed);
  std::vector<std::vector<std::uint8_t>> sequences(static_cast<std::size_t>(learners));
  for (auto& sequence : sequences) {
    bool known = random.unit() < truth.prior;
    for (int i = 0; i < length; ++i) {
      sequence.push_back(random.unit() < (known ? 1.0 - truth.slip : truth.guess) ? 1 : 0);
      if (!known && random.unit() < truth.learn) known = true;
    }
  }
  return sequences;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const std::size_t index = std::min(values.size() - 1, static_cast<std::size_t>(p * static_cast<double>(values.size())));
  return values[index];
}

bool read_text(const std::string& path, std::string& out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::stringstream buffer;
  buffer << file.rdbuf();
  out = buffer.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5, calls = 2000;
  std::string courses;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--runs=", 7) == 0) runs = std::max(1, std::atoi(argv[i] + 7));
    else if (std::strncmp(argv[i], "--calls=", 8) == 0) calls = std::max(10, std::atoi(argv[i] + 8));
    else if (std::strncmp(argv[i], "--courses=", 10) == 0) courses = argv[i] + 10;
    else {
      std::fprintf(stderr, "usage: pathwise_learner_bench [--runs=N] [--calls=N] [--courses=DIR]\n");
      return 2;
    }
  }

  const content::Bundle generated = make_course(2000, 10, 3);
  const CourseIndex course = index_course(generated);
  std::printf("course: %zu skills, %zu activities\n", course.skill_count(), course.activity_count());

  // Fold 100,000 events.
  const std::vector<Event> history_100k = make_history(course, 100000, 7);
  double fold_ms = 1e30;
  LearnerState folded;
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    folded = fold(course, history_100k);
    fold_ms = std::min(fold_ms, ms_since(start));
  }
  int mastered = 0;
  for (const SkillState& s : folded.skills) mastered += s.mastered;
  std::printf("fold: 100000 events in %.1f ms (best of %d); %d skills mastered, %zu blockages\n", fold_ms, runs,
              mastered, folded.blockages.size());

  // choose_next after 50,000 events.
  const std::vector<Event> history_50k(history_100k.begin(), history_100k.begin() + 50000);
  const LearnerState state = fold(course, history_50k);
  // The first calls are timed apart: under Node, V8 runs wasm in its baseline tier until the optimizing tier has
  // compiled the hot functions in the background, so those calls show the cold start, the rest the steady state.
  const int warm_up = 100;
  std::vector<double> call_ms, cold_ms;
  call_ms.reserve(static_cast<std::size_t>(calls));
  std::size_t options = 0;
  for (int c = -warm_up; c < calls; ++c) {
    PathRequest request;
    request.now = state.last_event + static_cast<Seconds>(c) * 3 * kHour;  // from now to months later
    request.entropy = static_cast<std::uint64_t>(c) * 0x9E3779B97F4A7C15ull;
    const auto start = Clock::now();
    const PathChoice choice = choose_next(state, request);
    (c < 0 ? cold_ms : call_ms).push_back(ms_since(start));
    if (c >= 0) options += choice.options.size();
  }
  const double cold_max = *std::max_element(cold_ms.begin(), cold_ms.end());
  const double cold_mean = std::accumulate(cold_ms.begin(), cold_ms.end(), 0.0) / static_cast<double>(warm_up);
  const double choose_p50 = percentile(call_ms, 0.50), choose_p99 = percentile(call_ms, 0.99);
  std::printf("choose_next: first %d calls mean %.3f ms, max %.3f ms; then %d calls p50 %.3f ms, p99 %.3f ms, "
              "max %.3f ms (%.2f options each)\n", warm_up, cold_mean, cold_max, calls, choose_p50, choose_p99,
              *std::max_element(call_ms.begin(), call_ms.end()), static_cast<double>(options) / calls);

  // BKT fitting.
  content::BktParameters truth;
  truth.prior = 0.3;
  truth.learn = 0.1;
  truth.guess = 0.2;
  truth.slip = 0.1;
  const auto big = simulate_responses(truth, 5000, 20, 11);
  double fit_ms = 1e30;
  BktFit fit;
  for (int r = 0; r < std::min(runs, 3); ++r) {
    const auto start = Clock::now();
    fit = fit_bkt(big, {});
    fit_ms = std::min(fit_ms, ms_since(start));
  }
  std::printf("fit: 100000 responses in %.1f ms (5 restarts, best of %d; %d iterations): prior %.3f learn %.3f "
              "guess %.3f slip %.3f\n", fit_ms, std::min(runs, 3), fit.iterations, fit.parameters.prior,
              fit.parameters.learn, fit.parameters.guess, fit.parameters.slip);
  double worst = 0.0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const BktFit small = fit_bkt(simulate_responses(truth, 500, 20, seed), {});
    const double error = std::max({std::fabs(small.parameters.prior - truth.prior),
                                   std::fabs(small.parameters.learn - truth.learn),
                                   std::fabs(small.parameters.guess - truth.guess),
                                   std::fabs(small.parameters.slip - truth.slip)});
    worst = std::max(worst, error);
    std::printf("recovery from 10000 responses, seed %llu: largest error %.4f\n", static_cast<unsigned long long>(seed),
                error);
  }

  std::string simulate_line;
  if (!courses.empty()) {
    std::printf("\nsimulate (200 students, seed 1, budget 1000):\n");
    std::printf("  %-12s %9s %9s %8s %8s %8s\n", "course", "adaptive", "linear", "fewer", "false-m", "success");
    for (const char* name : {"fractions", "spanish-a1", "ecosystems"}) {
      std::string text;
      if (!read_text(courses + "/" + name + "/course.json", text)) {
        std::fprintf(stderr, "cannot read %s/%s/course.json\n", courses.c_str(), name);
        return 1;
      }
      content::BundleParse shipped = content::parse_bundle(text, name);
      if (!shipped.bundle) return 1;
      const CourseIndex index = index_course(*shipped.bundle);
      SimulationOptions options;
      const SimulationReport adaptive = simulate(index, options);
      options.policy = Policy::linear;
      const SimulationReport linear = simulate(index, options);
      const double fewer = 1.0 - adaptive.mean_attempts_to_all_known / linear.mean_attempts_to_all_known;
      std::printf("  %-12s %9.1f %9.1f %7.1f%% %8.3f %8.3f\n", name, adaptive.mean_attempts_to_all_known,
                  linear.mean_attempts_to_all_known, 100.0 * fewer, adaptive.false_mastery_rate,
                  adaptive.success_rate);
      char buffer[200];
      std::snprintf(buffer, sizeof buffer, " %s_fewer=%.3f %s_false_mastery=%.3f %s_success=%.3f", name, fewer, name,
                    adaptive.false_mastery_rate, name, adaptive.success_rate);
      simulate_line += buffer;
    }
  }

  std::printf("learner-bench fold_100k_ms=%.2f choose_p50_ms=%.4f choose_p99_ms=%.4f choose_cold_max_ms=%.4f fit_100k_ms=%.1f "
              "fit_recovery_worst=%.4f%s\n", fold_ms, choose_p50, choose_p99, cold_max, fit_ms, worst, simulate_line.c_str());
  return 0;
}
