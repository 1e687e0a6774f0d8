// The path map: the course's skills drawn in prerequisite layers (path/skill_layers.h), arrows from each
// prerequisite to the skills it opens, and each skill's status: locked, ready, in progress with a mastery bar,
// mastered, or review due. Tapping a skill (or Enter on it) returns it; the course screen decides what follows.
#pragma once

#include <vector>

#include "content/bundle.h"
#include "learner/learner_state.h"
#include "path/path_engine.h"
#include "path/skill_layers.h"

namespace pathwise::client {

struct PathMapInput {
  const content::Bundle& bundle;
  const learner::LearnerState& state;
  const path::SkillLayers& layers;
  const std::vector<path::SkillStatus>& statuses;
  int suggested = -1;  // the skill Continue would practise: outlined
};

// Draws the map across the available width; returns the skill tapped this frame, or -1. Each skill is an item
// "course/map/<skill id>" (role button, label its title, value its status name).
int draw_path_map(const PathMapInput& input);

// A row of the statuses' colours and names, so the map reads without instructions.
void draw_path_map_legend();

}  // namespace pathwise::client
