#include "store/record_format.h"

#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <cstdio>
#include <sstream>

#include "content/json_document.h"
#include "content/sha256.h"
#include "store/crc32c.h"
#include "store/event_json.h"

namespace pathwise::store {

using cereal::make_nvp;

namespace {

struct Unsealed {
  RecordProblem problem = RecordProblem::none;
  std::string message;
  std::string_view payload;
};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

Unsealed unseal(std::string_view text) {
  Unsealed result;
  auto damaged = [&](std::string message) {
    result.problem = RecordProblem::damaged;
    result.message = std::move(message);
    return result;
  };
  if (text.size() < 2 || text[0] != 'v') return damaged("the record does not start with a format version");
  std::size_t at = 1;
  long long version = 0;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9' && version < 1000000) {
    version = version * 10 + (text[at] - '0');
    ++at;
  }
  if (at == 1 || at >= text.size() || text[at] != ' ' || version < 1) {
    return damaged("the record's format version is not readable");
  }
  if (version > kRecordFormatVersion) {
    result.problem = RecordProblem::newer;
    result.message = "the record was written by a newer version of Pathwise (record format " +
                     std::to_string(version) + ")";
    return result;
  }
  ++at;
  if (text.size() < at + 9 || text[at + 8] != ' ') return damaged("the record's checksum is missing");
  std::uint32_t stored = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const int digit = hex_digit(text[at + i]);
    if (digit < 0) return damaged("the record's checksum is not readable");
    stored = (stored << 4) | static_cast<std::uint32_t>(digit);
  }
  result.payload = text.substr(at + 9);
  if (crc32c(result.payload) != stored) {
    return damaged("the record is damaged: its checksum does not match its contents");
  }
  return result;
}

// cereal throws on text that is not JSON at all with a terse assertion; the project's own reader says where.
std::string syntax_problem(std::string_view payload) {
  json::Document document = json::parse(payload, "record");
  for (const Diagnostic& diagnostic : document.diagnostics) {
    if (diagnostic.severity == Severity::error) {
      return "the record is not valid JSON (line " + std::to_string(diagnostic.line) + ", column " +
             std::to_string(diagnostic.column) + ": " + diagnostic.message + ")";
    }
  }
  return {};
}

std::string reading_problem(std::string_view payload, const EventJsonReader* reader, const char* what) {
  if (std::string syntax = syntax_problem(payload); !syntax.empty()) return syntax;
  if (reader && !reader->where().empty()) {
    if (std::string(what) == "unknown member") return "the record has an unknown member at " + reader->where();
    return "the record holds something other than " + std::string(reader->expected()) + " at " + reader->where();
  }
  return std::string("the record does not have the expected shape (") + what + ")";
}

template <class Write>
std::string write_json(Write&& write) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options::NoIndent());
    write(archive);
  }
  return minify_json(out.str());
}

}  // namespace

std::string seal(std::string_view payload) {
  char head[16];
  std::snprintf(head, sizeof head, "v%d %08x ", kRecordFormatVersion, static_cast<unsigned>(crc32c(payload)));
  std::string record = head;
  record.append(payload);
  return record;
}

std::string event_json(const learner::Event& event) {
  return write_json([&](cereal::JSONOutputArchive& archive) { save_event_members(archive, event); });
}

std::string encode_event_record(const learner::Event& event) { return seal(event_json(event)); }

std::string encode_snapshot_record(const std::vector<const learner::Event*>& events) {
  return seal(write_json([&](cereal::JSONOutputArchive& archive) {
    save_events(archive, events);
  }));
}

DecodedEvents decode_events_record(std::string_view text) {
  DecodedEvents result;
  const Unsealed unsealed = unseal(text);
  if (unsealed.problem != RecordProblem::none) {
    result.problem = unsealed.problem;
    result.message = unsealed.message;
    return result;
  }
  ViewStreamBuffer buffer(unsealed.payload);
  std::istream stream(&buffer);
  std::optional<EventJsonReader> reader;
  auto damaged = [&](const char* what) {
    result.problem = RecordProblem::damaged;
    result.message = reading_problem(unsealed.payload, reader ? &*reader : nullptr, what);
    result.events.clear();
  };
  try {
    cereal::JSONInputArchive archive(stream);
    reader.emplace(archive);
    const char* first = archive.getNodeName();
    if (first && std::string(first) == "events") {  // a snapshot
      reader->read_events(result.events);
      if (reader->problem().empty() && archive.getNodeName()) {
        result.problem = RecordProblem::damaged;
        result.message = std::string("the snapshot has an unknown member ") + archive.getNodeName();
        result.events.clear();
        return result;
      }
    } else {
      result.events.push_back(reader->read_members());
    }
    if (!reader->problem().empty()) {
      result.problem = RecordProblem::damaged;
      result.message = "the record holds an impossible value at " +
                       (reader->where().empty() ? std::string("/") : reader->where()) + ": " + reader->problem();
      result.events.clear();
    }
  } catch (const cereal::Exception& error) {
    damaged(error.what());
  } catch (const char* failed_check) {  // rapidjson's checks (cmake/ThirdPartyHeaders.cmake)
    damaged(failed_check);
  }
  return result;
}

std::string encode_profile_record(const Profile& profile) {
  return seal(write_json([&](cereal::JSONOutputArchive& archive) {
    archive(make_nvp("name", profile.name), make_nvp("avatar", profile.avatar));
    if (profile.has_pin()) archive(make_nvp("pin_salt", profile.pin_salt), make_nvp("pin_sha256", profile.pin_hash));
    archive(make_nvp("created", profile.created), make_nvp("opened", profile.opened));
    save_course_versions(archive, profile.courses);
  }));
}

DecodedProfile decode_profile_record(std::string_view text) {
  DecodedProfile result;
  const Unsealed unsealed = unseal(text);
  if (unsealed.problem != RecordProblem::none) {
    result.problem = unsealed.problem;
    result.message = unsealed.message;
    return result;
  }
  ViewStreamBuffer buffer(unsealed.payload);
  std::istream stream(&buffer);
  std::string where;
  auto damaged = [&](const char* what) {
    result.problem = RecordProblem::damaged;
    std::string syntax = syntax_problem(unsealed.payload);
    result.message = !syntax.empty() ? syntax : "the profile record does not read at /" + where + " (" + what + ")";
  };
  try {
    cereal::JSONInputArchive archive(stream);
    Profile& profile = result.profile;
    while (const char* name = archive.getNodeName()) {
      where = name;
      if (where == "name") archive(profile.name);
      else if (where == "avatar") archive(profile.avatar);
      else if (where == "pin_salt") archive(profile.pin_salt);
      else if (where == "pin_sha256") archive(profile.pin_hash);
      else if (where == "created") archive(profile.created);
      else if (where == "opened") archive(profile.opened);
      else if (where == "courses") {
        profile.courses = read_course_versions(archive);
      } else {
        throw cereal::Exception("unknown member");
      }
    }
    if (profile.name.empty() || profile.name.size() > kMaxProfileNameBytes) {
      result.problem = RecordProblem::damaged;
      result.message = "the profile's name must be 1 to 60 bytes";
    } else if (profile.pin_hash.size() != 64 && !profile.pin_hash.empty()) {
      result.problem = RecordProblem::damaged;
      result.message = "the profile's PIN check is not a SHA-256";
    }
  } catch (const cereal::Exception& error) {
    damaged(error.what());
  } catch (const char* failed_check) {  // rapidjson's checks (cmake/ThirdPartyHeaders.cmake)
    damaged(failed_check);
  }
  return result;
}

bool is_pin(std::string_view pin) {
  if (pin.size() != 4) return false;
  for (char c : pin) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string pin_hash(std::string_view salt, std::string_view pin) {
  std::string message(salt);
  message += ':';
  message.append(pin);
  return sha256_hex(message);
}

}  // namespace pathwise::store
