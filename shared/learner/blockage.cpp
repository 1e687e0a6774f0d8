#include "learner/blockage.h"

#include <algorithm>

#include "learner/learner_state.h"

namespace pathwise::learner {

const char* blockage_kind_name(BlockageKind kind) {
  switch (kind) {
    case BlockageKind::wheel_spinning: return "wheel_spinning";
    case BlockageKind::hint_abuse: return "hint_abuse";
    case BlockageKind::repeated_misconception: return "repeated_misconception";
    case BlockageKind::rapid_guessing: return "rapid_guessing";
    case BlockageKind::inactivity: return "inactivity";
  }
  return "unknown";
}

const char* remedy_name(Remedy remedy) {
  switch (remedy) {
    case Remedy::worked_example: return "worked_example";
    case Remedy::easier_variant: return "easier_variant";
    case Remedy::step_back: return "step_back";
    case Remedy::ask_teacher: return "ask_teacher";
  }
  return "unknown";
}

namespace {

std::size_t at(int index) { return static_cast<std::size_t>(index); }

Blockage* find_active(LearnerState& state, BlockageKind kind, int skill) {
  for (Blockage& b : state.blockages)
    if (!b.resolved && b.kind == kind && b.skill == skill) return &b;
  return nullptr;
}

void resolve(Blockage& blockage, Seconds now) {
  blockage.resolved = true;
  blockage.resolved_at = now;
}

// The index of the first of the last `count` recent attempts (0 when there are fewer).
std::size_t last_start(const SkillState& skill, int count) {
  const std::size_t n = std::min(skill.recent.size(), static_cast<std::size_t>(std::max(count, 0)));
  return skill.recent.size() - n;
}

std::string number(std::size_t n) { return std::to_string(n); }

// The inner fringe below a blocked skill: of its direct prerequisites, the weakest one that is not solidly
// mastered (P(L) below its threshold), or -1 when every prerequisite is solid.
int weak_prerequisite(const LearnerState& state, int skill) {
  int weakest = -1;
  double lowest = 2.0;
  for (int p : state.course->prerequisites[at(skill)]) {
    const double p_known = state.skills[at(p)].p_known;
    if (p_known < state.course->skill_at(p).mastery_threshold && p_known < lowest) {
      lowest = p_known;
      weakest = p;
    }
  }
  return weakest;
}

void detect_wheel_spinning(LearnerState& state, int skill, Seconds now, const BlockageSettings& settings) {
  const SkillState& s = state.skills[at(skill)];
  const std::string& title = state.course->skill_at(skill).title;
  Blockage* existing = find_active(state, BlockageKind::wheel_spinning, skill);
  if (existing) {
    if (s.mastered || s.streak_since_mastery) {
      resolve(*existing, now);
    } else if (s.attempts_since_mastery >= settings.ask_teacher_attempts && existing->remedy != Remedy::ask_teacher) {
      existing->remedy = Remedy::ask_teacher;
      existing->prerequisite = -1;
      existing->evidence = number(static_cast<std::size_t>(s.attempts_since_mastery)) + " attempts on " + title +
                           " without mastering it, even after help";
    }
    return;
  }
  if (s.mastered || s.streak_since_mastery || s.attempts_since_mastery < settings.wheel_spinning_attempts) return;

  Blockage blockage;
  blockage.kind = BlockageKind::wheel_spinning;
  blockage.skill = skill;
  blockage.detected_at = now;
  int correct = 0;
  for (const RecentAttempt& r : s.recent) {
    blockage.events.push_back(r.id);
    if (r.score >= 0.999) ++correct;
  }
  blockage.evidence = number(static_cast<std::size_t>(s.attempts_since_mastery)) + " attempts on " + title +
                      " without mastering it; " + number(static_cast<std::size_t>(correct)) + " of the last " +
                      number(s.recent.size()) + " correct, never " + number(static_cast<std::size_t>(settings.mastery_streak)) +
                      " in a row";
  const bool spun_before = std::any_of(state.blockages.begin(), state.blockages.end(), [&](const Blockage& b) {
    return b.kind == BlockageKind::wheel_spinning && b.skill == skill;
  });
  blockage.prerequisite = weak_prerequisite(state, skill);
  if (s.attempts_since_mastery >= settings.ask_teacher_attempts || (spun_before && blockage.prerequisite < 0))
    blockage.remedy = Remedy::ask_teacher;
  else if (blockage.prerequisite >= 0)
    blockage.remedy = Remedy::step_back;
  else
    blockage.remedy = Remedy::worked_example;
  if (blockage.remedy != Remedy::step_back) blockage.prerequisite = -1;
  state.blockages.push_back(std::move(blockage));
}

// Hint abuse and rapid guessing share a shape: a behaviour flagged on enough of the last few attempts raises
// it; enough attempts in a row without the behaviour resolve it.
template <typename Flag, typename Evidence>
void detect_behaviour(LearnerState& state, int skill, Seconds now, const BlockageSettings& settings,
                      BlockageKind kind, int needed, Flag flagged, Evidence evidence, Remedy remedy) {
  const SkillState& s = state.skills[at(skill)];
  if (Blockage* existing = find_active(state, kind, skill)) {
    const std::size_t first = last_start(s, settings.resolve_after_good);
    if (s.recent.size() - first == static_cast<std::size_t>(settings.resolve_after_good) &&
        std::none_of(s.recent.begin() + static_cast<std::ptrdiff_t>(first), s.recent.end(), flagged))
      resolve(*existing, now);
    return;
  }
  // Counted first, so that the common case (nothing to report) allocates nothing.
  const std::size_t first = last_start(s, settings.window);
  const auto window_begin = s.recent.begin() + static_cast<std::ptrdiff_t>(first);
  if (std::count_if(window_begin, s.recent.end(), flagged) < needed) return;
  Blockage blockage;
  blockage.kind = kind;
  blockage.skill = skill;
  blockage.detected_at = now;
  blockage.remedy = remedy;
  for (auto r = window_begin; r != s.recent.end(); ++r)
    if (flagged(*r)) blockage.events.push_back(r->id);
  blockage.activity = state.course->activity_at(s.recent.back().activity).id;
  blockage.evidence = evidence(blockage.events.size(), s.recent.size() - first, state.course->skill_at(skill).title);
  state.blockages.push_back(std::move(blockage));
}

void detect_misconception(LearnerState& state, int skill, Seconds now, const BlockageSettings& settings) {
  const SkillState& s = state.skills[at(skill)];
  if (Blockage* existing = find_active(state, BlockageKind::repeated_misconception, skill)) {
    if (s.mastered || s.streak_since_mastery) resolve(*existing, now);
    return;
  }
  if (s.recent.empty() || s.recent.back().misconception.empty()) return;
  const std::string& tag = s.recent.back().misconception;
  const auto same_tag = [&](const RecentAttempt& r) { return r.misconception == tag; };
  if (std::count_if(s.recent.begin(), s.recent.end(), same_tag) < settings.misconception_repeats) return;
  Blockage blockage;
  for (const RecentAttempt& r : s.recent)
    if (same_tag(r)) blockage.events.push_back(r.id);
  blockage.kind = BlockageKind::repeated_misconception;
  blockage.skill = skill;
  blockage.misconception = tag;
  blockage.activity = state.course->activity_at(s.recent.back().activity).id;
  blockage.detected_at = now;
  blockage.remedy = Remedy::worked_example;
  blockage.evidence = "the same mistake (" + tag + ") " + number(blockage.events.size()) + " times in the last " +
                      number(s.recent.size()) + " attempts";
  state.blockages.push_back(std::move(blockage));
}

Seconds inactivity_limit(const content::Activity& activity, const BlockageSettings& settings) {
  return static_cast<Seconds>(std::max(settings.inactivity_seconds, 4.0 * activity.seconds));
}

}  // namespace

void detect_blockages_after_attempt(LearnerState& state, int skill, Seconds now, const ModelSettings& settings) {
  const BlockageSettings& b = settings.blockage;
  detect_wheel_spinning(state, skill, now, b);
  detect_misconception(state, skill, now, b);
  detect_behaviour(
      state, skill, now, b, BlockageKind::rapid_guessing, b.rapid_count,
      [](const RecentAttempt& r) { return r.rapid && r.score < 0.999; },
      [](std::size_t flagged, std::size_t window, const std::string& title) {
        return number(flagged) + " of the last " + number(window) + " answers on " + title +
               " were wrong and given faster than the question can be read";
      },
      Remedy::easier_variant);
  detect_behaviour(
      state, skill, now, b, BlockageKind::hint_abuse, b.quick_hint_count,
      [](const RecentAttempt& r) { return r.quick_hint; },
      [](std::size_t flagged, std::size_t window, const std::string& title) {
        return "hints asked within seconds on " + number(flagged) + " of the last " + number(window) +
               " attempts on " + title;
      },
      Remedy::worked_example);
  // Inactivity ends with the answer that follows it.
  for (Blockage& blockage : state.blockages)
    if (!blockage.resolved && blockage.kind == BlockageKind::inactivity && blockage.skill == skill)
      resolve(blockage, now);
}

std::optional<Blockage> current_inactivity(const LearnerState& state, Seconds now, const ModelSettings& settings) {
  if (!state.showing) return std::nullopt;
  const int activity = state.course->activity(state.showing->activity);
  if (activity < 0) return std::nullopt;
  const content::Activity& a = state.course->activity_at(activity);
  const Seconds waited = now - state.showing_since;
  if (waited < inactivity_limit(a, settings.blockage)) return std::nullopt;
  Blockage blockage;
  blockage.kind = BlockageKind::inactivity;
  const auto& skills = state.course->skills_of_activity[at(activity)];
  blockage.skill = skills.empty() ? -1 : skills.front();
  blockage.activity = a.id;
  blockage.detected_at = now;
  blockage.remedy = Remedy::worked_example;
  blockage.evidence = number(static_cast<std::size_t>(waited / kMinute)) + " minutes on one activity without an answer";
  return blockage;
}

void detect_inactivity_before(LearnerState& state, Seconds now, const ModelSettings& settings) {
  std::optional<Blockage> blockage = current_inactivity(state, now, settings);
  if (!blockage) return;
  blockage->resolved = true;
  blockage->resolved_at = now;
  state.blockages.push_back(std::move(*blockage));
}

namespace {

int seriousness(BlockageKind kind) {
  switch (kind) {
    case BlockageKind::wheel_spinning: return 4;
    case BlockageKind::repeated_misconception: return 3;
    case BlockageKind::rapid_guessing: return 2;
    case BlockageKind::hint_abuse: return 1;
    case BlockageKind::inactivity: return 0;  // handled live (current_inactivity), never steers the path
  }
  return 0;
}

}  // namespace

std::vector<const Blockage*> active_blockages_by_skill(const LearnerState& state) {
  std::vector<const Blockage*> by_skill(state.skills.size(), nullptr);
  for (const Blockage& b : state.blockages) {
    if (b.resolved || b.skill < 0 || static_cast<std::size_t>(b.skill) >= by_skill.size() ||
        seriousness(b.kind) == 0)
      continue;
    const Blockage*& slot = by_skill[static_cast<std::size_t>(b.skill)];
    if (!slot || seriousness(b.kind) > seriousness(slot->kind)) slot = &b;  // the first of the most serious kind
  }
  return by_skill;
}

const Blockage* active_blockage(const LearnerState& state, int skill) {
  if (skill < 0 || static_cast<std::size_t>(skill) >= state.skills.size()) return nullptr;
  return active_blockages_by_skill(state)[static_cast<std::size_t>(skill)];
}

}  // namespace pathwise::learner
