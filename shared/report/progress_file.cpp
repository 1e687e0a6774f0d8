#include "report/progress_file.h"

#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <optional>
#include <sstream>

#include "content/diagnostic.h"
#include "content/json_document.h"
#include "content/sha256.h"
#include "store/event_json.h"

namespace pathwise::report {

using cereal::make_nvp;

namespace {

// Everything but the checksum, in canonical form (the text the checksum covers).
std::string canonical_body(const ProgressFile& progress) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options::NoIndent());
    archive(make_nvp("format", std::string(kProgressFormat)), make_nvp("app", progress.app),
            make_nvp("exported", learner::format_iso8601(progress.exported)));
    archive.setNextName("profile");
    archive.startNode();
    archive(make_nvp("name", progress.name), make_nvp("avatar", progress.avatar));
    archive.finishNode();
    store::save_course_versions(archive, progress.courses);
    std::vector<const learner::Event*> events;
    events.reserve(progress.events.size());
    for (const learner::Event& event : progress.events) events.push_back(&event);
    store::save_events(archive, events);
  }
  return store::minify_json(out.str());
}

std::string with_checksum(std::string body) {
  const std::string checksum = "sha256:" + sha256_hex(body);
  body.pop_back();  // the closing brace
  body += ",\"checksum\":\"" + checksum + "\"}";
  return body;
}

}  // namespace

std::string write_progress_file(const ProgressFile& progress) { return with_checksum(canonical_body(progress)); }

ProgressReadResult read_progress_file(std::string_view text, std::string_view file_name) {
  ProgressReadResult result;
  const std::string file(file_name.empty() ? "progress file" : file_name);
  auto refuse = [&](std::string where, std::string sentence) {
    result.ok = false;
    result.message = file + ": " + (where.empty() ? "" : where + ": ") + sentence;
    return result;
  };
  if (text.size() > kMaxProgressFileBytes) return refuse("", "the file is larger than 64 MB; it is not a progress file");

  // The gate: located syntax errors, nesting and size limits, before the recursive reader behind cereal.
  json::Document document = json::parse(text, file);
  for (const Diagnostic& diagnostic : document.diagnostics) {
    if (diagnostic.severity == Severity::error) {
      result.message = format_diagnostic(diagnostic) + " (this file is not a readable progress file)";
      return result;
    }
  }
  if (document.root.kind != json::Kind::object) {
    return refuse("", "this is not a Pathwise progress file (it is not a JSON object)");
  }

  store::ViewStreamBuffer buffer(text);
  std::istream stream(&buffer);
  ProgressFile& progress = result.progress;
  std::string where = "/";
  std::optional<store::EventJsonReader> reader;
  std::string format;
  std::string exported;
  std::string checksum;
  try {
    cereal::JSONInputArchive archive(stream);
    while (const char* member = archive.getNodeName()) {
      const std::string name = member;
      where = "/" + name;
      if (name == "format") {
        archive(format);
        if (format != kProgressFormat) {
          if (format.rfind("pathwise.progress/", 0) == 0) {
            return refuse("/format", "this progress file was made by a newer version of Pathwise (" + format +
                                         "); update Pathwise to import it");
          }
          return refuse("/format", "this is not a Pathwise progress file (format " + quoted(format) + ")");
        }
      } else if (name == "app") {
        archive(progress.app);
      } else if (name == "exported") {
        archive(exported);
      } else if (name == "profile") {
        archive.startNode();
        while (const char* field = archive.getNodeName()) {
          where = std::string("/profile/") + field;
          if (where == "/profile/name") archive(progress.name);
          else if (where == "/profile/avatar") archive(progress.avatar);
          else throw cereal::Exception("unknown member");
        }
        archive.finishNode();
      } else if (name == "courses") {
        progress.courses = store::read_course_versions(archive);
      } else if (name == "events") {
        reader.emplace(archive);
        reader->read_events(progress.events);
        if (!reader->problem().empty()) return refuse(reader->where(), reader->problem());
        reader.reset();
      } else if (name == "checksum") {
        archive(checksum);
      } else {
        throw cereal::Exception("unknown member");
      }
    }
  } catch (const cereal::Exception& error) {
    if (reader) return refuse(reader->where(), std::string("expected ") + reader->expected() + " here");
    if (std::string(error.what()) == "unknown member") return refuse(where, "this member is not part of the format");
    return refuse(where, "this value has the wrong type");
  } catch (const char*) {  // a rapidjson check failed (cmake/ThirdPartyHeaders.cmake): a value of the wrong type
    if (reader) return refuse(reader->where(), std::string("expected ") + reader->expected() + " here");
    return refuse(where, "this value has the wrong type");
  }
  if (format.empty()) return refuse("", "this is not a Pathwise progress file (it has no \"format\")");
  const auto time = learner::parse_iso8601(exported);
  if (!time) return refuse("/exported", "the export time is not a date and time such as 2026-11-23T10:00:00Z");
  progress.exported = *time;
  if (progress.name.empty() || progress.name.size() > store::kMaxProfileNameBytes) {
    return refuse("/profile/name", "the learner's name must be 1 to 60 bytes");
  }
  if (checksum.empty()) return refuse("", "the file has no checksum; it may have been cut short or edited");
  if (checksum != "sha256:" + sha256_hex(canonical_body(progress))) {
    return refuse("/checksum", "the checksum does not match the contents: the file was changed or damaged "
                               "after it was downloaded, so it is not imported");
  }
  result.ok = true;
  return result;
}

std::string progress_file_name(std::string_view learner_name, learner::Seconds now) {
  std::string safe;
  for (char c : learner_name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep) safe += c;
    else if (!safe.empty() && safe.back() != '-') safe += '-';
  }
  while (!safe.empty() && safe.back() == '-') safe.pop_back();
  if (safe.empty()) safe = "learner";
  return "pathwise-progress-" + safe + "-" + learner::format_iso8601(now).substr(0, 10) + ".json";
}

}  // namespace pathwise::report
