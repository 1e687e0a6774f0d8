// The learner record: an append-only log of events. Everything the app knows about a learner is a fold over this
// log (learner_state.h); snapshots only cache the fold. Events are never edited or deleted, so two devices or two
// tabs can merge their logs by taking the union.
//
// Identity and order. Each event carries the device (or tab) that wrote it and that device's own sequence number,
// 1, 2, 3, ... The pair is the event's identity: the same event arriving twice (an import repeated, a tab replaying
// its journal) is recognised and counted once. Clocks on different devices disagree, so there is no global order
// to trust; canonical_order() defines one that depends only on the set of events, never on the order in which
// they arrived, while keeping each device's own sequence. Folding in that order makes the state a function of the
// set of events: the property that lets logs merge.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "learner/clock_time.h"

namespace pathwise::learner {

struct EventId {
  std::string device;
  std::uint64_t sequence = 0;

  bool operator==(const EventId& other) const { return sequence == other.sequence && device == other.device; }
};

// An answer to an activity (or the end of a reading or video).
struct Attempt {
  std::string activity;
  std::uint64_t seed = 0;   // the template's seed (parameterized activities), else 0
  int level = 0;            // the template's difficulty level, 0-based
  std::string response;     // the answer as the learner gave it, in words, for reports
  bool graded = true;       // false for a reading or video without checkpoints: seen, not scored
  double score = 0.0;       // in [0, 1], partial credit allowed
  int rating = 0;           // flashcards: the learner's own 1 Again, 2 Hard, 3 Good, 4 Easy
  std::vector<std::string> misconceptions;  // tags of the feedback that applied
  double seconds = 0.0;     // from the activity appearing to the answer
  std::vector<double> hint_seconds;  // for each hint asked: seconds after the activity appeared
  int confidence = 0;       // optional self-rating for this answer, 1 (guessing) .. 5 (sure); 0 = not given
};

// The activity appeared on screen. With no attempt after it for long, the learner may be stuck on it.
struct ActivityShown {
  std::string activity;
  std::uint64_t seed = 0;
  int level = 0;
};

struct SessionStarted {};
struct SessionEnded {};

enum class GoalKind {
  master_skills,    // `targets` are skill ids, to master by `deadline` (0: no deadline)
  master_unit,      // `targets` holds one unit id
  minutes_per_day,  // `amount` minutes of practice a day
};

// Sets a goal, or changes the one with the same id; `removed` withdraws it.
struct GoalSet {
  std::string goal;
  GoalKind kind = GoalKind::master_skills;
  std::vector<std::string> targets;
  double amount = 0.0;
  Seconds deadline = 0;
  bool removed = false;
};

// The end-of-session reflection: what was hard, and how confident the learner feels.
struct Reflection {
  std::string text;
  int confidence = 0;  // 1..5
};

// "How well do you know this?" on a skill, 1..5.
struct ConfidenceRated {
  std::string skill;
  int confidence = 0;
};

// The challenge level the learner chose: the target probability of success (0.90 easier, 0.75 normal,
// 0.60 harder).
struct ChallengeChosen {
  double target_success = 0.75;
};

using EventBody = std::variant<Attempt, ActivityShown, SessionStarted, SessionEnded, GoalSet, Reflection,
                               ConfidenceRated, ChallengeChosen>;

struct Event {
  EventId id;
  Seconds time = 0;  // the writing device's clock
  EventBody body;
};

struct CanonicalOrder {
  std::vector<const Event*> events;   // each distinct event once, in canonical order
  std::size_t duplicates = 0;         // events whose id appeared before (the first copy is kept)
};

// Canonical order: each device's events sorted by sequence; devices' streams merged by repeatedly taking, of
// the streams' next events, the one with the earliest time (ties: the smaller device id). The result depends only
// on the set of events, and never reorders one device's events even when its clock went backwards.
// O(n log n). The pointers point into `events`.
CanonicalOrder canonical_order(const std::vector<Event>& events);

}  // namespace pathwise::learner
