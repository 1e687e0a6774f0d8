// A RecordStore held in memory: the store of unit tests, and what the web client falls back to when the browser
// offers no storage (the session then runs in memory and says so). Several connections to one MemoryStore
// behave like several tabs on one IndexedDB: a write through one is reported to the others' observers.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "store/record_store.h"

namespace pathwise::store {

class MemoryStore {
 public:
  MemoryStore();
  ~MemoryStore();
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  // A new connection ("tab"). Connections must not outlive the MemoryStore.
  std::unique_ptr<RecordStore> connect();

  // Test controls: the next writes fail with `failure` (until reset with StoreFailure::none); `lose` reports
  // store_lost to every connection's observer and makes every later call fail.
  void fail_writes(StoreFailure failure, std::string message = "");
  void lose(const StoreStatus& why);

  // The records of a profile as stored, for tests to inspect or corrupt (profile records under kind profile).
  std::map<std::tuple<int, std::string, std::uint64_t>, std::string>& records(const std::string& profile);

  struct Shared;

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace pathwise::store
