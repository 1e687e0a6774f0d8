// Every interactive widget drawn in the last frame, with a stable path id, role, label and rectangle: the data
// behind the test hook (window.pathwise.test.items()) and, later, the accessibility mirror.
//
// Dear ImGui reports each item through its test-engine hooks (IMGUI_ENABLE_TEST_ENGINE in imgui_internal.h:
// id, rectangle, label, checkable/checked/inputable flags). The app's widget layer (widgets.h) then annotates
// the item with what ImGui cannot know: its semantic role, stable path and value.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace pathwise::client {

struct UiItem {
  ImGuiID imgui_id = 0;
  std::string id;      // stable path, e.g. "home/search", "home/course/fractions"
  std::string role;    // button, radio, checkbox, textbox, slider, link, tab, listitem, heading
  std::string label;   // what the user reads
  ImVec2 min, max;     // in physical pixels, clipped to what is visible
  bool visible = true; // false when scrolled or clipped out of view
  bool has_checked = false;
  bool checked = false;
  std::string value;
  bool disabled = false;
  bool focused = false; // has the keyboard focus, shown by the focus ring (where Space and Enter act)
  bool annotated = false;
};

class ItemRegistry {
 public:
  // Installs this registry as the receiver of ImGui's item hooks for the current context.
  void install();

  void begin_frame();
  void end_frame();

  // Called from ImGui's hooks.
  void on_item_add(ImGuiID id, const ImVec2& min, const ImVec2& max, bool disabled);
  void on_item_info(ImGuiID id, const char* label, int status_flags);

  // Called by the widget layer right after a widget: describes ImGui's last item.
  void annotate_last_item(const char* path, const char* role, const char* label);
  void set_last_item_checked(bool checked);
  void set_last_item_value(const std::string& value);
  // Adds a non-interactive item (a heading) with the last item's rectangle.
  void add_static_last_item(const char* path, const char* role, const char* label);

  // The last complete frame's items as a JSON array; coordinates in physical pixels (the shell converts).
  std::string items_json() const;

 private:
  UiItem* find_current(ImGuiID id);

  std::vector<UiItem> building_;
  std::vector<UiItem> completed_;
};

// The registry installed in the current ImGui context, or nullptr (e.g. in a build without the hook).
ItemRegistry* current_item_registry();

}  // namespace pathwise::client
