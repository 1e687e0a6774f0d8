#include "web/store_probe.h"

#include <emscripten.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "content/json_document.h"  // the core's reader, linked in already: the probe adds no JSON parser

namespace pathwise::client::web {

namespace {

using store::ProfileText;
using store::Record;
using store::RecordKey;
using store::RecordKind;
using store::StoreFailure;
using store::StoreStatus;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

const char* kind_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::profile: return "profile";
    case RecordKind::journal: return "journal";
    case RecordKind::snapshot: return "snapshot";
    case RecordKind::quarantined: return "quarantined";
  }
  return "?";
}

const char* failure_name(StoreFailure failure) {
  switch (failure) {
    case StoreFailure::none: return "none";
    case StoreFailure::unavailable: return "unavailable";
    case StoreFailure::quota_exceeded: return "quota_exceeded";
    case StoreFailure::version_change: return "version_change";
    case StoreFailure::failed: return "failed";
  }
  return "?";
}

std::string string_of(const json::Value& object, const char* name) {
  const json::Value* found = object.find(name);
  return found ? std::string(found->string()) : std::string();
}

RecordKey key_of(const json::Value& object) {
  RecordKey key;
  const std::string kind = string_of(object, "kind");
  key.kind = kind == "snapshot" ? RecordKind::snapshot
             : kind == "quarantined" ? RecordKind::quarantined
             : kind == "profile" ? RecordKind::profile
                                 : RecordKind::journal;
  key.writer = string_of(object, "writer");
  if (const json::Value* sequence = object.find("sequence")) {
    if (sequence->is_integer && sequence->integer() >= 0) key.sequence = static_cast<std::uint64_t>(sequence->integer());
    if (sequence->kind == json::Kind::string) key.sequence = std::strtoull(std::string(sequence->string()).c_str(), nullptr, 10);
  }
  return key;
}

void write_key(Writer& out, const RecordKey& key) {
  out.Key("kind");
  out.String(kind_name(key.kind));
  out.Key("writer");
  out.String(key.writer.c_str(), static_cast<rapidjson::SizeType>(key.writer.size()));
  out.Key("sequence");
  out.Uint64(key.sequence);
}

void write_records(Writer& out, const std::vector<Record>& records) {
  out.StartArray();
  for (const Record& record : records) {
    out.StartObject();
    write_key(out, record.key);
    out.Key("text");
    out.String(record.text.c_str(), static_cast<rapidjson::SizeType>(record.text.size()));
    out.EndObject();
  }
  out.EndArray();
}

struct Probe final : store::StoreObserver {
  store::RecordStore* store = nullptr;
  int next_id = 1;
  int answering = 0;          // the id whose call is being made: an answer for it now is synchronous
  std::vector<std::string> answers;  // each a JSON object
  std::string results;        // the buffer pw_test_store_results returns

  void answer(int id, const StoreStatus& status, const std::vector<Record>* records,
              const std::vector<ProfileText>* profiles) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("id");
    out.Int(id);
    out.Key("synchronous");
    out.Bool(answering == id);
    out.Key("failure");
    out.String(failure_name(status.failure));
    out.Key("message");
    out.String(status.message.c_str(), static_cast<rapidjson::SizeType>(status.message.size()));
    if (records) {
      out.Key("records");
      write_records(out, *records);
    }
    if (profiles) {
      out.Key("profiles");
      out.StartArray();
      for (const ProfileText& profile : *profiles) {
        out.StartObject();
        out.Key("profile");
        out.String(profile.profile.c_str(), static_cast<rapidjson::SizeType>(profile.profile.size()));
        out.Key("text");
        out.String(profile.text.c_str(), static_cast<rapidjson::SizeType>(profile.text.size()));
        out.EndObject();
      }
      out.EndArray();
    }
    out.EndObject();
    answers.emplace_back(buffer.GetString(), buffer.GetSize());
  }

  void notice(const char* what, const std::string* profile, const store::WriteBatch* batch,
              const StoreStatus* status) {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    out.StartObject();
    out.Key("notice");
    out.String(what);
    if (profile) {
      out.Key("profile");
      out.String(profile->c_str(), static_cast<rapidjson::SizeType>(profile->size()));
    }
    if (batch) {
      out.Key("puts");
      write_records(out, batch->puts);
      out.Key("deletes");
      out.StartArray();
      for (const RecordKey& key : batch->deletes) {
        out.StartObject();
        write_key(out, key);
        out.EndObject();
      }
      out.EndArray();
    }
    if (status) {
      out.Key("failure");
      out.String(failure_name(status->failure));
      out.Key("message");
      out.String(status->message.c_str(), static_cast<rapidjson::SizeType>(status->message.size()));
    }
    out.EndObject();
    answers.emplace_back(buffer.GetString(), buffer.GetSize());
  }

  void written_elsewhere(const std::string& profile, const store::WriteBatch& batch) override {
    notice("written_elsewhere", &profile, &batch, nullptr);
  }
  void profiles_changed_elsewhere() override { notice("profiles_changed", nullptr, nullptr, nullptr); }
  void store_lost(const StoreStatus& why) override { notice("lost", nullptr, nullptr, &why); }

  int call(const char* request_json) {
    const int id = next_id++;
    const json::Document document = json::parse(request_json, "probe request");
    const json::Value& request = document.root;
    const std::string op = string_of(request, "op");
    if (!store || op.empty()) {
      answer(id, {StoreFailure::unavailable, store ? "The probe request is not valid." : "No store yet."},
             nullptr, nullptr);
      return id;
    }
    const std::string profile = string_of(request, "profile");
    answering = id;
    if (op == "write") {
      store::WriteBatch batch;
      if (const json::Value* puts = request.find("puts")) {
        for (const json::Value& put : puts->elements()) {
          Record record{key_of(put), {}};
          const std::string text = string_of(put, "text");
          const json::Value* repeat = put.find("repeat");
          for (std::int64_t i = 0, n = repeat ? repeat->integer() : 1; i < n; ++i) record.text += text;
          const json::Value* invalid = put.find("invalid_utf8");
          if (invalid && invalid->boolean) record.text += '\xff';
          batch.puts.push_back(std::move(record));
        }
      }
      if (const json::Value* deletes = request.find("deletes")) {
        for (const json::Value& key : deletes->elements()) batch.deletes.push_back(key_of(key));
      }
      store->write(profile, std::move(batch), [this, id](const StoreStatus& status) {
        answer(id, status, nullptr, nullptr);
      });
    } else if (op == "load") {
      store->load(profile, [this, id](const StoreStatus& status, std::vector<Record> records) {
        answer(id, status, &records, nullptr);
      });
    } else if (op == "load_profiles") {
      store->load_profiles([this, id](const StoreStatus& status, std::vector<ProfileText> profiles) {
        answer(id, status, nullptr, &profiles);
      });
    } else if (op == "put_profile") {
      store->put_profile(profile, string_of(request, "text"), [this, id](const StoreStatus& status) {
        answer(id, status, nullptr, nullptr);
      });
    } else if (op == "delete_profile") {
      store->delete_profile(profile, [this, id](const StoreStatus& status) { answer(id, status, nullptr, nullptr); });
    } else if (op == "observe") {
      store->set_observer(this);
      answer(id, {}, nullptr, nullptr);
    } else {
      answer(id, {StoreFailure::failed, "Unknown probe op."}, nullptr, nullptr);
    }
    answering = 0;
    return id;
  }

  const char* results_json() {
    results = "[";
    for (std::size_t i = 0; i < answers.size(); ++i) {
      if (i > 0) results += ',';
      results += answers[i];
    }
    results += ']';
    return results.c_str();
  }
};

Probe& probe() {
  static Probe instance;
  return instance;
}

}  // namespace

void set_probe_store(store::RecordStore* store) { probe().store = store; }

}  // namespace pathwise::client::web

extern "C" {

EMSCRIPTEN_KEEPALIVE int pw_test_store_call(const char* request_json) {
  return pathwise::client::web::probe().call(request_json);
}

// Every answer and notice so far, as a JSON array; valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* pw_test_store_results() { return pathwise::client::web::probe().results_json(); }

}  // extern "C"
