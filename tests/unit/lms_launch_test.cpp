// The app's rules for an LMS launch (client/app/lms.h): the shell's description read defensively, the LMS
// learner's profile id and name, and what the app asks the shell to report.
#include <doctest/doctest.h>

#include <string>

#include "app/lms.h"
#include "store/event_json.h"

using namespace pathwise::client;

TEST_CASE("an LMS launch is read from the shell's JSON, defensively") {
  LmsLaunch launch = parse_lms_launch(
      R"({"active":true,"learner_id":"ana-17","learner_name":"Ana","entry":"resume","progress":"{}","notice":"","mirror":true})");
  CHECK(launch.active);
  CHECK(launch.mirror);
  CHECK(launch.learner_id == "ana-17");
  CHECK(launch.learner_name == "Ana");
  CHECK(launch.entry == "resume");
  CHECK(launch.progress_text == "{}");
  CHECK(launch.notice.empty());

  // Not JSON, or not an object: inactive, with a sentence.
  for (const char* bad : {"", "nonsense", "[1,2]", "\"text\""}) {
    LmsLaunch broken = parse_lms_launch(bad);
    CHECK_FALSE(broken.active);
    CHECK_FALSE(broken.mirror);
    CHECK_FALSE(broken.notice.empty());
  }
  // Wrong types keep the defaults.
  LmsLaunch typed = parse_lms_launch(R"({"active":"yes","learner_id":7,"mirror":1})");
  CHECK_FALSE(typed.active);
  CHECK_FALSE(typed.mirror);
  CHECK(typed.learner_id.empty());
  // An LMS learner without an id cannot be told from the next learner: the page runs on its own learners.
  LmsLaunch anonymous = parse_lms_launch(R"({"active":true,"learner_id":"","mirror":true,"notice":"x."})");
  CHECK_FALSE(anonymous.active);
  CHECK_FALSE(anonymous.mirror);
  CHECK(anonymous.notice.find("no learner id") != std::string::npos);
}

TEST_CASE("an LMS learner id gives the same well-formed profile id every time") {
  const std::string id = lms_profile_id("ana-17");
  CHECK(id == lms_profile_id("ana-17"));
  CHECK(id != lms_profile_id("ana-18"));
  CHECK(id.size() == 17);
  CHECK(id[0] == 'l');
  CHECK(pathwise::store::is_writer_id(id));
  CHECK(pathwise::store::is_writer_id(lms_profile_id(std::string(4000, '/'))));
  CHECK(pathwise::store::is_writer_id(lms_profile_id("")));
}

TEST_CASE("an LMS learner name becomes a profile name") {
  CHECK(lms_profile_name("  Ana  ") == "Ana");
  CHECK(lms_profile_name("Pérez, Ana") == "Pérez, Ana");
  CHECK(lms_profile_name("") == "Learner");
  CHECK(lms_profile_name(" \t\n ") == "Learner");
  CHECK(lms_profile_name("An\x01" "a") == "An a");
  // Cut to 60 bytes without splitting a character: 30 two-byte letters fit, the 31st does not.
  std::string long_name;
  for (int i = 0; i < 40; ++i) long_name += "é";
  const std::string cut = lms_profile_name(long_name);
  CHECK(cut.size() == 60);
  CHECK(cut == long_name.substr(0, 60));
  CHECK(lms_profile_name(std::string(59, 'a') + "é").size() == 59);
}

TEST_CASE("the progress the app asks the shell to report") {
  CHECK(lms_progress_json(0, std::nullopt) == R"({"events":0,"course":null})");
  CHECK(lms_progress_json(12, LmsCourseProgress{"fractions", 17, 3}) ==
        R"({"events":12,"course":{"id":"fractions","skills":17,"mastered":3}})");
}
