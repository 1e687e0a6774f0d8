#include "learner/course_index.h"

#include <algorithm>

namespace pathwise::learner {

int CourseIndex::skill(std::string_view id) const {
  const auto found = skill_by_id.find(id);
  return found == skill_by_id.end() ? -1 : found->second;
}

int CourseIndex::activity(std::string_view id) const {
  const auto found = activity_by_id.find(id);
  return found == activity_by_id.end() ? -1 : found->second;
}

double difficulty_prior(const content::Activity& activity, int level) {
  if (const auto* problem = std::get_if<content::Parameterized>(&activity.payload)) {
    if (!problem->levels.empty()) {
      const std::size_t clamped = std::min(static_cast<std::size_t>(std::max(level, 0)), problem->levels.size() - 1);
      return problem->levels[clamped].difficulty;
    }
  }
  return activity.difficulty.value_or(0.0);
}

CourseIndex index_course(const content::Bundle& bundle) {
  CourseIndex index;
  index.bundle = &bundle;
  const std::size_t skills = bundle.skills.size();
  const std::size_t activities = bundle.activities.size();
  index.skill_by_id.reserve(skills);
  index.activity_by_id.reserve(activities);
  for (std::size_t s = 0; s < skills; ++s) index.skill_by_id.emplace(bundle.skills[s].id, static_cast<int>(s));
  for (std::size_t a = 0; a < activities; ++a)
    index.activity_by_id.emplace(bundle.activities[a].id, static_cast<int>(a));

  index.prerequisites.resize(skills);
  index.dependents.resize(skills);
  for (std::size_t s = 0; s < skills; ++s) {
    for (const std::string& prerequisite : bundle.skills[s].prerequisites) {
      const int p = index.skill(prerequisite);
      if (p < 0 || p == static_cast<int>(s)) continue;
      index.prerequisites[s].push_back(p);
      index.dependents[static_cast<std::size_t>(p)].push_back(static_cast<int>(s));
    }
  }

  index.activities_of_skill.resize(skills);
  index.skills_of_activity.resize(activities);
  for (std::size_t a = 0; a < activities; ++a) {
    for (const std::string& id : bundle.activities[a].skills) {
      const int s = index.skill(id);
      if (s < 0) continue;
      index.skills_of_activity[a].push_back(s);
      index.activities_of_skill[static_cast<std::size_t>(s)].push_back(static_cast<int>(a));
    }
  }

  index.unit_of_skill.assign(skills, -1);
  for (std::size_t u = 0; u < bundle.units.size(); ++u)
    for (const content::Lesson& lesson : bundle.units[u].lessons)
      for (const std::string& id : lesson.skills) {
        const int s = index.skill(id);
        if (s >= 0 && index.unit_of_skill[static_cast<std::size_t>(s)] < 0)
          index.unit_of_skill[static_cast<std::size_t>(s)] = static_cast<int>(u);
      }
  index.typical_difficulty.assign(skills, 0.0);
  for (std::size_t s = 0; s < skills; ++s) {
    double sum = 0.0;
    int count = 0;
    for (int a : index.activities_of_skill[s]) {
      const content::Activity& activity = bundle.activities[static_cast<std::size_t>(a)];
      if (const auto* problem = std::get_if<content::Parameterized>(&activity.payload)) {
        for (const content::TemplateLevel& level : problem->levels) {
          sum += level.difficulty;
          ++count;
        }
      } else if (activity.difficulty) {
        sum += *activity.difficulty;
        ++count;
      }
    }
    if (count > 0) index.typical_difficulty[s] = sum / count;
  }
  return index;
}

}  // namespace pathwise::learner
