// The native home of a learner's records: a RecordStore over a directory, used by the CLI and native tests, and
// the small file-system interface it writes through (in the spirit of leveldb's Env), so that tests can put a
// fault-injecting file system underneath (fault_injection_file_system.h).
//
// Layout under the root directory, one sub-directory per profile:
//   <root>/<profile>/profile                           the profile record's text
//   <root>/<profile>/journal.log                       journal records, one line each: "J <writer> <sequence> <text>"
//   <root>/<profile>/snapshot.<writer>.<sequence>      one file per snapshot record, holding its text
//   <root>/<profile>/quarantined.<kind>.<writer>.<sequence>   one file per quarantined record ("journal:tab-1" is
//                                                      kind "journal", writer "tab-1"; the writer may be empty)
//   <root>/<profile>/*.tmp                             a file being replaced; ignored when reading
//
// Durability. Every file that replaces another is written under a temporary name, synced, renamed over the old
// one, and its directory synced; appends to the journal are synced before `done` runs. The file system offers
// no atomic write across files, so a batch touching several files is not all-or-nothing after a crash or an
// I/O error. Instead the steps are ordered so that no record durable before the call is ever lost:
//   1. new and replaced snapshot and quarantined records are made durable;
//   2. the journal is appended to, or rewritten as a whole (temp + rename) when records leave it;
//   3. deleted snapshot and quarantined records are removed.
// A crash or failure part-way therefore leaves some puts without their deletes, never a delete without the puts
// before it: a compaction (put a snapshot, delete the journal records it holds) interrupted half-way leaves each
// event both in the snapshot and in the journal. That duplicate is harmless (the core counts an event once, by
// its id); a loss would not be. Likewise a failed write may have applied some of its puts.
//
// Damaged journal lines (a line torn by a crash during an append, without its final newline, or a line whose key
// cannot be read) are never dropped: `load` returns each as a quarantined record holding the raw line, keyed by
// quarantined_key() of its journal key, or, when no key can be read, by writer "journal:" and a hash of the line.
// The next write that touches the journal first moves such lines into quarantine files (durably), then rewrites
// the journal without them, so a later append can never be glued onto a torn line. Should a quarantine file
// already hold another text under that key (the same event torn twice), the line takes the next free sequence;
// until it is moved, `load` returns both records under the one key rather than hide either.
//
// Deleting a profile removes its profile record first (durably), then its other files and the directory. A crash
// part-way leaves a directory that load_profiles no longer lists but that may still hold records (`load` returns
// them, also to a new profile given the same id); deleting the profile again finishes the job.
//
// Costs: an append writes and syncs one line; a write that deletes journal records rewrites the whole journal;
// the first write to a profile after the store is opened reads its journal once.
//
// Profile and writer ids come from untrusted places (imports, URLs): only [A-Za-z0-9_-], 1 to 64 characters,
// are accepted, so no id can name a path outside its directory. Record texts must be single lines: a text with
// '\n' or '\r' is refused, as the journal's framing depends on it. Everything runs synchronously: `done` is
// called before each call returns.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/record_store.h"

namespace pathwise::store {

// The outcome of one file operation: `error` is the errno value (0 on success) so that callers can tell a missing
// file (ENOENT) or a full disk (ENOSPC) from other failures; `message` is one sentence naming the file.
struct FileStatus {
  int error = 0;
  std::string message;

  bool ok() const { return error == 0; }
};

// The few file operations the store needs. Paths are plain strings joined with '/'.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Reads the whole file into `content` (ENOENT when there is none).
  virtual FileStatus read_file(const std::string& path, std::string& content) = 0;
  // Creates the file, or truncates an existing one, and writes `content`. Not durable until sync_file.
  virtual FileStatus write_file(const std::string& path, std::string_view content) = 0;
  // Appends `content` to the file, creating it if missing. Not durable until sync_file.
  virtual FileStatus append_file(const std::string& path, std::string_view content) = 0;
  // Makes the file's content durable (fsync). Its name is durable only once its directory is synced.
  virtual FileStatus sync_file(const std::string& path) = 0;
  // Makes the names in the directory durable: files created, renamed or removed in it survive a crash.
  virtual FileStatus sync_directory(const std::string& path) = 0;
  // Renames a file, atomically replacing any file named `to`.
  virtual FileStatus rename_file(const std::string& from, const std::string& to) = 0;
  virtual FileStatus remove_file(const std::string& path) = 0;
  // Creates one directory (EEXIST when it exists); its parent must exist.
  virtual FileStatus make_directory(const std::string& path) = 0;
  // Removes an empty directory.
  virtual FileStatus remove_directory(const std::string& path) = 0;
  // The names in a directory, without "." and "..", sorted.
  virtual FileStatus list_directory(const std::string& path, std::vector<std::string>& names) = 0;
};

// The FileSystem of the machine: POSIX open/read/write/fsync/rename/unlink/mkdir/opendir (also what Emscripten
// provides, in memory or on Node's real files).
class PosixFileSystem : public FileSystem {
 public:
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
};

// True for the ids the file store accepts as profile and writer ids: [A-Za-z0-9_-], 1 to 64 characters.
bool is_valid_store_id(std::string_view id);

class FileStore : public RecordStore {
 public:
  // `root` holds one directory per profile; it is created on the first write if missing (its parent must exist).
  // `files` must outlive the store. Nothing else may change the root's files while the store is in use: the store
  // remembers what it learned about each profile's directory and journal.
  FileStore(FileSystem& files, std::string root);

  void load_profiles(ProfilesLoaded done) override;
  void load(const std::string& profile, Loaded done) override;
  void write(const std::string& profile, WriteBatch batch, Done done) override;
  void delete_profile(const std::string& profile, Done done) override;
  void put_profile(const std::string& profile, std::string text, Done done) override;
  // Kept but never called: no one else writes to the directory while the store is in use, and files cannot be
  // taken away the way a browser takes a database.
  void set_observer(StoreObserver* observer) override { observer_ = observer; }

 private:
  // What this store has learned about a profile's files since it was opened.
  struct ProfileFiles {
    bool directory_durable = false;  // the directory exists and its name has been synced into the root
    bool journal_read = false;       // journal_clean is known
    bool journal_clean = false;      // every line of journal.log is a readable record ending in '\n'
    bool journal_name_durable = false;  // journal.log's current name has been synced into the directory
  };

  StoreStatus write_batch(const std::string& profile, const WriteBatch& batch);
  StoreStatus ensure_directory(const std::string& profile);
  StoreStatus learn_journal(const std::string& profile);
  StoreStatus rewrite_journal(const std::string& profile, const std::vector<Record>& puts,
                              const std::vector<RecordKey>& deletes);
  StoreStatus replace_file(const std::string& directory, const std::string& name, std::string_view content);
  StoreStatus delete_profile_files(const std::string& profile);
  std::string directory_of(const std::string& profile) const { return root_ + "/" + profile; }

  FileSystem& files_;
  std::string root_;
  StoreObserver* observer_ = nullptr;
  bool root_durable_ = false;
  std::map<std::string, ProfileFiles> profiles_;
};

}  // namespace pathwise::store
