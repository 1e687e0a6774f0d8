#include "store/record_store.h"

namespace pathwise::store {

namespace {

const char* kind_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::profile: return "profile";
    case RecordKind::journal: return "journal";
    case RecordKind::snapshot: return "snapshot";
    case RecordKind::quarantined: return "quarantined";
  }
  return "unknown";
}

}  // namespace

RecordKey quarantined_key(const RecordKey& original) {
  // Quarantining a quarantined record again must not nest its writer ("journal:journal:…"): it keeps its key.
  if (original.kind == RecordKind::quarantined) return original;
  return RecordKey{RecordKind::quarantined, std::string(kind_name(original.kind)) + ":" + original.writer,
                   original.sequence};
}

}  // namespace pathwise::store
