#include "store/learner_log.h"

#include <algorithm>

#include "store/record_format.h"

namespace pathwise::store {

using learner::Event;
using learner::EventId;

namespace {

constexpr std::size_t kCompactAfterRecords = 200;   // journal records at load
constexpr std::size_t kCompactAfterAppends = 500;   // events appended in one session

std::string id_key(const EventId& id) { return id.device + '\x1f' + std::to_string(id.sequence); }

// Runs `body` with the log if it still exists.
template <class Body>
auto guarded(const std::shared_ptr<LearnerLog*>& self, Body body) {
  return [weak = std::weak_ptr<LearnerLog*>(self), body](const StoreStatus& status) mutable {
    if (auto alive = weak.lock()) body(**alive, status);
  };
}

}  // namespace

LearnerLog::LearnerLog(RecordStore& store, std::string profile, std::string writer)
    : store_(store), profile_(std::move(profile)), writer_(std::move(writer)) {}

LearnerLog::Added LearnerLog::add_event(Event event) {
  const std::string key = id_key(event.id);
  auto found = index_of_.find(key);
  if (found != index_of_.end()) {
    return event_json(events_[found->second]) == event_json(event) ? Added::repeated : Added::conflict;
  }
  index_of_.emplace(key, events_.size());
  events_.push_back(std::move(event));
  ++revision_;
  return Added::added;
}

void LearnerLog::load(Done done) {
  store_.load(profile_, [weak = std::weak_ptr<LearnerLog*>(self_), done](const StoreStatus& status,
                                                                        std::vector<Record> records) {
    auto alive = weak.lock();
    if (!alive) return;
    LearnerLog& log = **alive;
    if (!status.ok()) return done(status);
    WriteBatch set_aside;
    for (Record& record : records) {
      if (record.key.kind == RecordKind::quarantined) {
        log.report_.set_aside.push_back("a record set aside earlier (" + record.key.writer + ") is still kept");
        continue;
      }
      if (record.key.kind != RecordKind::journal && record.key.kind != RecordKind::snapshot) continue;
      ++log.report_.records;
      DecodedEvents decoded = decode_events_record(record.text);
      if (decoded.problem == RecordProblem::newer) {
        ++log.report_.newer;
        continue;
      }
      if (decoded.problem == RecordProblem::damaged) {
        log.report_.set_aside.push_back(decoded.message);
        set_aside.puts.push_back(Record{quarantined_key(record.key), record.text});
        set_aside.deletes.push_back(record.key);
        continue;
      }
      bool conflicted = false;
      for (Event& event : decoded.events) {
        const EventId id = event.id;
        switch (log.add_event(std::move(event))) {
          case Added::added: break;
          case Added::repeated: ++log.report_.repeated; break;
          case Added::conflict:
            conflicted = true;
            log.report_.conflicts.push_back("event " + id.device + "/" + std::to_string(id.sequence) +
                                            " is stored twice with different contents; the first copy is used");
            break;
        }
      }
      // The conflicting copy is kept aside when compaction removes its record, never dropped.
      if (conflicted) log.keep_aside_on_compaction_.push_back(record);
      log.known_records_.push_back(record.key);
      if (record.key.kind == RecordKind::snapshot && record.key.writer == log.writer_) {
        log.next_snapshot_ = std::max(log.next_snapshot_, record.key.sequence + 1);
      }
    }
    // Our writer id is fresh, but a reused one (a test, a restored backup) must never overwrite its past.
    for (const Event& event : log.events_) {
      if (event.id.device == log.writer_) log.next_sequence_ = std::max(log.next_sequence_, event.id.sequence + 1);
    }
    log.report_.events = log.events_.size();
    if (!set_aside.puts.empty()) {
      // Best effort: if moving them aside fails they stay where they are and are set aside on a later load.
      log.store_.write(log.profile_, std::move(set_aside), [](const StoreStatus&) {});
    }
    done(StoreStatus{});
  });
}

EventId LearnerLog::append(learner::Seconds time, learner::EventBody body) {
  Event event{EventId{writer_, next_sequence_++}, time, std::move(body)};
  const EventId id = event.id;
  add_event(std::move(event));
  save_states_[id_key(id)] = SaveState::saving;
  known_records_.push_back(RecordKey{RecordKind::journal, id.device, id.sequence});
  ++appended_since_compaction_;
  write_event(index_of_.at(id_key(id)));
  return id;
}

void LearnerLog::write_event(std::size_t index) {
  const Event& event = events_[index];
  const std::string key = id_key(event.id);
  WriteBatch batch;
  batch.puts.push_back(Record{RecordKey{RecordKind::journal, event.id.device, event.id.sequence},
                              encode_event_record(event)});
  store_.write(profile_, std::move(batch), guarded(self_, [key](LearnerLog& log, const StoreStatus& status) {
                 SaveState& state = log.save_states_[key];
                 if (status.ok()) {
                   state = SaveState::saved;
                 } else if (state != SaveState::saved) {  // a compaction may have saved it meanwhile
                   state = SaveState::failed;
                   log.last_failure_ = status;
                 }
                 ++log.revision_;
               }));
}

SaveState LearnerLog::save_state(const EventId& id) const {
  auto found = save_states_.find(id_key(id));
  return found == save_states_.end() ? SaveState::saved : found->second;  // loaded events are durable
}

std::size_t LearnerLog::unsaved_count() const {
  return static_cast<std::size_t>(std::count_if(save_states_.begin(), save_states_.end(),
                                                [](const auto& entry) { return entry.second != SaveState::saved; }));
}

std::size_t LearnerLog::failed_count() const {
  return static_cast<std::size_t>(std::count_if(save_states_.begin(), save_states_.end(),
                                                [](const auto& entry) { return entry.second == SaveState::failed; }));
}

void LearnerLog::retry_failed() {
  for (auto& [key, state] : save_states_) {
    if (state != SaveState::failed) continue;
    state = SaveState::saving;
    write_event(index_of_.at(key));
  }
  ++revision_;
}

bool LearnerLog::wants_compaction() const {
  const auto journal = std::count_if(known_records_.begin(), known_records_.end(),
                                     [](const RecordKey& key) { return key.kind == RecordKind::journal; });
  return static_cast<std::size_t>(journal) > kCompactAfterRecords ||
         appended_since_compaction_ >= kCompactAfterAppends;
}

void LearnerLog::compact(Done done) {
  std::vector<const Event*> everything;
  everything.reserve(events_.size());
  for (const Event* event : learner::canonical_order(events_).events) everything.push_back(event);
  const RecordKey snapshot_key{RecordKind::snapshot, writer_, next_snapshot_++};
  WriteBatch batch;
  batch.puts.push_back(Record{snapshot_key, encode_snapshot_record(everything)});
  for (const Record& record : keep_aside_on_compaction_) {
    batch.puts.push_back(Record{quarantined_key(record.key), record.text});
  }
  batch.deletes = known_records_;
  std::vector<std::string> included;
  for (const auto& [key, state] : save_states_) included.push_back(key);
  const std::vector<RecordKey> replaced = known_records_;
  store_.write(profile_, std::move(batch),
               guarded(self_, [done, snapshot_key, replaced, included](LearnerLog& log, const StoreStatus& status) {
                 if (status.ok()) {
                   // Records learned of while the write was in flight stay known; the replaced ones are gone.
                   std::vector<RecordKey> remaining;
                   for (const RecordKey& key : log.known_records_) {
                     if (std::find(replaced.begin(), replaced.end(), key) == replaced.end()) remaining.push_back(key);
                   }
                   remaining.push_back(snapshot_key);
                   log.known_records_ = std::move(remaining);
                   log.keep_aside_on_compaction_.clear();
                   log.appended_since_compaction_ = 0;
                   // The snapshot holds every event appended so far, so even one whose own write failed is durable.
                   for (const std::string& key : included) log.save_states_[key] = SaveState::saved;
                   ++log.revision_;
                 }
                 done(status);
               }));
}

MergeResult LearnerLog::merge(const std::vector<Event>& events, Done done) {
  MergeResult result;
  std::vector<const Event*> fresh;
  std::unordered_set<std::string> seen;
  for (const Event& event : events) {
    const std::string key = id_key(event.id);
    auto found = index_of_.find(key);
    if (found != index_of_.end()) {
      if (event_json(events_[found->second]) != event_json(event)) {
        result.conflict = "event " + event.id.device + "/" + std::to_string(event.id.sequence) +
                          " is already here with different contents";
        return result;
      }
      ++result.known;
    } else if (seen.insert(key).second) {
      fresh.push_back(&event);
    } else {
      ++result.known;
    }
  }
  result.added = fresh.size();
  if (fresh.empty()) {
    done(StoreStatus{});
    return result;
  }
  const RecordKey snapshot_key{RecordKind::snapshot, writer_, next_snapshot_++};
  WriteBatch batch;
  batch.puts.push_back(Record{snapshot_key, encode_snapshot_record(fresh)});
  std::vector<Event> copies;
  copies.reserve(fresh.size());
  for (const Event* event : fresh) copies.push_back(*event);
  store_.write(profile_, std::move(batch),
               guarded(self_, [done, snapshot_key, copies = std::move(copies)](LearnerLog& log,
                                                                                const StoreStatus& status) mutable {
                 if (status.ok()) {
                   for (Event& event : copies) log.add_event(std::move(event));
                   log.known_records_.push_back(snapshot_key);
                 }
                 done(status);
               }));
  return result;
}

void LearnerLog::absorb_record(const Record& record) {
  if (record.key.kind != RecordKind::journal && record.key.kind != RecordKind::snapshot) return;
  DecodedEvents decoded = decode_events_record(record.text);
  if (decoded.problem != RecordProblem::none) return;  // our own load will meet it and say so
  for (Event& event : decoded.events) add_event(std::move(event));
  if (std::find(known_records_.begin(), known_records_.end(), record.key) == known_records_.end()) {
    known_records_.push_back(record.key);
  }
}

void LearnerLog::absorb(const WriteBatch& batch) {
  for (const RecordKey& key : batch.deletes) {
    known_records_.erase(std::remove(known_records_.begin(), known_records_.end(), key), known_records_.end());
  }
  for (const Record& record : batch.puts) absorb_record(record);
  ++revision_;
}

}  // namespace pathwise::store
