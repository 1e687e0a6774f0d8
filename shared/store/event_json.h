// Events as JSON, through cereal: the one place that knows how an event is spelled on disk and in progress
// files, shared by record_format.cpp (IndexedDB and file records) and report/progress_file.cpp (exports).
//
// An event is an object with its id, its time and exactly one member named by its kind:
//   {"dev":"t9f3k2","seq":12,"t":1795400000,"attempt":{"act":"fractions.add.3","resp":"3/4","score":1,"secs":12.4}}
// Kinds: attempt, shown, session_start, session_end, goal, reflection, confidence, challenge. Fields that hold
// their default value are left out, which keeps records small (IndexedDB keeps one per answer), and a reader
// accepts the members in any order. An unknown member is an error: a file of this format version was made by
// this code, so an unknown member means damage or an edit, not a newer writer (that one would write a newer
// version, which the reader reports as such).
//
// cereal reports problems by throwing; these functions catch nothing. Callers (record_format.cpp,
// progress_file.cpp) catch cereal::Exception at their boundary and turn it into a sentence with the path
// recorded in `EventJsonReader::where`. The web client is built with -fwasm-exceptions for this.
#pragma once

#include <cereal/archives/json.hpp>

#include <streambuf>
#include <string>
#include <string_view>

#include "learner/events.h"
#include "store/record_format.h"

namespace pathwise::store {

// Writes `event`'s members into the archive's current object node.
void save_event_members(cereal::JSONOutputArchive& archive, const learner::Event& event);
// Writes `"events": [{...}, ...]` into the archive's current object node (snapshots, progress files).
void save_events(cereal::JSONOutputArchive& archive, const std::vector<const learner::Event*>& events);

// The courses practised, `"courses": [{"id": ..., "version": ...}, ...]` (profile records, progress files).
void save_course_versions(cereal::JSONOutputArchive& archive, const std::vector<CourseVersion>& courses);
// Reads that array; the archive is at the "courses" member. Throws like the reader below.
std::vector<CourseVersion> read_course_versions(cereal::JSONInputArchive& archive);

// Reads an event from the archive's current object node (its members, in any order).
class EventJsonReader {
 public:
  explicit EventJsonReader(cereal::JSONInputArchive& archive) : archive_(archive) {}

  // Throws cereal::Exception on a missing, unknown or ill-typed member; on return, problem() is empty when the
  // values are also sensible (ids well formed, scores in 0..1, ...), else it says what is wrong.
  learner::Event read_members();
  // Reads the array of events the archive is at (the "events" member), appending to `out`; stops after the
  // first event with a problem. Paths in messages are "/events/<index>/...".
  void read_events(std::vector<learner::Event>& out);

  // Where reading was when it stopped ("/events/12/attempt/score") and what it expected there ("a number").
  const std::string& where() const { return where_; }
  const char* expected() const { return expected_; }
  const std::string& problem() const { return problem_; }
  // Sets the path prefix of the event being read (e.g. "/events/12"), for messages.
  void set_base(std::string base) { base_ = std::move(base); }

 private:
  template <class T>
  void read(T& out, const char* expected);
  void read_attempt(learner::Attempt& attempt);
  void read_goal(learner::GoalSet& goal);
  void enter(const char* name);
  void check(const learner::Event& event);

  cereal::JSONInputArchive& archive_;
  std::string base_;
  std::string where_;
  const char* expected_ = "an object";
  std::string problem_;
};

// Well-formed writer (device or tab) ids: 1 to 64 of A-Z a-z 0-9 _ -. They become keys and file names.
bool is_writer_id(std::string_view text);

// Compact JSON from cereal's pretty printer: drops the line breaks and the spaces it puts between tokens
// (whitespace inside strings is kept; JSON strings never hold a raw line break). Records stay one line.
std::string minify_json(std::string_view pretty);

// A stream buffer over bytes that are not copied: cereal's input archive reads from a std::istream, and a
// snapshot can be megabytes. The bytes must outlive the buffer; nothing writes through it.
class ViewStreamBuffer : public std::streambuf {
 public:
  explicit ViewStreamBuffer(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());
    setg(begin, begin, begin + bytes.size());
  }
};

}  // namespace pathwise::store
