// Simulated learners, to compare path policies on a real course (`pathwise simulate`). Each simulated student has
// a hidden knowledge state that follows BKT per skill; the engine sees only their answers. The model, in words,
// is in the README ("Simulated learners").
//
// Per skill s with the bundle's BKT parameters (prior, learn, guess, slip):
//  - at the start, s is known with probability prior;
//  - an answer to an activity is correct with probability 1 − slip when every skill of the activity is known,
//    else guess, with guess and slip adjusted to the activity's difficulty prior as in item_bkt()
//    (learner_state.h): easier activities are guessed more often and slipped on less; readings and videos
//    without questions are not answered, only studied;
//  - after each activity (answered or studied), each of its unknown skills becomes known with probability learn,
//    or learn × prerequisite_penalty while some prerequisite of it is still unknown (default ×0.1: learning
//    something whose foundations are missing rarely works);
//  - flashcards are rated Good when known, Again when not; knowledge is never forgotten.
// Time: each activity takes its estimated seconds; after `session_minutes` of work the student stops until the
// next day, so spaced reviews fall due as they would in school.
#pragma once

#include <cstdint>

#include "learner/course_index.h"
#include "learner/learner_state.h"

namespace pathwise::path {

using learner::CourseIndex;
using learner::ModelSettings;
using learner::Seconds;

enum class Policy {
  adaptive,  // the path engine's first option
  linear,    // textbook order: every activity of the bundle in order, repeated until all known
  random,    // a uniformly random activity each time
};

struct SimulationOptions {
  int students = 200;
  std::uint64_t seed = 1;
  Policy policy = Policy::adaptive;
  int budget = 1000;                  // attempts per student at most
  double prerequisite_penalty = 0.1;
  double session_minutes = 20.0;
  Seconds start = 1767600000;         // 2026-01-05T08:00:00Z
  ModelSettings model;
};

struct SimulationReport {
  int students = 0;
  int reached_all_known = 0;               // students who knew every skill within the budget
  double mean_attempts_to_all_known = 0;   // over those students
  double fraction_known_at_budget = 0;     // mean fraction of skills truly known when the run stopped
  double false_mastery_rate = 0;           // mastery declarations made while the skill was truly unknown
  int mastery_declarations = 0;
  double success_rate = 0;                 // correct answers / graded answers
  double mean_minutes = 0;                 // estimated time on task per student, until the run stopped
  double mean_attempts = 0;                // attempts per student, until the run stopped
};

// Each student stops as soon as every skill is truly known, or at the budget. Deterministic for a given seed.
SimulationReport simulate(const CourseIndex& course, const SimulationOptions& options);

}  // namespace pathwise::path
