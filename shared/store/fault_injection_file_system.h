// A FileSystem for tests that knows what a power failure would keep, and can make calls fail (the discipline of
// leveldb's db/fault_injection_test.cc). It passes every call to another FileSystem and keeps a model beside it:
//   - each file's content as written and as of its last sync_file (files are tracked like inodes: a rename moves
//     the content, not a copy);
//   - each directory's names as of its last sync_directory, and directories made or removed since.
// crash() then makes the real files what the disk could hold after losing power at that instant, assuming the
// worst: unsynced bytes are gone (files go back to their synced length), names created, renamed or removed since
// their directory's last sync are undone (a renamed file is back under its old name, a replaced one is back), and
// a directory whose own name was never synced vanishes with everything in it. A file truncated by write_file
// without a sync since comes back empty.
//
// Limits: files and directories the model has never seen are taken as they are on first use and counted as
// durable; renaming a directory is refused (the store never does it); a call made to fail changes nothing (no
// half-written data: tests of torn lines write them by hand).
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <map>
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

  // A power failure now: rewrites the base files to what was durable (see above), forgets everything else, and
  // stops injecting failures. The model then starts again from the surviving state, all of it durable.
  FileStatus crash();

 private:
  // A file's content, shared by the names (live or durable) that refer to it.
  struct FileContent {
    std::string written;
    std::string synced;
  };
  using ContentId = std::size_t;

  bool inject_failure(const std::string& path, FileStatus& failure);
  void adopt_file(const std::string& path);
  void adopt_directory(const std::string& path);
  bool directory_survives(const std::string& path) const;
  ContentId new_content(std::string written, std::string synced);

  FileSystem& base_;
  std::vector<FileContent> contents_;
  std::map<std::string, ContentId> live_files_;     // names as they are now
  std::map<std::string, ContentId> durable_files_;  // names as of their directory's last sync
  std::set<std::string> live_directories_;
  std::set<std::string> durable_directories_;

  std::size_t operations_ = 0;
  std::size_t first_failing_operation_ = 0;
  std::size_t failures_left_ = 0;
  int failure_error_ = EIO;
};

}  // namespace pathwise::store
