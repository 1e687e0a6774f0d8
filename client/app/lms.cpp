#include "app/lms.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "content/sha256.h"
#include "store/record_format.h"

namespace pathwise::client {

LmsLaunch parse_lms_launch(std::string_view json) {
  LmsLaunch launch;
  rapidjson::Document document;
  document.Parse<rapidjson::kParseStopWhenDoneFlag>(json.data(), json.size());
  if (document.HasParseError() || !document.IsObject()) {
    launch.notice = "Pathwise could not understand what it learned from the LMS, so it runs on this device only.";
    return launch;
  }
  auto text = [&](const char* key, std::string& into) {
    auto found = document.FindMember(key);
    if (found != document.MemberEnd() && found->value.IsString()) {
      into.assign(found->value.GetString(), found->value.GetStringLength());
    }
  };
  auto flag = [&](const char* key, bool& into) {
    auto found = document.FindMember(key);
    if (found != document.MemberEnd() && found->value.IsBool()) into = found->value.GetBool();
  };
  flag("active", launch.active);
  flag("mirror", launch.mirror);
  text("learner_id", launch.learner_id);
  text("learner_name", launch.learner_name);
  text("entry", launch.entry);
  text("progress", launch.progress_text);
  text("notice", launch.notice);
  if (launch.active && launch.learner_id.empty()) {
    // Without an id the learner cannot be told apart from the next one on this computer.
    launch.active = false;
    launch.mirror = false;
    launch.notice += std::string(launch.notice.empty() ? "" : " ") +
                     "The LMS gave no learner id, so Pathwise runs on this device only, with its own learners.";
  }
  return launch;
}

std::string lms_profile_id(std::string_view learner_id) {
  return "l" + sha256_hex("scorm2004\n" + std::string(learner_id)).substr(0, 16);
}

std::string lms_profile_name(std::string_view learner_name) {
  std::string clean;
  for (char c : learner_name) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = ' ';
    clean.push_back(c);
  }
  const auto begin = clean.find_first_not_of(' ');
  if (begin == std::string::npos) return "Learner";
  clean = clean.substr(begin, clean.find_last_not_of(' ') - begin + 1);
  if (clean.size() > store::kMaxProfileNameBytes) {
    std::size_t cut = store::kMaxProfileNameBytes;
    // Back up over continuation bytes (10xxxxxx) so no character is split.
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;
    clean.resize(cut);
    while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  }
  return clean.empty() ? "Learner" : clean;
}

std::string lms_progress_json(std::size_t events, const std::optional<LmsCourseProgress>& course) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.StartObject();
  out.Key("events");
  out.Uint64(events);
  out.Key("course");
  if (course) {
    out.StartObject();
    out.Key("id");
    out.String(course->course.c_str(), static_cast<rapidjson::SizeType>(course->course.size()));
    out.Key("skills");
    out.Int(course->skills);
    out.Key("mastered");
    out.Int(course->mastered);
    out.EndObject();
  } else {
    out.Null();
  }
  out.EndObject();
  return buffer.GetString();
}

}  // namespace pathwise::client
