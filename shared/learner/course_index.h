// A course bundle turned into integer-indexed graphs for the learner model and the path engine: skills by index,
// their prerequisites and dependents, the activities of each skill. Built once per loaded bundle, in O(V + E);
// everything after that avoids string lookups in its loops. The bundle must outlive the index.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/bundle.h"

namespace pathwise::learner {

struct CourseIndex {
  const content::Bundle* bundle = nullptr;
  std::unordered_map<std::string_view, int> skill_by_id;
  std::unordered_map<std::string_view, int> activity_by_id;
  std::vector<std::vector<int>> prerequisites;       // per skill
  std::vector<std::vector<int>> dependents;          // per skill: the skills that list it as a prerequisite
  std::vector<std::vector<int>> activities_of_skill; // per skill, in bundle order
  std::vector<std::vector<int>> skills_of_activity;  // per activity
  std::vector<int> unit_of_skill;                    // per skill: the first unit whose lessons list it, or -1
  std::vector<double> typical_difficulty;            // per skill: the mean difficulty prior of its activities
                                                     // (template levels count one each), 0 when none is given

  int skill(std::string_view id) const;     // -1 when unknown
  int activity(std::string_view id) const;  // -1 when unknown
  const content::Skill& skill_at(int index) const { return bundle->skills[static_cast<std::size_t>(index)]; }
  const content::Activity& activity_at(int index) const {
    return bundle->activities[static_cast<std::size_t>(index)];
  }
  std::size_t skill_count() const { return prerequisites.size(); }
  std::size_t activity_count() const { return skills_of_activity.size(); }
};

// The bundle's difficulty prior of an activity at a template level (0 when the bundle gives none).
double difficulty_prior(const content::Activity& activity, int level);

// Unknown ids in the bundle (which the loader reports as errors) are skipped, never followed.
CourseIndex index_course(const content::Bundle& bundle);

}  // namespace pathwise::learner
