#include "path/path_engine.h"

#include <algorithm>
#include <cmath>

#include "content/seeded_random.h"

namespace pathwise::path {

using namespace learner;  // the learner model's types and functions, used throughout

const char* skill_status_name(SkillStatus status) {
  switch (status) {
    case SkillStatus::locked: return "locked";
    case SkillStatus::ready: return "ready";
    case SkillStatus::in_progress: return "in_progress";
    case SkillStatus::mastered: return "mastered";
    case SkillStatus::review_due: return "review_due";
  }
  return "unknown";
}

const char* reason_kind_name(ReasonKind kind) {
  switch (kind) {
    case ReasonKind::review: return "review";
    case ReasonKind::next_step: return "next_step";
    case ReasonKind::start: return "start";
    case ReasonKind::keep_going: return "keep_going";
    case ReasonKind::chosen: return "chosen";
    case ReasonKind::worked_example: return "worked_example";
    case ReasonKind::easier_variant: return "easier_variant";
    case ReasonKind::step_back: return "step_back";
    case ReasonKind::ask_teacher: return "ask_teacher";
    case ReasonKind::extra_practice: return "extra_practice";
    case ReasonKind::warm_up: return "warm_up";
  }
  return "unknown";
}

namespace {

std::size_t at(int index) { return static_cast<std::size_t>(index); }

bool is_instruction(content::ActivityType type) {
  return type == content::ActivityType::reading || type == content::ActivityType::video;
}

// Counts each skill's unmastered prerequisites once: one pass over the edges.
std::vector<int> unmastered_prerequisite_counts(const LearnerState& state) {
  const CourseIndex& course = *state.course;
  std::vector<int> counts(course.skill_count(), 0);
  for (std::size_t s = 0; s < course.skill_count(); ++s)
    for (int p : course.prerequisites[s])
      if (!state.skills[at(p)].mastered) ++counts[s];
  return counts;
}

// Elapsed time in whole days, rounded: 39 days and 23 hours reads as "40 days ago".
std::string ago(Seconds elapsed) {
  const long long days = static_cast<long long>((elapsed + kDay / 2) / kDay);
  if (days <= 0) return "today";
  return days == 1 ? "yesterday" : std::to_string(days) + " days ago";
}

// The activities the assignment allows; empty when `scope` is (everything is allowed, and nothing is spent on
// saying so for 20,000 activities). Unknown ids are ignored; a scope naming nothing known allows nothing.
std::vector<char> allowed_activities(const CourseIndex& course, const std::vector<std::string>& scope) {
  if (scope.empty()) return {};
  std::vector<char> allowed(course.activity_count(), 0);
  const content::Bundle& bundle = *course.bundle;
  auto allow_skill = [&](int skill) {
    if (skill >= 0)
      for (int a : course.activities_of_skill[at(skill)]) allowed[at(a)] = 1;
  };
  for (const std::string& id : scope) {
    if (const int a = course.activity(id); a >= 0) allowed[at(a)] = 1;
    allow_skill(course.skill(id));
    for (const content::Unit& unit : bundle.units) {
      const bool whole_unit = unit.id == id;
      for (const content::Lesson& lesson : unit.lessons) {
        if (!whole_unit && lesson.id != id) continue;
        for (const std::string& skill : lesson.skills) allow_skill(course.skill(skill));
        for (const std::string& activity : lesson.activities)
          if (const int a = course.activity(activity); a >= 0) allowed[at(a)] = 1;
      }
    }
  }
  return allowed;
}

// The skills the learner's unfinished mastery goals aim at, and everything below them: practising those counts
// toward the goal.
std::vector<char> goal_skills(const LearnerState& state) {
  const CourseIndex& course = *state.course;
  std::vector<char> in_goal(course.skill_count(), 0);
  std::vector<int> stack;
  for (const Goal& goal : state.goals) {
    if (goal.spec.kind == GoalKind::master_skills) {
      for (const std::string& id : goal.spec.targets)
        if (const int s = course.skill(id); s >= 0) stack.push_back(s);
    } else if (goal.spec.kind == GoalKind::master_unit) {
      for (std::size_t s = 0; s < course.skill_count(); ++s) {
        const int unit = course.unit_of_skill[s];
        if (unit >= 0 && !goal.spec.targets.empty() &&
            course.bundle->units[at(unit)].id == goal.spec.targets.front())
          stack.push_back(static_cast<int>(s));
      }
    }
  }
  while (!stack.empty()) {
    const int s = stack.back();
    stack.pop_back();
    if (in_goal[at(s)]) continue;
    in_goal[at(s)] = 1;
    for (int p : course.prerequisites[at(s)]) stack.push_back(p);
  }
  return in_goal;
}

struct ActivityPick {
  int activity = -1;
  int level = 0;
  double p_success = 0.0;
  double fit = -1e9;  // higher is better
};

// The activity of `skill` that best suits the learner now: success probability nearest the target, a lesson's
// reading or video first, no immediate repeat, unseen activities and flashcards that are due preferred.
// `allowed` empty means every activity; `excluded` lists activities already offered.
ActivityPick pick_activity(const LearnerState& state, int skill, double target, const std::vector<char>& allowed,
                           const std::vector<int>& excluded, Seconds now, bool want_worked_example) {
  const CourseIndex& course = *state.course;
  const SkillState& s = state.skills[at(skill)];
  ActivityPick best;
  for (int a : course.activities_of_skill[at(skill)]) {
    if (!allowed.empty() && !allowed[at(a)]) continue;
    if (std::find(excluded.begin(), excluded.end(), a) != excluded.end()) continue;
    const content::Activity& activity = course.activity_at(a);
    const ActivityState& as = state.activities[at(a)];
    const content::ActivityType type = activity.type();
    ActivityPick pick;
    pick.activity = a;

    // The level whose predicted success is nearest the target.
    double gap = 2.0;
    for (std::size_t level = 0; level < as.difficulty.size(); ++level) {
      const double p = elo_p_correct(s.ability.value, as.difficulty[level].value);
      if (std::fabs(p - target) < gap) {
        gap = std::fabs(p - target);
        pick.level = static_cast<int>(level);
        pick.p_success = p;
      }
    }
    double fit = -4.0 * gap;
    if (is_instruction(type)) {
      // A lesson opens with its reading or video; afterwards they are for worked examples, not practice.
      if (as.attempts == 0 && s.attempts == 0) fit += 3.0;
      else if (!want_worked_example) fit -= 3.0;
    } else if (type == content::ActivityType::flashcard && as.flashcard) {
      fit += now >= as.flashcard->due ? 0.5 : -0.5;
    }
    if (type == content::ActivityType::parameterized)
      fit += 0.3;  // always has an unseen variant
    else if (as.attempts == 0)
      fit += 0.5;
    else
      fit -= 0.15 * std::min(as.attempts, 6);
    if (a == state.last_activity) fit -= 10.0;  // no immediate repeats while there is anything else
    if (want_worked_example && !activity.explanation.empty()) fit += 2.0;
    pick.fit = fit;
    if (pick.fit > best.fit) best = pick;
  }
  return best;
}

std::uint64_t template_seed(const LearnerState& state, int activity, std::uint64_t entropy) {
  const std::string& id = state.course->activity_at(activity).id;
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a, so the same request gives the same seed everywhere
  for (unsigned char c : id) hash = (hash ^ c) * 1099511628211ull;
  SplitMix64 random(entropy ^ hash);
  const auto& seen = state.activities[at(activity)].seeds_seen;
  for (;;) {
    const std::uint64_t seed = random.next() >> 1;  // < 2^63, so it survives a trip through JSON numbers intact
    if (seed != 0 && std::find(seen.begin(), seen.end(), seed) == seen.end()) return seed;
  }
}

struct SkillCandidate {
  int skill = -1;
  double priority = 0.0;
  ReasonKind kind = ReasonKind::start;
  const Blockage* blockage = nullptr;
  Remedy remedy = Remedy::worked_example;  // with a blockage: what to do about it now
  int practise = -1;  // the skill actually practised (a step back practises a prerequisite)
};

std::string reason_for(const LearnerState& state, const SkillCandidate& c, Seconds now) {
  const CourseIndex& course = *state.course;
  const std::string& title = course.skill_at(c.skill).title;
  const SkillState& s = state.skills[at(c.skill)];
  switch (c.kind) {
    case ReasonKind::review: return "Review: last practised " + ago(now - s.last_practised);
    case ReasonKind::next_step: {
      int latest = -1;
      for (int p : course.prerequisites[at(c.skill)])
        if (latest < 0 || state.skills[at(p)].mastered_at > state.skills[at(latest)].mastered_at) latest = p;
      return "Next step: you mastered " + course.skill_at(latest).title;
    }
    case ReasonKind::start: return "Start here: " + title;
    case ReasonKind::keep_going: return "Keep going: " + title;
    case ReasonKind::chosen: return "You chose " + title;
    case ReasonKind::worked_example: return "Let's look at a worked example of " + title;
    case ReasonKind::easier_variant: return "An easier one to get going on " + title;
    case ReasonKind::step_back:
      return "Step back: practise " + course.skill_at(c.practise).title + " first; it helps with " + title;
    case ReasonKind::ask_teacher: return "Ask your teacher about " + title + ", or try another one";
    case ReasonKind::extra_practice: return "Extra practice: " + title;
    case ReasonKind::warm_up: return "Warm-up: " + title + ", which you have mastered";
  }
  return title;
}

// What a learner would call different kinds of activity: reading or watching, flashcards, answering questions.
enum class ActivityKind { instruction, flashcard, question };
ActivityKind activity_kind(content::ActivityType type) {
  if (is_instruction(type)) return ActivityKind::instruction;
  return type == content::ActivityType::flashcard ? ActivityKind::flashcard : ActivityKind::question;
}

ReasonKind remedy_reason(Remedy remedy) {
  switch (remedy) {
    case Remedy::worked_example: return ReasonKind::worked_example;
    case Remedy::easier_variant: return ReasonKind::easier_variant;
    case Remedy::step_back: return ReasonKind::step_back;
    case Remedy::ask_teacher: return ReasonKind::ask_teacher;
  }
  return ReasonKind::keep_going;
}

}  // namespace

std::vector<int> ready_frontier(const LearnerState& state) {
  const std::vector<int> counts = unmastered_prerequisite_counts(state);
  std::vector<int> frontier;
  for (std::size_t s = 0; s < counts.size(); ++s)
    if (!state.skills[s].mastered && counts[s] == 0) frontier.push_back(static_cast<int>(s));
  return frontier;
}

std::vector<SkillStatus> skill_statuses(const LearnerState& state, Seconds now) {
  const std::vector<int> counts = unmastered_prerequisite_counts(state);
  std::vector<SkillStatus> statuses(counts.size());
  for (std::size_t s = 0; s < counts.size(); ++s) {
    const SkillState& skill = state.skills[s];
    if (skill.mastered)
      statuses[s] = review_due(skill, now) ? SkillStatus::review_due : SkillStatus::mastered;
    else if (counts[s] > 0)
      statuses[s] = SkillStatus::locked;
    else
      statuses[s] = skill.attempts > 0 ? SkillStatus::in_progress : SkillStatus::ready;
  }
  return statuses;
}

std::vector<int> missing_prerequisites(const LearnerState& state, int skill) {
  std::vector<int> missing;
  for (int p : state.course->prerequisites[at(skill)])
    if (!state.skills[at(p)].mastered) missing.push_back(p);
  std::sort(missing.begin(), missing.end());
  return missing;
}

PathChoice choose_next(const LearnerState& state, const PathRequest& request, const ModelSettings& settings) {
  const CourseIndex& course = *state.course;
  const Seconds now = request.now;
  PathChoice choice;
  std::vector<char> allowed = allowed_activities(course, request.scope);
  if (request.showable.size() == course.activity_count()) {
    if (allowed.empty()) allowed.assign(course.activity_count(), 1);
    for (std::size_t a = 0; a < allowed.size(); ++a) allowed[a] = allowed[a] && request.showable[a];
  }
  std::vector<char> skill_in_scope(course.skill_count(), allowed.empty() ? 1 : 0);
  for (std::size_t a = 0; a < allowed.size(); ++a)
    if (allowed[a])
      for (int s : course.skills_of_activity[a]) skill_in_scope[at(s)] = 1;

  const std::vector<SkillStatus> statuses = skill_statuses(state, now);
  std::vector<SkillCandidate> candidates;

  if (!request.skill.empty()) {
    const int picked = course.skill(request.skill);
    if (picked < 0) return choice;
    if (statuses[at(picked)] == SkillStatus::locked) {
      LockedSkill locked{picked, missing_prerequisites(state, picked), {}};
      std::string names;
      for (std::size_t i = 0; i < locked.missing.size(); ++i)
        names += (i == 0 ? "" : i + 1 == locked.missing.size() ? " and " : ", ") +
                 course.skill_at(locked.missing[i]).title;
      locked.reason = "Master " + names + " first";
      choice.locked = std::move(locked);
      return choice;
    }
    candidates.push_back({picked, 10.0, ReasonKind::chosen, nullptr, Remedy::worked_example, picked});
  } else {
    const std::vector<char> in_goal = goal_skills(state);
    const std::vector<const Blockage*> blockages = active_blockages_by_skill(state);
    // Reviews are interleaved with new learning: after a few attempts of other practice a due review comes
    // first; otherwise it waits behind the frontier.
    const bool review_turn = state.attempts_since_review >= 3;
    bool any_unmastered = false;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
      if (!skill_in_scope[i]) continue;
      const int s = static_cast<int>(i);
      const SkillState& skill = state.skills[i];
      SkillCandidate c{s, 0.0, ReasonKind::start, nullptr, Remedy::worked_example, s};
      switch (statuses[i]) {
        case SkillStatus::locked: any_unmastered = true; continue;
        case SkillStatus::mastered: continue;
        case SkillStatus::review_due: {
          const double recall = fsrs::retrievability(*skill.review, now, settings.skill_reviews);
          c.kind = ReasonKind::review;
          c.priority = (review_turn ? 3.5 : 1.5) + (1.0 - recall);
          break;
        }
        case SkillStatus::ready:
          any_unmastered = true;
          c.kind = course.prerequisites[i].empty() ? ReasonKind::start : ReasonKind::next_step;
          c.priority = 2.5;
          break;
        case SkillStatus::in_progress:
          any_unmastered = true;
          c.kind = ReasonKind::keep_going;
          c.priority = 3.0 + skill.p_known;  // finish what was started, nearest to mastery first
          break;
      }
      if (in_goal[i]) c.priority += 1.0;
      c.priority -= 1e-6 * static_cast<double>(i);  // ties: textbook order
      if ((c.blockage = blockages[i])) {
        c.remedy = c.blockage->remedy;
        // A step back lasts while the prerequisite is weak; once it is solid again, the skill itself comes back
        // with a worked example.
        const int back = c.blockage->prerequisite;
        if (c.remedy == Remedy::step_back && back >= 0 &&
            state.skills[at(back)].p_known < course.skill_at(back).mastery_threshold)
          c.practise = back;
        else if (c.remedy == Remedy::step_back)
          c.remedy = Remedy::worked_example;
        c.kind = remedy_reason(c.remedy);
        c.priority += 3.0;  // help with a blockage comes before anything else, warm-ups included
      }
      candidates.push_back(c);
    }
    choice.all_mastered = !any_unmastered;
    // Below the challenge level lately: one mastered skill, the one practised longest ago, comes first.
    if (state.recent_scores.size() >= kWarmUpWindow) {
      double sum = 0.0;
      for (double score : state.recent_scores) sum += score;
      if (sum / static_cast<double>(state.recent_scores.size()) < state.target_success - kWarmUpMargin) {
        int oldest = -1;
        for (std::size_t i = 0; i < statuses.size(); ++i)
          if (skill_in_scope[i] && statuses[i] == SkillStatus::mastered &&
              (oldest < 0 || state.skills[i].last_practised < state.skills[at(oldest)].last_practised))
            oldest = static_cast<int>(i);
        if (oldest >= 0)
          candidates.push_back({oldest, 5.0, ReasonKind::warm_up, nullptr, Remedy::worked_example, oldest});
      }
    }
    if (candidates.empty()) {
      // Nothing to learn and nothing due: extra practice on what was practised longest ago.
      for (std::size_t i = 0; i < statuses.size(); ++i)
        if (skill_in_scope[i])
          candidates.push_back({static_cast<int>(i), -static_cast<double>(state.skills[i].last_practised) / kDay,
                                ReasonKind::extra_practice, nullptr, Remedy::worked_example, static_cast<int>(i)});
    }
  }

  std::sort(candidates.begin(), candidates.end(),
            [](const SkillCandidate& a, const SkillCandidate& b) { return a.priority > b.priority; });

  // The best activity for each of the leading skills; alternatives come from other skills when there are any.
  for (const SkillCandidate& c : candidates) {
    if (choice.options.size() == 3) break;
    double target = state.target_success;
    const bool worked_example =
        c.blockage && (c.remedy == Remedy::worked_example || c.remedy == Remedy::ask_teacher);
    if (c.blockage && c.remedy == Remedy::easier_variant) target = std::max(target, 0.9);
    const ActivityPick pick = pick_activity(state, c.practise, target, allowed, {}, now, worked_example);
    if (pick.activity < 0) continue;
    Recommendation r;
    r.activity = pick.activity;
    r.level = pick.level;
    r.skill = c.practise;
    r.kind = c.kind;
    r.reason = reason_for(state, c, now);
    r.p_success = pick.p_success;
    r.show_worked_example = worked_example && !course.activity_at(pick.activity).explanation.empty() &&
                            !is_instruction(course.activity_at(pick.activity).type());
    choice.options.push_back(std::move(r));
  }
  // Fewer than three skills to choose from: more activities of the first option's skill, each of a kind not yet
  // offered when the skill has one (a reading, flashcards, questions), so the choice is a real one; its reason
  // says it is another way into the same skill rather than repeating the first option's.
  if (!choice.options.empty()) {
    std::vector<int> used;
    for (const Recommendation& r : choice.options) used.push_back(r.activity);
    const int skill = choice.options.front().skill;
    while (choice.options.size() < 3) {
      std::vector<int> same_kind = used;  // the skill's activities of a kind already offered, and those offered
      for (int a : course.activities_of_skill[at(skill)])
        for (int u : used)
          if (activity_kind(course.activity_at(a).type()) == activity_kind(course.activity_at(u).type()))
            same_kind.push_back(a);
      ActivityPick next = pick_activity(state, skill, state.target_success, allowed, same_kind, now, false);
      if (next.activity < 0) next = pick_activity(state, skill, state.target_success, allowed, used, now, false);
      if (next.activity < 0) break;
      used.push_back(next.activity);
      Recommendation r = choice.options.front();
      r.activity = next.activity;
      r.level = next.level;
      r.p_success = next.p_success;
      r.show_worked_example = false;
      r.reason = "Another way into " + course.skill_at(skill).title;
      choice.options.push_back(std::move(r));
    }
  }
  for (Recommendation& r : choice.options)
    if (course.activity_at(r.activity).type() == content::ActivityType::parameterized)
      r.seed = template_seed(state, r.activity, request.entropy);
  return choice;
}

}  // namespace pathwise::path
