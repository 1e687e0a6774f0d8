// The browser's RecordStore: learner records in IndexedDB, through shell/storage.js (the layout and the
// guarantees are documented at its top) and client/web/library_pathwise.js (the crossing of the wasm boundary).
//
// Contract, beyond RecordStore's:
//   - Only one WebStore exists at a time (the JavaScript side answers into a single instance).
//   - Create it only after PathwiseStorage.open() reported the database available; otherwise the web layer
//     uses a MemoryStore and passes StoreFailure::unavailable to App::start.
//   - Every call is answered later, from a browser event, except two cases answered at once (before the call
//     returns): the store was lost (version_change, or the browser closed the database), and a key the browser
//     side cannot hold: a sequence above 2^53 - 1 (sequences travel as JavaScript Numbers; they are event
//     counters, so this is never reached in practice, but it is refused rather than rounded) or a write batch
//     holding a profile record (those go through put_profile).
//   - Texts must be valid UTF-8 (records are JSON): a batch with invalid UTF-8 fails as a whole, since a record
//     must read back byte for byte.
//   - `changed` runs after every answer and every observer call, once the app has seen it: the app's state may
//     have changed, so the web layer renders.
//   - Calls still in flight when the WebStore is destroyed are never answered (their writes may still land).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/record_store.h"

namespace pathwise::client::web {

class WebStore final : public store::RecordStore {
 public:
  explicit WebStore(std::function<void()> changed);
  ~WebStore() override;
  WebStore(const WebStore&) = delete;
  WebStore& operator=(const WebStore&) = delete;

  void load_profiles(ProfilesLoaded done) override;
  void load(const std::string& profile, Loaded done) override;
  void write(const std::string& profile, store::WriteBatch batch, Done done) override;
  void delete_profile(const std::string& profile, Done done) override;
  void put_profile(const std::string& profile, std::string text, Done done) override;
  void set_observer(store::StoreObserver* observer) override;

  struct State;  // calls in flight and records arriving; defined in web_store.cpp, used by its entry points

 private:
  std::unique_ptr<State> state_;
};

}  // namespace pathwise::client::web
