#include "store/file_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <tuple>
#include <utility>

namespace pathwise::store {

// [SECTION] The POSIX file system

namespace {

FileStatus failed_with(int error, const std::string& what) {
  return FileStatus{error, "Could not " + what + ": " + std::strerror(error) + "."};
}

// Called right after the failing call: errno is read before anything else (close, allocation) may change it.
FileStatus posix_failure(const char* verb, const std::string& path) {
  const int error = errno;
  return failed_with(error, verb + (" " + path));
}

FileStatus write_descriptor(const std::string& path, std::string_view content, int open_flags, const char* verb) {
  const int descriptor = ::open(path.c_str(), open_flags | O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (descriptor < 0) return posix_failure(verb, path);
  while (!content.empty()) {
    const ssize_t written = ::write(descriptor, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      FileStatus failure = posix_failure(verb, path);
      ::close(descriptor);
      return failure;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  // Some file systems (NFS) report a failed write only when the file is closed.
  if (::close(descriptor) != 0) return posix_failure(verb, path);
  return {};
}

FileStatus sync_descriptor(const std::string& path, int open_flags, const char* verb) {
  const int descriptor = ::open(path.c_str(), open_flags | O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return posix_failure(verb, path);
  if (::fsync(descriptor) != 0) {
    FileStatus failure = posix_failure(verb, path);
    ::close(descriptor);
    return failure;
  }
  ::close(descriptor);
  return {};
}

}  // namespace

FileStatus PosixFileSystem::read_file(const std::string& path, std::string& content) {
  content.clear();
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return posix_failure("read", path);
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(descriptor, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      FileStatus failure = posix_failure("read", path);
      ::close(descriptor);
      return failure;
    }
    if (got == 0) break;
    content.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(descriptor);
  return {};
}

FileStatus PosixFileSystem::write_file(const std::string& path, std::string_view content) {
  return write_descriptor(path, content, O_TRUNC, "write");
}

FileStatus PosixFileSystem::append_file(const std::string& path, std::string_view content) {
  return write_descriptor(path, content, O_APPEND, "append to");
}

FileStatus PosixFileSystem::sync_file(const std::string& path) { return sync_descriptor(path, 0, "sync"); }

FileStatus PosixFileSystem::sync_directory(const std::string& path) {
  return sync_descriptor(path, O_DIRECTORY, "sync the directory");
}

FileStatus PosixFileSystem::rename_file(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) == 0) return {};
  const int error = errno;
  return failed_with(error, "rename " + from + " to " + to);
}

FileStatus PosixFileSystem::remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return posix_failure("remove", path);
  return {};
}

FileStatus PosixFileSystem::make_directory(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) != 0) return posix_failure("create the directory", path);
  return {};
}

FileStatus PosixFileSystem::remove_directory(const std::string& path) {
  if (::rmdir(path.c_str()) != 0) return posix_failure("remove the directory", path);
  return {};
}

FileStatus PosixFileSystem::list_directory(const std::string& path, std::vector<std::string>& names) {
  names.clear();
  DIR* directory = ::opendir(path.c_str());
  if (directory == nullptr) return posix_failure("list the directory", path);
  for (;;) {
    errno = 0;  // readdir returns nullptr both at the end and on an error; only errno tells them apart
    const dirent* entry = ::readdir(directory);
    if (entry == nullptr) break;
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  if (errno != 0) {
    FileStatus failure = posix_failure("list the directory", path);
    ::closedir(directory);
    return failure;
  }
  ::closedir(directory);
  std::sort(names.begin(), names.end());
  return {};
}

// [SECTION] Ids, file names and journal lines

namespace {

constexpr const char* kProfileFile = "profile";
constexpr const char* kJournalFile = "journal.log";
constexpr std::string_view kTemporarySuffix = ".tmp";

// Untrusted text shown inside a message: printable ASCII only, and not too much of it.
std::string quoted(std::string_view text) {
  std::string shown = "\"";
  for (char c : text.substr(0, 64)) shown += (c >= 0x20 && c < 0x7f) ? c : '?';
  return shown + (text.size() > 64 ? "...\"" : "\"");
}

StoreStatus failure(std::string message) { return StoreStatus{StoreFailure::failed, std::move(message)}; }

StoreStatus store_status(const FileStatus& status) {
  if (status.ok()) return {};
  bool full = status.error == ENOSPC;
#ifdef EDQUOT
  full = full || status.error == EDQUOT;
#endif
  return StoreStatus{full ? StoreFailure::quota_exceeded : StoreFailure::failed, status.message};
}

bool parse_sequence(std::string_view digits, std::uint64_t& sequence) {
  if (digits.empty() || digits.size() > 20) return false;
  sequence = 0;
  for (char digit : digits) {
    if (digit < '0' || digit > '9') return false;
    const std::uint64_t value = static_cast<std::uint64_t>(digit - '0');
    if (sequence > (UINT64_MAX - value) / 10) return false;
    sequence = sequence * 10 + value;
  }
  return true;
}

// A quarantined record's writer is "<original kind>:<original writer>"; the original writer may be empty (a
// journal line whose key could not be read). Returns the two parts, or false.
bool split_quarantined_writer(std::string_view writer, std::string_view& kind, std::string_view& original) {
  const std::size_t colon = writer.find(':');
  if (colon == std::string_view::npos) return false;
  kind = writer.substr(0, colon);
  original = writer.substr(colon + 1);
  if (kind != "profile" && kind != "journal" && kind != "snapshot") return false;
  return original.empty() || is_valid_store_id(original);
}

// Why a key cannot be stored in a batch, or "" when it can.
std::string key_problem(const RecordKey& key) {
  std::string_view kind, original;
  switch (key.kind) {
    case RecordKind::profile: return "Profile records are written with put_profile, not in a batch.";
    case RecordKind::journal:
    case RecordKind::snapshot:
      if (is_valid_store_id(key.writer)) return "";
      return quoted(key.writer) + " is not a valid writer id: use 1 to 64 letters, digits, '_' or '-'.";
    case RecordKind::quarantined:
      if (split_quarantined_writer(key.writer, kind, original)) return "";
      return quoted(key.writer) + " is not a valid quarantined writer: use \"journal:\", \"snapshot:\" or " +
             "\"profile:\" followed by a writer id.";
  }
  return "Unknown record kind.";
}

// The file holding a snapshot or quarantined record ('.' never occurs in an id, so the name splits back).
std::string record_file_name(const RecordKey& key) {
  const std::string sequence = std::to_string(key.sequence);
  if (key.kind == RecordKind::snapshot) return "snapshot." + key.writer + "." + sequence;
  std::string_view kind, original;
  split_quarantined_writer(key.writer, kind, original);
  return "quarantined." + std::string(kind) + "." + std::string(original) + "." + sequence;
}

bool parse_record_file_name(std::string_view name, RecordKey& key) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() == 3 && parts[0] == "snapshot" && is_valid_store_id(parts[1])) {
    key = RecordKey{RecordKind::snapshot, std::string(parts[1]), 0};
    return parse_sequence(parts[2], key.sequence);
  }
  if (parts.size() == 4 && parts[0] == "quarantined") {
    key = RecordKey{RecordKind::quarantined, std::string(parts[1]) + ":" + std::string(parts[2]), 0};
    std::string_view kind, original;
    return split_quarantined_writer(key.writer, kind, original) && parse_sequence(parts[3], key.sequence);
  }
  return false;
}

// One line of journal.log, without its '\n'. A readable line is "J <writer> <sequence> <text>" and ended by '\n'.
struct JournalLine {
  bool readable = false;
  RecordKey key;     // readable: the journal key; otherwise the key the line is quarantined under
  std::string text;  // readable: the record's text; otherwise the raw line
};

// FNV-1a, 64 bits: a stable name for a damaged line whose key cannot be read, whatever its place in the file.
std::uint64_t line_hash(std::string_view line) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char byte : line) hash = (hash ^ byte) * 1099511628211ull;
  return hash;
}

JournalLine parse_journal_line(std::string_view line, bool ended) {
  JournalLine parsed;
  bool key_read = false;
  std::string_view text;
  if (line.substr(0, 2) == "J ") {
    const std::size_t writer_end = line.find(' ', 2);
    const std::size_t sequence_end = writer_end == std::string_view::npos ? writer_end : line.find(' ', writer_end + 1);
    if (sequence_end != std::string_view::npos) {
      parsed.key.writer = std::string(line.substr(2, writer_end - 2));
      key_read = is_valid_store_id(parsed.key.writer) &&
                 parse_sequence(line.substr(writer_end + 1, sequence_end - writer_end - 1), parsed.key.sequence);
      text = line.substr(sequence_end + 1);
    }
  }
  parsed.readable = key_read && ended;
  if (parsed.readable) {
    parsed.text = std::string(text);
  } else {
    parsed.key = key_read ? quarantined_key(parsed.key)
                          : RecordKey{RecordKind::quarantined, "journal:", line_hash(line)};
    parsed.text = std::string(line);
  }
  return parsed;
}

std::vector<JournalLine> parse_journal(std::string_view content) {
  std::vector<JournalLine> lines;
  while (!content.empty()) {
    const std::size_t newline = content.find('\n');
    const bool ended = newline != std::string_view::npos;
    lines.push_back(parse_journal_line(content.substr(0, newline), ended));
    content.remove_prefix(ended ? newline + 1 : content.size());
  }
  return lines;
}

std::string journal_line(const std::string& writer, std::uint64_t sequence, const std::string& text) {
  return "J " + writer + " " + std::to_string(sequence) + " " + text + "\n";
}

auto key_order(const RecordKey& key) { return std::tie(key.kind, key.writer, key.sequence); }

std::string parent_directory(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

bool is_valid_store_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// [SECTION] The file store

namespace {

StoreStatus check_profile_id(const std::string& profile) {
  if (is_valid_store_id(profile)) return {};
  return failure(quoted(profile) + " is not a valid profile id: use 1 to 64 letters, digits, '_' or '-'.");
}

StoreStatus check_text(std::string_view text) {
  if (text.find_first_of("\r\n") == std::string_view::npos) return {};
  return failure("A record text contains a line break, which the store cannot keep.");
}

}  // namespace

FileStore::FileStore(FileSystem& files, std::string root) : files_(files), root_(std::move(root)) {
  // One spelling per path: "<root>//p" and "<root>/p" would be different files to a fault-injecting model.
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

void FileStore::load_profiles(ProfilesLoaded done) {
  std::vector<std::string> names;
  const FileStatus listed = files_.list_directory(root_, names);
  if (listed.error == ENOENT) return done(StoreStatus{}, {});
  if (!listed.ok()) return done(store_status(listed), {});
  std::vector<ProfileText> profiles;
  for (const std::string& name : names) {
    if (!is_valid_store_id(name)) continue;  // temporary and foreign files
    std::string text;
    const FileStatus read = files_.read_file(directory_of(name) + "/" + kProfileFile, text);
    // A directory without a profile record: records written before the profile, or a deletion cut short.
    if (read.error == ENOENT || read.error == ENOTDIR) continue;
    if (!read.ok()) return done(store_status(read), {});
    profiles.push_back(ProfileText{name, std::move(text)});
  }
  done(StoreStatus{}, std::move(profiles));
}

void FileStore::load(const std::string& profile, Loaded done) {
  if (StoreStatus checked = check_profile_id(profile); !checked.ok()) return done(checked, {});
  const std::string directory = directory_of(profile);
  std::vector<std::string> names;
  const FileStatus listed = files_.list_directory(directory, names);
  if (listed.error == ENOENT) return done(StoreStatus{}, {});
  if (!listed.ok()) return done(store_status(listed), {});

  std::vector<Record> records;
  std::vector<JournalLine> damaged_lines;
  for (const std::string& name : names) {
    RecordKey key;
    const bool journal = name == kJournalFile;
    if (!journal && !parse_record_file_name(name, key)) continue;  // profile, temporary and foreign files
    std::string content;
    const FileStatus read = files_.read_file(directory + "/" + name, content);
    if (!read.ok()) return done(store_status(read), {});
    if (!journal) {
      records.push_back(Record{std::move(key), std::move(content)});
      continue;
    }
    // A later line with the same key replaces an earlier one.
    std::map<std::pair<std::string, std::uint64_t>, std::string> journal_records;
    for (JournalLine& line : parse_journal(content)) {
      if (line.readable) {
        journal_records[{std::move(line.key.writer), line.key.sequence}] = std::move(line.text);
      } else {
        damaged_lines.push_back(std::move(line));
      }
    }
    for (auto& [id, text] : journal_records) {
      Record record;
      record.key = RecordKey{RecordKind::journal, id.first, id.second};
      record.text = std::move(text);
      records.push_back(std::move(record));
    }
  }
  // A damaged line already moved to its quarantine file (a crash interrupted the rewrite that moves it) is the
  // same record twice: report it once.
  std::set<std::tuple<std::string, std::uint64_t, std::string>> quarantined;
  for (const Record& record : records) {
    if (record.key.kind != RecordKind::quarantined) continue;
    quarantined.emplace(record.key.writer, record.key.sequence, record.text);
  }
  for (JournalLine& line : damaged_lines) {
    if (quarantined.emplace(line.key.writer, line.key.sequence, line.text).second) {
      records.push_back(Record{std::move(line.key), std::move(line.text)});
    }
  }
  std::stable_sort(records.begin(), records.end(),
                   [](const Record& a, const Record& b) { return key_order(a.key) < key_order(b.key); });
  done(StoreStatus{}, std::move(records));
}

void FileStore::write(const std::string& profile, WriteBatch batch, Done done) { done(write_batch(profile, batch)); }

StoreStatus FileStore::write_batch(const std::string& profile, const WriteBatch& batch) {
  // Everything is checked before anything is written, so a refused batch changes nothing.
  if (StoreStatus checked = check_profile_id(profile); !checked.ok()) return checked;
  for (const Record& put : batch.puts) {
    if (std::string problem = key_problem(put.key); !problem.empty()) return failure(problem);
    if (StoreStatus checked = check_text(put.text); !checked.ok()) return checked;
  }
  for (const RecordKey& key : batch.deletes) {
    if (std::string problem = key_problem(key); !problem.empty()) return failure(problem);
  }
  if (batch.puts.empty() && batch.deletes.empty()) return {};
  if (StoreStatus ready = ensure_directory(profile); !ready.ok()) return ready;
  const std::string directory = directory_of(profile);

  // 1. Snapshot and quarantined puts, durable before anything leaves the store.
  std::vector<Record> journal_puts;
  bool files_replaced = false;
  for (const Record& put : batch.puts) {
    if (put.key.kind == RecordKind::journal) {
      journal_puts.push_back(put);
      continue;
    }
    if (StoreStatus put_status = replace_file(directory, record_file_name(put.key), put.text); !put_status.ok()) {
      return put_status;
    }
    files_replaced = true;
  }
  if (files_replaced) {
    if (FileStatus synced = files_.sync_directory(directory); !synced.ok()) return store_status(synced);
  }

  // 2. The journal: appended to when only records arrive and every line is sound, else rewritten whole.
  std::vector<RecordKey> journal_deletes;
  for (const RecordKey& key : batch.deletes) {
    if (key.kind == RecordKind::journal) journal_deletes.push_back(key);
  }
  if (!journal_puts.empty() || !journal_deletes.empty()) {
    if (StoreStatus learned = learn_journal(profile); !learned.ok()) return learned;
    ProfileFiles& state = profiles_[profile];
    if (!journal_deletes.empty() || !state.journal_clean) {
      if (StoreStatus rewritten = rewrite_journal(profile, journal_puts, journal_deletes); !rewritten.ok()) {
        return rewritten;
      }
    } else {
      std::string lines;
      for (const Record& put : journal_puts) lines += journal_line(put.key.writer, put.key.sequence, put.text);
      const std::string path = directory + "/" + kJournalFile;
      FileStatus appended = files_.append_file(path, lines);
      if (appended.ok()) appended = files_.sync_file(path);
      // The first append of this session also syncs the directory: the journal's name may never have been.
      if (appended.ok() && !state.journal_name_durable) appended = files_.sync_directory(directory);
      if (!appended.ok()) {
        state.journal_read = false;  // part of a line may have been written: look again before the next append
        return store_status(appended);
      }
      state.journal_name_durable = true;
    }
  }

  // 3. Snapshot and quarantined deletes, last.
  bool files_removed = false;
  for (const RecordKey& key : batch.deletes) {
    if (key.kind == RecordKind::journal) continue;
    const FileStatus removed = files_.remove_file(directory + "/" + record_file_name(key));
    if (!removed.ok() && removed.error != ENOENT) return store_status(removed);
    files_removed = files_removed || removed.ok();
  }
  if (files_removed) return store_status(files_.sync_directory(directory));
  return {};
}

StoreStatus FileStore::ensure_directory(const std::string& profile) {
  // Once per session even when the directory already exists: an earlier session may have created it and failed
  // (or crashed) before its name was synced.
  if (!root_durable_) {
    const FileStatus made = files_.make_directory(root_);
    if (!made.ok() && made.error != EEXIST) return store_status(made);
    if (FileStatus synced = files_.sync_directory(parent_directory(root_)); !synced.ok()) return store_status(synced);
    root_durable_ = true;
  }
  ProfileFiles& state = profiles_[profile];
  if (state.directory_durable) return {};
  const FileStatus made = files_.make_directory(directory_of(profile));
  if (!made.ok() && made.error != EEXIST) return store_status(made);
  if (FileStatus synced = files_.sync_directory(root_); !synced.ok()) return store_status(synced);
  state.directory_durable = true;
  return {};
}

StoreStatus FileStore::learn_journal(const std::string& profile) {
  ProfileFiles& state = profiles_[profile];
  if (state.journal_read) return {};
  std::string content;
  const FileStatus read = files_.read_file(directory_of(profile) + "/" + kJournalFile, content);
  if (!read.ok() && read.error != ENOENT) return store_status(read);
  const std::vector<JournalLine> lines = parse_journal(content);
  state.journal_clean = std::all_of(lines.begin(), lines.end(), [](const JournalLine& line) { return line.readable; });
  state.journal_read = true;
  return {};
}

StoreStatus FileStore::rewrite_journal(const std::string& profile, const std::vector<Record>& puts,
                                       const std::vector<RecordKey>& deletes) {
  const std::string directory = directory_of(profile);
  std::string content;
  const FileStatus read = files_.read_file(directory + "/" + kJournalFile, content);
  if (!read.ok() && read.error != ENOENT) return store_status(read);

  // Damaged lines move to quarantine files first (durably), so the rewrite below cannot lose them.
  std::map<std::pair<std::string, std::uint64_t>, std::string> journal_records;
  bool quarantined_any = false;
  for (JournalLine& line : parse_journal(content)) {
    if (line.readable) {
      journal_records[{std::move(line.key.writer), line.key.sequence}] = std::move(line.text);
      continue;
    }
    // The key may already hold another record (the same event's line torn twice): take the next free sequence.
    for (;; ++line.key.sequence) {
      std::string existing;
      const FileStatus found = files_.read_file(directory + "/" + record_file_name(line.key), existing);
      if (found.ok() && existing == line.text) break;
      if (found.ok()) continue;
      if (found.error != ENOENT) return store_status(found);
      if (StoreStatus moved = replace_file(directory, record_file_name(line.key), line.text); !moved.ok()) return moved;
      quarantined_any = true;
      break;
    }
  }
  if (quarantined_any) {
    if (FileStatus synced = files_.sync_directory(directory); !synced.ok()) return store_status(synced);
  }

  for (const RecordKey& key : deletes) journal_records.erase({key.writer, key.sequence});
  for (const Record& put : puts) journal_records[{put.key.writer, put.key.sequence}] = put.text;
  std::string rewritten;
  for (const auto& [id, text] : journal_records) rewritten += journal_line(id.first, id.second, text);
  // Until the rewrite is complete and its name synced, neither what the file holds nor its name is settled.
  ProfileFiles& state = profiles_[profile];
  state.journal_read = false;
  state.journal_name_durable = false;
  if (StoreStatus replaced = replace_file(directory, kJournalFile, rewritten); !replaced.ok()) return replaced;
  if (FileStatus synced = files_.sync_directory(directory); !synced.ok()) return store_status(synced);
  state.journal_read = true;
  state.journal_clean = true;
  state.journal_name_durable = true;
  return {};
}

StoreStatus FileStore::replace_file(const std::string& directory, const std::string& name, std::string_view content) {
  const std::string path = directory + "/" + name;
  const std::string temporary = path + std::string(kTemporarySuffix);
  FileStatus status = files_.write_file(temporary, content);
  if (status.ok()) status = files_.sync_file(temporary);
  if (status.ok()) status = files_.rename_file(temporary, path);
  return store_status(status);
}

void FileStore::put_profile(const std::string& profile, std::string text, Done done) {
  if (StoreStatus checked = check_profile_id(profile); !checked.ok()) return done(checked);
  if (StoreStatus checked = check_text(text); !checked.ok()) return done(checked);
  if (StoreStatus ready = ensure_directory(profile); !ready.ok()) return done(ready);
  const std::string directory = directory_of(profile);
  if (StoreStatus replaced = replace_file(directory, kProfileFile, text); !replaced.ok()) return done(replaced);
  done(store_status(files_.sync_directory(directory)));
}

void FileStore::delete_profile(const std::string& profile, Done done) {
  if (StoreStatus checked = check_profile_id(profile); !checked.ok()) return done(checked);
  done(delete_profile_files(profile));
}

StoreStatus FileStore::delete_profile_files(const std::string& profile) {
  profiles_.erase(profile);
  const std::string directory = directory_of(profile);
  std::vector<std::string> names;
  const FileStatus listed = files_.list_directory(directory, names);
  if (listed.error == ENOENT) return {};
  if (!listed.ok()) return store_status(listed);
  // The profile record goes first, durably: from then on the profile is not listed, whatever happens next.
  if (std::find(names.begin(), names.end(), kProfileFile) != names.end()) {
    FileStatus removed = files_.remove_file(directory + "/" + kProfileFile);
    if (removed.ok()) removed = files_.sync_directory(directory);
    if (!removed.ok()) return store_status(removed);
  }
  for (const std::string& name : names) {
    if (name == kProfileFile) continue;
    if (FileStatus removed = files_.remove_file(directory + "/" + name); !removed.ok()) return store_status(removed);
  }
  FileStatus removed = files_.remove_directory(directory);
  if (removed.ok()) removed = files_.sync_directory(root_);
  return store_status(removed);
}

}  // namespace pathwise::store
