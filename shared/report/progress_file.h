// "Download my progress": the `pathwise.progress/1` file a learner keeps as a backup, carries to another device,
// or hands to a teacher. It holds the profile's name and avatar (never the PIN), the courses practised with
// their versions, every event, and a SHA-256 checksum, e.g.
//
//   {"format":"pathwise.progress/1","app":"0.5.0","exported":"2026-11-23T10:00:00Z",
//    "profile":{"name":"Ana","avatar":3},"courses":[{"id":"fractions","version":"1.2.0"}],
//    "events":[{"dev":"t9f3k2","seq":1,"t":1795400000,"session_start":{}}, ...],
//    "checksum":"sha256:<64 hex digits>"}
//
// The checksum is over the file's canonical form: everything before the checksum, exactly as this code writes
// it. A reader rebuilds that form from what it read and compares, so a value changed by hand (a score raised
// from 0 to 1) is caught, while the file may be re-indented by an editor without harm. It is a check against
// damage and casual edits, not a signature: someone determined can recompute it.
//
// Events are spelled as in storage (store/event_json.h). A reader accepts every earlier version of the format.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "learner/clock_time.h"
#include "learner/events.h"
#include "store/record_format.h"

namespace pathwise::report {

constexpr std::string_view kProgressFormat = "pathwise.progress/1";
constexpr std::size_t kMaxProgressFileBytes = 64u << 20;

struct ProgressFile {
  std::string app;                       // the Pathwise version that wrote it
  learner::Seconds exported = 0;
  std::string name;
  int avatar = 0;
  std::vector<store::CourseVersion> courses;
  std::vector<learner::Event> events;
};

std::string write_progress_file(const ProgressFile& progress);

struct ProgressReadResult {
  bool ok = false;
  std::string message;     // when !ok: "<file>: <where>: <one sentence>", nothing else happened
  ProgressFile progress;
};

// Reads an untrusted file: size, nesting and syntax are checked by the project's located JSON reader before
// cereal sees it, then the format, every event and the checksum.
ProgressReadResult read_progress_file(std::string_view text, std::string_view file_name);

// A file name for the download: "pathwise-progress-<name>-<yyyy-mm-dd>.json", the name reduced to safe
// characters.
std::string progress_file_name(std::string_view learner_name, learner::Seconds now);

}  // namespace pathwise::report
