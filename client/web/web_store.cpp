#include "web/web_store.h"

#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

extern "C" {
// Implemented in library_pathwise.js (on shell/storage.js). Strings are UTF-8 with explicit lengths; kinds are
// RecordKind values; sequences are doubles holding integers below 2^53.
void pw_js_store_attach();
void pw_js_store_detach();
void pw_js_store_set_listening(int listening);
void pw_js_store_load_profiles(int ticket);
void pw_js_store_load(int ticket, const char* profile, int profile_length);
void pw_js_store_write_begin(int ticket, const char* profile, int profile_length);
void pw_js_store_write_put(int ticket, int kind, const char* writer, int writer_length, double sequence,
                           const char* text, int text_length);
void pw_js_store_write_delete(int ticket, int kind, const char* writer, int writer_length, double sequence);
void pw_js_store_write_commit(int ticket);
void pw_js_store_put_profile(int ticket, const char* profile, int profile_length, const char* text,
                             int text_length);
void pw_js_store_delete_profile(int ticket, const char* profile, int profile_length);
}

namespace pathwise::client::web {

using store::ProfileText;
using store::Record;
using store::RecordKey;
using store::RecordKind;
using store::StoreFailure;
using store::StoreStatus;

namespace {

// Number.MAX_SAFE_INTEGER: the largest sequence a JavaScript Number (and so an IndexedDB key) holds exactly.
constexpr std::uint64_t kMaxSequence = (std::uint64_t{1} << 53) - 1;

// The codes library_pathwise.js sends for StoreFailure.
static_assert(static_cast<int>(StoreFailure::none) == 0 && static_cast<int>(StoreFailure::unavailable) == 1 &&
              static_cast<int>(StoreFailure::quota_exceeded) == 2 &&
              static_cast<int>(StoreFailure::version_change) == 3 && static_cast<int>(StoreFailure::failed) == 4,
              "library_pathwise.js (pwStore.failures) numbers StoreFailure this way");
static_assert(static_cast<int>(RecordKind::journal) == 1 && static_cast<int>(RecordKind::snapshot) == 2 &&
              static_cast<int>(RecordKind::quarantined) == 3,
              "library_pathwise.js (pwStore.kinds) numbers RecordKind this way");

int length_of(const std::string& text) { return static_cast<int>(text.size()); }

StoreStatus status_from(int failure, const char* message, int message_length) {
  StoreStatus status;
  status.failure = failure >= 0 && failure <= static_cast<int>(StoreFailure::failed)
                       ? static_cast<StoreFailure>(failure)
                       : StoreFailure::failed;
  if (status.failure != StoreFailure::none) {
    status.message.assign(message, static_cast<std::size_t>(std::max(message_length, 0)));
    if (status.message.empty()) status.message = "The browser's storage failed without saying why.";
  }
  return status;
}

// A key as JavaScript hands it over; false when it is not one this version can represent.
bool key_from(int kind, const char* writer, int writer_length, double sequence, RecordKey& key) {
  if (kind < static_cast<int>(RecordKind::journal) || kind > static_cast<int>(RecordKind::quarantined)) return false;
  if (!(sequence >= 0.0) || sequence > static_cast<double>(kMaxSequence) || std::floor(sequence) != sequence) {
    return false;
  }
  key.kind = static_cast<RecordKind>(kind);
  key.writer.assign(writer, static_cast<std::size_t>(std::max(writer_length, 0)));
  key.sequence = static_cast<std::uint64_t>(sequence);
  return true;
}

}  // namespace

struct WebStore::State {
  struct Call {
    Done done;
    Loaded loaded;
    ProfilesLoaded profiles_loaded;
  };

  std::function<void()> changed;
  store::StoreObserver* observer = nullptr;
  StoreStatus lost;  // failure != none once the browser took the database away
  int next_ticket = 1;
  std::unordered_map<int, Call> calls;

  // What JavaScript is handing over, for `incoming_ticket` (0: another tab's write). A delivery is one
  // synchronous run, so there is never more than one; a different ticket means a delivery was cut short (a
  // JavaScript error midway) and its leftovers are dropped.
  int incoming_ticket = -1;
  std::string text;  // the next record's text, written in place by JavaScript
  std::vector<Record> records;
  std::vector<ProfileText> profiles;
  std::vector<RecordKey> deletes;

  void begin(int ticket) {
    if (incoming_ticket == ticket) return;
    incoming_ticket = ticket;
    text.clear();
    records.clear();
    profiles.clear();
    deletes.clear();
  }

  void end() { begin(-1); }

  int issue(Call call) {
    const int ticket = next_ticket;
    next_ticket = next_ticket == 0x7fffffff ? 1 : next_ticket + 1;  // 0 is reserved for other tabs' writes
    calls.emplace(ticket, std::move(call));
    return ticket;
  }

  // Runs `answer`, then `changed` (copied first: the answer may destroy the store).
  template <typename Answer>
  void answer_and_tell(Answer&& answer) {
    const std::function<void()> tell = changed;
    answer();
    if (tell) tell();
  }
};

namespace {

WebStore::State* active = nullptr;

// Answers that arrive after the store was destroyed land here and are dropped.
WebStore::State& receiving() {
  static WebStore::State orphan;
  return active ? *active : orphan;
}

}  // namespace

WebStore::WebStore(std::function<void()> changed) : state_(std::make_unique<State>()) {
  state_->changed = std::move(changed);
  active = state_.get();
  pw_js_store_attach();
}

WebStore::~WebStore() {
  pw_js_store_detach();
  if (active == state_.get()) active = nullptr;
}

void WebStore::load_profiles(ProfilesLoaded done) {
  if (!state_->lost.ok()) {
    state_->answer_and_tell([&] { done(state_->lost, {}); });
    return;
  }
  const int ticket = state_->issue({nullptr, nullptr, std::move(done)});
  pw_js_store_load_profiles(ticket);
}

void WebStore::load(const std::string& profile, Loaded done) {
  if (!state_->lost.ok()) {
    state_->answer_and_tell([&] { done(state_->lost, {}); });
    return;
  }
  const int ticket = state_->issue({nullptr, std::move(done), nullptr});
  pw_js_store_load(ticket, profile.data(), length_of(profile));
}

void WebStore::write(const std::string& profile, store::WriteBatch batch, Done done) {
  StoreStatus refused = state_->lost;
  auto check = [&](const RecordKey& key) {
    if (!refused.ok()) return;
    if (key.kind == RecordKind::profile) {
      refused = {StoreFailure::failed, "Nothing was saved: a profile record was given to write() instead of "
                                       "put_profile()."};
    } else if (key.sequence > kMaxSequence) {
      refused = {StoreFailure::failed, "Nothing was saved: a record's sequence number is above 2^53 - 1, which "
                                       "the browser's storage cannot hold exactly."};
    }
  };
  for (const Record& put : batch.puts) check(put.key);
  for (const RecordKey& key : batch.deletes) check(key);
  if (!refused.ok()) {
    state_->answer_and_tell([&] { done(refused); });
    return;
  }
  const int ticket = state_->issue({std::move(done), nullptr, nullptr});
  // JavaScript copies every string out of the wasm memory during these calls: `batch` may go once they return.
  pw_js_store_write_begin(ticket, profile.data(), length_of(profile));
  for (const Record& put : batch.puts) {
    pw_js_store_write_put(ticket, static_cast<int>(put.key.kind), put.key.writer.data(), length_of(put.key.writer),
                          static_cast<double>(put.key.sequence), put.text.data(), length_of(put.text));
  }
  for (const RecordKey& key : batch.deletes) {
    pw_js_store_write_delete(ticket, static_cast<int>(key.kind), key.writer.data(), length_of(key.writer),
                             static_cast<double>(key.sequence));
  }
  pw_js_store_write_commit(ticket);
}

void WebStore::delete_profile(const std::string& profile, Done done) {
  if (!state_->lost.ok()) {
    state_->answer_and_tell([&] { done(state_->lost); });
    return;
  }
  const int ticket = state_->issue({std::move(done), nullptr, nullptr});
  pw_js_store_delete_profile(ticket, profile.data(), length_of(profile));
}

void WebStore::put_profile(const std::string& profile, std::string text, Done done) {
  if (!state_->lost.ok()) {
    state_->answer_and_tell([&] { done(state_->lost); });
    return;
  }
  const int ticket = state_->issue({std::move(done), nullptr, nullptr});
  pw_js_store_put_profile(ticket, profile.data(), length_of(profile), text.data(), length_of(text));
}

void WebStore::set_observer(store::StoreObserver* observer) {
  state_->observer = observer;
  // Without an observer nobody reads other tabs' writes: JavaScript then does not copy them into the wasm.
  pw_js_store_set_listening(observer ? 1 : 0);
}

}  // namespace pathwise::client::web

// Answers from library_pathwise.js. Each call's records arrive first (text buffer, then its key), then one
// pw_store_done; all within one synchronous JavaScript run.
using pathwise::client::web::WebStore;
using pathwise::client::web::receiving;

extern "C" {

// A buffer of `length` bytes for the next record's text, owned by the store: JavaScript encodes into it.
EMSCRIPTEN_KEEPALIVE char* pw_store_text_buffer(int ticket, int length) {
  WebStore::State& state = receiving();
  state.begin(ticket);
  state.text.clear();
  state.text.resize(static_cast<std::size_t>(std::max(length, 0)));
  return state.text.data();
}

// A record of a load(), or a put of another tab's write (ticket 0); its text is the buffer's first
// `text_length` bytes.
EMSCRIPTEN_KEEPALIVE void pw_store_record(int ticket, int kind, const char* writer, int writer_length,
                                          double sequence, int text_length) {
  WebStore::State& state = receiving();
  state.begin(ticket);
  pathwise::store::Record record;
  if (pathwise::client::web::key_from(kind, writer, writer_length, sequence, record.key)) {
    if (text_length >= 0 && static_cast<std::size_t>(text_length) < state.text.size()) state.text.resize(text_length);
    record.text = std::move(state.text);
    state.records.push_back(std::move(record));
  }
  state.text = std::string();
}

// A profile record of a load_profiles(); its text is the buffer's first `text_length` bytes.
EMSCRIPTEN_KEEPALIVE void pw_store_profile(int ticket, const char* profile, int profile_length, int text_length) {
  WebStore::State& state = receiving();
  state.begin(ticket);
  if (text_length >= 0 && static_cast<std::size_t>(text_length) < state.text.size()) state.text.resize(text_length);
  state.profiles.push_back({std::string(profile, static_cast<std::size_t>(std::max(profile_length, 0))),
                            std::move(state.text)});
  state.text = std::string();
}

// A delete of another tab's write (ticket 0).
EMSCRIPTEN_KEEPALIVE void pw_store_deleted(int ticket, int kind, const char* writer, int writer_length,
                                           double sequence) {
  WebStore::State& state = receiving();
  state.begin(ticket);
  pathwise::store::RecordKey key;
  if (pathwise::client::web::key_from(kind, writer, writer_length, sequence, key)) state.deletes.push_back(key);
}

// The call `ticket` finished: failure 0 (with the records delivered before) or a StoreFailure and a sentence.
EMSCRIPTEN_KEEPALIVE void pw_store_done(int ticket, int failure, const char* message, int message_length) {
  WebStore::State& state = receiving();
  state.begin(ticket);
  auto found = state.calls.find(ticket);
  if (found == state.calls.end()) {
    state.end();
    return;
  }
  WebStore::State::Call call = std::move(found->second);
  state.calls.erase(found);
  const pathwise::store::StoreStatus status = pathwise::client::web::status_from(failure, message, message_length);
  std::vector<pathwise::store::Record> records = std::move(state.records);
  std::vector<pathwise::store::ProfileText> profiles = std::move(state.profiles);
  state.end();
  state.answer_and_tell([&] {
    if (call.done) call.done(status);
    if (call.loaded) call.loaded(status, status.ok() ? std::move(records) : std::vector<pathwise::store::Record>{});
    if (call.profiles_loaded) {
      call.profiles_loaded(status, status.ok() ? std::move(profiles) : std::vector<pathwise::store::ProfileText>{});
    }
  });
}

// Another tab wrote to `profile`: the records and deletes delivered before under ticket 0.
EMSCRIPTEN_KEEPALIVE void pw_store_written_elsewhere(int ticket, const char* profile, int profile_length) {
  WebStore::State& state = receiving();
  state.begin(ticket);
  pathwise::store::WriteBatch batch{std::move(state.records), std::move(state.deletes)};
  state.end();
  if (!state.observer) return;
  const std::string name(profile, static_cast<std::size_t>(std::max(profile_length, 0)));
  state.answer_and_tell([&] { state.observer->written_elsewhere(name, batch); });
}

EMSCRIPTEN_KEEPALIVE void pw_store_profiles_changed_elsewhere() {
  WebStore::State& state = receiving();
  if (!state.observer) return;
  state.answer_and_tell([&] { state.observer->profiles_changed_elsewhere(); });
}

// The browser took the database away (another tab upgraded or deleted it, or closed it itself): every later
// call fails the same way.
EMSCRIPTEN_KEEPALIVE void pw_store_lost(int failure, const char* message, int message_length) {
  WebStore::State& state = receiving();
  if (!state.lost.ok()) return;
  state.lost = pathwise::client::web::status_from(failure, message, message_length);
  if (state.lost.ok()) state.lost = {pathwise::store::StoreFailure::failed, "The browser closed saved progress."};
  state.answer_and_tell([&] {
    if (state.observer) state.observer->store_lost(state.lost);
  });
}

}  // extern "C"
