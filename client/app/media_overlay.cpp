#include "app/media_overlay.h"

#include <cmath>
#include <map>
#include <utility>

namespace pathwise::client::media {

namespace {

struct Reported {
  int generation = 0;
  VideoStatus status;
};

// One UI thread, one frame at a time: plain globals, like ImGui's own context.
std::vector<MediaPlacement> frame_placements;
std::map<std::string, VideoRequest> pending_requests;  // asked before the video was placed this frame
std::map<std::string, std::pair<float, float>> natural_sizes;
std::uint64_t revision = 0;
std::map<std::string, int> generations;
int last_generation = 0;  // one count for every video: a generation never names two videos
std::map<std::string, Reported> statuses;

}  // namespace

void begin_frame() { frame_placements.clear(); }

void place(MediaPlacement placement) {
  if (auto pending = pending_requests.find(placement.key); pending != pending_requests.end()) {
    if (placement.request == VideoRequest::none) placement.request = pending->second;
    pending_requests.erase(pending);
  }
  frame_placements.push_back(std::move(placement));
}

const std::vector<MediaPlacement>& placements() { return frame_placements; }

void request_video(const std::string& key, VideoRequest request) {
  for (MediaPlacement& placement : frame_placements) {
    if (placement.key == key) {
      placement.request = request;
      return;
    }
  }
  pending_requests[key] = request;
}

void set_natural_size(const std::string& src, float width, float height) {
  if (!(width > 0.0f) || !(height > 0.0f) || !std::isfinite(width) || !std::isfinite(height)) return;
  auto [entry, added] = natural_sizes.try_emplace(src, width, height);
  if (!added && entry->second == std::pair(width, height)) return;
  entry->second = {width, height};
  ++revision;
}

float natural_aspect(const std::string& src) {
  auto found = natural_sizes.find(src);
  return found == natural_sizes.end() ? 0.0f : found->second.first / found->second.second;
}

std::uint64_t sizes_revision() { return revision; }

int new_video_generation(const std::string& src) { return generations[src] = ++last_generation; }

int video_generation(const std::string& src) {
  auto found = generations.find(src);
  return found == generations.end() ? 0 : found->second;
}

void set_video_status(const std::string& key, int generation, const VideoStatus& status) {
  Reported& reported = statuses[key];
  reported.generation = generation;
  reported.status = status;
  reported.status.known = true;
}

VideoStatus video_status(const std::string& key, int generation) {
  auto found = statuses.find(key);
  if (found == statuses.end() || found->second.generation != generation) return {};
  return found->second.status;
}

}  // namespace pathwise::client::media
