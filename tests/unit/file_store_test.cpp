// The native file store over real files (a fresh directory under /tmp per test), and over the fault-injecting
// file system: crashes at every step of appends and compactions, torn journal lines, I/O errors.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "store/fault_injection_file_system.h"
#include "store/file_store.h"

using namespace pathwise::store;

namespace {

// A fresh directory under /tmp, removed with everything in it at the end of the test.
struct TemporaryDirectory {
  std::string path;

  TemporaryDirectory() {
    char pattern[] = "/tmp/pathwise-file-store-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    REQUIRE(made != nullptr);
    path = made;
  }
  ~TemporaryDirectory() { remove_tree(path); }

  static void remove_tree(const std::string& directory) {
    PosixFileSystem files;
    std::vector<std::string> names;
    if (!files.list_directory(directory, names).ok()) return;
    for (const std::string& name : names) {
      if (!files.remove_file(directory + "/" + name).ok()) remove_tree(directory + "/" + name);
    }
    files.remove_directory(directory);
  }
};

// Built field by field: GCC 12 warns (wrongly) about nested braced initialisers of Record.
Record record(RecordKind kind, const std::string& writer, std::uint64_t sequence, const std::string& text) {
  Record made;
  made.key = RecordKey{kind, writer, sequence};
  made.text = text;
  return made;
}
// Real files whose syncs do nothing. fsync on a shared disk costs milliseconds, and thousands of them would make
// these tests slow; what a sync guarantees is what FaultInjectionFileSystem models, and only there is it checked.
// The round-trip test keeps the real fsync.
class UnsyncedFileSystem : public PosixFileSystem {
 public:
  FileStatus sync_file(const std::string&) override { return {}; }
  FileStatus sync_directory(const std::string&) override { return {}; }
};

Record journal(const std::string& writer, std::uint64_t sequence, const std::string& text) {
  return record(RecordKind::journal, writer, sequence, text);
}
Record snapshot(const std::string& writer, std::uint64_t sequence, const std::string& text) {
  return record(RecordKind::snapshot, writer, sequence, text);
}

// The store calls back before returning; these make that a plain return value (and check it happens once). They
// take a store or a temporary one.
template <typename Store>
StoreStatus write(Store&& store, const std::string& profile, WriteBatch batch) {
  StoreStatus result;
  int calls = 0;
  store.write(profile, std::move(batch), [&](const StoreStatus& status) { result = status, ++calls; });
  CHECK(calls == 1);
  return result;
}
template <typename Store>
StoreStatus put_profile(Store&& store, const std::string& profile, const std::string& text) {
  StoreStatus result;
  int calls = 0;
  store.put_profile(profile, text, [&](const StoreStatus& status) { result = status, ++calls; });
  CHECK(calls == 1);
  return result;
}
template <typename Store>
StoreStatus delete_profile(Store&& store, const std::string& profile) {
  StoreStatus result;
  int calls = 0;
  store.delete_profile(profile, [&](const StoreStatus& status) { result = status, ++calls; });
  CHECK(calls == 1);
  return result;
}
template <typename Store>
std::vector<Record> load(Store&& store, const std::string& profile, StoreStatus* status_out = nullptr) {
  std::vector<Record> result;
  int calls = 0;
  store.load(profile, [&](const StoreStatus& status, std::vector<Record> records) {
    if (status_out != nullptr) *status_out = status;
    if (status_out == nullptr) CHECK_MESSAGE(status.ok(), status.message);
    result = std::move(records), ++calls;
  });
  CHECK(calls == 1);
  return result;
}
template <typename Store>
std::vector<ProfileText> load_profiles(Store&& store, StoreStatus* status_out = nullptr) {
  std::vector<ProfileText> result;
  store.load_profiles([&](const StoreStatus& status, std::vector<ProfileText> profiles) {
    if (status_out != nullptr) *status_out = status;
    if (status_out == nullptr) CHECK_MESSAGE(status.ok(), status.message);
    result = std::move(profiles);
  });
  return result;
}

// "journal tab-1 4 = e4", one per record: how a test compares what was loaded with what it expects.
std::vector<std::string> describe(const std::vector<Record>& records) {
  static const char* const kKinds[] = {"profile", "journal", "snapshot", "quarantined"};
  std::vector<std::string> lines;
  for (const Record& record : records) {
    lines.push_back(std::string(kKinds[static_cast<int>(record.key.kind)]) + " " + record.key.writer + " " +
                    std::to_string(record.key.sequence) + " = " + record.text);
  }
  return lines;
}

// The events the records hold: a journal record's text is one event, a snapshot's text several, space-separated.
std::set<std::string> events_in(const std::vector<Record>& records) {
  std::set<std::string> events;
  for (const Record& record : records) {
    if (record.key.kind == RecordKind::journal) events.insert(record.text);
    if (record.key.kind != RecordKind::snapshot) continue;
    for (std::size_t start = 0; start < record.text.size();) {
      const std::size_t space = std::min(record.text.find(' ', start), record.text.size());
      events.insert(record.text.substr(start, space - start));
      start = space + 1;
    }
  }
  return events;
}

std::set<std::string> events_from(int first, int last) {
  std::set<std::string> events;
  for (int event = first; event <= last; ++event) events.insert("e" + std::to_string(event));
  return events;
}

bool contains_all(const std::set<std::string>& events, const std::set<std::string>& wanted) {
  for (const std::string& event : wanted) {
    if (events.count(event) == 0) return false;
  }
  return true;
}

std::vector<std::string> quarantined_texts(const std::vector<Record>& records) {
  std::vector<std::string> texts;
  for (const Record& record : records) {
    if (record.key.kind == RecordKind::quarantined) texts.push_back(record.text);
  }
  return texts;
}

// Acknowledged before each compaction test: snapshot old/1 holding e1..e3, journal tab-1 4..10 holding e4..e10.
template <typename Store>
void write_history(Store&& store) {
  REQUIRE(put_profile(store, "p1", "{\"name\":\"Ada\"}").ok());
  REQUIRE(write(store, "p1", WriteBatch{{snapshot("old", 1, "e1 e2 e3")}, {}}).ok());
  for (int event = 4; event <= 10; ++event) {
    REQUIRE(write(store, "p1", WriteBatch{{journal("tab-1", event, "e" + std::to_string(event))}, {}}).ok());
  }
}

// Folds e1..e8 into a new snapshot and removes what it replaces: the old snapshot and journal 4..8.
WriteBatch compaction() {
  WriteBatch batch;
  batch.puts.push_back(snapshot("tab-1", 2, "e1 e2 e3 e4 e5 e6 e7 e8"));
  batch.deletes.push_back(RecordKey{RecordKind::snapshot, "old", 1});
  for (int sequence = 4; sequence <= 8; ++sequence) batch.deletes.push_back({RecordKind::journal, "tab-1", std::uint64_t(sequence)});
  return batch;
}

std::string parent_of_root(const std::string& root) { return root.substr(0, root.find_last_of('/')); }

const std::vector<std::string> kCompacted = {"journal tab-1 9 = e9", "journal tab-1 10 = e10",
                                             "snapshot tab-1 2 = e1 e2 e3 e4 e5 e6 e7 e8"};

}  // namespace

TEST_CASE("file store: every operation round trips") {
  TemporaryDirectory directory;
  PosixFileSystem files;
  const std::string root = directory.path + "/store";
  FileStore store(files, root);

  CHECK(load_profiles(store).empty());  // the root does not exist yet
  CHECK(load(store, "nobody").empty());
  REQUIRE(put_profile(store, "zoe", "{\"name\":\"Zoe\"}").ok());
  REQUIRE(put_profile(store, "ada", "{\"name\":\"Ada\"}").ok());

  WriteBatch batch;
  batch.puts = {journal("tab-2", 1, "b1"), journal("tab-1", 2, "a2"), journal("tab-1", 1, "a1"),
                snapshot("tab-1", 7, "a1 a2"), record(RecordKind::quarantined, "journal:tab-3", 9, "J tab-3 9 ?"),
                journal("tab-1", 3, "")};
  REQUIRE(write(store, "ada", batch).ok());
  const std::vector<std::string> written = {"journal tab-1 1 = a1", "journal tab-1 2 = a2", "journal tab-1 3 = ",
                                            "journal tab-2 1 = b1", "snapshot tab-1 7 = a1 a2",
                                            "quarantined journal:tab-3 9 = J tab-3 9 ?"};
  CHECK(describe(load(store, "ada")) == written);
  FileStore reopened(files, root + "/");
  CHECK(describe(load(reopened, "ada")) == written);

  // Deletes: journal records leave journal.log, snapshots their files; deleting what is not there is fine.
  WriteBatch deletes;
  deletes.deletes = {{RecordKind::journal, "tab-1", 1}, {RecordKind::snapshot, "tab-1", 7},
                     {RecordKind::journal, "nobody", 5}, {RecordKind::snapshot, "nobody", 5}};
  deletes.puts = {journal("tab-1", 4, "a4")};
  REQUIRE(write(reopened, "ada", deletes).ok());
  CHECK(describe(load(reopened, "ada")) ==
        std::vector<std::string>{"journal tab-1 2 = a2", "journal tab-1 3 = ", "journal tab-1 4 = a4",
                                 "journal tab-2 1 = b1", "quarantined journal:tab-3 9 = J tab-3 9 ?"});
  CHECK(write(reopened, "ada", WriteBatch{{journal("tab-1", 5, "a5")}, {}}).ok());  // an append after a rewrite
  CHECK(load(FileStore(files, root), "ada").size() == 6);

  REQUIRE(put_profile(reopened, "zoe", "{\"name\":\"Zoë\"}").ok());
  std::vector<ProfileText> profiles = load_profiles(reopened);
  REQUIRE(profiles.size() == 2);
  CHECK(profiles[0].profile == "ada");
  CHECK(profiles[0].text == "{\"name\":\"Ada\"}");
  CHECK(profiles[1].profile == "zoe");
  CHECK(profiles[1].text == "{\"name\":\"Zoë\"}");
  CHECK(load(reopened, "zoe").empty());  // the profile record is not among the records

  REQUIRE(delete_profile(reopened, "ada").ok());
  CHECK(load(reopened, "ada").empty());
  profiles = load_profiles(reopened);
  REQUIRE(profiles.size() == 1);
  CHECK(profiles[0].profile == "zoe");
  std::vector<std::string> names;
  CHECK(files.list_directory(root + "/ada", names).error == ENOENT);
  CHECK(delete_profile(reopened, "ada").ok());  // already gone

  reopened.set_observer(nullptr);
}

TEST_CASE("file store: quarantined keys keep the original kind in the writer") {
  CHECK(quarantined_key({RecordKind::journal, "tab-3", 9}) == RecordKey{RecordKind::quarantined, "journal:tab-3", 9});
  CHECK(quarantined_key({RecordKind::snapshot, "dev", 2}) == RecordKey{RecordKind::quarantined, "snapshot:dev", 2});
  CHECK(quarantined_key({RecordKind::profile, "p", 0}) == RecordKey{RecordKind::quarantined, "profile:p", 0});
  const RecordKey already{RecordKind::quarantined, "journal:tab-3", 9};
  CHECK(quarantined_key(already) == already);
}

TEST_CASE("file store: a later put of the same key replaces the earlier one") {
  TemporaryDirectory directory;
  UnsyncedFileSystem files;
  FileStore store(files, directory.path);
  REQUIRE(write(store, "p", WriteBatch{{journal("w", 1, "first"), snapshot("w", 1, "first")}, {}}).ok());
  REQUIRE(write(store, "p", WriteBatch{{journal("w", 1, "second"), snapshot("w", 1, "second")}, {}}).ok());
  REQUIRE(write(store, "p", WriteBatch{{journal("w", 2, "x"), journal("w", 2, "third")}, {}}).ok());
  const std::vector<std::string> expected = {"journal w 1 = second", "journal w 2 = third", "snapshot w 1 = second"};
  CHECK(describe(load(store, "p")) == expected);
  FileStore reopened(files, directory.path);
  CHECK(describe(load(reopened, "p")) == expected);
  // A rewrite keeps only the last line of each key.
  REQUIRE(write(reopened, "p", WriteBatch{{}, {{RecordKind::journal, "w", 9}}}).ok());
  std::string content;
  REQUIRE(files.read_file(directory.path + "/p/journal.log", content).ok());
  CHECK(content == "J w 1 second\nJ w 2 third\n");
}

TEST_CASE("file store: ids that could name another path, and line breaks, are refused") {
  TemporaryDirectory directory;
  UnsyncedFileSystem files;
  FileStore store(files, directory.path);
  const std::string too_long(65, 'a');
  for (const std::string& bad : {std::string(), std::string(".."), std::string("../x"), std::string("a/b"),
                                 std::string("a.b"), std::string("/etc"), std::string("tab 1"), too_long,
                                 std::string("\xc3\xa9l\xc3\xa8ve"), std::string("a\0b", 3)}) {
    CAPTURE(bad);
    StoreStatus status = put_profile(store, bad, "x");
    CHECK(status.failure == StoreFailure::failed);
    CHECK(status.message.find("is not a valid profile id") != std::string::npos);
    CHECK(write(store, bad, WriteBatch{{journal("w", 1, "x")}, {}}).failure == StoreFailure::failed);
    CHECK(delete_profile(store, bad).failure == StoreFailure::failed);
    load(store, bad, &status);
    CHECK(status.failure == StoreFailure::failed);
    status = write(store, "p", WriteBatch{{journal(bad, 1, "x")}, {}});
    CHECK(status.failure == StoreFailure::failed);
    CHECK(status.message.find("is not a valid writer id") != std::string::npos);
    CHECK(write(store, "p", WriteBatch{{}, {{RecordKind::snapshot, bad, 1}}}).failure == StoreFailure::failed);
    CHECK(write(store, "p", WriteBatch{{record(RecordKind::quarantined, "journal:" + bad, 1, "x")}, {}}).failure ==
          (bad.empty() ? StoreFailure::none : StoreFailure::failed));
  }
  CHECK(is_valid_store_id(std::string(64, 'Z')));
  CHECK(is_valid_store_id("tab-3f_9"));
  // Line breaks would break the journal's framing; profile records in a batch belong to put_profile.
  CHECK(write(store, "p", WriteBatch{{journal("w", 1, "a\nb")}, {}}).failure == StoreFailure::failed);
  CHECK(write(store, "p", WriteBatch{{snapshot("w", 1, "a\rb")}, {}}).failure == StoreFailure::failed);
  CHECK(put_profile(store, "p", "a\n").failure == StoreFailure::failed);
  CHECK(write(store, "p", WriteBatch{{record(RecordKind::profile, "w", 1, "x")}, {}}).failure == StoreFailure::failed);
  CHECK(write(store, "p", WriteBatch{{record(RecordKind::quarantined, "tab-1", 1, "x")}, {}}).failure ==
        StoreFailure::failed);
  // A refused batch writes nothing at all, not even its good records.
  CHECK(write(store, "q", WriteBatch{{journal("w", 1, "good"), journal("w/..", 2, "bad")}, {}}).failure ==
        StoreFailure::failed);
  CHECK(load(store, "q").empty());
  std::vector<std::string> names;
  REQUIRE(files.list_directory(directory.path, names).ok());
  CHECK(names == std::vector<std::string>{"p"});  // only the quarantined record with an empty original writer
}

TEST_CASE("file store: a journal of 1,000 records") {
  TemporaryDirectory directory;
  UnsyncedFileSystem files;
  FileStore store(files, directory.path);
  for (int sequence = 1; sequence <= 1000; ++sequence) {
    const std::string text = "{\"event\":" + std::to_string(sequence) + ",\"answer\":\"x y z\"}";
    REQUIRE(write(store, "p", WriteBatch{{journal(sequence % 2 ? "tab-a" : "tab-b", sequence, text)}, {}}).ok());
  }
  FileStore reopened(files, directory.path);
  std::vector<Record> records = load(reopened, "p");
  REQUIRE(records.size() == 1000);
  CHECK(records[0].key.writer == "tab-a");
  CHECK(records[0].key.sequence == 1);
  CHECK(records[499].key.sequence == 999);
  CHECK(records[500].key.writer == "tab-b");
  CHECK(records[500].key.sequence == 2);  // numeric order, not text order
  CHECK(records[999].text == "{\"event\":1000,\"answer\":\"x y z\"}");
  WriteBatch compact;
  for (int sequence = 1; sequence <= 1000; sequence += 2) compact.deletes.push_back({RecordKind::journal, "tab-a", std::uint64_t(sequence)});
  REQUIRE(write(reopened, "p", compact).ok());
  records = load(reopened, "p");
  REQUIRE(records.size() == 500);
  CHECK(records.front().key.writer == "tab-b");
}

TEST_CASE("file store: a torn final journal line comes back as a quarantined record") {
  TemporaryDirectory directory;
  UnsyncedFileSystem files;
  const std::string journal_path = directory.path + "/p/journal.log";
  {
    FileStore store(files, directory.path);
    for (int sequence = 1; sequence <= 3; ++sequence) {
      REQUIRE(write(store, "p", WriteBatch{{journal("tab-1", sequence, "e" + std::to_string(sequence))}, {}}).ok());
    }
  }
  // A line whose key cannot be read in the middle, and the power lost in the middle of the last append.
  REQUIRE(files.append_file(journal_path, "garbage without a key\nJ tab-1 4 {\"par").ok());

  FileStore store(files, directory.path);
  const std::uint64_t garbage_sequence = [&] {
    for (const Record& record : load(store, "p")) {
      if (record.key.writer == "journal:") return record.key.sequence;
    }
    return std::uint64_t(0);
  }();
  CHECK(garbage_sequence != 0);
  const std::vector<std::string> expected = {
      "journal tab-1 1 = e1", "journal tab-1 2 = e2", "journal tab-1 3 = e3",
      "quarantined journal: " + std::to_string(garbage_sequence) + " = garbage without a key",
      "quarantined journal:tab-1 4 = J tab-1 4 {\"par"};
  CHECK(describe(load(store, "p")) == expected);

  // The next append moves the damaged lines into quarantine files and is never glued onto the torn one.
  REQUIRE(write(store, "p", WriteBatch{{journal("tab-1", 4, "e4")}, {}}).ok());
  std::vector<std::string> after = expected;
  after.insert(after.begin() + 3, "journal tab-1 4 = e4");
  CHECK(describe(load(FileStore(files, directory.path), "p")) == after);
  std::string content;
  REQUIRE(files.read_file(journal_path, content).ok());
  CHECK(content == "J tab-1 1 e1\nJ tab-1 2 e2\nJ tab-1 3 e3\nJ tab-1 4 e4\n");
  REQUIRE(files.read_file(directory.path + "/p/quarantined.journal.tab-1.4", content).ok());
  CHECK(content == "J tab-1 4 {\"par");

  // Torn again under the same key with another text: both are kept, under two keys.
  REQUIRE(files.append_file(journal_path, "J tab-1 4 {\"other").ok());
  REQUIRE(write(FileStore(files, directory.path), "p", WriteBatch{{journal("tab-1", 5, "e5")}, {}}).ok());
  const std::vector<Record> records = load(store, "p");
  CHECK(quarantined_texts(records) ==
        std::vector<std::string>{"garbage without a key", "J tab-1 4 {\"par", "J tab-1 4 {\"other"});
  CHECK(records.back().key.sequence == 5);
}

TEST_CASE("file store: fault injection keeps only what was synced") {
  TemporaryDirectory directory;
  UnsyncedFileSystem posix;
  FaultInjectionFileSystem files(posix);
  const std::string dir = directory.path;
  std::string content;

  REQUIRE(files.write_file(dir + "/kept", "old").ok());
  REQUIRE(files.sync_file(dir + "/kept").ok());
  REQUIRE(files.sync_directory(dir).ok());
  REQUIRE(files.append_file(dir + "/kept", " unsynced").ok());         // data not synced
  REQUIRE(files.write_file(dir + "/named", "synced data").ok());       // data synced, name not
  REQUIRE(files.sync_file(dir + "/named").ok());
  REQUIRE(files.write_file(dir + "/replacement", "new").ok());         // a rename never made durable
  REQUIRE(files.sync_file(dir + "/replacement").ok());
  REQUIRE(files.make_directory(dir + "/sub").ok());                    // a directory never made durable
  REQUIRE(files.write_file(dir + "/sub/inner", "x").ok());
  REQUIRE(files.sync_file(dir + "/sub/inner").ok());
  REQUIRE(files.sync_directory(dir + "/sub").ok());
  REQUIRE(files.crash().ok());
  REQUIRE(posix.read_file(dir + "/kept", content).ok());
  CHECK(content == "old");
  CHECK(posix.read_file(dir + "/named", content).error == ENOENT);
  CHECK(posix.read_file(dir + "/replacement", content).error == ENOENT);
  CHECK(posix.read_file(dir + "/sub/inner", content).error == ENOENT);

  REQUIRE(files.write_file(dir + "/replacement", "new").ok());
  REQUIRE(files.sync_file(dir + "/replacement").ok());
  REQUIRE(files.rename_file(dir + "/replacement", dir + "/kept").ok());
  REQUIRE(files.remove_file(dir + "/kept").ok() == true);
  REQUIRE(files.crash().ok());  // neither the rename nor the removal reached the directory
  REQUIRE(posix.read_file(dir + "/kept", content).ok());
  CHECK(content == "old");

  REQUIRE(files.write_file(dir + "/replacement", "new").ok());
  REQUIRE(files.sync_file(dir + "/replacement").ok());
  REQUIRE(files.rename_file(dir + "/replacement", dir + "/kept").ok());
  REQUIRE(files.sync_directory(dir).ok());
  REQUIRE(files.crash().ok());
  REQUIRE(posix.read_file(dir + "/kept", content).ok());
  CHECK(content == "new");
  std::vector<std::string> names;
  REQUIRE(posix.list_directory(dir, names).ok());
  CHECK(names == std::vector<std::string>{"kept"});

  // A disk may persist a later name change without an earlier one.
  REQUIRE(files.write_file(dir + "/first", "1").ok());
  REQUIRE(files.sync_file(dir + "/first").ok());
  REQUIRE(files.write_file(dir + "/second", "2").ok());
  REQUIRE(files.sync_file(dir + "/second").ok());
  CHECK(files.unsynced_name_changes() == 2);
  REQUIRE(files.crash([](std::size_t change) { return change == 1; }).ok());
  CHECK(files.unsynced_name_changes() == 0);
  REQUIRE(posix.list_directory(dir, names).ok());
  CHECK(names == std::vector<std::string>{"kept", "second"});

  // Injected failures change nothing and end after the number asked for.
  const std::size_t before = files.operation_count();
  files.fail_after(1, 2, ENOSPC);
  CHECK(files.read_file(dir + "/kept", content).ok());
  CHECK(files.append_file(dir + "/kept", "!").error == ENOSPC);
  CHECK(files.sync_file(dir + "/kept").error == ENOSPC);
  CHECK(files.read_file(dir + "/kept", content).ok());
  CHECK(content == "new");
  CHECK(files.operation_count() - before == 4);
}

// Each crash test runs its scenario once per (step, keep_from): the file system fails from call `step` on (or only
// at that call), then the power goes, keeping the unsynced name changes from index `keep_from` on; keep_from 0
// keeps them all, keep_from == their number keeps none, and in between a later change survives an earlier one.

const std::string kTornLine = "J tab-1 1 {\"par";

// A journal whose last line was torn by a crash, durable: the store must carry it over to a quarantine file.
void write_torn_journal(FileSystem& files, const std::string& root) {
  REQUIRE(files.make_directory(root).ok());
  REQUIRE(files.make_directory(root + "/p1").ok());
  REQUIRE(files.append_file(root + "/p1/journal.log", kTornLine).ok());
  REQUIRE(files.sync_file(root + "/p1/journal.log").ok());
  REQUIRE(files.sync_directory(root + "/p1").ok());
  REQUIRE(files.sync_directory(root).ok());
  REQUIRE(files.sync_directory(parent_of_root(root)).ok());
}

TEST_CASE("file store: every acknowledged append survives a crash at any step") {
  for (const bool torn : {false, true}) {
    for (const std::size_t failures : {SIZE_MAX, std::size_t(1)}) {
      bool every_step_covered = false;
      for (std::size_t step = 0; !every_step_covered; ++step) {
        std::size_t unsynced = 0;
        for (std::size_t keep_from = 0; keep_from <= unsynced; ++keep_from) {
          CAPTURE(torn);
          CAPTURE(failures);
          CAPTURE(step);
          CAPTURE(keep_from);
          TemporaryDirectory directory;
          UnsyncedFileSystem posix;
          FaultInjectionFileSystem files(posix);
          const std::string root = directory.path + "/store";
          if (torn) write_torn_journal(files, root);
          FileStore store(files, root);
          const std::size_t before = files.operation_count();
          files.fail_after(step, failures);
          std::vector<std::string> acknowledged;
          const bool profile_acknowledged = put_profile(store, "p1", "{}").ok();
          for (int event = 1; event <= 5; ++event) {
            WriteBatch batch{{journal("tab-1", event, "e" + std::to_string(event))}, {}};
            if (event == 3) batch.puts.push_back(snapshot("tab-1", 1, "s1"));
            if (event == 4) {  // a small compaction in the middle: the journal is rewritten between appends
              batch.puts.push_back(snapshot("tab-1", 2, "e1"));
              batch.deletes.push_back(RecordKey{RecordKind::journal, "tab-1", 1});
            }
            if (write(store, "p1", batch).ok()) acknowledged.push_back("e" + std::to_string(event));
          }
          every_step_covered = files.operation_count() - before <= step;
          unsynced = files.unsynced_name_changes();
          REQUIRE(files.crash([&](std::size_t change) { return change >= keep_from; }).ok());

          FileStore reopened(posix, root);
          const std::vector<Record> records = load(reopened, "p1");
          const std::set<std::string> events = events_in(records);
          for (const std::string& event : acknowledged) CHECK(events.count(event) == 1);
          // Whole lines or nothing, and a torn line neither lost nor doubled.
          CHECK(quarantined_texts(records) == (torn ? std::vector<std::string>{kTornLine} : std::vector<std::string>{}));
          if (profile_acknowledged) CHECK(load_profiles(reopened).size() == 1);
          if (every_step_covered) CHECK(acknowledged.size() == 5);
        }
        if (every_step_covered) CHECK(step > 20);
      }
    }
  }
}

TEST_CASE("file store: a crash at any step of a compaction loses nothing") {
  for (const bool torn : {false, true}) {
    bool every_step_covered = false;
    for (std::size_t step = 0; !every_step_covered; ++step) {
      std::size_t unsynced = 0;
      for (std::size_t keep_from = 0; keep_from <= unsynced; ++keep_from) {
        CAPTURE(torn);
        CAPTURE(step);
        CAPTURE(keep_from);
        TemporaryDirectory directory;
        UnsyncedFileSystem posix;
        FaultInjectionFileSystem files(posix);
        const std::string root = directory.path + "/store";
        write_history(FileStore(files, root));
        if (torn) {  // a durable torn line the compaction must carry over to a quarantine file
          REQUIRE(files.append_file(root + "/p1/journal.log", "J tab-1 11 e1").ok());
          REQUIRE(files.sync_file(root + "/p1/journal.log").ok());
        }
        FileStore store(files, root);
        const std::size_t before = files.operation_count();
        files.fail_after(step);
        const StoreStatus status = write(store, "p1", compaction());
        every_step_covered = files.operation_count() - before <= step;
        unsynced = files.unsynced_name_changes();
        REQUIRE(files.crash([&](std::size_t change) { return change >= keep_from; }).ok());

        FileStore reopened(posix, root);
        const std::vector<Record> records = load(reopened, "p1");
        CHECK(contains_all(events_in(records), events_from(1, 10)));  // duplicates allowed, losses not
        CHECK(quarantined_texts(records) == (torn ? std::vector<std::string>{"J tab-1 11 e1"} : std::vector<std::string>{}));
        if (status.ok()) {
          std::vector<std::string> loaded = describe(records);
          if (torn && !loaded.empty()) loaded.pop_back();  // the quarantined line, checked above
          CHECK(loaded == kCompacted);
        }
        CHECK(load_profiles(reopened).size() == 1);
        if (every_step_covered) CHECK(status.ok());
      }
      if (every_step_covered) CHECK(step > 10);
    }
  }
}

TEST_CASE("file store: I/O errors are reported and leave durable data intact") {
  TemporaryDirectory directory;
  UnsyncedFileSystem posix;
  FaultInjectionFileSystem files(posix);
  const std::string root = directory.path + "/store";
  FileStore store(files, root);
  write_history(store);

  SUBCASE("a full disk is quota_exceeded, naming the file") {
    files.fail_after(0, 1, ENOSPC);
    const StoreStatus status = write(store, "p1", WriteBatch{{journal("tab-1", 11, "e11")}, {}});
    CHECK(status.failure == StoreFailure::quota_exceeded);
    CHECK(status.message.find(root + "/p1/journal.log") != std::string::npos);
    CHECK(status.message.find(std::strerror(ENOSPC)) != std::string::npos);
  }
  SUBCASE("a failing read fails load and load_profiles") {
    StoreStatus status;
    files.fail_after(0, 1);
    CHECK(load(store, "p1", &status).empty());
    CHECK(status.failure == StoreFailure::failed);
    CHECK(!status.message.empty());
    files.fail_after(1, 1);
    CHECK(load_profiles(store, &status).empty());
    CHECK(status.failure == StoreFailure::failed);
  }
  SUBCASE("a failure at any step of a compaction, then a retry") {
    for (std::size_t step = 0;; ++step) {
      CAPTURE(step);
      TemporaryDirectory other;
      FileStore fresh(files, other.path);
      write_history(fresh);
      const std::size_t before = files.operation_count();
      files.fail_after(step, 1);
      const StoreStatus status = write(fresh, "p1", compaction());
      const bool every_step_covered = files.operation_count() - before <= step;
      files.stop_failing();
      CHECK(status.ok() == every_step_covered);
      if (!status.ok()) CHECK(status.message.find(other.path) != std::string::npos);
      CHECK(contains_all(events_in(load(fresh, "p1")), events_from(1, 10)));
      CHECK(contains_all(events_in(load(FileStore(posix, other.path), "p1")), events_from(1, 10)));
      REQUIRE(write(fresh, "p1", compaction()).ok());
      CHECK(describe(load(FileStore(posix, other.path), "p1")) == kCompacted);
      if (every_step_covered) break;
    }
  }
  SUBCASE("a failure at any step of deleting a profile, then a retry") {
    for (std::size_t step = 0;; ++step) {
      CAPTURE(step);
      TemporaryDirectory other;
      FileStore fresh(files, other.path);
      write_history(fresh);
      REQUIRE(put_profile(fresh, "p2", "{}").ok());
      const std::size_t before = files.operation_count();
      files.fail_after(step, 1);
      const StoreStatus status = delete_profile(fresh, "p1");
      const bool every_step_covered = files.operation_count() - before <= step;
      files.stop_failing();
      const std::vector<ProfileText> profiles = load_profiles(fresh);
      REQUIRE(!profiles.empty());
      CHECK(profiles.back().profile == "p2");  // the other profile is untouched
      if (!status.ok() && profiles.size() == 2) CHECK(events_in(load(fresh, "p1")) == events_from(1, 10));
      REQUIRE(delete_profile(fresh, "p1").ok());
      CHECK(load_profiles(fresh).size() == 1);
      CHECK(load(fresh, "p1").empty());
      if (every_step_covered) break;
    }
  }
  // Whatever failed above, what was durable before is all there.
  files.stop_failing();
  CHECK(contains_all(events_in(load(FileStore(posix, root), "p1")), events_from(1, 10)));
  CHECK(load_profiles(FileStore(posix, root)).size() == 1);
}
