// One learner's event log on this device: the events the app folds into state, kept in a RecordStore so that
// nothing a learner does is lost. The log is the only writer of learner records; screens never touch the store.
//
// How records are laid out (record_store.h, record_format.h):
//  - every new event is appended as its own journal record, keyed by its id, in its own durable write; the app
//    shows an answer as saved only when save_state() says so;
//  - compaction writes one snapshot record holding every event this log knows and, in the same atomic write,
//    deletes exactly the records those events came from. Two tabs compacting at once each write their own
//    snapshot (keys differ by writer) and delete only what they knew: the union of what remains is complete,
//    at worst with duplicates, which load() counts once. No read-modify-write, so no lost update;
//  - a record that cannot be read is moved aside (quarantined, kept), the rest loads, and the learner is told;
//    a record from a newer Pathwise is left in place and never deleted by compaction.
//
// Each tab (or process) is its own writer: `writer` must be unique to it (the platform draws 64 random bits),
// and its events are numbered 1, 2, 3, ... So two tabs on one profile never write the same key, and every event
// is present exactly once after any interleaving.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "learner/events.h"
#include "store/record_store.h"

namespace pathwise::store {

enum class SaveState { saving, saved, failed };

struct LoadReport {
  std::size_t records = 0;               // journal and snapshot records read
  std::size_t events = 0;                // distinct events loaded
  std::size_t repeated = 0;              // copies of an event already loaded (after an interrupted compaction)
  std::vector<std::string> set_aside;    // one sentence per record that could not be read (quarantined)
  std::size_t newer = 0;                 // records written by a newer Pathwise, left in place
  std::vector<std::string> conflicts;    // events stored twice with different contents (the first is used)
};

// What merge() did with a batch of events from elsewhere (an imported progress file).
struct MergeResult {
  std::size_t added = 0;      // events new to this log
  std::size_t known = 0;      // events it already had, identical
  std::string conflict;       // non-empty: an event with a known id but different contents; nothing was merged
};

class LearnerLog {
 public:
  using Done = std::function<void(const StoreStatus&)>;

  // `profile` and `writer` are well-formed ids (is_writer_id). The store must outlive the log.
  LearnerLog(RecordStore& store, std::string profile, std::string writer);

  // Reads every record of the profile. The events are available when `done` runs (even when some records were
  // set aside: see load_report()); on a store failure there are none and the status says why.
  void load(Done done);
  const LoadReport& load_report() const { return report_; }

  // Adds an event that happened now on this device, with this writer's next sequence number. It is part of
  // events() at once; save_state() is `saving` until the store confirms it is durable, then `saved`, or
  // `failed` (see last_failure(); retry() sends it again: same key, so a retry can never duplicate it).
  learner::EventId append(learner::Seconds time, learner::EventBody body);
  SaveState save_state(const learner::EventId& id) const;
  std::size_t unsaved_count() const;   // events appended here and not yet durable
  std::size_t failed_count() const;
  const StoreStatus& last_failure() const { return last_failure_; }
  void retry_failed();

  // Compaction (see above). Done when it is durable; on failure nothing changed.
  bool wants_compaction() const;
  void compact(Done done);

  // Adds events from elsewhere in one atomic write (a snapshot record). An event already known with the same
  // contents is skipped, so merging the same events twice changes nothing; an event with a known id and other
  // contents is a conflict and refuses the whole merge. The events join events() only once durable.
  MergeResult merge(const std::vector<learner::Event>& events, Done done);

  // Another tab wrote `batch` to this profile: its new events join this log (the app then refreshes).
  void absorb(const WriteBatch& batch);

  // Every distinct event, in the order this log learned of them (fold through learner::canonical_order).
  const std::vector<learner::Event>& events() const { return events_; }
  // Increases whenever events() changes.
  std::uint64_t revision() const { return revision_; }
  const std::string& profile() const { return profile_; }
  const std::string& writer() const { return writer_; }

 private:
  // Adds the event unless its id is known; reports a conflict when the known copy differs.
  enum class Added { added, repeated, conflict };
  Added add_event(learner::Event event);
  void absorb_record(const Record& record);
  void write_event(std::size_t index);

  RecordStore& store_;
  std::string profile_;
  std::string writer_;
  std::uint64_t next_sequence_ = 1;
  std::uint64_t next_snapshot_ = 1;
  std::vector<learner::Event> events_;
  std::unordered_map<std::string, std::size_t> index_of_;         // id key -> position in events_
  std::unordered_map<std::string, SaveState> save_states_;        // events appended by this writer
  std::vector<RecordKey> known_records_;                          // journal and snapshot keys whose events we hold
  std::vector<Record> keep_aside_on_compaction_;                  // records with conflicts: quarantined, not deleted
  StoreStatus last_failure_;
  LoadReport report_;
  std::uint64_t revision_ = 0;
  std::size_t appended_since_compaction_ = 0;
  // Store callbacks may arrive after the log is gone (the learner switched profile with a write in flight):
  // they hold this weakly and do nothing once it has expired.
  std::shared_ptr<LearnerLog*> self_ = std::make_shared<LearnerLog*>(this);
};

}  // namespace pathwise::store
