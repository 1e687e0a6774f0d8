// Settings: where the learner's progress lives and how safe it is (persisted or not, usage, quota), backing it
// up and bringing it back (pathwise.progress/1), the PIN, the theme, and deleting the learner from this device.
#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "app/app.h"
#include "app/widgets.h"

namespace pathwise::client {

namespace {

std::string megabytes(double bytes) {
  char text[32];
  if (bytes < 1024.0 * 1024.0) std::snprintf(text, sizeof text, "%.0f KB", std::ceil(bytes / 1024.0));
  else std::snprintf(text, sizeof text, "%.1f MB", bytes / (1024.0 * 1024.0));
  return text;
}

}  // namespace

void App::draw_settings() {
  if (ui::button("settings/back", "← Back", ui::ButtonKind::secondary) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput)) {
    screen_ = course_.bundle ? Screen::course : Screen::home;
    return;
  }
  ImGui::Spacing();
  const ProfileEntry* entry = session_.current();
  if (!entry) {
    screen_ = Screen::home;
    return;
  }
  ui::heading("settings/title", "Settings");
  if (confirm_delete_) {
    draw_delete_confirmation(*entry);
    return;
  }

  ui::heading("settings/storage-title", "Your progress");
  const StorageEstimate& estimate = session_.estimate();
  if (!session_.storage().ok()) {
    ui::paragraph(("This browser does not let Pathwise save anything (" + session_.storage().message +
                   "). Your progress lives only in this page: download it before you close the page.").c_str());
  } else {
    ui::paragraph("Your progress is saved in this browser, on this device only. Nothing is sent anywhere.");
    std::string status;
    if (!estimate.known) {
      status = "The browser has not said how much space is used.";
    } else {
      status = estimate.persisted
                   ? "Kept safe: the browser has promised not to delete it when space runs low."
                   : "Not yet protected: the browser may delete it if the device runs out of space, or (Safari) "
                     "after 7 days without a visit. Download a copy now and then.";
      status += " Using " + megabytes(estimate.usage_bytes) + " of " + megabytes(estimate.quota_bytes) + ".";
    }
    ui::paragraph(status.c_str(), true);
  }
  const std::size_t events = session_.log() ? session_.log()->events().size() : 0;
  ui::paragraph((std::to_string(events) + " learning events recorded for " + entry->profile.name + ".").c_str(), true);
  ImGui::Spacing();
  if (ui::button("settings/export", "Download my progress")) session_.export_progress();
  ImGui::SameLine();
  if (ui::button("settings/import", "Import progress", ui::ButtonKind::secondary)) platform_->choose_file_to_import();
  if (const auto& outcome = session_.last_import()) {
    ui::banner("settings/import-result", outcome->message.c_str(),
               outcome->pending ? ui::BannerKind::info : outcome->ok ? ui::BannerKind::success : ui::BannerKind::error);
  }
  ui::paragraph("Importing adds the answers from a progress file to this learner. Importing the same file twice "
                "changes nothing.", true);

  ImGui::Spacing();
  ui::heading("settings/pin-title", "PIN");
  ui::paragraph(entry->profile.has_pin() ? "A PIN is asked before this learner opens." :
                                           "No PIN: anyone using this device can open this learner.", true);
  ui::text_field("settings/pin", "New PIN", "Four digits", &settings_pin_, true);
  if (ui::button("settings/set-pin", "Set PIN", ui::ButtonKind::secondary)) {
    settings_message_ = session_.set_pin(settings_pin_);
    if (settings_message_.empty()) settings_message_ = "The PIN is set.";
    settings_pin_.clear();
  }
  if (entry->profile.has_pin()) {
    ImGui::SameLine();
    if (ui::button("settings/remove-pin", "Remove PIN", ui::ButtonKind::secondary)) {
      session_.set_pin("");
      settings_message_ = "The PIN is removed.";
    }
  }
  if (!settings_message_.empty()) ui::banner("settings/message", settings_message_.c_str(), ui::BannerKind::info);

  ImGui::Spacing();
  ui::heading("settings/look-title", "Look");
  bool dark = theme_ == ThemeName::dark;
  if (ui::toggle("settings/dark-theme", "Dark theme", &dark)) theme_ = dark ? ThemeName::dark : ThemeName::light;

  ImGui::Spacing();
  ui::heading("settings/delete-title", "Remove from this device");
  if (ui::button("settings/delete", "Delete this learner…", ui::ButtonKind::secondary)) {
    confirm_delete_ = true;
    ImGui::SetScrollY(0.0f);  // the question is asked at the top, where the learner sees it at once
  }
}

// Deleting is asked about at the top of the screen, with a download offered first; nothing else is shown meanwhile.
bool App::draw_delete_confirmation(const ProfileEntry& entry) {
  ui::banner("settings/delete-warning",
             ("Delete " + entry.profile.name + " and all their progress from this device? This cannot be undone. "
              "Download a copy first if you may want it back.").c_str(),
             ui::BannerKind::error);
  ImGui::Spacing();
  if (ui::button("settings/delete-export", "Download a copy first")) session_.export_progress();
  ImGui::Spacing();
  if (ui::button("settings/delete-confirm", "Delete", ui::ButtonKind::secondary)) {
    confirm_delete_ = false;
    session_.delete_current_profile();
    session_started_ = false;
    screen_ = Screen::home;
    return true;
  }
  ImGui::SameLine();
  if (ui::button("settings/delete-cancel", "Cancel", ui::ButtonKind::secondary)) confirm_delete_ = false;
  return false;
}

}  // namespace pathwise::client
