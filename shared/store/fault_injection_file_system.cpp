#include "store/fault_injection_file_system.h"

#include <cstring>
#include <utility>

namespace pathwise::store {

namespace {

std::string parent_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

FaultInjectionFileSystem::FaultInjectionFileSystem(FileSystem& base) : base_(base) {}

void FaultInjectionFileSystem::fail_after(std::size_t successful_operations, std::size_t failures, int error) {
  first_failing_operation_ = operations_ + successful_operations + 1;
  failures_left_ = failures;
  failure_error_ = error;
}

bool FaultInjectionFileSystem::inject_failure(const std::string& path, FileStatus& failure) {
  ++operations_;
  if (failures_left_ == 0 || operations_ < first_failing_operation_) return false;
  --failures_left_;
  failure = FileStatus{failure_error_, "Could not use " + path + ": " + std::strerror(failure_error_) + " (injected)."};
  return true;
}

void FaultInjectionFileSystem::make_durable(const NameChange& change) {
  for (const auto& [name, content] : change.files) {
    if (content) {
      durable_files_[name] = *content;
    } else {
      durable_files_.erase(name);
    }
  }
  if (change.subdirectory && change.subdirectory->second) durable_directories_.insert(change.subdirectory->first);
  if (change.subdirectory && !change.subdirectory->second) durable_directories_.erase(change.subdirectory->first);
}

FaultInjectionFileSystem::ContentId FaultInjectionFileSystem::new_content(std::string written, std::string synced) {
  contents_.push_back(FileContent{std::move(written), std::move(synced)});
  return contents_.size() - 1;
}

// A file the model has not seen yet is taken as it is, and as durable: it predates the test's writes.
void FaultInjectionFileSystem::adopt_file(const std::string& path) {
  adopt_directory(parent_of(path));
  if (live_files_.count(path) != 0 || durable_files_.count(path) != 0) return;
  std::string content;
  if (!base_.read_file(path, content).ok()) return;
  const ContentId id = new_content(content, content);
  live_files_[path] = id;
  durable_files_[path] = id;
}

void FaultInjectionFileSystem::adopt_directory(const std::string& path) {
  if (live_directories_.count(path) != 0 || durable_directories_.count(path) != 0) return;
  std::vector<std::string> names;
  if (!base_.list_directory(path, names).ok()) return;
  live_directories_.insert(path);
  durable_directories_.insert(path);
}

bool FaultInjectionFileSystem::directory_survives(const std::string& path) const {
  if (live_directories_.count(path) == 0 && durable_directories_.count(path) == 0) return true;  // never modelled
  if (durable_directories_.count(path) == 0) return false;
  const std::string parent = parent_of(path);
  return parent == path || directory_survives(parent);
}

FileStatus FaultInjectionFileSystem::read_file(const std::string& path, std::string& content) {
  if (FileStatus failure; inject_failure(path, failure)) return failure;
  return base_.read_file(path, content);
}

FileStatus FaultInjectionFileSystem::write_file(const std::string& path, std::string_view content) {
  if (FileStatus failure; inject_failure(path, failure)) return failure;
  adopt_file(path);
  const FileStatus status = base_.write_file(path, content);
  if (!status.ok()) return status;
  const auto live = live_files_.find(path);
  if (live == live_files_.end()) {
    live_files_[path] = new_content(std::string(content), "");
    unsynced_.push_back(NameChange{parent_of(path), {{path, live_files_[path]}}, std::nullopt});
  } else {
    // The truncation may reach the disk before the new bytes do: until the next sync, the file may be empty.
    contents_[live->second] = FileContent{std::string(content), ""};
  }
  return status;
}

FileStatus FaultInjectionFileSystem::append_file(const std::string& path, std::string_view content) {
  if (FileStatus failure; inject_failure(path, failure)) return failure;
  adopt_file(path);
  const FileStatus status = base_.append_file(path, content);
  if (!status.ok()) return status;
  const auto live = live_files_.find(path);
  if (live == live_files_.end()) {
    live_files_[path] = new_content(std::string(content), "");
    unsynced_.push_back(NameChange{parent_of(path), {{path, live_files_[path]}}, std::nullopt});
  } else {
    contents_[live->second].written += content;
  }
  return status;
}

FileStatus FaultInjectionFileSystem::sync_file(const std::string& path) {
  if (FileStatus failure; inject_failure(path, failure)) return failure;
  adopt_file(path);
  const FileStatus status = base_.sync_file(path);
  if (!status.ok()) return status;
  if (const auto live = live_files_.find(path); live != live_files_.end()) {
    contents_[live->second].synced = contents_[live->second].written;
  }
  return status;
}

FileStatus FaultInjectionFileSystem::sync_directory(const std::string& path) {
  if (FileStatus failure; inject_failure(path, failure)) return failure;
  adopt_directory(path);
  const FileStatus status = base_.sync_directory(path);
  if (!status.ok()) return status;
  // Every change to the names in this directory becomes durable, in the order made.
  std::vector<NameChange> still_unsynced;
  for (NameChange& change : unsynced_) {
    if (change.directory == path) {
      make_durable(change);
    } else {
      still_unsynced.push_back(std::move(change));
    }
  }
  unsynced_ = std::move(still_unsynced);
  return status;
}

FileStatus FaultInjectionFileSystem::rename_file(const std::string& from, const std::string& to) {
  if (FileStatus failure; inject_failure(from, failure)) return failure;
  adopt_directory(from);
  if (live_directories_.count(from) != 0) {
    return FileStatus{EINVAL, "Could not rename " + from + ": the fault-injecting file system cannot rename a "
                              "directory."};
  }
  adopt_file(from);
  adopt_file(to);
  const FileStatus status = base_.rename_file(from, to);
  if (!status.ok()) return status;
  if (const auto live = live_files_.find(from); live != live_files_.end()) {
    unsynced_.push_back(NameChange{parent_of(to), {{to, live->second}, {from, std::nullopt}}, std::nullopt});
    live_files_[to] = live->second;
    live_files_.erase(live);
  }
  return status;
}

FileStatus FaultInjectionFileSystem::remove_file(const std::string& path) {
  if (FileStatus failure; inject_failure(path, failure)) return failure;
  adopt_file(path);
  const FileStatus status = base_.remove_file(path);
  if (!status.ok()) return status;
  live_files_.erase(path);
  unsynced_.push_back(NameChange{parent_of(path), {{path, std::nullopt}}, std::nullopt});
  return status;
}

FileStatus FaultInjectionFileSystem::make_directory(const std::string& path) {
  if (FileStatus failure; inject_failure(path, failure)) return failure;
  adopt_directory(parent_of(path));
  adopt_directory(path);
  const FileStatus status = base_.make_directory(path);
  if (!status.ok()) return status;
  live_directories_.insert(path);
  unsynced_.push_back(NameChange{parent_of(path), {}, std::make_pair(path, true)});
  return status;
}

FileStatus FaultInjectionFileSystem::remove_directory(const std::string& path) {
  if (FileStatus failure; inject_failure(path, failure)) return failure;
  adopt_directory(path);
  const FileStatus status = base_.remove_directory(path);
  if (!status.ok()) return status;
  live_directories_.erase(path);
  unsynced_.push_back(NameChange{parent_of(path), {}, std::make_pair(path, false)});
  return status;
}

FileStatus FaultInjectionFileSystem::list_directory(const std::string& path, std::vector<std::string>& names) {
  if (FileStatus failure; inject_failure(path, failure)) return failure;
  return base_.list_directory(path, names);
}

FileStatus FaultInjectionFileSystem::crash(const std::function<bool(std::size_t)>& keep) {
  failures_left_ = 0;
  for (std::size_t change = 0; change < unsynced_.size(); ++change) {
    if (keep && keep(change)) make_durable(unsynced_[change]);
  }
  unsynced_.clear();
  // Directories removed since their parent's last sync come back, parents first (a set sorts "a" before "a/b").
  for (const std::string& directory : durable_directories_) {
    if (live_directories_.count(directory) != 0 || !directory_survives(directory)) continue;
    const FileStatus made = base_.make_directory(directory);
    if (!made.ok() && made.error != EEXIST) return made;
  }
  // Every file the model knows becomes its durable self, or disappears.
  std::set<std::string> names;
  for (const auto& entry : live_files_) names.insert(entry.first);
  for (const auto& entry : durable_files_) names.insert(entry.first);
  std::map<std::string, ContentId> surviving_files;
  for (const std::string& name : names) {
    const auto durable = durable_files_.find(name);
    if (durable != durable_files_.end() && directory_survives(parent_of(name))) {
      if (FileStatus written = base_.write_file(name, contents_[durable->second].synced); !written.ok()) return written;
      surviving_files[name] = durable->second;
    } else if (FileStatus removed = base_.remove_file(name); !removed.ok() && removed.error != ENOENT) {
      return removed;
    }
  }
  // Directories whose own name was never durable go, children before parents.
  std::set<std::string> surviving_directories;
  for (auto directory = live_directories_.rbegin(); directory != live_directories_.rend(); ++directory) {
    if (directory_survives(*directory)) continue;
    if (FileStatus removed = base_.remove_directory(*directory); !removed.ok()) return removed;
  }
  for (const std::string& directory : durable_directories_) {
    if (directory_survives(directory)) surviving_directories.insert(directory);
  }
  // What survived is all there is now, and all of it is durable.
  std::vector<FileContent> contents;
  live_files_.clear();
  for (auto& [name, id] : surviving_files) {
    contents.push_back(FileContent{contents_[id].synced, contents_[id].synced});
    id = contents.size() - 1;
    live_files_[name] = id;
  }
  contents_ = std::move(contents);
  durable_files_ = live_files_;
  live_directories_ = surviving_directories;
  durable_directories_ = std::move(surviving_directories);
  return {};
}

}  // namespace pathwise::store
