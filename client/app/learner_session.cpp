#include "app/learner_session.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "report/progress_file.h"

#ifndef PATHWISE_VERSION
#define PATHWISE_VERSION "dev"
#endif

namespace pathwise::client {

namespace {

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\n\r");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\n\r");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

std::string LearnerSession::new_id(char prefix) {
  char text[24];
  std::snprintf(text, sizeof text, "%c%016" PRIx64, prefix, platform_->random64());
  return text;
}

void LearnerSession::start(store::RecordStore& store, Platform& platform, const store::StoreStatus& storage,
                           std::function<void()> on_ready) {
  store_ = &store;
  platform_ = &platform;
  storage_ = storage;
  store_->set_observer(this);
  load_profiles([this, on_ready] {
    if (lms_.active) return open_lms_learner(on_ready);
    // A device with one learner and no PIN opens straight into their work; a shared device shows the picker.
    if (profiles_.size() == 1 && !profiles_[0].profile.has_pin()) {
      open_profile(profiles_[0].id, "", on_ready);
      return;
    }
    phase_ = SessionPhase::choosing;
    on_ready();
  });
}

void LearnerSession::set_lms_launch(const LmsLaunch& launch) {
  lms_ = launch;
  lms_notice_ = launch.notice;
}

// The LMS has already told who the learner is: no picker and no PIN (the LMS signed them in). Their profile is
// keyed by the LMS's learner id, so the next launch on this device opens the same one.
void LearnerSession::open_lms_learner(std::function<void()> then) {
  const std::string id = lms_profile_id(lms_.learner_id);
  const std::string name = lms_profile_name(lms_.learner_name);
  auto found = std::find_if(profiles_.begin(), profiles_.end(), [&](const ProfileEntry& e) { return e.id == id; });
  if (found == profiles_.end()) {
    ProfileEntry entry;
    entry.id = id;
    entry.profile.name = name;
    entry.profile.created = static_cast<learner::Seconds>(platform_->unix_seconds());
    profiles_.insert(profiles_.begin(), entry);
    found = profiles_.begin();
  }
  found->profile.name = name;  // the LMS's name wins: it may have been corrected there
  found->profile.opened = static_cast<learner::Seconds>(platform_->unix_seconds());
  save_profile(*found);
  begin_log(id, [this, then] { merge_lms_progress(then); });
}

// What the LMS kept (another computer's progress, or this one's from an earlier visit) joins this device's
// log. Untrusted: read by the progress file's own reader; on any problem nothing is merged, the local progress
// is used, and the LMS's copy is left as it is (no mirroring this session), so neither side loses anything.
void LearnerSession::merge_lms_progress(std::function<void()> then) {
  if (lms_.progress_text.empty() || !log_) return then();
  const std::string text = std::move(lms_.progress_text);
  lms_.progress_text.clear();
  const std::string keep_note =
      " Your answers here are kept on this device, and the LMS's copy is left as it is (it will not be updated "
      "in this session).";
  auto refuse = [this, &keep_note](const std::string& why) {
    lms_.mirror = false;
    lms_notice_ += std::string(lms_notice_.empty() ? "" : " ") +
                   "The progress your LMS kept for you could not be used: " + why + "." + keep_note;
    ++revision_;
  };
  report::ProgressReadResult read = report::read_progress_file(text, "the LMS's saved progress");
  if (!read.ok) {
    refuse(read.message);
    return then();
  }
  const std::vector<store::CourseVersion> courses = read.progress.courses;
  // The merge's callback may run before merge() returns (a memory store) or later (IndexedDB); the conflict
  // case returns without calling it.
  store::MergeResult merged = log_->merge(read.progress.events, [this, then, courses, keep_note](
                                                                    const store::StoreStatus& status) {
    if (status.ok()) {
      for (const store::CourseVersion& course : courses) note_course(course.course, course.version);
      compact_if_needed();
    } else {
      failure_ = status;
      lms_.mirror = false;
      lms_notice_ += std::string(lms_notice_.empty() ? "" : " ") +
                     "The progress your LMS kept for you could not be saved on this device: " + status.message +
                     keep_note;
    }
    ++revision_;
    then();
  });
  if (!merged.conflict.empty()) {
    refuse(merged.conflict + " (it does not belong with the progress on this device)");
    return then();
  }
  lms_imported_ = merged.added;
}

void LearnerSession::load_profiles(std::function<void()> then) {
  store_->load_profiles([this, then](const store::StoreStatus& status, std::vector<store::ProfileText> loaded) {
    if (!status.ok()) failure_ = status;
    profiles_.clear();
    unreadable_profiles_.clear();
    for (const store::ProfileText& entry : loaded) {
      store::DecodedProfile decoded = store::decode_profile_record(entry.text);
      if (decoded.problem != store::RecordProblem::none) {
        unreadable_profiles_.push_back(decoded.message);
        continue;
      }
      profiles_.push_back(ProfileEntry{entry.profile, std::move(decoded.profile)});
    }
    // Most recently opened first: on a shared tablet the last learner is usually the next.
    std::stable_sort(profiles_.begin(), profiles_.end(), [](const ProfileEntry& a, const ProfileEntry& b) {
      return a.profile.opened > b.profile.opened;
    });
    ++revision_;
    then();
  });
}

const ProfileEntry* LearnerSession::current() const {
  for (const ProfileEntry& entry : profiles_) {
    if (entry.id == current_id_) return &entry;
  }
  return nullptr;
}

void LearnerSession::save_profile(const ProfileEntry& entry) {
  store_->put_profile(entry.id, store::encode_profile_record(entry.profile), [this](const store::StoreStatus& status) {
    if (!status.ok()) failure_ = status;
    ++revision_;
  });
}

std::string LearnerSession::create_profile(const std::string& name, int avatar, const std::string& pin) {
  const std::string clean = trimmed(name);
  if (clean.empty()) return "Type a name first.";
  if (clean.size() > store::kMaxProfileNameBytes) return "That name is too long: 60 letters at most.";
  if (!pin.empty() && !store::is_pin(pin)) return "A PIN is four digits, like 2580.";
  ProfileEntry entry;
  entry.id = new_id('p');
  entry.profile.name = clean;
  entry.profile.avatar = avatar;
  entry.profile.created = static_cast<learner::Seconds>(platform_->unix_seconds());
  if (!pin.empty()) {
    entry.profile.pin_salt = new_id('s').substr(1);
    entry.profile.pin_hash = store::pin_hash(entry.profile.pin_salt, pin);
  }
  profiles_.insert(profiles_.begin(), entry);
  return open_profile(entry.id, pin);
}

std::string LearnerSession::open_profile(const std::string& id, const std::string& pin, std::function<void()> then) {
  auto found = std::find_if(profiles_.begin(), profiles_.end(), [&](const ProfileEntry& e) { return e.id == id; });
  if (found == profiles_.end()) return "This learner is no longer on this device.";
  if (found->profile.has_pin() && store::pin_hash(found->profile.pin_salt, pin) != found->profile.pin_hash) {
    return "That PIN is not right. Try again, or ask your teacher.";
  }
  found->profile.opened = static_cast<learner::Seconds>(platform_->unix_seconds());
  save_profile(*found);
  begin_log(id, then ? then : [] {});
  return {};
}

void LearnerSession::begin_log(const std::string& id, std::function<void()> then) {
  if (log_ && current_id_ == id) return then();
  current_id_ = id;
  phase_ = SessionPhase::opening;
  last_import_.reset();
  notices_dismissed_ = false;
  log_ = std::make_unique<store::LearnerLog>(*store_, id, new_id('t'));
  log_->load([this, then](const store::StoreStatus& status) {
    if (!status.ok()) failure_ = status;
    phase_ = SessionPhase::open;
    ++revision_;
    compact_if_needed();
    then();
  });
}

void LearnerSession::close_profile() {
  log_.reset();
  current_id_.clear();
  phase_ = SessionPhase::choosing;
  ++revision_;
}

std::string LearnerSession::set_pin(const std::string& pin) {
  auto found = std::find_if(profiles_.begin(), profiles_.end(), [&](const ProfileEntry& e) { return e.id == current_id_; });
  if (found == profiles_.end()) return "No learner is open.";
  if (pin.empty()) {
    found->profile.pin_salt.clear();
    found->profile.pin_hash.clear();
  } else {
    if (!store::is_pin(pin)) return "A PIN is four digits, like 2580.";
    found->profile.pin_salt = new_id('s').substr(1);
    found->profile.pin_hash = store::pin_hash(found->profile.pin_salt, pin);
  }
  save_profile(*found);
  return {};
}

void LearnerSession::delete_current_profile() {
  const std::string id = current_id_;
  close_profile();
  // The learner leaves the list only once the deletion is durable (the list is read back from the store), so
  // what the picker shows is what a reload would show.
  store_->delete_profile(id, [this](const store::StoreStatus& status) {
    if (!status.ok()) failure_ = status;
    load_profiles([] {});
  });
}

void LearnerSession::note_course(const std::string& course, const std::string& version) {
  auto found = std::find_if(profiles_.begin(), profiles_.end(), [&](const ProfileEntry& e) { return e.id == current_id_; });
  if (found == profiles_.end()) return;
  auto& courses = found->profile.courses;
  auto known = std::find_if(courses.begin(), courses.end(), [&](const store::CourseVersion& c) { return c.course == course; });
  if (known != courses.end() && known->version == version) return;
  if (known != courses.end()) known->version = version;
  else courses.push_back(store::CourseVersion{course, version});
  save_profile(*found);
}

learner::EventId LearnerSession::record(learner::EventBody body) {
  const bool first_answer = std::holds_alternative<learner::Attempt>(body) && !persistence_requested_;
  const learner::EventId id = log_->append(static_cast<learner::Seconds>(platform_->unix_seconds()), std::move(body));
  if (log_->save_state(id) == store::SaveState::failed) failure_ = log_->last_failure();
  // After the first completed activity: the learner now has something to lose (navigator.storage.persist()).
  if (first_answer && storage_.ok()) {
    persistence_requested_ = true;
    platform_->request_persistent_storage();
  }
  compact_if_needed();
  ++revision_;
  return id;
}

void LearnerSession::retry_saves() {
  if (!log_) return;
  failure_ = store::StoreStatus{};
  log_->retry_failed();
  if (log_->failed_count() > 0) failure_ = log_->last_failure();
  ++revision_;
}

void LearnerSession::compact_if_needed() {
  if (!log_ || compacting_ || !log_->wants_compaction()) return;
  compacting_ = true;
  log_->compact([this](const store::StoreStatus&) {
    compacting_ = false;  // a failed compaction changed nothing; the journal stays and is tried again later
    ++revision_;
  });
}

std::string LearnerSession::progress_text(std::size_t newest_events) const {
  const ProfileEntry* entry = current();
  if (!entry || !log_) return {};
  report::ProgressFile progress;
  progress.app = PATHWISE_VERSION;
  progress.exported = static_cast<learner::Seconds>(platform_->unix_seconds());
  progress.name = entry->profile.name;
  progress.avatar = entry->profile.avatar;
  progress.courses = entry->profile.courses;
  const std::vector<const learner::Event*> ordered = learner::canonical_order(log_->events()).events;
  // The newest: the end of the canonical order (by time across devices, each device's own order kept).
  const std::size_t skip = ordered.size() > newest_events ? ordered.size() - newest_events : 0;
  for (std::size_t i = skip; i < ordered.size(); ++i) progress.events.push_back(*ordered[i]);
  return report::write_progress_file(progress);
}

void LearnerSession::export_progress() {
  const ProfileEntry* entry = current();
  if (!entry || !log_) return;
  report::ProgressFile progress;
  progress.app = PATHWISE_VERSION;
  progress.exported = static_cast<learner::Seconds>(platform_->unix_seconds());
  progress.name = entry->profile.name;
  progress.avatar = entry->profile.avatar;
  progress.courses = entry->profile.courses;
  for (const learner::Event* event : learner::canonical_order(log_->events()).events) progress.events.push_back(*event);
  platform_->download(report::progress_file_name(progress.name, progress.exported), "application/json",
                      report::write_progress_file(progress));
}

ImportOutcome LearnerSession::import_progress(std::string_view file_name, std::string_view text) {
  if (!log_) return *(last_import_ = ImportOutcome{++imports_, false, false, "Open a learner first, then import their progress."});
  report::ProgressReadResult read = report::read_progress_file(text, file_name);
  if (!read.ok) return *(last_import_ = ImportOutcome{++imports_, false, false, "Nothing was imported. " + read.message + "."});

  const std::string from = read.progress.name;
  last_import_ = ImportOutcome{++imports_, false, true, "Importing…"};
  const std::vector<store::CourseVersion> courses = read.progress.courses;
  store::MergeResult merged = log_->merge(read.progress.events, [this, courses](const store::StoreStatus& status) {
    if (!last_import_ || !last_import_->pending) return;
    if (status.ok()) {
      for (const store::CourseVersion& course : courses) note_course(course.course, course.version);
      last_import_->ok = true;
      compact_if_needed();
    } else {
      failure_ = status;
      last_import_->message = "Nothing was imported: " + status.message;
    }
    last_import_->pending = false;
    ++revision_;
  });
  if (!merged.conflict.empty()) {
    return *(last_import_ = ImportOutcome{imports_, false, false, "Nothing was imported: " + merged.conflict +
                                                            ". The file does not belong with this learner's "
                                                            "progress, or it was edited."});
  }
  // The merge's write may already have finished (memory store) or still be on its way (IndexedDB): either way
  // the words for success are known now.
  const std::string message = merged.added == 0
      ? "Everything in this file (" + std::to_string(merged.known) + " events from " + from + ") was already here. "
        "Nothing changed."
      : "Imported " + std::to_string(merged.added) + " events from " + from + "'s file" +
        (merged.known ? " (" + std::to_string(merged.known) + " were already here)." : ".");
  if (last_import_->pending || last_import_->ok) last_import_->message = message;
  ++revision_;
  return *last_import_;
}

void LearnerSession::written_elsewhere(const std::string& profile, const store::WriteBatch& batch) {
  if (log_ && profile == log_->profile()) log_->absorb(batch);
  ++revision_;
}

void LearnerSession::profiles_changed_elsewhere() {
  load_profiles([this] {
    if (!current_id_.empty() && !current()) close_profile();  // deleted in another tab
  });
}

void LearnerSession::store_lost(const store::StoreStatus& why) {
  lost_ = why;
  ++revision_;
}

}  // namespace pathwise::client
