// The path map's shape: the skill graph drawn in prerequisite layers. A skill's layer is the length of the longest
// prerequisite chain below it (skills with no prerequisites are layer 0), so every arrow points to a later layer.
// Within a layer, skills are ordered to keep arrows short and crossings few: the barycentre heuristic of
// Sugiyama, Tagawa & Toda (1981, "Methods for visual understanding of hierarchical system structures"), a few
// sweeps down and up, ties kept in bundle order. Pure and deterministic; the client only draws it.
#pragma once

#include <vector>

#include "learner/course_index.h"

namespace pathwise::path {

struct SkillLayers {
  std::vector<std::vector<int>> layers;  // skill indices, layer by layer, each in drawing order
  std::vector<int> layer_of;             // per skill
  std::vector<int> position_of;          // per skill: its place within its layer
};

// O(sweeps × E log V). Cycles cannot occur in a validated bundle; were one there, its skills are put after the
// layer of their last acyclic prerequisite rather than looping.
SkillLayers skill_layers(const learner::CourseIndex& course, int sweeps = 4);

// How many pairs of arrows (prerequisite → skill) cross when drawn between consecutive layers in this order: the
// figure the ordering tries to keep small (tests compare it with bundle order).
int crossings(const learner::CourseIndex& course, const SkillLayers& layers);

}  // namespace pathwise::path
