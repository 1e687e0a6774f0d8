// Where a learner's records are kept: the storage interface the core writes through, and its three homes
// (memory_store.h for tests, file_store.h for the CLI and native tests, client/web's IndexedDB store).
//
// The store is deliberately dumb: it keeps opaque texts under keys and carries out all-or-nothing writes. What
// a record means, its format version and its checksum are the core's business (record_format.h), so every
// implementation behaves the same and the format is tested once, natively. All calls are asynchronous because
// IndexedDB is: `done` runs exactly once, possibly before the call returns (memory, files) or later (the web).
//
// Keys. Everything belongs to a profile (one learner on this device). Within a profile:
//   - the profile record itself (name, avatar, PIN check);
//   - journal records, one per event, keyed by the event's own id (writer, sequence): writing the same event
//     twice writes the same key, so a retry or a replayed import never duplicates anything;
//   - snapshot records, each holding many events at once (compaction, import), keyed by the writer that made
//     them and a number unique for that writer;
//   - quarantined records: ones that could not be read, moved aside with their original key and text and kept
//     (never deleted) so that nothing a learner did is thrown away, even by a bug in a reader.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pathwise::store {

enum class RecordKind { profile, journal, snapshot, quarantined };

struct RecordKey {
  RecordKind kind = RecordKind::journal;
  std::string writer;          // journal: the event's writer (device or tab); snapshot: who wrote it
  std::uint64_t sequence = 0;  // journal: the event's sequence; snapshot: unique within `writer`

  bool operator==(const RecordKey& other) const {
    return kind == other.kind && sequence == other.sequence && writer == other.writer;
  }
};

struct Record {
  RecordKey key;
  std::string text;
};

// Why a store call failed. Every failure leaves the store as it was before the call (writes are atomic).
enum class StoreFailure {
  none,
  unavailable,     // no storage at all (private mode, disabled by policy, file://): the session runs in memory
  quota_exceeded,  // the browser or disk refused more data
  version_change,  // a newer Pathwise opened the database in another tab: this one must reload
  failed,          // anything else (I/O error, aborted transaction); the message says what
};

struct StoreStatus {
  StoreFailure failure = StoreFailure::none;
  std::string message;  // one plain sentence for the learner or teacher; empty when ok

  bool ok() const { return failure == StoreFailure::none; }
};

// A profile record as stored: the profile's id and the record's text.
struct ProfileText {
  std::string profile;
  std::string text;
};

// One atomic write: every put and every delete happens, or none does. Puts replace an existing record with
// the same key. A write is reported done only once it is durable (IndexedDB durability "strict", fsync).
struct WriteBatch {
  std::vector<Record> puts;
  std::vector<RecordKey> deletes;
};

// The key a record gets when it is quarantined: the original kind is kept in the writer ("journal:tab-3f…"),
// so that two quarantined records never collide and a teacher can see where each came from.
RecordKey quarantined_key(const RecordKey& original);

// Changes a store learns about that did not come from its own calls: another tab of the same site wrote, or the
// browser took the database away (a newer Pathwise asked for a version change). The web store delivers these
// from BroadcastChannel and IndexedDB events; the memory store from its other connections (tests of two tabs).
class StoreObserver {
 public:
  virtual ~StoreObserver() = default;
  // Another tab applied `batch` to `profile` (already durable).
  virtual void written_elsewhere(const std::string& profile, const WriteBatch& batch) = 0;
  // Another tab created, changed or deleted a profile record.
  virtual void profiles_changed_elsewhere() = 0;
  // The store can no longer be used (version_change or failed); every later call fails the same way.
  virtual void store_lost(const StoreStatus& why) = 0;
};

class RecordStore {
 public:
  using Done = std::function<void(const StoreStatus&)>;
  using Loaded = std::function<void(const StoreStatus&, std::vector<Record>)>;
  using ProfilesLoaded = std::function<void(const StoreStatus&, std::vector<ProfileText>)>;

  virtual ~RecordStore() = default;

  // Every profile's profile record, in profile id order.
  virtual void load_profiles(ProfilesLoaded done) = 0;

  // All journal, snapshot and quarantined records of one profile (not its profile record), in key order:
  // kind, then writer, then sequence. An unknown profile loads as empty.
  virtual void load(const std::string& profile, Loaded done) = 0;

  // Applies `batch` to `profile` atomically and durably.
  virtual void write(const std::string& profile, WriteBatch batch, Done done) = 0;

  // Removes the profile and every record it has, quarantined ones included, atomically.
  virtual void delete_profile(const std::string& profile, Done done) = 0;

  // Writes the profile record (creates or replaces it) durably. Its key's kind is `profile`.
  virtual void put_profile(const std::string& profile, std::string text, Done done) = 0;

  // Who hears about changes made elsewhere (nullptr: nobody). Not owned; must outlive the store or be reset.
  virtual void set_observer(StoreObserver* observer) = 0;
};

}  // namespace pathwise::store
