// The learners on this device and the one who is working now: the profiles, the open learner's event log, and
// everything the screens must say about storage (saving, failures, records set aside, other tabs, a newer
// Pathwise). Screens call these methods and draw what they return; only this class writes learner records,
// through store::LearnerLog and the RecordStore.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/lms.h"
#include "app/platform.h"
#include "store/learner_log.h"
#include "store/record_format.h"
#include "store/record_store.h"

namespace pathwise::client {

struct ProfileEntry {
  std::string id;
  store::Profile profile;
};

enum class SessionPhase {
  loading_profiles,  // before the first frame
  choosing,          // the profile picker
  opening,           // a profile's records are loading
  open,              // a learner is working
};

// What the import of a progress file did, for the settings screen.
struct ImportOutcome {
  int number = 0;        // 1 for the session's first import, 2 for the next, ...
  bool ok = false;
  bool pending = false;  // the merge is being written
  std::string message;   // one or two plain sentences
};

class LearnerSession : public store::StoreObserver {
 public:
  // `storage` is the platform's verdict on the store (ok, or unavailable with a sentence: memory fallback).
  void start(store::RecordStore& store, Platform& platform, const store::StoreStatus& storage,
             std::function<void()> on_ready);

  SessionPhase phase() const { return phase_; }
  const std::vector<ProfileEntry>& profiles() const { return profiles_; }
  const ProfileEntry* current() const;
  store::LearnerLog* log() { return log_.get(); }
  const store::LearnerLog* log() const { return log_.get(); }

  // Profiles. Names are trimmed, 1 to 60 bytes; `pin` is empty or four digits. Returns a sentence when refused.
  std::string create_profile(const std::string& name, int avatar, const std::string& pin);
  // Opens a profile (checking the PIN when it has one); returns a sentence when refused.
  // `then` runs once the learner's records are loaded.
  std::string open_profile(const std::string& id, const std::string& pin, std::function<void()> then = {});
  void close_profile();  // back to the picker
  std::string set_pin(const std::string& pin);  // "" removes it
  void delete_current_profile();  // the screen asked for confirmation and offered an export first
  void note_course(const std::string& course, const std::string& version);

  // Learning events. Returns the event's id so the screen can show its save state.
  learner::EventId record(learner::EventBody body);
  void retry_saves();

  // Inside an LMS (app/lms.h). Called before start(): start() then opens this LMS learner's profile (created on
  // this device when missing, named by the LMS), never the picker, and merges the progress the LMS kept for them
  // (launch.progress_text) into it before on_ready, so the first frame shows it. A launch that is not active
  // changes nothing but its notice.
  void set_lms_launch(const LmsLaunch& launch);
  bool in_lms() const { return lms_.active; }
  // Whether the open profile is the LMS learner's own: only their progress may ever be written to the LMS (after
  // they deleted it here, another learner of this device may be open in the same page).
  bool lms_learner_open() const { return lms_.active && !current_id_.empty() && current_id_ == lms_profile_id(lms_.learner_id); }
  // Whether the LMS may be sent this learner's progress: not when what it holds could not be merged (it is then
  // left as it is, never overwritten with less).
  bool lms_mirror() const { return lms_.mirror; }
  // Sentences for the learner about the LMS: what went wrong at launch, or what the merge brought.
  const std::string& lms_notice() const { return lms_notice_; }
  void set_lms_notice(std::string notice) { lms_notice_ = std::move(notice); ++revision_; }
  std::size_t lms_imported() const { return lms_imported_; }

  // The open learner's progress file (pathwise.progress/1) holding only the newest `newest_events` events in
  // canonical order (all of them when there are fewer): what fits in the LMS's suspend_data. "" with no learner.
  std::string progress_text(std::size_t newest_events) const;

  // Export and import (pathwise.progress/1).
  void export_progress();
  ImportOutcome import_progress(std::string_view file_name, std::string_view text);
  const std::optional<ImportOutcome>& last_import() const { return last_import_; }

  // Storage status for banners and settings.
  const store::StoreStatus& storage() const { return storage_; }   // unavailable: running in memory
  const store::StoreStatus& lost() const { return lost_; }         // version_change / failed after start
  const store::StoreStatus& failure() const { return failure_; }   // the last failed write (profile or events)
  const StorageEstimate& estimate() const { return estimate_; }
  void set_estimate(const StorageEstimate& estimate) { estimate_ = estimate; }
  bool persistence_requested() const { return persistence_requested_; }
  void dismiss_notices() { notices_dismissed_ = true; }
  bool notices_dismissed() const { return notices_dismissed_; }
  // Increases whenever anything above changes (screens refold and redraw).
  std::uint64_t revision() const { return revision_ + (log_ ? log_->revision() : 0); }

  // StoreObserver
  void written_elsewhere(const std::string& profile, const store::WriteBatch& batch) override;
  void profiles_changed_elsewhere() override;
  void store_lost(const store::StoreStatus& why) override;

 private:
  void load_profiles(std::function<void()> then);
  void begin_log(const std::string& id, std::function<void()> then);
  void save_profile(const ProfileEntry& entry);
  void compact_if_needed();
  std::string new_id(char prefix);
  void open_lms_learner(std::function<void()> then);
  void merge_lms_progress(std::function<void()> then);

  store::RecordStore* store_ = nullptr;
  Platform* platform_ = nullptr;
  SessionPhase phase_ = SessionPhase::loading_profiles;
  std::vector<ProfileEntry> profiles_;
  std::vector<std::string> unreadable_profiles_;
  std::string current_id_;
  std::unique_ptr<store::LearnerLog> log_;
  store::StoreStatus storage_;
  store::StoreStatus lost_;
  store::StoreStatus failure_;
  StorageEstimate estimate_;
  bool persistence_requested_ = false;
  bool notices_dismissed_ = false;
  bool compacting_ = false;
  std::optional<ImportOutcome> last_import_;
  int imports_ = 0;
  std::uint64_t revision_ = 0;
  LmsLaunch lms_;
  std::string lms_notice_;
  std::size_t lms_imported_ = 0;

 public:
  const std::vector<std::string>& unreadable_profiles() const { return unreadable_profiles_; }
};

}  // namespace pathwise::client
