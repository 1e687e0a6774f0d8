#include "app/rich_text_view.h"

#include <imgui.h>

#include "app/item_registry.h"
#include "app/theme.h"

namespace pathwise::client::ui {

// For now the plain reading of the text (content::plain_text), wrapped; formatting, math layout and pictures
// are drawn by the full renderer that replaces this.
void rich_text(const char* path, const std::string& rich, bool secondary) {
  const std::string text = content::plain_text(content::parse_rich_text(rich));
  if (secondary) ImGui::PushStyleColor(ImGuiCol_Text, palette().text_secondary);
  ImGui::TextWrapped("%s", text.c_str());
  if (secondary) ImGui::PopStyleColor();
  if (ItemRegistry* registry = current_item_registry()) registry->add_static_last_item(path, "text", text.c_str());
}

}  // namespace pathwise::client::ui
