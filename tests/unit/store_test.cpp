// The storage core: record sealing and checksums, every event kind through cereal and back, the learner log on
// the memory store (saving, failures and retries, compaction, quarantine, newer records, two tabs), the
// progress file (round trip, tampering, merging) and the fixtures of every on-disk format version.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "content/bundle.h"
#include "learner/learner_state.h"
#include "report/progress_file.h"
#include "store/crc32c.h"
#include "store/learner_log.h"
#include "store/memory_store.h"
#include "store/record_format.h"

using namespace pathwise;
using namespace pathwise::store;
using learner::Event;
using learner::EventId;

namespace {

const learner::Seconds kMonday = 1795420800;  // 2026-11-23T00:00:00Z

// One event of every kind, with non-default values in every field.
std::vector<Event> every_kind() {
  learner::Attempt attempt;
  attempt.activity = "fractions.add.3";
  attempt.seed = 123456789012345ull;
  attempt.level = 2;
  attempt.response = "3/4 — «é»\n\"quoted\"";
  attempt.score = 0.5;
  attempt.rating = 3;
  attempt.misconceptions = {"added-denominators", "x"};
  attempt.seconds = 12.375;
  attempt.hint_seconds = {3.5, 8.0};
  attempt.confidence = 4;
  learner::Attempt reading;
  reading.activity = "fractions.read.1";
  reading.graded = false;
  learner::GoalSet goal{"g1", learner::GoalKind::master_unit, {"unit-2"}, 0.0, kMonday + 86400 * 4, false};
  learner::GoalSet removed{"g2", learner::GoalKind::minutes_per_day, {}, 15.0, 0, true};
  // Built one by one: GCC 12 warns spuriously about a braced list of variants.
  std::vector<Event> events;
  auto add = [&](learner::EventBody body, learner::Seconds offset) {
    events.push_back(Event{{"tab-a", events.size() + 1}, kMonday + offset, std::move(body)});
  };
  add(learner::SessionStarted{}, 0);
  add(learner::ActivityShown{"fractions.add.3", 7, 1}, 1);
  add(attempt, 20);
  add(reading, 30);
  add(goal, 40);
  add(removed, 41);
  add(learner::Reflection{"Borrowing was hard", 2}, 50);
  add(learner::ConfidenceRated{"adding", 5}, 51);
  add(learner::ChallengeChosen{0.6}, 52);
  add(learner::SessionEnded{}, 60);
  return events;
}

Event answer(const std::string& writer, std::uint64_t sequence, double score) {
  learner::Attempt attempt;
  attempt.activity = "a1";
  attempt.score = score;
  attempt.seconds = 10;
  return Event{{writer, sequence}, kMonday + static_cast<learner::Seconds>(sequence) * 60, attempt};
}

learner::Attempt answer_body(double score) { return std::get<learner::Attempt>(answer("w", 1, score).body); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Loads a profile through a fresh connection, as a new tab or a reload would.
std::vector<Event> reload(MemoryStore& memory, const std::string& profile, LoadReport* report = nullptr) {
  auto connection = memory.connect();
  LearnerLog log(*connection, profile, "reader");
  bool loaded = false;
  log.load([&](const StoreStatus& status) {
    REQUIRE(status.ok());
    loaded = true;
  });
  REQUIRE(loaded);
  if (report) *report = log.load_report();
  return log.events();
}

std::size_t count_kind(MemoryStore& memory, const std::string& profile, RecordKind kind) {
  std::size_t count = 0;
  for (const auto& [key, text] : memory.records(profile)) count += std::get<0>(key) == static_cast<int>(kind);
  return count;
}

}  // namespace

TEST_CASE("CRC-32C matches the check value of RFC 3720") {
  CHECK(crc32c("123456789") == 0xE3069283u);
  CHECK(crc32c("") == 0u);
}

TEST_CASE("every event kind survives a journal record and a snapshot record unchanged") {
  const std::vector<Event> events = every_kind();
  std::vector<const Event*> pointers;
  for (const Event& event : events) {
    const std::string record = encode_event_record(event);
    CHECK(record.find('\n') == std::string::npos);
    CHECK(record.rfind("v1 ", 0) == 0);
    DecodedEvents decoded = decode_events_record(record);
    REQUIRE_MESSAGE(decoded.problem == RecordProblem::none, decoded.message);
    REQUIRE(decoded.events.size() == 1);
    CHECK(event_json(decoded.events[0]) == event_json(event));
    pointers.push_back(&event);
  }
  DecodedEvents snapshot = decode_events_record(encode_snapshot_record(pointers));
  REQUIRE_MESSAGE(snapshot.problem == RecordProblem::none, snapshot.message);
  REQUIRE(snapshot.events.size() == events.size());
  for (std::size_t i = 0; i < events.size(); ++i) CHECK(event_json(snapshot.events[i]) == event_json(events[i]));
  const auto& attempt = std::get<learner::Attempt>(snapshot.events[2].body);
  CHECK(attempt.response == "3/4 — «é»\n\"quoted\"");
  CHECK(attempt.seconds == 12.375);
  CHECK(attempt.hint_seconds == std::vector<double>{3.5, 8.0});
  CHECK_FALSE(std::get<learner::Attempt>(snapshot.events[3].body).graded);
  // Defaults are left out: an ordinary answer is a short record.
  CHECK(encode_event_record(answer("k3f9x2ab1c", 12, 1.0)) ==
        "v1 1691b04a {\"dev\":\"k3f9x2ab1c\",\"seq\":12,\"t\":1795421520,\"attempt\":{\"act\":\"a1\",\"score\":1.0,"
        "\"secs\":10.0}}");
}

TEST_CASE("damaged, newer and ill-formed records are told apart, each with a plain reason") {
  const std::string good = encode_event_record(answer("tab", 1, 1.0));
  std::string flipped = good;
  flipped[flipped.size() - 5] ^= 0x01;
  DecodedEvents damaged = decode_events_record(flipped);
  CHECK(damaged.problem == RecordProblem::damaged);
  CHECK(damaged.message == "the record is damaged: its checksum does not match its contents");
  CHECK(decode_events_record(good.substr(0, good.size() - 3)).problem == RecordProblem::damaged);
  CHECK(decode_events_record("").message == "the record does not start with a format version");
  CHECK(decode_events_record("hello").problem == RecordProblem::damaged);

  DecodedEvents newer = decode_events_record("v2 00000000 {\"whatever\":1}");
  CHECK(newer.problem == RecordProblem::newer);
  CHECK(newer.message == "the record was written by a newer version of Pathwise (record format 2)");

  // Sealed correctly but wrong inside: the reason names the place.
  CHECK(decode_events_record(seal("{\"dev\":\"a\",")).message.find("not valid JSON (line 1, column 12") !=
        std::string::npos);
  CHECK(decode_events_record(seal("{\"dev\":\"a\",\"seq\":\"one\",\"t\":5,\"session_start\":{}}")).message ==
        "the record holds something other than a whole number at /seq");
  CHECK(decode_events_record(seal("{\"dev\":\"a\",\"seq\":1,\"t\":5,\"attempt\":{\"act\":\"x\",\"score\":1,\"boo\":1}}"))
            .message == "the record has an unknown member at /attempt/boo");
  CHECK(decode_events_record(seal("{\"dev\":\"a\",\"seq\":1,\"t\":5,\"attempt\":{\"act\":\"x\",\"score\":1.5}}"))
            .message == "the record holds an impossible value at /: the score must be a number from 0 to 1");
  CHECK(decode_events_record(seal("{\"dev\":\"a/b\",\"seq\":1,\"t\":5,\"session_end\":{}}")).problem ==
        RecordProblem::damaged);
  CHECK(decode_events_record(seal("{\"dev\":\"a\",\"seq\":1,\"t\":5}")).message ==
        "the record holds an impossible value at /: the event has no kind (attempt, shown, goal, ...)");
  CHECK(decode_events_record(seal("[1,2]")).problem == RecordProblem::damaged);
  CHECK(decode_events_record(seal("{\"events\":[{\"dev\":\"a\",\"seq\":0,\"t\":5,\"session_end\":{}}]}")).message ==
        "the record holds an impossible value at /events/0: the event's sequence number (seq) must be 1 or more");
}

TEST_CASE("profile records round-trip, and the PIN is kept only as a salted hash") {
  Profile profile;
  profile.name = "Ana María";
  profile.avatar = 5;
  profile.pin_salt = "0123456789abcdef";
  profile.pin_hash = pin_hash(profile.pin_salt, "4821");
  profile.created = kMonday;
  profile.opened = kMonday + 10;
  profile.courses = {{"fractions", "1.2.0"}};
  const std::string record = encode_profile_record(profile);
  CHECK(record.find("4821") == std::string::npos);
  DecodedProfile decoded = decode_profile_record(record);
  REQUIRE_MESSAGE(decoded.problem == RecordProblem::none, decoded.message);
  CHECK(decoded.profile.name == "Ana María");
  CHECK(decoded.profile.avatar == 5);
  CHECK(decoded.profile.pin_hash == pin_hash("0123456789abcdef", "4821"));
  CHECK(decoded.profile.pin_hash != pin_hash("0123456789abcdef", "4822"));
  CHECK(decoded.profile.opened == kMonday + 10);
  CHECK(decoded.profile.courses == profile.courses);
  CHECK(is_pin("0042"));
  CHECK_FALSE(is_pin("42"));
  CHECK_FALSE(is_pin("12a4"));
  CHECK(decode_profile_record(seal("{\"name\":\"\",\"avatar\":1,\"created\":0,\"opened\":0,\"courses\":[]}")).problem ==
        RecordProblem::damaged);
}

TEST_CASE("fixtures of every record format version load (v1)") {
  const std::string dir = std::string(PATHWISE_SOURCE_DIR) + "/tests/fixtures/store/v1/";
  DecodedEvents journal = decode_events_record(read_file(dir + "journal-record.txt"));
  REQUIRE_MESSAGE(journal.problem == RecordProblem::none, journal.message);
  REQUIRE(journal.events.size() == 1);
  CHECK(journal.events[0].id.device == "tab-a");
  CHECK(std::get<learner::Attempt>(journal.events[0].body).response == "3/4 — «é»\n\"quoted\"");

  DecodedEvents snapshot = decode_events_record(read_file(dir + "snapshot-record.txt"));
  REQUIRE_MESSAGE(snapshot.problem == RecordProblem::none, snapshot.message);
  const std::vector<Event> expected = every_kind();
  REQUIRE(snapshot.events.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(event_json(snapshot.events[i]) == event_json(expected[i]));

  DecodedProfile profile = decode_profile_record(read_file(dir + "profile-record.txt"));
  REQUIRE_MESSAGE(profile.problem == RecordProblem::none, profile.message);
  CHECK(profile.profile.name == "Ana María");

  report::ProgressReadResult progress = report::read_progress_file(read_file(dir + "progress.json"), "progress.json");
  REQUIRE_MESSAGE(progress.ok, progress.message);
  REQUIRE(progress.progress.events.size() == expected.size());
  CHECK(progress.progress.name == "Ana María");
  CHECK(progress.progress.courses == std::vector<CourseVersion>{{"fractions", "1.2.0"}});
}

TEST_CASE("the learner log saves each event durably, shows failures, and retries without duplicating") {
  MemoryStore memory;
  auto connection = memory.connect();
  LearnerLog log(*connection, "ana", "tab1");
  bool loaded = false;
  log.load([&](const StoreStatus& status) { loaded = status.ok(); });
  REQUIRE(loaded);
  const EventId first = log.append(kMonday, answer_body(1.0));
  CHECK(first.sequence == 1);
  CHECK(log.save_state(first) == SaveState::saved);

  memory.fail_writes(StoreFailure::quota_exceeded, "The browser's storage for this site is full.");
  const EventId second = log.append(kMonday + 60, answer_body(0.0));
  CHECK(log.save_state(second) == SaveState::failed);
  CHECK(log.failed_count() == 1);
  CHECK(log.last_failure().failure == StoreFailure::quota_exceeded);
  CHECK(log.events().size() == 2);  // the session goes on with the answer in memory
  log.retry_failed();
  CHECK(log.save_state(second) == SaveState::failed);  // still full

  memory.fail_writes(StoreFailure::none);
  log.retry_failed();
  log.retry_failed();  // a second retry of a saved event does nothing
  CHECK(log.save_state(second) == SaveState::saved);
  CHECK(log.unsaved_count() == 0);

  const std::vector<Event> again = reload(memory, "ana");
  REQUIRE(again.size() == 2);
  CHECK(again[1].id == second);
  CHECK(count_kind(memory, "ana", RecordKind::journal) == 2);
}

TEST_CASE("compaction replaces the journal with one snapshot and loses nothing") {
  MemoryStore memory;
  auto connection = memory.connect();
  LearnerLog log(*connection, "ana", "tab1");
  log.load([](const StoreStatus&) {});
  for (int i = 0; i < 30; ++i) log.append(kMonday + i, answer_body(i % 2));
  StoreStatus compacted{StoreFailure::failed, "not called"};
  log.compact([&](const StoreStatus& status) { compacted = status; });
  CHECK(compacted.ok());
  CHECK(count_kind(memory, "ana", RecordKind::journal) == 0);
  CHECK(count_kind(memory, "ana", RecordKind::snapshot) == 1);
  log.append(kMonday + 100, answer_body(1.0));
  LoadReport report;
  CHECK(reload(memory, "ana", &report).size() == 31);
  CHECK(report.records == 2);

  // A failing compaction changes nothing.
  memory.fail_writes(StoreFailure::failed, "disk error");
  log.compact([&](const StoreStatus& status) { compacted = status; });
  CHECK_FALSE(compacted.ok());
  memory.fail_writes(StoreFailure::none);
  CHECK(reload(memory, "ana").size() == 31);
}

TEST_CASE("a damaged record is quarantined, the rest loads, and a newer record is left alone") {
  MemoryStore memory;
  auto connection = memory.connect();
  {
    LearnerLog log(*connection, "ana", "tab1");
    log.load([](const StoreStatus&) {});
    for (int i = 0; i < 5; ++i) log.append(kMonday + i, answer_body(1.0));
  }
  auto& records = memory.records("ana");
  auto third = std::next(records.begin(), 2);
  const std::string original = third->second;
  third->second[original.size() / 2] = '#';
  records[{static_cast<int>(RecordKind::journal), "future-tab", 1}] = "v7 00000000 {\"shape\":\"unknown\"}";

  LoadReport report;
  const std::vector<Event> events = reload(memory, "ana", &report);
  CHECK(events.size() == 4);
  REQUIRE(report.set_aside.size() == 1);
  CHECK(report.set_aside[0] == "the record is damaged: its checksum does not match its contents");
  CHECK(report.newer == 1);
  CHECK(count_kind(memory, "ana", RecordKind::quarantined) == 1);   // kept, with its text
  bool kept = false;
  for (const auto& [key, text] : records) kept |= std::get<0>(key) == static_cast<int>(RecordKind::quarantined) &&
                                                    std::get<1>(key) == "journal:tab1" && text.size() == original.size();
  CHECK(kept);

  // Compaction by a later session keeps the quarantined and the newer records.
  LearnerLog later(*connection, "ana", "tab2");
  later.load([](const StoreStatus&) {});
  later.compact([](const StoreStatus&) {});
  CHECK(count_kind(memory, "ana", RecordKind::quarantined) == 1);
  CHECK(records.count({static_cast<int>(RecordKind::journal), "future-tab", 1}) == 1);
  LoadReport after;
  CHECK(reload(memory, "ana", &after).size() == 4);
  CHECK(after.set_aside.size() == 1);  // "still kept": the learner keeps being told until it is dealt with
}

TEST_CASE("two tabs on one profile: every event exactly once, each sees the other's, concurrent compactions") {
  MemoryStore memory;
  auto connection_a = memory.connect();
  auto connection_b = memory.connect();
  LearnerLog a(*connection_a, "ana", "taba");
  LearnerLog b(*connection_b, "ana", "tabb");
  struct Forward : StoreObserver {
    LearnerLog& log;
    explicit Forward(LearnerLog& target) : log(target) {}
    void written_elsewhere(const std::string&, const WriteBatch& batch) override { log.absorb(batch); }
    void profiles_changed_elsewhere() override {}
    void store_lost(const StoreStatus&) override {}
  } to_a(a), to_b(b);
  connection_a->set_observer(&to_a);
  connection_b->set_observer(&to_b);
  a.load([](const StoreStatus&) {});
  b.load([](const StoreStatus&) {});
  for (int i = 0; i < 20; ++i) {
    (i % 2 ? b : a).append(kMonday + i, answer_body(i % 3 ? 1.0 : 0.0));
    if (i == 9) a.compact([](const StoreStatus&) {});
    if (i == 14) {
      a.compact([](const StoreStatus&) {});
      b.compact([](const StoreStatus&) {});
    }
  }
  CHECK(a.events().size() == 20);
  CHECK(b.events().size() == 20);
  LoadReport report;
  const std::vector<Event> events = reload(memory, "ana", &report);
  CHECK(events.size() == 20);
  CHECK(report.conflicts.empty());
  std::size_t from_a = 0;
  for (const Event& event : events) from_a += event.id.device == "taba";
  CHECK(from_a == 10);
}

TEST_CASE("the progress file round-trips, refuses tampering, and merging is idempotent") {
  report::ProgressFile progress;
  progress.app = "0.5.0";
  progress.exported = kMonday;
  progress.name = "Ana";
  progress.avatar = 2;
  progress.courses = {{"fractions", "1.2.0"}};
  progress.events = every_kind();
  const std::string text = report::write_progress_file(progress);
  report::ProgressReadResult read = report::read_progress_file(text, "ana.json");
  REQUIRE_MESSAGE(read.ok, read.message);
  CHECK(report::write_progress_file(read.progress) == text);

  std::string tampered = text;
  const std::size_t score = tampered.find("\"score\":0.5");
  REQUIRE(score != std::string::npos);
  tampered.replace(score, 11, "\"score\":1.0");
  CHECK(report::read_progress_file(tampered, "ana.json").message ==
        "ana.json: /checksum: the checksum does not match the contents: the file was changed or damaged after it "
        "was downloaded, so it is not imported");
  CHECK(report::read_progress_file(text.substr(0, text.size() / 2), "ana.json").message.rfind("ana.json:1:", 0) == 0);
  CHECK(report::read_progress_file("{\"format\":\"pathwise.progress/2\"}", "x.json").message ==
        "x.json: /format: this progress file was made by a newer version of Pathwise (pathwise.progress/2); update "
        "Pathwise to import it");
  CHECK(report::read_progress_file("{\"format\":\"pathwise.bundle/1\"}", "x.json").message ==
        "x.json: /format: this is not a Pathwise progress file (format \"pathwise.bundle/1\")");
  CHECK(report::read_progress_file("[]", "x.json").message ==
        "x.json: this is not a Pathwise progress file (it is not a JSON object)");
  std::string deep(100000, '[');
  CHECK_FALSE(report::read_progress_file(deep, "deep.json").ok);
  CHECK(report::progress_file_name("Ana María / 5B", kMonday) == "pathwise-progress-Ana-Mar-a-5B-2026-11-23.json");

  // Import into a log: twice changes nothing the second time; a conflicting copy refuses the whole file.
  MemoryStore memory;
  auto connection = memory.connect();
  LearnerLog log(*connection, "ana", "tab1");
  log.load([](const StoreStatus&) {});
  log.append(kMonday - 100, answer_body(1.0));
  MergeResult first = log.merge(read.progress.events, [](const StoreStatus& status) { CHECK(status.ok()); });
  CHECK(first.added == 10);
  MergeResult second = log.merge(read.progress.events, [](const StoreStatus&) {});
  CHECK(second.added == 0);
  CHECK(second.known == 10);
  CHECK(log.events().size() == 11);
  std::vector<Event> forged = read.progress.events;
  std::get<learner::Reflection>(forged[6].body).text = "changed";
  MergeResult conflict = log.merge(forged, [](const StoreStatus&) {});
  CHECK(conflict.conflict == "event tab-a/7 is already here with different contents");
  CHECK(log.events().size() == 11);
  CHECK(reload(memory, "ana").size() == 11);
}

TEST_CASE("merging two devices' histories gives the state of a fold over their union") {
  const char* const course_json = R"({"format": "pathwise.bundle/1", "id": "c", "version": "1", "title": "C",
    "language": "en", "skills": [{"id": "s", "title": "S"}],
    "units": [{"id": "u", "title": "U", "lessons": [{"id": "l", "title": "L", "skills": ["s"]}]}],
    "activities": [{"id": "a1", "type": "true_false", "skills": ["s"], "prompt": "?", "answer": true}]})";
  content::BundleParse parse = content::parse_bundle(course_json, "c.json");
  REQUIRE(parse.bundle.has_value());
  const learner::CourseIndex index = learner::index_course(*parse.bundle);

  MemoryStore tablet_store, laptop_store;
  auto tablet_connection = tablet_store.connect();
  auto laptop_connection = laptop_store.connect();
  LearnerLog tablet(*tablet_connection, "ana", "tablet");
  LearnerLog laptop(*laptop_connection, "ana", "laptop");
  tablet.load([](const StoreStatus&) {});
  laptop.load([](const StoreStatus&) {});
  for (int i = 0; i < 8; ++i) {
    tablet.append(kMonday + 100 * i, answer_body(i % 3 ? 1.0 : 0.0));
    laptop.append(kMonday + 100 * i + 50, answer_body(i % 2 ? 1.0 : 0.0));
  }
  std::vector<Event> both = tablet.events();
  both.insert(both.end(), laptop.events().begin(), laptop.events().end());
  laptop.merge(tablet.events(), [](const StoreStatus&) {});
  tablet.merge(laptop.events(), [](const StoreStatus&) {});
  const learner::LearnerState expected = learner::fold(index, both);
  for (const LearnerLog* log : {&tablet, &laptop}) {
    const learner::LearnerState state = learner::fold(index, log->events());
    CHECK(state.attempts == 16);
    CHECK(state.skills[0].p_known == expected.skills[0].p_known);
    CHECK(state.skills[0].ability.value == expected.skills[0].ability.value);
  }
}
