// Offline use as the learner sees it: the course page's "Available offline" panel (what the course needs, what is
// kept, the device's storage), and the "Update ready" banner. A new version is applied only between activities
// (when the next one would start, or when the learner presses "Update now" outside an activity) and only once
// every answer is saved, so an update never interrupts an answer or loses one. The platform does the work
// (shell/offline.js and sw.js on the web) and reports back through offline_support_changed and
// offline_course_changed.
#include <imgui.h>

#include <cstdio>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "app/app.h"
#include "app/widgets.h"

namespace pathwise::client {

namespace {

// "340 KB", "2.1 MB", "1.5 GB": sizes as people read them (1 KB = 1024 bytes, as the browser's own figures).
std::string size_words(double bytes) {
  char text[32];
  if (bytes < 1024.0 * 1024.0) {
    std::snprintf(text, sizeof text, "%.0f KB", bytes / 1024.0 < 1.0 && bytes > 0 ? 1.0 : bytes / 1024.0);
  } else if (bytes < 1024.0 * 1024.0 * 1024.0) {
    std::snprintf(text, sizeof text, "%.1f MB", bytes / (1024.0 * 1024.0));
  } else {
    std::snprintf(text, sizeof text, "%.1f GB", bytes / (1024.0 * 1024.0 * 1024.0));
  }
  return text;
}

std::string files_words(int files) { return std::to_string(files) + (files == 1 ? " file" : " files"); }

// What "available offline" keeps of a course: its bundle, then its pictures, videos and captions, as paths
// relative to the site's folder.
std::vector<std::string> course_files(const content::CourseEntry& entry, const content::Bundle& bundle) {
  std::vector<std::string> files{"content/" + entry.bundle};
  const std::string::size_type slash = entry.bundle.rfind('/');
  const std::string folder = "content/" + (slash == std::string::npos ? std::string() : entry.bundle.substr(0, slash + 1));
  for (const std::string& media : content::bundle_media_paths(bundle)) files.push_back(folder + media);
  return files;
}

const char* support_name(OfflineSupport::State state) {
  switch (state) {
    case OfflineSupport::State::checking: return "checking";
    case OfflineSupport::State::ready: return "ready";
    case OfflineSupport::State::unavailable: return "unavailable";
  }
  return "checking";
}

const char* course_state_name(OfflineCourse::State state) {
  switch (state) {
    case OfflineCourse::State::unknown: return "unknown";
    case OfflineCourse::State::checking: return "checking";
    case OfflineCourse::State::downloading: return "downloading";
    case OfflineCourse::State::known: return "known";
    case OfflineCourse::State::failed: return "failed";
  }
  return "unknown";
}

}  // namespace

void App::offline_support_changed(const OfflineSupport& support) {
  const bool became_ready = support.state == OfflineSupport::State::ready &&
                            offline_support_.state != OfflineSupport::State::ready;
  offline_support_ = support;
  if (became_ready) offline_checked_.clear();  // the open course's panel asks again
}

void App::offline_course_changed(const std::string& course, const OfflineCourse& status) {
  OfflineCourse& kept = offline_courses_[course];
  if (status.state == OfflineCourse::State::failed) {
    // A failure keeps what was known (a partly kept course stays partly kept) and says why.
    kept.state = OfflineCourse::State::failed;
    kept.message = status.message;
  } else if (status.state == OfflineCourse::State::checking) {
    if (kept.state != OfflineCourse::State::known) kept.state = OfflineCourse::State::checking;
  } else {
    kept = status;
  }
  if (status.state == OfflineCourse::State::known) platform_->estimate_storage();
}

void App::draw_course_offline(const content::CourseEntry& entry, const content::Bundle& bundle) {
  ui::heading("course/offline-title", "Offline");
  if (offline_support_.state == OfflineSupport::State::unavailable) {
    ui::paragraph(offline_support_.reason.c_str(), true);
    return;
  }
  if (offline_support_.state == OfflineSupport::State::checking) {
    ui::paragraph("Pathwise is getting ready to work offline on this device…", true);
    return;
  }
  const std::vector<std::string> files = course_files(entry, bundle);
  if (offline_checked_ != entry.id) {
    offline_checked_ = entry.id;
    platform_->offline_course(OfflineAction::check, entry.id, files);
  }
  const OfflineCourse& status = offline_courses_[entry.id];
  switch (status.state) {
    case OfflineCourse::State::unknown:
    case OfflineCourse::State::checking:
      ui::paragraph("Checking what this device keeps of this course…", true);
      break;
    case OfflineCourse::State::downloading:
      ui::paragraph(("Downloading for offline use: " + std::to_string(status.saved_files) + " of " +
                     files_words(status.files) + (status.size_known ? ", " + size_words(status.saved_bytes) + " of " +
                                                                          size_words(status.total_bytes)
                                                                    : std::string()) + "…").c_str());
      break;
    case OfflineCourse::State::failed:
      ui::banner("course/offline-failed", ("This course could not be made available offline: " + status.message).c_str(),
                 ui::BannerKind::warning);
      if (ui::button("course/offline-retry", "Try again")) {
        platform_->offline_course(OfflineAction::save, entry.id, files);
      }
      break;
    case OfflineCourse::State::known:
      if (status.saved()) {
        ui::paragraph(("✓ Available offline: this course (" + size_words(status.saved_bytes) + ", " +
                       files_words(status.files) + ") is kept on this device, so it works with no connection.").c_str());
        if (ui::button("course/offline-remove", "Remove from this device", ui::ButtonKind::secondary)) {
          platform_->offline_course(OfflineAction::remove, entry.id, files);
        }
      } else {
        const std::string need = status.size_known
            ? "It needs " + size_words(status.total_bytes - status.saved_bytes) + " on this device (" +
                  files_words(status.files - status.saved_files) + ": the course and its pictures and videos)."
            : "Its size cannot be learned without a connection.";
        ui::paragraph(("Pathwise itself works offline here. To use this course with no connection, keep it on "
                       "this device. " + need).c_str());
        if (ui::button("course/offline-save", "Make this course available offline")) {
          platform_->request_persistent_storage();  // kept files are worth asking the browser not to evict
          platform_->offline_course(OfflineAction::save, entry.id, files);
        }
      }
      break;
  }
  const StorageEstimate& estimate = session_.estimate();
  if (estimate.known && estimate.quota_bytes > 0) {
    ui::paragraph(("This device: " + size_words(estimate.usage_bytes) + " used of the " +
                   size_words(estimate.quota_bytes) + " the browser allows Pathwise" +
                   (estimate.persisted ? ", kept even when space runs low." : ".")).c_str(),
                  true);
  }
}

void App::draw_update_banner() {
  if (!offline_support_.update_ready || update_applying_) return;
  const bool mid_activity = screen_ == Screen::practice && practice_.activity >= 0 && !practice_.answered;
  if (mid_activity) {
    ui::banner("banner/update-ready", "A new version of Pathwise is ready. It starts when you finish this activity.",
               ui::BannerKind::info);
    return;
  }
  ui::banner("banner/update-ready", "A new version of Pathwise is ready. It starts before your next activity.",
             ui::BannerKind::info);
  if (ui::button("banner/update", "Update now")) apply_update_between_activities();
}

bool App::apply_update_between_activities() {
  if (!offline_support_.update_ready || update_applying_ || !platform_) return false;
  // Every answer saved first; otherwise the next point between activities tries again.
  if (session_.log() && session_.log()->unsaved_count() > 0) return false;
  const bool in_course = (screen_ == Screen::course || screen_ == Screen::practice) && !course_.id.empty();
  update_applying_ = true;
  platform_->apply_update(in_course ? "#/course/" + course_.id : std::string());
  return true;
}

std::string App::offline_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.StartObject();
  out.Key("support");
  out.String(support_name(offline_support_.state));
  out.Key("reason");
  out.String(offline_support_.reason.c_str());
  out.Key("update_ready");
  out.Bool(offline_support_.update_ready);
  out.Key("new_version");
  out.String(offline_support_.new_version.c_str());
  out.Key("applying");
  out.Bool(update_applying_);
  out.Key("courses");
  out.StartObject();
  for (const auto& [id, course] : offline_courses_) {
    out.Key(id.c_str());
    out.StartObject();
    out.Key("state");
    out.String(course_state_name(course.state));
    out.Key("files");
    out.Int(course.files);
    out.Key("saved_files");
    out.Int(course.saved_files);
    out.Key("total_bytes");
    out.Double(course.total_bytes);
    out.Key("saved_bytes");
    out.Double(course.saved_bytes);
    out.Key("size_known");
    out.Bool(course.size_known);
    out.Key("message");
    out.String(course.message.c_str());
    out.EndObject();
  }
  out.EndObject();
  out.EndObject();
  return buffer.GetString();
}

}  // namespace pathwise::client
