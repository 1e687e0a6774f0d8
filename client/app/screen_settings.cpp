// Settings: where the learner's progress lives and how safe it is (persisted or not, usage, quota), backing it
// up and bringing it back (pathwise.progress/1), the PIN, how this device displays Pathwise (theme, text size,
// dyslexia-friendly font, reduced motion), and deleting the learner from this device.
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <iterator>
#include <string>

#include "app/app.h"
#include "app/widgets.h"

namespace pathwise::client {

namespace {

struct ThemeChoice {
  ThemeName theme;
  const char* path;
  const char* label;
};
constexpr ThemeChoice kThemeChoices[] = {
    {ThemeName::light, "settings/theme/light", "Light"},
    {ThemeName::dark, "settings/theme/dark", "Dark"},
    {ThemeName::high_contrast, "settings/theme/high-contrast", "High contrast"},
};

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
  draw_display_settings();
  draw_privacy_notice("settings/privacy-title");

  ImGui::Spacing();
  ui::heading("settings/delete-title", "Remove from this device");
  if (ui::button("settings/delete", "Delete this learner…", ui::ButtonKind::secondary)) {
    confirm_delete_ = true;
    ImGui::SetScrollY(0.0f);  // the question is asked at the top, where the learner sees it at once
  }
}

// Display: the same for every learner on this device, kept in the browser (app/preferences.h). Each change applies
// at the next frame: the theme's colours, and for the text size and the font a new font atlas.
void App::draw_display_settings() {
  ui::heading("settings/display-title", "Display");
  ui::paragraph("These apply to everyone using Pathwise on this device.", true);
  DisplayPreferences display = display_;

  ImGui::Spacing();
  ui::paragraph("Theme");
  for (std::size_t i = 0; i < std::size(kThemeChoices); ++i) {
    if (i > 0) ImGui::SameLine();
    const ThemeChoice& choice = kThemeChoices[i];
    if (ui::choice_chip(choice.path, choice.label, display.theme == choice.theme)) display.theme = choice.theme;
  }

  ImGui::Spacing();
  ui::paragraph("Text size");
  for (std::size_t i = 0; i < std::size(kTextSizes); ++i) {
    if (i > 0) ImGui::SameLine();
    const int size = kTextSizes[i];
    const std::string path = "settings/text-size/" + std::to_string(size);
    const std::string label = std::to_string(size) + "%";
    if (ui::choice_chip(path.c_str(), label.c_str(), display.text_size == size)) {
      display.text_size = size;
      display_anchor_ = DisplayAnchor::text_size;
    }
  }
  keep_in_view_after_relayout(display_anchor_ == DisplayAnchor::text_size && display.text_size == display_.text_size);

  ImGui::Spacing();
  if (ui::toggle("settings/dyslexia-font", "Dyslexia-friendly font (OpenDyslexic)", &display.dyslexia_font)) {
    display_anchor_ = DisplayAnchor::dyslexia_font;
  }
  keep_in_view_after_relayout(display_anchor_ == DisplayAnchor::dyslexia_font &&
                              display.dyslexia_font == display_.dyslexia_font);
  ui::toggle("settings/reduced-motion", "Reduce motion (no animations)", &display.reduced_motion);
  set_display(display);
}

// A new text size or font moves everything on the screen (the scroll offset stays in pixels while the content
// above grows or shrinks): the frame after such a change, scroll so that the control just used is where the
// learner's eyes and finger are, a third of the way down, instead of somewhere far above or below it.
void App::keep_in_view_after_relayout(bool anchored_here_and_applied) {
  if (!anchored_here_and_applied) return;
  ImGui::SetScrollHereY(0.35f);
  display_anchor_ = DisplayAnchor::none;
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
