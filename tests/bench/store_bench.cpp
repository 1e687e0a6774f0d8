// Storage benchmark, native half (figures, not a pass/fail test). On a realistic history — a learner working
// through the shipped Fractions course, each answer an "activity shown" and an "attempt" event — it reports:
//   bytes     the average sealed record per event: a journal record (one event), and a snapshot (all events)
//   encode    sealing one event as a journal record, µs per event
//   decode    reading the history back, from journal records and from one snapshot, µs per event
// and with --write-progress=FILE writes that history as a pathwise.progress/1 file, which storage.bench.mjs
// imports in the browser to time loading a 10,000-event history.
// The last line is machine-readable: `store-bench key=value ...`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "content/bundle.h"
#include "content/seeded_random.h"
#include "report/progress_file.h"
#include "store/record_format.h"

using namespace pathwise;
using learner::Event;

namespace {

using Clock = std::chrono::steady_clock;

double us_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

// A learner's history on `bundle`: sessions of 20 answers on the activities in course order, a shown event
// before each answer, right 70 % of the time, 5 to 65 seconds each, typed answers for typed activities.
std::vector<Event> make_history(const content::Bundle& bundle, std::size_t events, std::uint64_t seed) {
  SplitMix64 random(seed);
  std::vector<Event> history;
  history.reserve(events);
  learner::Seconds time = 1793000000;  // 2026-10-25
  const std::string writer = "t3f9a0c17b2d4e851";
  std::uint64_t sequence = 0;
  std::size_t next_activity = 0;
  while (history.size() < events) {
    const content::Activity& activity = bundle.activities[next_activity++ % bundle.activities.size()];
    if (activity.id.empty()) continue;
    if (history.size() % 40 == 0) time += 86400;  // a new day
    history.push_back(Event{{writer, ++sequence}, time, learner::ActivityShown{activity.id, 0, 0}});
    if (history.size() >= events) break;
    learner::Attempt attempt;
    attempt.activity = activity.id;
    const bool right = random.unit() < 0.7;
    attempt.score = right ? 1.0 : 0.0;
    attempt.seconds = 5.0 + static_cast<double>(random.below(600)) / 10.0;
    const auto type = activity.type();
    if (type == content::ActivityType::numeric || type == content::ActivityType::parameterized) {
      attempt.response = right ? "3/4" : "2/4";
    } else if (type == content::ActivityType::single_choice) {
      attempt.response = right ? "Three quarters" : "One half";
    } else if (type == content::ActivityType::reading) {
      attempt.graded = false;
      attempt.score = 0.0;
    }
    time += static_cast<learner::Seconds>(attempt.seconds) + 3;
    history.push_back(Event{{writer, ++sequence}, time, attempt});
  }
  return history;
}

}  // namespace

int main(int argc, char** argv) {
  std::string course = "content/fractions/course.json";
  std::string progress_path;
  std::size_t events = 10000;
  for (int i = 1; i < argc; ++i) {
    if (!std::strncmp(argv[i], "--course=", 9)) course = argv[i] + 9;
    else if (!std::strncmp(argv[i], "--write-progress=", 17)) progress_path = argv[i] + 17;
    else if (!std::strncmp(argv[i], "--events=", 9)) events = std::strtoul(argv[i] + 9, nullptr, 10);
    else {
      std::fprintf(stderr, "usage: %s [--course=FILE] [--events=N] [--write-progress=FILE]\n", argv[0]);
      return 2;
    }
  }
  std::ifstream in(course, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  content::BundleParse parse = content::parse_bundle(text.str(), course);
  if (!parse.bundle) {
    std::fprintf(stderr, "%s does not load\n", course.c_str());
    return 1;
  }
  const std::vector<Event> history = make_history(*parse.bundle, events, 7);

  auto start = Clock::now();
  std::vector<std::string> journal;
  journal.reserve(history.size());
  std::size_t journal_bytes = 0;
  for (const Event& event : history) {
    journal.push_back(store::encode_event_record(event));
    journal_bytes += journal.back().size();
  }
  const double encode_us = us_since(start) / static_cast<double>(history.size());

  start = Clock::now();
  std::size_t read = 0;
  for (const std::string& record : journal) read += store::decode_events_record(record).events.size();
  const double decode_journal_us = us_since(start) / static_cast<double>(history.size());

  std::vector<const Event*> pointers;
  for (const Event& event : history) pointers.push_back(&event);
  const std::string snapshot = store::encode_snapshot_record(pointers);
  start = Clock::now();
  store::DecodedEvents decoded = store::decode_events_record(snapshot);
  const double decode_snapshot_us = us_since(start) / static_cast<double>(history.size());
  if (read != history.size() || decoded.events.size() != history.size()) {
    std::fprintf(stderr, "the history did not read back whole\n");
    return 1;
  }

  if (!progress_path.empty()) {
    report::ProgressFile progress;
    progress.app = "bench";
    progress.exported = 1795420800;
    progress.name = "Bench";
    progress.courses = {{parse.bundle->id, parse.bundle->version}};
    progress.events = history;
    std::ofstream(progress_path, std::ios::binary) << report::write_progress_file(progress);
  }

  const double journal_per_event = static_cast<double>(journal_bytes) / static_cast<double>(history.size());
  const double snapshot_per_event = static_cast<double>(snapshot.size()) / static_cast<double>(history.size());
  std::printf("history: %zu events on %s\n", history.size(), course.c_str());
  std::printf("bytes per event: journal record %.1f B, snapshot %.1f B\n", journal_per_event, snapshot_per_event);
  std::printf("encode %.2f us/event; decode journal %.2f us/event, snapshot %.2f us/event\n", encode_us,
              decode_journal_us, decode_snapshot_us);
  std::printf("store-bench events=%zu journal_bytes=%.1f snapshot_bytes=%.1f encode_us=%.3f decode_journal_us=%.3f "
              "decode_snapshot_us=%.3f\n",
              history.size(), journal_per_event, snapshot_per_event, encode_us, decode_journal_us, decode_snapshot_us);
  return 0;
}
