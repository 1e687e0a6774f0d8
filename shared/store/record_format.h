// What a stored record says and how it is sealed. Every record kept in a RecordStore is one line of text:
//
//   v1 8f3a91c2 {"dev":"t9f3k2","seq":12,"t":1795400000,"attempt":{...}}
//
// the record format version, the CRC-32C of the payload (crc32c.h) in hex, and the payload: JSON written by
// cereal. The payload of a journal record is one event (event_json.h); of a snapshot, {"events":[...]}; of a
// profile record, the profile below. A reader checks the checksum before it parses anything, so a torn write
// or a flipped bit is caught as damage, never misread as a different answer.
//
// Versions. Version 1 is the first. A reader accepts every earlier version (fixtures of each are kept under
// tests/fixtures/store/) and recognises a newer one as newer: such a record is left where it is, untouched,
// and the learner is told that a newer Pathwise wrote it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learner/clock_time.h"
#include "learner/events.h"

namespace pathwise::store {

constexpr int kRecordFormatVersion = 1;

// "v1 <crc> <payload>".
std::string seal(std::string_view payload);

enum class RecordProblem {
  none,
  damaged,   // no valid seal, checksum mismatch, or a payload that does not read: quarantine it
  newer,     // written by a newer Pathwise (version > kRecordFormatVersion): leave it alone
};

struct DecodedEvents {
  RecordProblem problem = RecordProblem::none;
  std::string message;               // one plain sentence when problem != none
  std::vector<learner::Event> events;
};

std::string encode_event_record(const learner::Event& event);
std::string encode_snapshot_record(const std::vector<const learner::Event*>& events);
// A journal or snapshot record, whichever `text` is. All or nothing: a record with one bad event is damaged.
DecodedEvents decode_events_record(std::string_view text);

// The canonical JSON of one event (no seal): equal texts mean equal events. Used to tell a repeated event
// (same id, same content: counted once) from a conflict (same id, different content: refused).
std::string event_json(const learner::Event& event);

struct CourseVersion {
  std::string course;
  std::string version;
  bool operator==(const CourseVersion& other) const { return course == other.course && version == other.version; }
};

// A learner on this device. The PIN is a privacy screen between classmates sharing a tablet, not security:
// four digits are 10,000 guesses, and anyone with the device's developer tools can read the records anyway.
// Only a salted SHA-256 of it is stored, so it is not shown in plain text to someone browsing storage.
struct Profile {
  std::string name;
  int avatar = 0;                  // index into the app's avatar set
  std::string pin_salt;            // hex; empty when there is no PIN
  std::string pin_hash;            // hex SHA-256 of salt + PIN
  learner::Seconds created = 0;
  learner::Seconds opened = 0;     // last time this profile was opened here: the one to open next time
  std::vector<CourseVersion> courses;  // courses practised, with the version last seen

  bool has_pin() const { return !pin_hash.empty(); }
};

constexpr std::size_t kMaxProfileNameBytes = 60;

std::string encode_profile_record(const Profile& profile);
struct DecodedProfile {
  RecordProblem problem = RecordProblem::none;
  std::string message;
  Profile profile;
};
DecodedProfile decode_profile_record(std::string_view text);

// PIN handling: four ASCII digits; the hash as stored. `salt` comes from the platform's randomness.
bool is_pin(std::string_view pin);
std::string pin_hash(std::string_view salt, std::string_view pin);

}  // namespace pathwise::store
