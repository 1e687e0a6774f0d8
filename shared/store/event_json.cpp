#include "store/event_json.h"

#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <cmath>
#include <cstring>
#include <type_traits>

namespace pathwise::store {

using cereal::make_nvp;
using learner::Event;

namespace {

constexpr std::size_t kMaxIdBytes = 200;       // activity, skill and goal ids
constexpr std::size_t kMaxTextBytes = 10000;   // a response or a reflection

const char* goal_kind_name(learner::GoalKind kind) {
  switch (kind) {
    case learner::GoalKind::master_skills: return "skills";
    case learner::GoalKind::master_unit: return "unit";
    case learner::GoalKind::minutes_per_day: return "minutes";
  }
  return "skills";
}

// Writes `name: value` only when the value differs from its default.
template <class T>
void save_unless_default(cereal::JSONOutputArchive& archive, const char* name, const T& value) {
  if (value != T{}) archive(make_nvp(name, value));
}

struct BodySaver {
  cereal::JSONOutputArchive& archive;

  void open(const char* kind) {
    archive.setNextName(kind);
    archive.startNode();
  }

  void operator()(const learner::Attempt& attempt) {
    open("attempt");
    archive(make_nvp("act", attempt.activity));
    save_unless_default(archive, "seed", attempt.seed);
    save_unless_default(archive, "lvl", attempt.level);
    save_unless_default(archive, "resp", attempt.response);
    if (!attempt.graded) archive(make_nvp("ungraded", true));
    if (attempt.graded) archive(make_nvp("score", attempt.score));
    save_unless_default(archive, "rating", attempt.rating);
    save_unless_default(archive, "misc", attempt.misconceptions);
    save_unless_default(archive, "secs", attempt.seconds);
    save_unless_default(archive, "hints", attempt.hint_seconds);
    save_unless_default(archive, "conf", attempt.confidence);
    archive.finishNode();
  }
  void operator()(const learner::ActivityShown& shown) {
    open("shown");
    archive(make_nvp("act", shown.activity));
    save_unless_default(archive, "seed", shown.seed);
    save_unless_default(archive, "lvl", shown.level);
    archive.finishNode();
  }
  void operator()(const learner::SessionStarted&) {
    open("session_start");
    archive.finishNode();
  }
  void operator()(const learner::SessionEnded&) {
    open("session_end");
    archive.finishNode();
  }
  void operator()(const learner::GoalSet& goal) {
    open("goal");
    archive(make_nvp("id", goal.goal), make_nvp("kind", std::string(goal_kind_name(goal.kind))));
    save_unless_default(archive, "targets", goal.targets);
    save_unless_default(archive, "amount", goal.amount);
    save_unless_default(archive, "deadline", goal.deadline);
    if (goal.removed) archive(make_nvp("removed", true));
    archive.finishNode();
  }
  void operator()(const learner::Reflection& reflection) {
    open("reflection");
    save_unless_default(archive, "text", reflection.text);
    save_unless_default(archive, "conf", reflection.confidence);
    archive.finishNode();
  }
  void operator()(const learner::ConfidenceRated& rated) {
    open("confidence");
    archive(make_nvp("skill", rated.skill), make_nvp("conf", rated.confidence));
    archive.finishNode();
  }
  void operator()(const learner::ChallengeChosen& chosen) {
    open("challenge");
    archive(make_nvp("target", chosen.target_success));
    archive.finishNode();
  }
};

bool is_reasonable_id(const std::string& id) { return !id.empty() && id.size() <= kMaxIdBytes; }

}  // namespace

void save_event_members(cereal::JSONOutputArchive& archive, const Event& event) {
  archive(make_nvp("dev", event.id.device), make_nvp("seq", event.id.sequence), make_nvp("t", event.time));
  std::visit(BodySaver{archive}, event.body);
}

void save_events(cereal::JSONOutputArchive& archive, const std::vector<const Event*>& events) {
  archive.setNextName("events");
  archive.startNode();
  archive.makeArray();
  for (const Event* event : events) {
    archive.startNode();
    save_event_members(archive, *event);
    archive.finishNode();
  }
  archive.finishNode();
}

void save_course_versions(cereal::JSONOutputArchive& archive, const std::vector<CourseVersion>& courses) {
  archive.setNextName("courses");
  archive.startNode();
  archive.makeArray();
  for (const CourseVersion& course : courses) {
    archive.startNode();
    archive(make_nvp("id", course.course), make_nvp("version", course.version));
    archive.finishNode();
  }
  archive.finishNode();
}

std::vector<CourseVersion> read_course_versions(cereal::JSONInputArchive& archive) {
  std::vector<CourseVersion> courses;
  archive.startNode();
  cereal::size_type count = 0;
  archive(cereal::make_size_tag(count));
  for (cereal::size_type i = 0; i < count; ++i) {
    CourseVersion course;
    archive.startNode();
    archive(make_nvp("id", course.course), make_nvp("version", course.version));
    archive.finishNode();
    courses.push_back(std::move(course));
  }
  archive.finishNode();
  return courses;
}

void EventJsonReader::read_events(std::vector<Event>& out) {
  archive_.startNode();
  cereal::size_type count = 0;
  archive_(cereal::make_size_tag(count));
  out.reserve(out.size() + static_cast<std::size_t>(count));
  for (cereal::size_type i = 0; i < count; ++i) {
    set_base("/events/" + std::to_string(i));
    archive_.startNode();
    out.push_back(read_members());
    archive_.finishNode();
    if (!problem_.empty()) return;  // the archive is left inside the array: the caller stops reading
  }
  archive_.finishNode();
}

template <class T>
void EventJsonReader::read(T& out, const char* expected) {
  expected_ = expected;
  archive_(out);
}

void EventJsonReader::enter(const char* name) { where_ = base_ + "/" + name; }

Event EventJsonReader::read_members() {
  Event event;
  int bodies = 0;
  where_ = base_;
  while (const char* name = archive_.getNodeName()) {
    const std::string member = name;
    enter(name);
    if (member == "dev") {
      read(event.id.device, "a string");
    } else if (member == "seq") {
      read(event.id.sequence, "a whole number");
    } else if (member == "t") {
      read(event.time, "a whole number of seconds");
    } else {
      ++bodies;
      expected_ = "an object";
      archive_.startNode();
      const std::string body_path = where_;
      if (member == "attempt") {
        learner::Attempt attempt;
        read_attempt(attempt);
        event.body = std::move(attempt);
      } else if (member == "shown") {
        learner::ActivityShown shown;
        while (const char* field = archive_.getNodeName()) {
          where_ = body_path + "/" + field;
          if (!std::strcmp(field, "act")) read(shown.activity, "a string");
          else if (!std::strcmp(field, "seed")) read(shown.seed, "a whole number");
          else if (!std::strcmp(field, "lvl")) read(shown.level, "a whole number");
          else throw cereal::Exception("unknown member");
        }
        event.body = std::move(shown);
      } else if (member == "session_start" || member == "session_end") {
        if (archive_.getNodeName()) throw cereal::Exception("unknown member");
        if (member == "session_start") event.body = learner::SessionStarted{};
        else event.body = learner::SessionEnded{};
      } else if (member == "goal") {
        learner::GoalSet goal;
        read_goal(goal);
        event.body = std::move(goal);
      } else if (member == "reflection") {
        learner::Reflection reflection;
        while (const char* field = archive_.getNodeName()) {
          where_ = body_path + "/" + field;
          if (!std::strcmp(field, "text")) read(reflection.text, "a string");
          else if (!std::strcmp(field, "conf")) read(reflection.confidence, "a whole number");
          else throw cereal::Exception("unknown member");
        }
        event.body = std::move(reflection);
      } else if (member == "confidence") {
        learner::ConfidenceRated rated;
        while (const char* field = archive_.getNodeName()) {
          where_ = body_path + "/" + field;
          if (!std::strcmp(field, "skill")) read(rated.skill, "a string");
          else if (!std::strcmp(field, "conf")) read(rated.confidence, "a whole number");
          else throw cereal::Exception("unknown member");
        }
        event.body = std::move(rated);
      } else if (member == "challenge") {
        learner::ChallengeChosen chosen;
        while (const char* field = archive_.getNodeName()) {
          where_ = body_path + "/" + field;
          if (!std::strcmp(field, "target")) read(chosen.target_success, "a number");
          else throw cereal::Exception("unknown member");
        }
        event.body = chosen;
      } else {
        where_ = base_ + "/" + member;
        throw cereal::Exception("unknown member");
      }
      archive_.finishNode();
    }
  }
  where_ = base_;
  problem_.clear();
  if (bodies != 1) {
    problem_ = bodies == 0 ? "the event has no kind (attempt, shown, goal, ...)" : "the event has more than one kind";
    return event;
  }
  check(event);
  return event;
}

void EventJsonReader::read_attempt(learner::Attempt& attempt) {
  const std::string body_path = where_;
  bool scored = false;
  while (const char* field = archive_.getNodeName()) {
    where_ = body_path + "/" + field;
    if (!std::strcmp(field, "act")) read(attempt.activity, "a string");
    else if (!std::strcmp(field, "seed")) read(attempt.seed, "a whole number");
    else if (!std::strcmp(field, "lvl")) read(attempt.level, "a whole number");
    else if (!std::strcmp(field, "resp")) read(attempt.response, "a string");
    else if (!std::strcmp(field, "ungraded")) {
      bool ungraded = false;
      read(ungraded, "true or false");
      attempt.graded = !ungraded;
    } else if (!std::strcmp(field, "score")) {
      read(attempt.score, "a number");
      scored = true;
    } else if (!std::strcmp(field, "rating")) read(attempt.rating, "a whole number");
    else if (!std::strcmp(field, "misc")) read(attempt.misconceptions, "a list of strings");
    else if (!std::strcmp(field, "secs")) read(attempt.seconds, "a number");
    else if (!std::strcmp(field, "hints")) read(attempt.hint_seconds, "a list of numbers");
    else if (!std::strcmp(field, "conf")) read(attempt.confidence, "a whole number");
    else throw cereal::Exception("unknown member");
  }
  where_ = body_path;
  if (attempt.graded && !scored) problem_ = "a graded attempt has no score";
}

void EventJsonReader::read_goal(learner::GoalSet& goal) {
  const std::string body_path = where_;
  while (const char* field = archive_.getNodeName()) {
    where_ = body_path + "/" + field;
    if (!std::strcmp(field, "id")) read(goal.goal, "a string");
    else if (!std::strcmp(field, "kind")) {
      std::string kind;
      read(kind, "a string");
      if (kind == "skills") goal.kind = learner::GoalKind::master_skills;
      else if (kind == "unit") goal.kind = learner::GoalKind::master_unit;
      else if (kind == "minutes") goal.kind = learner::GoalKind::minutes_per_day;
      else throw cereal::Exception("unknown goal kind");
    } else if (!std::strcmp(field, "targets")) read(goal.targets, "a list of strings");
    else if (!std::strcmp(field, "amount")) read(goal.amount, "a number");
    else if (!std::strcmp(field, "deadline")) read(goal.deadline, "a whole number of seconds");
    else if (!std::strcmp(field, "removed")) read(goal.removed, "true or false");
    else throw cereal::Exception("unknown member");
  }
  where_ = body_path;
}

// Values a damaged or edited record could hold that the fold would only clamp: refused instead, so what a
// learner sees always comes from what Pathwise wrote.
void EventJsonReader::check(const Event& event) {
  auto fail = [&](std::string why) {
    if (problem_.empty()) problem_ = std::move(why);
  };
  if (!is_writer_id(event.id.device)) fail("the event's writer id (dev) must be 1 to 64 letters, digits, _ or -");
  if (event.id.sequence == 0) fail("the event's sequence number (seq) must be 1 or more");
  if (event.time < learner::kEarliestTime || event.time > learner::kLatestTime) {
    fail("the event's time (t) is outside the years 1970 to 9999");
  }
  auto in_range = [](double value, double low, double high) { return std::isfinite(value) && value >= low && value <= high; };
  if (const auto* attempt = std::get_if<learner::Attempt>(&event.body)) {
    if (!is_reasonable_id(attempt->activity)) fail("an attempt needs its activity id (act)");
    if (attempt->response.size() > kMaxTextBytes) fail("the response is longer than 10,000 bytes");
    if (!in_range(attempt->score, 0.0, 1.0)) fail("the score must be a number from 0 to 1");
    if (attempt->rating < 0 || attempt->rating > 4) fail("the rating must be 0 to 4");
    if (attempt->confidence < 0 || attempt->confidence > 5) fail("the confidence must be 0 to 5");
    if (attempt->level < 0 || attempt->level > 1000) fail("the level must be 0 to 1000");
    if (!in_range(attempt->seconds, 0.0, 1e7)) fail("the seconds must be a number from 0 to 10,000,000");
    for (double hint : attempt->hint_seconds) {
      if (!in_range(hint, 0.0, 1e7)) fail("hint times must be numbers from 0 to 10,000,000");
    }
    for (const std::string& tag : attempt->misconceptions) {
      if (!is_reasonable_id(tag)) fail("misconception tags must be 1 to 200 bytes");
    }
  } else if (const auto* shown = std::get_if<learner::ActivityShown>(&event.body)) {
    if (!is_reasonable_id(shown->activity)) fail("a shown event needs its activity id (act)");
    if (shown->level < 0 || shown->level > 1000) fail("the level must be 0 to 1000");
  } else if (const auto* goal = std::get_if<learner::GoalSet>(&event.body)) {
    if (!is_reasonable_id(goal->goal)) fail("a goal needs its id");
    if (!in_range(goal->amount, 0.0, 1e6)) fail("a goal's amount must be a number from 0 to 1,000,000");
    if (goal->deadline < 0 || goal->deadline > learner::kLatestTime) fail("a goal's deadline is out of range");
    for (const std::string& target : goal->targets) {
      if (!is_reasonable_id(target)) fail("a goal's targets must be ids of 1 to 200 bytes");
    }
  } else if (const auto* reflection = std::get_if<learner::Reflection>(&event.body)) {
    if (reflection->text.size() > kMaxTextBytes) fail("the reflection is longer than 10,000 bytes");
    if (reflection->confidence < 0 || reflection->confidence > 5) fail("the confidence must be 0 to 5");
  } else if (const auto* rated = std::get_if<learner::ConfidenceRated>(&event.body)) {
    if (!is_reasonable_id(rated->skill)) fail("a confidence rating needs its skill id");
    if (rated->confidence < 1 || rated->confidence > 5) fail("the confidence must be 1 to 5");
  } else if (const auto* chosen = std::get_if<learner::ChallengeChosen>(&event.body)) {
    if (!in_range(chosen->target_success, 0.05, 0.99)) fail("the challenge target must be from 0.05 to 0.99");
  }
}

bool is_writer_id(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string minify_json(std::string_view pretty) {
  std::string out;
  out.reserve(pretty.size());
  bool in_string = false;
  bool escaped = false;
  for (char c : pretty) {
    if (in_string) {
      out += c;
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '"') in_string = true;
    out += c;
  }
  return out;
}

}  // namespace pathwise::store
