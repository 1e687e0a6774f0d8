// A probe for the browser tests (window.pathwise.test.storeProbe): drives the app's own RecordStore directly, so
// that tests/e2e/storage.test.mjs checks the whole path C++ -> library_pathwise.js -> storage.js -> IndexedDB
// and back, which the app's screens alone would reach only indirectly. Like the rest of the test hook it ships
// in the client; nothing calls it unless a test does.
//
// pw_test_store_call(request JSON) returns a call id; the answer appears later in pw_test_store_results() (a
// JSON array of everything answered so far). Requests ({"op": ...}):
//   {"op":"write","profile":"p","puts":[PUT...],"deletes":[KEY...]}
//   {"op":"load","profile":"p"}          {"op":"load_profiles"}
//   {"op":"put_profile","profile":"p","text":"..."}          {"op":"delete_profile","profile":"p"}
//   {"op":"observe"}  makes the probe the store's observer (replacing the app's): other tabs' writes and
//                     losses then appear in the results as {"notice": "written_elsewhere" | "profiles_changed"
//                     | "lost", ...}.
// KEY: {"kind":"journal"|"snapshot"|"quarantined"|"profile","writer":"w","sequence":N or "decimal string"}
// PUT: KEY plus "text", optional "repeat" (the text that many times) and "invalid_utf8": true (a 0xFF byte is
// appended, which no UTF-8 text holds).
// Answer: {"id", "synchronous" (answered before the call returned), "failure" ("none", "unavailable",
// "quota_exceeded", "version_change", "failed"), "message", and "records" [{kind, writer, sequence, text}] or
// "profiles" [{profile, text}] for loads}.
#pragma once

#include "store/record_store.h"

namespace pathwise::client::web {

// The store the probe drives (nullptr: none yet; calls then answer "unavailable").
void set_probe_store(store::RecordStore* store);

}  // namespace pathwise::client::web
