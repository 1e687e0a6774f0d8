// Who is learning: the profile picker of a shared device (classroom tablets), creating a learner (name, avatar,
// optional PIN), asking for a PIN, and the bar and banners every learner screen shows above its content.
#include <imgui.h>

#include "app/app.h"
#include "app/charts.h"
#include "app/widgets.h"

namespace pathwise::client {

void App::draw_profiles() {
  if (session_.phase() == SessionPhase::opening) {
    ui::paragraph("Opening your progress…", true);
    return;
  }
  if (session_.profiles().empty() || creating_profile_) {
    draw_profile_form();
    return;
  }
  ui::heading("profiles/title", "Who is learning?");
  ui::paragraph("Tap your name to continue where you left off.", true);
  ImGui::Spacing();
  for (const ProfileEntry& entry : session_.profiles()) {
    const std::string path = "profiles/open/" + entry.id;
    ui::avatar(entry.profile.name.c_str(), entry.profile.avatar, 44.0f);
    ImGui::SameLine();
    if (ui::card(path.c_str(), entry.profile.name.c_str(), "", entry.profile.has_pin() ? "PIN" : "")) {
      profile_message_.clear();
      pin_entry_.clear();
      if (entry.profile.has_pin()) {
        pin_for_ = entry.id;
      } else {
        profile_message_ = session_.open_profile(entry.id, "");
      }
    }
    if (pin_for_ == entry.id) {
      ui::text_field("profiles/pin", "PIN", "Four digits", &pin_entry_, true);
      if (ui::button("profiles/unlock", "Open") || (ImGui::IsKeyPressed(ImGuiKey_Enter) && !pin_entry_.empty())) {
        profile_message_ = session_.open_profile(entry.id, pin_entry_);
        pin_entry_.clear();
        if (profile_message_.empty()) pin_for_.clear();
      }
      ImGui::SameLine();
      if (ui::button("profiles/pin-cancel", "Cancel", ui::ButtonKind::secondary)) {
        pin_for_.clear();
        profile_message_.clear();
      }
    }
    ImGui::Spacing();
  }
  if (!profile_message_.empty()) ui::banner("profiles/message", profile_message_.c_str(), ui::BannerKind::warning);
  for (const std::string& problem : session_.unreadable_profiles()) {
    ui::banner("banner/profile-unreadable", ("A learner's profile could not be read and is kept as it is: " +
                                             problem + ".").c_str(), ui::BannerKind::warning);
  }
  ImGui::Spacing();
  if (ui::button("profiles/add", "Add a learner", ui::ButtonKind::secondary)) {
    creating_profile_ = true;
    new_name_.clear();
    new_pin_.clear();
    new_avatar_ = static_cast<int>(session_.profiles().size() % ui::kAvatarCount);
    profile_message_.clear();
  }
  ImGui::Spacing();
  ui::paragraph("Each learner's progress stays on this device, in this browser. A PIN keeps classmates from "
                "opening each other's work by mistake; it is not a password and does not protect against "
                "someone determined.", true);
}

void App::draw_profile_form() {
  const bool first = session_.profiles().empty();
  ui::heading("profiles/title", first ? "Welcome to Pathwise" : "Add a learner");
  ui::paragraph(first ? "What should we call you? Your progress is saved on this device." :
                        "Each learner on this device has their own progress.", true);
  ImGui::Spacing();
  ui::text_field("profiles/name", "Your name", "First name or nickname", &new_name_);
  ImGui::Spacing();
  ImGui::TextUnformatted("Pick a colour");
  for (int i = 0; i < ui::kAvatarCount; ++i) {
    if (i > 0 && ImGui::GetContentRegionAvail().x > ImGui::GetFrameHeight() * 2.0f) ImGui::SameLine();
    const std::string path = "profiles/avatar/" + std::to_string(i);
    if (ui::avatar_choice(path.c_str(), new_name_.c_str(), i, new_avatar_ == i)) new_avatar_ = i;
  }
  ImGui::Spacing();
  ui::text_field("profiles/new-pin", "PIN (optional)", "Four digits, or leave empty", &new_pin_, true);
  ImGui::Spacing();
  if (ui::button("profiles/create", first ? "Start learning" : "Add") ||
      (ImGui::IsKeyPressed(ImGuiKey_Enter) && !new_name_.empty())) {
    profile_message_ = session_.create_profile(new_name_, new_avatar_, new_pin_);
    if (profile_message_.empty()) {
      creating_profile_ = false;
      screen_ = Screen::home;
    }
  }
  if (!first) {
    ImGui::SameLine();
    if (ui::button("profiles/cancel", "Cancel", ui::ButtonKind::secondary)) {
      creating_profile_ = false;
      profile_message_.clear();
    }
  }
  if (!profile_message_.empty()) ui::banner("profiles/message", profile_message_.c_str(), ui::BannerKind::warning);
  draw_privacy_notice("profiles/privacy-title");
}

// The school's privacy notice (site.json), for learners and parents: on the welcome and in Settings.
void App::draw_privacy_notice(const char* heading_path) {
  if (site_.privacy_notice.empty()) return;
  ImGui::Spacing();
  ui::heading(heading_path, "Privacy");
  ui::paragraph(site_.privacy_notice.c_str(), true);
}

void App::draw_learner_bar() {
  const ProfileEntry* entry = session_.current();
  if (!entry) return;
  ui::avatar(entry->profile.name.c_str(), entry->profile.avatar, 36.0f);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(entry->profile.name.c_str());
  // Inside an LMS the learner is the one the LMS signed in: there is no one to switch to.
  if (!session_.in_lms()) {
    ImGui::SameLine();
    if (ui::button("bar/switch", "Switch learner", ui::ButtonKind::secondary)) {
      session_.close_profile();
      screen_ = Screen::home;
      pin_for_.clear();
      return;
    }
  }
  ImGui::SameLine();
  if (ui::button("bar/settings", "Settings", ui::ButtonKind::secondary)) {
    screen_ = Screen::settings;
    settings_message_.clear();
    confirm_delete_ = false;
    platform_->estimate_storage();
  }
  // Progress and goals, from every learner screen (a second row on a phone).
  charts::same_line_if_room("Progress");
  if (ui::button("bar/progress", "Progress", ui::ButtonKind::secondary)) screen_ = Screen::dashboard;
  charts::same_line_if_room("Goals");
  if (ui::button("bar/goals", "Goals", ui::ButtonKind::secondary)) screen_ = Screen::goals;
  ImGui::Spacing();
}

void App::draw_banners() {
  // Inside an LMS (or a launch that meant to be): what went wrong with it, and what the LMS could not keep.
  if (!session_.lms_notice().empty()) ui::banner("banner/lms", session_.lms_notice().c_str(), ui::BannerKind::warning);
  if (!lms_mirror_notice_.empty()) {
    ui::banner("banner/lms-mirror", lms_mirror_notice_.c_str(), ui::BannerKind::warning);
  }
  const store::StoreStatus& lost = session_.lost();
  if (!lost.ok()) {
    const std::string text = lost.failure == store::StoreFailure::version_change
        ? std::string("Pathwise was updated in another tab. Reload this page to keep saving your progress.")
        : "Saving stopped: " + lost.message + " Reload the page to continue saving.";
    ui::banner("banner/version-change", text.c_str(), ui::BannerKind::error);
    if (ui::button("banner/reload", "Reload")) platform_->reload();
  }
  if (!session_.storage().ok()) {
    ui::banner("banner/memory-only",
               ("Your progress is NOT being saved: " + session_.storage().message +
                " It is kept only while this page stays open. Download it before you close the page.").c_str(),
               ui::BannerKind::error);
    if (ui::button("banner/download", "Download my progress")) session_.export_progress();
  }
  const store::LearnerLog* log = session_.log();
  if (log && log->failed_count() > 0) {
    const bool full = log->last_failure().failure == store::StoreFailure::quota_exceeded;
    const std::string count = std::to_string(log->failed_count());
    ui::banner("banner/save-failed",
               (full ? "This device's storage for Pathwise is full, so " + count +
                           " answer(s) are not saved yet. They are kept while the page is open. Free some space "
                           "(or download your progress), then try again."
                     : count + " answer(s) could not be saved yet: " + log->last_failure().message +
                           " They are kept while the page is open.").c_str(),
               ui::BannerKind::error);
    if (ui::button("banner/retry", "Try again")) session_.retry_saves();
    ImGui::SameLine();
    if (ui::button("banner/download-unsaved", "Download my progress", ui::ButtonKind::secondary)) {
      session_.export_progress();
    }
  }
  if (log && !session_.notices_dismissed()) {
    const store::LoadReport& report = log->load_report();
    bool any = false;
    if (!report.set_aside.empty()) {
      any = true;
      ui::banner("banner/set-aside",
                 (std::to_string(report.set_aside.size()) +
                  " saved record(s) could not be read (" + report.set_aside.front() +
                  "). They are kept aside, not deleted, and everything else is here.").c_str(),
                 ui::BannerKind::warning);
    }
    if (report.newer > 0) {
      any = true;
      ui::banner("banner/newer", (std::to_string(report.newer) +
                                  " record(s) were saved by a newer version of Pathwise. They are kept; reload "
                                  "the page to get the new version and see them.").c_str(),
                 ui::BannerKind::info);
    }
    if (!report.conflicts.empty()) {
      any = true;
      ui::banner("banner/conflicts", (std::to_string(report.conflicts.size()) + " answer(s) were stored twice with "
                                      "different contents; the first copy is used and the other kept aside.").c_str(),
                 ui::BannerKind::warning);
    }
    if (any && ui::button("banner/dismiss", "OK", ui::ButtonKind::secondary)) session_.dismiss_notices();
  }
}

}  // namespace pathwise::client
