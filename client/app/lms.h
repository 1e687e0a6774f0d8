// Pathwise inside an LMS (SCORM 2004 4th Edition): what the page's shell (shell/lms.js) learned from the LMS
// at launch, and the small pure rules the app applies to it. The shell talks to the LMS's API object; the app
// opens the LMS learner's own profile (no picker), merges the progress the LMS kept for them before the path is
// shown, and after each saved event tells the shell what to report (lms_progress_json). No ImGui, no browser.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pathwise::client {

struct LmsLaunch {
  bool active = false;        // an LMS learner was given: the app opens their profile, never the picker
  std::string learner_id;     // cmi.learner_id, as the LMS gave it
  std::string learner_name;   // cmi.learner_name, as the LMS gave it
  std::string entry;          // cmi.entry: "ab-initio", "resume" or ""
  std::string progress_text;  // cmi.suspend_data decoded by the shell: a pathwise.progress/1 file, or ""
  std::string notice;         // what went wrong at launch, in sentences for the learner ("" when nothing did)
  bool mirror = false;        // the shell may write progress to the LMS (the app asks after each saved event)
};

// Reads the shell's launch description (JSON: {"active", "learner_id", "learner_name", "entry", "progress",
// "notice", "mirror"}). Never throws: text that is not such an object gives an inactive launch whose notice
// says so. Missing fields keep their defaults.
LmsLaunch parse_lms_launch(std::string_view json);

// The profile of an LMS learner on this device: "l" and 16 hex digits of SHA-256 over the LMS learner id, so the
// same LMS learner always opens the same profile, and any id (up to SCORM's 4,000 characters, any characters)
// becomes a well-formed store id.
std::string lms_profile_id(std::string_view learner_id);

// A profile name from cmi.learner_name: trimmed, control characters removed, cut to the store's 60 bytes at a
// UTF-8 character boundary; "Learner" when nothing is left.
std::string lms_profile_name(std::string_view learner_name);

// The course measured for the LMS: the open course's skills and how many are mastered (BKT).
struct LmsCourseProgress {
  std::string course;
  int skills = 0;
  int mastered = 0;
};

// What the app asks the shell to report after a saved event, as JSON:
//   {"events": N, "course": {"id": "...", "skills": S, "mastered": M} | null}
// The shell then exports the progress itself (the newest events that fit) and sets the SCORM statuses.
std::string lms_progress_json(std::size_t events, const std::optional<LmsCourseProgress>& course);

}  // namespace pathwise::client
