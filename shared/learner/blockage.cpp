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

// The last `count` recent attempts (fewer when there are fewer).
std::vector<const RecentAttempt*> last_attempts(const SkillState& skill, int count) {
  std::vector<const RecentAttempt*> result;
  const std::size_t n = std::min(skill.recent.size(), static_cast<std::size_t>(std::max(count, 0)));
  for (std::size_t i = skill.recent.size() - n; i < skill.recent.size(); ++i) result.push_back(&skill.recent[i]);
  return result;
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
    const auto last = last_attempts(s, settings.resolve_after_good);
    if (static_cast<int>(last.size()) == settings.resolve_after_good &&
        std::none_of(last.begin(), last.end(), [&](const RecentAttempt* r) { return flagged(*r); }))
      resolve(*existing, now);
    return;
  }
  Blockage blockage;
  blockage.kind = kind;
  blockage.skill = skill;
  blockage.detected_at = now;
  blockage.remedy = remedy;
  const auto window = last_attempts(s, settings.window);
  for (const RecentAttempt* r : window)
    if (flagged(*r)) blockage.events.push_back(r->id);
  if (static_cast<int>(blockage.events.size()) < needed) return;
  if (!s.recent.empty()) blockage.activity = state.course->activity_at(s.recent.back().activity).id;
  blockage.evidence = evidence(blockage.events.size(), window.size(), state.course->skill_at(skill).title);
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
  Blockage blockage;
  for (const RecentAttempt& r : s.recent)
    if (r.misconception == tag) blockage.events.push_back(r.id);
  if (static_cast<int>(blockage.events.size()) < settings.misconception_repeats) return;
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

const Blockage* active_blockage(const LearnerState& state, int skill) {
  static const BlockageKind kBySeriousness[] = {BlockageKind::wheel_spinning, BlockageKind::repeated_misconception,
                                                BlockageKind::rapid_guessing, BlockageKind::hint_abuse};
  for (BlockageKind kind : kBySeriousness)
    for (const Blockage& b : state.blockages)
      if (!b.resolved && b.kind == kind && b.skill == skill) return &b;
  return nullptr;
}

}  // namespace pathwise::learner
