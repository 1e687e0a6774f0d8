#include "path/simulate.h"

#include <algorithm>

#include "content/seeded_random.h"
#include "learner/bkt.h"
#include "path/path_engine.h"

namespace pathwise::path {

using namespace learner;  // the learner model's types and functions, used throughout

namespace {

std::size_t at(int index) { return static_cast<std::size_t>(index); }

bool answers_questions(const content::Activity& activity) {
  if (const auto* reading = std::get_if<content::Reading>(&activity.payload)) return !reading->checkpoints.empty();
  if (const auto* video = std::get_if<content::Video>(&activity.payload)) return !video->checkpoints.empty();
  return true;
}

struct Student {
  std::vector<char> known;
  int known_count = 0;
};

}  // namespace

SimulationReport simulate(const CourseIndex& course, const SimulationOptions& options) {
  SimulationReport report;
  report.students = options.students;
  const std::size_t skill_count = course.skill_count();
  const std::size_t activity_count = course.activity_count();
  if (skill_count == 0 || activity_count == 0 || options.students <= 0) return report;
  std::vector<content::BktParameters> truth(skill_count);
  for (std::size_t s = 0; s < skill_count; ++s) truth[s] = bkt_sanitized(course.skill_at(static_cast<int>(s)).bkt);

  long long total_attempts_to_known = 0, graded = 0, correct = 0, false_masteries = 0, total_attempts = 0;
  double known_fraction_sum = 0.0, seconds_sum = 0.0;
  const Seconds session_length = static_cast<Seconds>(options.session_minutes * 60.0);

  for (int i = 0; i < options.students; ++i) {
    SplitMix64 random(options.seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(i));
    Student student;
    student.known.assign(skill_count, 0);
    for (std::size_t s = 0; s < skill_count; ++s)
      if (random.unit() < truth[s].prior) {
        student.known[s] = 1;
        ++student.known_count;
      }
    LearnerState state = initial_state(course, options.model);
    Seconds now = options.start;
    Seconds session_start = now;
    int day = 0;
    std::uint64_t sequence = 0;
    int attempts = 0;
    std::size_t next_linear = 0;
    double seconds = 0.0;

    while (attempts < options.budget && student.known_count < static_cast<int>(skill_count)) {
      int activity = -1;
      std::uint64_t seed = 0;
      int level = 0;
      if (options.policy == Policy::adaptive) {
        PathRequest request;
        request.now = now;
        request.entropy = random.next();
        const PathChoice choice = choose_next(state, request, options.model);
        if (choice.options.empty()) break;
        activity = choice.options.front().activity;
        seed = choice.options.front().seed;
        level = choice.options.front().level;
      } else if (options.policy == Policy::linear) {
        activity = static_cast<int>(next_linear++ % activity_count);
      } else {
        activity = static_cast<int>(random.below(activity_count));
      }
      const content::Activity& a = course.activity_at(activity);
      const std::vector<int>& skills = course.skills_of_activity[at(activity)];

      Attempt attempt;
      attempt.activity = a.id;
      attempt.seed = seed;
      attempt.level = level;
      attempt.seconds = a.seconds;
      attempt.graded = answers_questions(a);
      const bool instruction = a.type() == content::ActivityType::reading || a.type() == content::ActivityType::video;
      // Readings and videos teach before their checkpoint questions; everything else asks first.
      auto learn = [&] {
        for (int s : skills) {
          if (student.known[at(s)]) continue;
          bool foundations = true;
          for (int p : course.prerequisites[at(s)]) foundations = foundations && student.known[at(p)];
          const double chance = truth[at(s)].learn * (foundations ? 1.0 : options.prerequisite_penalty);
          if (random.unit() < chance) {
            student.known[at(s)] = 1;
            ++student.known_count;
          }
        }
      };
      if (instruction) learn();
      if (attempt.graded) {
        bool all_known = !skills.empty();
        double slip = 0.0, guess = 0.0;
        for (int s : skills) {
          all_known = all_known && student.known[at(s)];
          const content::BktParameters item =
              item_bkt(truth[at(s)], difficulty_prior(a, level) - course.typical_difficulty[at(s)]);
          slip = std::max(slip, item.slip);
          guess = std::max(guess, item.guess);
        }
        const bool right = random.unit() < (all_known ? 1.0 - slip : guess);
        attempt.score = right ? 1.0 : 0.0;
        if (a.type() == content::ActivityType::flashcard) attempt.rating = right ? 3 : 1;
        ++graded;
        if (right) ++correct;
      }
      if (!instruction) learn();

      std::vector<char> was_mastered(skills.size());
      for (std::size_t k = 0; k < skills.size(); ++k) was_mastered[k] = state.skills[at(skills[k])].mastered;
      apply(state, Event{{"sim", ++sequence}, now, attempt}, options.model);
      for (std::size_t k = 0; k < skills.size(); ++k) {
        if (was_mastered[k] || !state.skills[at(skills[k])].mastered) continue;
        ++report.mastery_declarations;
        if (!student.known[at(skills[k])]) ++false_masteries;
      }

      ++attempts;
      seconds += a.seconds;
      now += a.seconds;
      if (now - session_start >= session_length) {  // the session is over: back tomorrow morning
        now = options.start + static_cast<Seconds>(++day) * kDay;
        session_start = now;
      }
    }
    if (student.known_count == static_cast<int>(skill_count)) {
      ++report.reached_all_known;
      total_attempts_to_known += attempts;
    }
    known_fraction_sum += static_cast<double>(student.known_count) / static_cast<double>(skill_count);
    seconds_sum += seconds;
    total_attempts += attempts;
  }

  if (report.reached_all_known > 0)
    report.mean_attempts_to_all_known =
        static_cast<double>(total_attempts_to_known) / static_cast<double>(report.reached_all_known);
  report.fraction_known_at_budget = known_fraction_sum / options.students;
  report.false_mastery_rate = report.mastery_declarations > 0 ? static_cast<double>(false_masteries) /
                                                                    static_cast<double>(report.mastery_declarations)
                                                              : 0.0;
  report.success_rate = graded > 0 ? static_cast<double>(correct) / static_cast<double>(graded) : 0.0;
  report.mean_minutes = seconds_sum / 60.0 / options.students;
  report.mean_attempts = static_cast<double>(total_attempts) / options.students;
  return report;
}

}  // namespace pathwise::path
