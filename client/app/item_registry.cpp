#include "app/item_registry.h"

#include <imgui_internal.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace pathwise::client {

namespace {

ItemRegistry* registry_of(ImGuiContext* context) { return static_cast<ItemRegistry*>(context->TestEngine); }

// The visible label: ImGui labels carry an id suffix after "##" (or "###") that the user never sees.
std::string visible_label(const char* label) {
  std::string text = label ? label : "";
  std::size_t hashes = text.find("##");
  return hashes == std::string::npos ? text : text.substr(0, hashes);
}

}  // namespace

ItemRegistry* current_item_registry() { return registry_of(ImGui::GetCurrentContext()); }

void ItemRegistry::install() {
  ImGuiContext& context = *ImGui::GetCurrentContext();
  context.TestEngine = this;
  context.TestEngineHookItems = true;
}

void ItemRegistry::begin_frame() { building_.clear(); }

void ItemRegistry::end_frame() {
  // The keyboard focus counts once it is shown: until Tab is pressed after a click, Space and Enter act nowhere.
  const ImGuiContext& context = *ImGui::GetCurrentContext();
  const ImGuiID focus = context.NavDisableHighlight ? 0 : context.NavId;
  for (UiItem& item : building_) item.focused = focus != 0 && item.imgui_id == focus;
  completed_.swap(building_);
}

UiItem* ItemRegistry::find_current(ImGuiID id) {
  // Items are looked up right after they are added: search from the end.
  for (auto it = building_.rbegin(); it != building_.rend(); ++it) {
    if (it->imgui_id == id) return &*it;
  }
  return nullptr;
}

void ItemRegistry::on_item_add(ImGuiID id, const ImVec2& min, const ImVec2& max, bool disabled) {
  ImGuiWindow* window = ImGui::GetCurrentContext()->CurrentWindow;
  UiItem item;
  item.imgui_id = id;
  item.min = min;
  item.max = max;
  if (window) {
    ImRect visible(min, max);
    visible.ClipWith(window->ClipRect);
    item.visible = visible.GetWidth() > 0.0f && visible.GetHeight() > 0.0f;
    if (item.visible) {
      item.min = visible.Min;
      item.max = visible.Max;
    }
  }
  item.disabled = disabled;
  building_.push_back(std::move(item));
}

void ItemRegistry::on_item_info(ImGuiID id, const char* label, int status_flags) {
  UiItem* item = find_current(id);
  if (!item || item->annotated) return;
  item->label = visible_label(label);
  // A best guess for plain ImGui widgets; the widget layer overrides it with the real role.
  if (status_flags & ImGuiItemStatusFlags_Checkable) {
    item->role = "checkbox";
    item->has_checked = true;
    item->checked = (status_flags & ImGuiItemStatusFlags_Checked) != 0;
  } else if (status_flags & ImGuiItemStatusFlags_Inputable) {
    item->role = "textbox";
  } else {
    item->role = "button";
  }
  ImGuiWindow* window = ImGui::GetCurrentContext()->CurrentWindow;
  item->id = std::string(window ? window->Name : "") + "/" + item->label;
}

void ItemRegistry::annotate_last_item(const char* path, const char* role, const char* label) {
  UiItem* item = find_current(ImGui::GetItemID());
  if (!item) return;  // ImGui skipped the item (e.g. clipped before ItemAdd)
  item->id = path;
  item->role = role;
  item->label = label;
  item->annotated = true;
}

void ItemRegistry::set_last_item_checked(bool checked) {
  if (UiItem* item = find_current(ImGui::GetItemID())) {
    item->has_checked = true;
    item->checked = checked;
  }
}

void ItemRegistry::set_last_item_value(const std::string& value) {
  if (UiItem* item = find_current(ImGui::GetItemID())) item->value = value;
}

void ItemRegistry::add_static_last_item(const char* path, const char* role, const char* label) {
  UiItem item;
  item.id = path;
  item.role = role;
  item.label = label;
  item.min = ImGui::GetItemRectMin();
  item.max = ImGui::GetItemRectMax();
  item.annotated = true;
  building_.push_back(std::move(item));
}

std::string ItemRegistry::items_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.StartArray();
  for (const UiItem& item : completed_) {
    if (item.role.empty()) continue;  // added but never described: scrollbars, window frames
    out.StartObject();
    out.Key("id");
    out.String(item.id.c_str());
    out.Key("role");
    out.String(item.role.c_str());
    out.Key("label");
    out.String(item.label.c_str());
    out.Key("x");
    out.Double(item.min.x);
    out.Key("y");
    out.Double(item.min.y);
    out.Key("w");
    out.Double(item.max.x - item.min.x);
    out.Key("h");
    out.Double(item.max.y - item.min.y);
    out.Key("visible");
    out.Bool(item.visible);
    out.Key("checked");
    if (item.has_checked) out.Bool(item.checked);
    else out.Null();
    out.Key("value");
    out.String(item.value.c_str());
    out.Key("disabled");
    out.Bool(item.disabled);
    out.Key("focused");
    out.Bool(item.focused);
    out.EndObject();
  }
  out.EndArray();
  return buffer.GetString();
}

}  // namespace pathwise::client

// ImGui's test-engine hooks (declared in imgui_internal.h, compiled in by IMGUI_ENABLE_TEST_ENGINE).
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* context, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item) {
  auto* registry = pathwise::client::registry_of(context);
  if (!registry || id == 0 || item == nullptr) return;  // item == nullptr: a window, not a widget
  registry->on_item_add(id, bb.Min, bb.Max, (item->InFlags & ImGuiItemFlags_Disabled) != 0);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* context, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  if (auto* registry = pathwise::client::registry_of(context)) registry->on_item_info(id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
