// libFuzzer target over everything that reads stored or exchanged learner data: sealed records (journal,
// snapshot, profile) and pathwise.progress/1 files. The first byte picks the reader; for records the rest is
// also tried sealed, so the fuzzer gets past the checksum into the JSON. Whatever it reads must be re-written
// and re-read to the same events (the property import and compaction rely on).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "report/progress_file.h"
#include "store/record_format.h"

using namespace pathwise;

namespace {

void check_round_trip(const std::vector<learner::Event>& events) {
  std::vector<const learner::Event*> pointers;
  for (const learner::Event& event : events) pointers.push_back(&event);
  store::DecodedEvents again = store::decode_events_record(store::encode_snapshot_record(pointers));
  if (again.problem != store::RecordProblem::none || again.events.size() != events.size()) std::abort();
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (store::event_json(again.events[i]) != store::event_json(events[i])) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0:
      for (const std::string& record : {std::string(text), store::seal(text)}) {
        store::DecodedEvents decoded = store::decode_events_record(record);
        if (decoded.problem == store::RecordProblem::none) check_round_trip(decoded.events);
        else if (decoded.message.empty()) std::abort();
      }
      break;
    case 1:
      for (const std::string& record : {std::string(text), store::seal(text)}) {
        store::DecodedProfile decoded = store::decode_profile_record(record);
        if (decoded.problem == store::RecordProblem::none) {
          if (store::decode_profile_record(store::encode_profile_record(decoded.profile)).problem !=
              store::RecordProblem::none) {
            std::abort();
          }
        } else if (decoded.message.empty()) {
          std::abort();
        }
      }
      break;
    default: {
      report::ProgressReadResult read = report::read_progress_file(text, "fuzz.json");
      if (read.ok) {
        check_round_trip(read.progress.events);
        if (!report::read_progress_file(report::write_progress_file(read.progress), "again.json").ok) std::abort();
      } else if (read.message.empty()) {
        std::abort();
      }
      break;
    }
  }
  return 0;
}
