// The pictures and videos of the frame being drawn, which the platform shows over the canvas (Platform::
// place_media), and what the platform reported back about them: each picture's natural size (so the layout can
// reserve the right box) and each video's playback (so the video renderer knows where it paused).
//
// Widgets add placements while they draw; the frame driver (client/web/main_web.cpp) calls begin_frame()
// before App::draw and hands placements() to Platform::place_media after it. The platform layer calls the
// set_* functions when the browser tells it something, then asks for a frame.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/platform.h"

namespace pathwise::client::media {

// ---- The frame's placements ----------------------------------------------------------------------------------
void begin_frame();
void place(MediaPlacement placement);
const std::vector<MediaPlacement>& placements();

// Asks the video under `key` to play or pause: applied to its placement in this frame (or the next one, when
// it was not placed yet).
void request_video(const std::string& key, VideoRequest request);

// ---- Natural sizes ---------------------------------------------------------------------------------------------
// A picture's (or video's) natural size in CSS pixels, as the platform measured it once loaded. `src` is the
// placement's src, as written in the course.
void set_natural_size(const std::string& src, float width, float height);
// Width / height, or 0 when not known yet.
float natural_aspect(const std::string& src);
// Changes whenever a natural size becomes known or changes: layouts that reserved boxes are redone.
std::uint64_t sizes_revision();

// ---- Videos ------------------------------------------------------------------------------------------------------
// A new generation for the video `src`: call when an activity showing it begins, so that the platform starts a
// fresh element and the previous playback's status is forgotten.
int new_video_generation(const std::string& src);
// The generation current for `src` (0 before any).
int video_generation(const std::string& src);
void set_video_status(const std::string& key, int generation, const VideoStatus& status);
// The last status reported for this key and generation, or a default one (known = false).
VideoStatus video_status(const std::string& key, int generation);

}  // namespace pathwise::client::media
