// libFuzzer target over the learner model and the path engine: arbitrary bytes become a log of events (answers
// with any score, time or level, including NaN, infinities and times far outside the calendar; unknown
// activities; repeated and out-of-order sequence numbers from two devices; goals, reflections, challenge
// levels), which is folded against the Fractions course; then the engine is asked for the next activity in
// several ways. Progress files will bring such logs from outside, so none of it may crash, hang or produce a
// probability outside [0, 1]. Run as the ctest test `fuzz-learner` for a bounded time.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "content/bundle.h"
#include "learner/learner_state.h"
#include "path/path_engine.h"

namespace {

using namespace pathwise;
using namespace pathwise::learner;

struct Course {
  content::Bundle bundle;
  CourseIndex index;
};

const Course& course() {
  static const Course* loaded = [] {
    std::ifstream file(PATHWISE_SOURCE_DIR "/content/fractions/course.json", std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    content::BundleParse parse = content::parse_bundle(text.str(), "course.json");
    if (!parse.bundle) std::abort();  // the shipped course must load; anything else is a broken build
    auto* c = new Course{std::move(*parse.bundle), {}};
    c->index = index_course(c->bundle);
    return c;
  }();
  return *loaded;
}

class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  std::int64_t integer() {
    std::int64_t value = 0;
    for (int i = 0; i < 8; ++i) value = (value << 8) | byte();
    return value;
  }
  double number() {  // mostly ordinary values, sometimes the awkward ones
    switch (byte() % 8) {
      case 0: return std::numeric_limits<double>::quiet_NaN();
      case 1: return (byte() % 2 ? 1 : -1) * std::numeric_limits<double>::infinity();
      case 2: return static_cast<double>(integer());
      case 3: return -static_cast<double>(byte());
      default: return byte() / 100.0;
    }
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

void check_state(const LearnerState& state) {
  for (const SkillState& s : state.skills)
    if (!(s.p_known >= 0.0 && s.p_known <= 1.0) || !std::isfinite(s.ability.value)) std::abort();
  for (const ActivityState& a : state.activities)
    for (const EloRating& d : a.difficulty)
      if (!std::isfinite(d.value)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Course& c = course();
  Bytes bytes(data, size);
  std::vector<Event> events;
  Seconds time = 1767600000;
  while (!bytes.empty() && events.size() < 2000) {
    Event event;
    event.id.device = bytes.byte() % 2 ? "tablet" : "phone";
    event.id.sequence = bytes.byte() % 64;
    const std::uint8_t step = bytes.byte();
    time = step == 255 ? bytes.integer() : static_cast<Seconds>(static_cast<std::uint64_t>(time) + step * 37u);
    event.time = time;
    const std::size_t activities = c.bundle.activities.size();
    const std::uint8_t which = bytes.byte();
    const std::string activity = which == 255 ? "no-such-activity" : c.bundle.activities[which % activities].id;
    switch (bytes.byte() % 8) {
      case 0: {
        ActivityShown shown;
        shown.activity = activity;
        event.body = shown;
        break;
      }
      case 1: event.body = SessionStarted{}; break;
      case 2: event.body = SessionEnded{}; break;
      case 3: event.body = GoalSet{"g", static_cast<GoalKind>(bytes.byte() % 3), {activity, "u1"}, bytes.number(),
                                   bytes.integer(), bytes.byte() % 4 == 0};
        break;
      case 4: event.body = ChallengeChosen{bytes.number()}; break;
      case 5: event.body = ConfidenceRated{bytes.byte() % 2 ? c.bundle.skills[0].id : "nope", bytes.byte() - 100};
        break;
      default: {
        Attempt attempt;
        attempt.activity = activity;
        attempt.seed = static_cast<std::uint64_t>(bytes.integer());
        attempt.level = static_cast<int>(static_cast<std::int8_t>(bytes.byte()));
        attempt.graded = bytes.byte() % 8 != 0;
        attempt.score = bytes.number();
        attempt.rating = static_cast<int>(static_cast<std::int8_t>(bytes.byte()));
        attempt.seconds = bytes.number();
        for (int h = bytes.byte() % 3; h > 0; --h) attempt.hint_seconds.push_back(bytes.number());
        if (bytes.byte() % 3 == 0) attempt.misconceptions = {"tag-" + std::to_string(bytes.byte() % 3)};
        attempt.confidence = static_cast<int>(static_cast<std::int8_t>(bytes.byte()));
        event.body = std::move(attempt);
        break;
      }
    }
    events.push_back(std::move(event));
  }

  const LearnerState state = fold(c.index, events);
  check_state(state);

  path::PathRequest request;
  request.now = state.last_event + 3 * kDay;
  request.entropy = static_cast<std::uint64_t>(size);
  for (int variant = 0; variant < 3; ++variant) {
    if (variant == 1) request.skill = c.bundle.skills[size % c.bundle.skills.size()].id;
    if (variant == 2) request.scope = {c.bundle.units.front().id, "missing-id"};
    const path::PathChoice choice = path::choose_next(state, request);
    if (choice.options.size() > 3) std::abort();
    for (const path::Recommendation& r : choice.options)
      if (r.activity < 0 || static_cast<std::size_t>(r.activity) >= c.bundle.activities.size() ||
          !(r.p_success >= 0.0 && r.p_success <= 1.0))
        std::abort();
  }
  path::skill_statuses(state, request.now);
  current_inactivity(state, request.now, {});
  streak_days(state, request.now);
  return 0;
}
