#include "learner/learner_state.h"

#include <algorithm>
#include <cmath>

#include "learner/bkt.h"
#include "learner/points.h"

namespace pathwise::learner {

namespace {

constexpr std::size_t kRecentAttempts = 10;
constexpr double kCorrect = 0.999;  // a score counts as fully correct at or above this

std::size_t at(int index) { return static_cast<std::size_t>(index); }

// Numbers in events may come from a damaged file: NaN and infinities must not reach the models.
double unit_interval(double x) { return std::isfinite(x) ? std::clamp(x, 0.0, 1.0) : 0.0; }
double duration(double seconds) { return std::isfinite(seconds) ? std::clamp(seconds, 0.0, double(kDay)) : 0.0; }

fsrs::Rating rating_from_score(double score) {
  if (score < 0.5) return fsrs::Rating::again;
  if (score < 0.8) return fsrs::Rating::hard;
  return fsrs::Rating::good;
}

// The seconds below which an answer is too fast to have been thought about.
double rapid_floor(const content::Activity& activity, const BlockageSettings& settings) {
  return std::max(settings.rapid_min_seconds, settings.rapid_fraction * activity.seconds);
}

void note_time(LearnerState& state, Seconds time) {
  if (state.events == 0 || time < state.first_event) state.first_event = time;
  state.last_event = std::max(state.last_event, time);
  ++state.events;
}

void update_skill_models(LearnerState& state, int skill_index, int activity_index, const Event& event,
                         const Attempt& attempt, const ModelSettings& settings) {
  const CourseIndex& course = *state.course;
  const content::Skill& skill = course.skill_at(skill_index);
  const content::Activity& activity = course.activity_at(activity_index);
  SkillState& s = state.skills[at(skill_index)];
  const Seconds now = event.time;
  const double score = unit_interval(attempt.score);

  const double offset = difficulty_prior(activity, attempt.level) - course.typical_difficulty[at(skill_index)];
  s.p_known = bkt_update(item_bkt(skill.bkt, offset), s.p_known, score);
  ++s.attempts;
  ++s.attempts_since_mastery;
  if (score >= kCorrect) {
    ++s.correct;
    ++s.streak;
    s.best_streak = std::max(s.best_streak, s.streak);
    if (s.streak >= settings.blockage.mastery_streak) s.streak_since_mastery = true;
  } else {
    s.streak = 0;
  }
  s.last_practised = now;

  RecentAttempt recent;
  recent.id = event.id;
  recent.activity = activity_index;
  recent.score = score;
  recent.quick_hint = !attempt.hint_seconds.empty() && std::isfinite(attempt.hint_seconds.front()) &&
                      attempt.hint_seconds.front() <= settings.blockage.quick_hint_seconds;
  const double seconds = duration(attempt.seconds);
  recent.rapid = seconds > 0.0 && seconds < rapid_floor(activity, settings.blockage);
  if (!attempt.misconceptions.empty()) recent.misconception = attempt.misconceptions.front();
  if (s.recent.size() == kRecentAttempts) s.recent.erase(s.recent.begin());
  s.recent.push_back(std::move(recent));

  // Reviews of a mastered skill (see the header for the rule).
  if (s.mastered && s.review) {
    const bool due = now >= s.review->due;
    if (due || score < 0.5) {
      s.review = fsrs::review(*s.review, rating_from_score(score), now, settings.skill_reviews);
      state.attempts_since_review = 0;
    }
  }

  const double threshold = skill.mastery_threshold;
  if (!s.mastered && bkt_mastered(s.p_known, threshold)) {
    s.mastered = true;
    s.mastered_at = now;
    if (s.first_mastered_at == 0) s.first_mastered_at = now;
    s.attempts_since_mastery = 0;
    s.streak_since_mastery = false;
    if (!s.review) s.review = fsrs::review(fsrs::Card{}, fsrs::Rating::good, now, settings.skill_reviews);
  } else if (s.mastered && s.p_known < threshold - kMasteryHysteresis) {
    s.mastered = false;
    s.attempts_since_mastery = 0;
    s.streak_since_mastery = false;
  }
}

void apply_attempt(LearnerState& state, const Event& event, const Attempt& attempt, const ModelSettings& settings) {
  const CourseIndex& course = *state.course;
  const int activity_index = course.activity(attempt.activity);
  detect_inactivity_before(state, event.time, settings);  // answered, but only after a long time
  state.showing.reset();
  if (activity_index < 0) {
    ++state.unknown_references;
    return;
  }
  const content::Activity& activity = course.activity_at(activity_index);
  ActivityState& a = state.activities[at(activity_index)];
  ++a.attempts;
  a.last_attempt = event.time;
  a.best_score = std::max(a.best_score, unit_interval(attempt.score));
  if (activity.type() == content::ActivityType::parameterized &&
      std::find(a.seeds_seen.begin(), a.seeds_seen.end(), attempt.seed) == a.seeds_seen.end())
    a.seeds_seen.push_back(attempt.seed);
  state.last_activity = activity_index;
  state.seconds_on_task += duration(attempt.seconds);
  state.seconds_per_day[local_day(event.time, settings)] += duration(attempt.seconds);
  const int points = attempt_points(activity, attempt);
  state.points += points;
  state.points_per_day[local_day(event.time, settings)] += points;

  if (activity.type() == content::ActivityType::flashcard) {
    const int rating = attempt.rating >= 1 && attempt.rating <= 4 ? attempt.rating
                                                                   : int(rating_from_score(unit_interval(attempt.score)));
    a.flashcard = fsrs::review(a.flashcard.value_or(fsrs::Card{}), static_cast<fsrs::Rating>(rating), event.time,
                               settings.fsrs);
  }
  if (!attempt.graded) return;

  const double score = unit_interval(attempt.score);
  ++state.attempts;
  if (score >= kCorrect) ++state.correct;
  ++state.attempts_since_review;
  if (state.recent_scores.size() == kRecentAttempts) state.recent_scores.erase(state.recent_scores.begin());
  state.recent_scores.push_back(score);
  if (attempt.confidence >= 1 && attempt.confidence <= 5) {
    auto& cell = state.calibration[at(attempt.confidence)];
    ++cell.first;
    if (score >= kCorrect) ++cell.second;
  }

  // Elo: the activity's difficulty (at the template's level) against each of its skills' abilities.
  const std::size_t level =
      std::min(static_cast<std::size_t>(std::max(attempt.level, 0)), a.difficulty.size() - 1);
  const EloAnswer answer{score, duration(attempt.seconds), 2.0 * activity.seconds};
  for (int skill : course.skills_of_activity[at(activity_index)])
    elo_update(state.skills[at(skill)].ability, a.difficulty[level], answer, event.time, settings.elo);

  for (int skill : course.skills_of_activity[at(activity_index)]) {
    update_skill_models(state, skill, activity_index, event, attempt, settings);
    detect_blockages_after_attempt(state, skill, event.time, settings);
  }
}

void apply_goal(LearnerState& state, const Event& event, const GoalSet& goal) {
  auto existing = std::find_if(state.goals.begin(), state.goals.end(),
                               [&](const Goal& g) { return g.spec.goal == goal.goal; });
  if (goal.removed) {
    if (existing != state.goals.end()) state.goals.erase(existing);
    return;
  }
  if (existing != state.goals.end()) {
    existing->spec = goal;
    existing->set_at = event.time;
  } else {
    state.goals.push_back({goal, event.time});
  }
}

}  // namespace

content::BktParameters item_bkt(const content::BktParameters& skill, double offset) {
  content::BktParameters p = bkt_sanitized(skill);
  if (offset == 0.0) return p;
  auto logit = [](double x) { return std::log(x / (1.0 - x)); };
  auto sigmoid = [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
  p.guess = sigmoid(logit(std::clamp(p.guess, 1e-4, 1.0 - 1e-4)) - offset);
  p.slip = 1.0 - sigmoid(logit(std::clamp(1.0 - p.slip, 1e-4, 1.0 - 1e-4)) - offset);
  return bkt_sanitized(p);
}

std::int64_t local_day(Seconds time, const ModelSettings& settings) {
  const Seconds local = time + settings.utc_offset;
  return local >= 0 ? local / kDay : -((-local + kDay - 1) / kDay);
}

bool review_due(const SkillState& skill, Seconds now) {
  return skill.mastered && skill.review && now >= skill.review->due;
}

LearnerState initial_state(const CourseIndex& course, const ModelSettings& settings) {
  LearnerState state;
  state.course = &course;
  state.target_success = settings.target_success;
  state.skills.resize(course.skill_count());
  for (std::size_t s = 0; s < state.skills.size(); ++s)
    state.skills[s].p_known = bkt_sanitized(course.skill_at(static_cast<int>(s)).bkt).prior;
  state.activities.resize(course.activity_count());
  for (std::size_t a = 0; a < state.activities.size(); ++a) {
    const content::Activity& activity = course.activity_at(static_cast<int>(a));
    EloRating prior;
    prior.value = activity.difficulty.value_or(0.0);
    prior.uncertainty = activity.difficulty ? 0.5 : 1.0;  // an author's estimate is worth some answers
    if (const auto* problem = std::get_if<content::Parameterized>(&activity.payload)) {
      for (const content::TemplateLevel& level : problem->levels) {
        EloRating rating = prior;
        rating.value = level.difficulty;
        state.activities[a].difficulty.push_back(rating);
      }
    }
    if (state.activities[a].difficulty.empty()) state.activities[a].difficulty.push_back(prior);
  }
  state.calibration.assign(6, {0, 0});
  return state;
}

void apply(LearnerState& state, const Event& event, const ModelSettings& settings) {
  if (event.time < kEarliestTime || event.time > kLatestTime) {
    Event clamped = event;
    clamped.time = std::clamp(event.time, kEarliestTime, kLatestTime);
    apply(state, clamped, settings);
    return;
  }
  note_time(state, event.time);
  std::visit(
      [&](const auto& body) {
        using Body = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<Body, Attempt>) {
          apply_attempt(state, event, body, settings);
        } else if constexpr (std::is_same_v<Body, ActivityShown>) {
          detect_inactivity_before(state, event.time, settings);  // the previous activity, left unanswered
          state.showing = body;
          state.showing_since = event.time;
        } else if constexpr (std::is_same_v<Body, SessionStarted>) {
          ++state.sessions;
        } else if constexpr (std::is_same_v<Body, SessionEnded>) {
          detect_inactivity_before(state, event.time, settings);
          state.showing.reset();
        } else if constexpr (std::is_same_v<Body, GoalSet>) {
          apply_goal(state, event, body);
        } else if constexpr (std::is_same_v<Body, Reflection>) {
          state.reflections.push_back({event.time, body});
        } else if constexpr (std::is_same_v<Body, ConfidenceRated>) {
          const int skill = state.course->skill(body.skill);
          if (skill < 0)
            ++state.unknown_references;
          else
            state.skills[at(skill)].confidence = std::clamp(body.confidence, 0, 5);
        } else if constexpr (std::is_same_v<Body, ChallengeChosen>) {
          if (std::isfinite(body.target_success)) state.target_success = std::clamp(body.target_success, 0.5, 0.95);
        }
      },
      event.body);
}

LearnerState fold(const CourseIndex& course, const std::vector<Event>& events, const ModelSettings& settings) {
  LearnerState state = initial_state(course, settings);
  for (const Event* event : canonical_order(events).events) apply(state, *event, settings);
  return state;
}

int streak_days(const LearnerState& state, Seconds now, const ModelSettings& settings) {
  std::int64_t day = local_day(now, settings);
  if (state.seconds_per_day.count(day) == 0) --day;  // today not practised yet: the streak may still continue
  int streak = 0;
  while (state.seconds_per_day.count(day) != 0) {
    ++streak;
    --day;
  }
  return streak;
}

}  // namespace pathwise::learner
