#include "store/memory_store.h"

#include <algorithm>
#include <vector>

namespace pathwise::store {

namespace {

using Key = std::tuple<int, std::string, std::uint64_t>;

Key tuple_of(const RecordKey& key) { return {static_cast<int>(key.kind), key.writer, key.sequence}; }

}  // namespace

struct MemoryStore::Shared {
  std::map<std::string, std::map<Key, std::string>> profiles;  // profile id -> records (profile record included)
  std::vector<class MemoryConnection*> connections;
  StoreFailure failing = StoreFailure::none;
  std::string failing_message;
  StoreStatus lost;  // ok while usable
};

class MemoryConnection final : public RecordStore {
 public:
  explicit MemoryConnection(std::shared_ptr<MemoryStore::Shared> shared) : shared_(std::move(shared)) {
    shared_->connections.push_back(this);
  }
  ~MemoryConnection() override {
    auto& list = shared_->connections;
    list.erase(std::remove(list.begin(), list.end(), this), list.end());
  }

  void load_profiles(ProfilesLoaded done) override {
    std::vector<ProfileText> result;
    if (!shared_->lost.ok()) return done(shared_->lost, std::move(result));
    for (const auto& [profile, records] : shared_->profiles) {
      auto found = records.find(tuple_of(RecordKey{RecordKind::profile, "", 0}));
      if (found != records.end()) result.push_back(ProfileText{profile, found->second});
    }
    done(StoreStatus{}, std::move(result));
  }

  void load(const std::string& profile, Loaded done) override {
    std::vector<Record> result;
    if (!shared_->lost.ok()) return done(shared_->lost, std::move(result));
    auto found = shared_->profiles.find(profile);
    if (found != shared_->profiles.end()) {
      for (const auto& [key, text] : found->second) {
        const auto kind = static_cast<RecordKind>(std::get<0>(key));
        if (kind == RecordKind::profile) continue;
        result.push_back(Record{RecordKey{kind, std::get<1>(key), std::get<2>(key)}, text});
      }
    }
    done(StoreStatus{}, std::move(result));
  }

  void write(const std::string& profile, WriteBatch batch, Done done) override {
    if (StoreStatus refused = refusal(); !refused.ok()) return done(refused);
    auto& records = shared_->profiles[profile];
    for (const RecordKey& key : batch.deletes) records.erase(tuple_of(key));
    for (const Record& record : batch.puts) records[tuple_of(record.key)] = record.text;
    done(StoreStatus{});
    for (MemoryConnection* other : others()) {
      if (other->observer_) other->observer_->written_elsewhere(profile, batch);
    }
  }

  void delete_profile(const std::string& profile, Done done) override {
    if (StoreStatus refused = refusal(); !refused.ok()) return done(refused);
    shared_->profiles.erase(profile);
    done(StoreStatus{});
    notify_profiles_changed();
  }

  void put_profile(const std::string& profile, std::string text, Done done) override {
    if (StoreStatus refused = refusal(); !refused.ok()) return done(refused);
    shared_->profiles[profile][tuple_of(RecordKey{RecordKind::profile, "", 0})] = std::move(text);
    done(StoreStatus{});
    notify_profiles_changed();
  }

  void set_observer(StoreObserver* observer) override { observer_ = observer; }

  StoreObserver* observer_ = nullptr;

 private:
  StoreStatus refusal() const {
    if (!shared_->lost.ok()) return shared_->lost;
    if (shared_->failing != StoreFailure::none) return StoreStatus{shared_->failing, shared_->failing_message};
    return StoreStatus{};
  }

  // Copied first: an observer may open or close connections while being told.
  std::vector<MemoryConnection*> others() const {
    std::vector<MemoryConnection*> result;
    for (MemoryConnection* connection : shared_->connections) {
      if (connection != this) result.push_back(connection);
    }
    return result;
  }

  void notify_profiles_changed() {
    for (MemoryConnection* other : others()) {
      if (other->observer_) other->observer_->profiles_changed_elsewhere();
    }
  }

  std::shared_ptr<MemoryStore::Shared> shared_;
};

MemoryStore::MemoryStore() : shared_(std::make_shared<Shared>()) {}
MemoryStore::~MemoryStore() = default;

std::unique_ptr<RecordStore> MemoryStore::connect() { return std::make_unique<MemoryConnection>(shared_); }

void MemoryStore::fail_writes(StoreFailure failure, std::string message) {
  shared_->failing = failure;
  shared_->failing_message = message.empty() && failure != StoreFailure::none
                                 ? std::string("The test store refuses writes.")
                                 : std::move(message);
}

void MemoryStore::lose(const StoreStatus& why) {
  shared_->lost = why;
  for (MemoryConnection* connection : std::vector<MemoryConnection*>(shared_->connections)) {
    if (connection->observer_) connection->observer_->store_lost(why);
  }
}

std::map<std::tuple<int, std::string, std::uint64_t>, std::string>& MemoryStore::records(
    const std::string& profile) {
  return shared_->profiles[profile];
}

}  // namespace pathwise::store
