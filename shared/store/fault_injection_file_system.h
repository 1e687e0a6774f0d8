// A FileSystem for tests that knows what a power failure would keep, and can make calls fail (the discipline of
// leveldb's db/fault_injection_test.cc). It passes every call to another FileSystem and keeps a model beside it:
//   - each file's content as written and as of its last sync_file (files are tracked like inodes: a rename moves
//     the content, not a copy);
//   - the names durable in each directory, and the name changes (files created, renamed or removed, directories
//     made or removed) made since, which only a sync of their directory makes durable.
// crash() then makes the real files what the disk could hold after losing power at that instant: unsynced bytes
// are gone (files go back to their synced length; a file truncated by write_file and not synced since comes back
// empty), and each unsynced name change is either kept or undone, as the test chooses: all undone (a renamed file
// back under its old name, a replaced one back, a new one gone), or any subset kept, since a disk may persist a
// later change without an earlier one. A directory whose own name is not durable vanishes with all it holds.
//
// Limits: files and directories the model has never seen are taken as they are on first use and counted as
// durable; renaming a directory is refused (the store never does it); a call made to fail changes nothing (no
// half-written data: tests of torn lines write them by hand).
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/file_store.h"

namespace pathwise::store {

class FaultInjectionFileSystem : public FileSystem {
 public:
  // `base` (usually a PosixFileSystem) must outlive this one.
  explicit FaultInjectionFileSystem(FileSystem& base);

  FileStatus read_file(const std::string& path, std::string& content) override;
  FileStatus write_file(const std::string& path, std::string_view content) override;
  FileStatus append_file(const std::string& path, std::string_view content) override;
  FileStatus sync_file(const std::string& path) override;
  FileStatus sync_directory(const std::string& path) override;
  FileStatus rename_file(const std::string& from, const std::string& to) override;
  FileStatus remove_file(const std::string& path) override;
  FileStatus make_directory(const std::string& path) override;
  FileStatus remove_directory(const std::string& path) override;
  FileStatus list_directory(const std::string& path, std::vector<std::string>& names) override;

  // After `successful_operations` more calls succeed, the next `failures` calls fail with `error` (EIO, or ENOSPC
  // to play a full disk) without reaching the base file system; later calls succeed again.
  void fail_after(std::size_t successful_operations, std::size_t failures = SIZE_MAX, int error = EIO);
  void stop_failing() { failures_left_ = 0; }

  // Calls made so far, failed ones included: a test counts the steps of an operation with it.
  std::size_t operation_count() const { return operations_; }

  // Name changes not yet made durable by a sync of their directory: what a crash may keep or undo.
  std::size_t unsynced_name_changes() const { return unsynced_.size(); }

  // A power failure now: rewrites the base files to what survives it (see above) and stops injecting failures.
  // Unsynced name changes are undone, except those for which `keep` (given each change's index, oldest first)
  // returns true. The model then starts again from the surviving state, all of it durable.
  FileStatus crash(const std::function<bool(std::size_t)>& keep = nullptr);

 private:
  // A file's content, shared by the names (live or durable) that refer to it.
  struct FileContent {
    std::string written;
    std::string synced;
  };
  using ContentId = std::size_t;
  // One call's change to the names on disk: atomic, durable once `directory` is synced.
  struct NameChange {
    std::string directory;
    std::vector<std::pair<std::string, std::optional<ContentId>>> files;  // name -> its content, or removed
    std::optional<std::pair<std::string, bool>> subdirectory;             // made (true) or removed (false)
  };

  bool inject_failure(const std::string& path, FileStatus& failure);
  void adopt_file(const std::string& path);
  void adopt_directory(const std::string& path);
  bool directory_survives(const std::string& path) const;
  ContentId new_content(std::string written, std::string synced);
  void make_durable(const NameChange& change);

  FileSystem& base_;
  std::vector<FileContent> contents_;
  std::map<std::string, ContentId> live_files_;     // names as they are now
  std::map<std::string, ContentId> durable_files_;  // names as a crash leaves them if no unsynced change is kept
  std::set<std::string> live_directories_;
  std::set<std::string> durable_directories_;
  std::vector<NameChange> unsynced_;

  std::size_t operations_ = 0;
  std::size_t first_failing_operation_ = 0;
  std::size_t failures_left_ = 0;
  int failure_error_ = EIO;
};

}  // namespace pathwise::store
