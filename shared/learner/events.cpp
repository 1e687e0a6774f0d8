#include "learner/events.h"

#include <algorithm>
#include <queue>
#include <string_view>

namespace pathwise::learner {

CanonicalOrder canonical_order(const std::vector<Event>& events) {
  // Sort by (device, sequence): each device's stream becomes one contiguous, ordered run.
  std::vector<const Event*> by_device;
  by_device.reserve(events.size());
  for (const Event& event : events) by_device.push_back(&event);
  std::stable_sort(by_device.begin(), by_device.end(), [](const Event* a, const Event* b) {
    if (a->id.device != b->id.device) return a->id.device < b->id.device;
    return a->id.sequence < b->id.sequence;
  });

  CanonicalOrder result;
  struct Run {
    std::size_t next, end;
  };
  std::vector<Run> runs;
  for (std::size_t i = 0; i < by_device.size();) {
    std::size_t end = i + 1;
    while (end < by_device.size() && by_device[end]->id.device == by_device[i]->id.device) ++end;
    runs.push_back({i, end});
    i = end;
  }
  // Drops later copies of the same id within a run (a replayed or re-imported event). The stable sort keeps the
  // copy that came first in `events`; copies are identical events, so which one is kept does not matter.
  for (Run& run : runs) {
    std::size_t out = run.next;
    for (std::size_t i = run.next; i < run.end; ++i) {
      if (i > run.next && by_device[i]->id.sequence == by_device[out - 1]->id.sequence) {
        ++result.duplicates;
        continue;
      }
      by_device[out++] = by_device[i];
    }
    run.end = out;
  }

  // k-way merge of the runs by (time, device) of their next event.
  auto later = [&](std::size_t a, std::size_t b) {
    const Event* x = by_device[runs[a].next];
    const Event* y = by_device[runs[b].next];
    if (x->time != y->time) return x->time > y->time;
    return x->id.device > y->id.device;
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> heads(later);
  for (std::size_t r = 0; r < runs.size(); ++r)
    if (runs[r].next < runs[r].end) heads.push(r);
  result.events.reserve(by_device.size() - result.duplicates);
  while (!heads.empty()) {
    const std::size_t r = heads.top();
    heads.pop();
    result.events.push_back(by_device[runs[r].next]);
    if (++runs[r].next < runs[r].end) heads.push(r);
  }
  return result;
}

}  // namespace pathwise::learner
