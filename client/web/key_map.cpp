#include "web/key_map.h"

#include <cstring>

namespace pathwise::client::web {

namespace {

struct NamedKey {
  const char* dom;
  ImGuiKey key;
};

constexpr NamedKey kNamedKeys[] = {
    {"Enter", ImGuiKey_Enter},         {"Tab", ImGuiKey_Tab},
    {"Backspace", ImGuiKey_Backspace}, {"Delete", ImGuiKey_Delete},
    {"Escape", ImGuiKey_Escape},       {" ", ImGuiKey_Space},
    {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow},     {"ArrowDown", ImGuiKey_DownArrow},
    {"Home", ImGuiKey_Home},           {"End", ImGuiKey_End},
    {"PageUp", ImGuiKey_PageUp},       {"PageDown", ImGuiKey_PageDown},
    {"Insert", ImGuiKey_Insert},       {"Shift", ImGuiKey_LeftShift},
    {"Control", ImGuiKey_LeftCtrl},    {"Alt", ImGuiKey_LeftAlt},
    {"Meta", ImGuiKey_LeftSuper},      {"ContextMenu", ImGuiKey_Menu},
    {"F1", ImGuiKey_F1},               {"F2", ImGuiKey_F2},
    {"F3", ImGuiKey_F3},               {"F4", ImGuiKey_F4},
    {"F5", ImGuiKey_F5},               {"F6", ImGuiKey_F6},
    {"F7", ImGuiKey_F7},               {"F8", ImGuiKey_F8},
    {"F9", ImGuiKey_F9},               {"F10", ImGuiKey_F10},
    {"F11", ImGuiKey_F11},             {"F12", ImGuiKey_F12},
    {",", ImGuiKey_Comma},             {".", ImGuiKey_Period},
    {"/", ImGuiKey_Slash},             {";", ImGuiKey_Semicolon},
    {"'", ImGuiKey_Apostrophe},        {"[", ImGuiKey_LeftBracket},
    {"]", ImGuiKey_RightBracket},      {"\\", ImGuiKey_Backslash},
    {"`", ImGuiKey_GraveAccent},       {"-", ImGuiKey_Minus},
    {"=", ImGuiKey_Equal},
};

}  // namespace

ImGuiKey key_from_dom(const char* key) {
  if (key == nullptr || key[0] == '\0') return ImGuiKey_None;
  if (key[1] == '\0') {
    char c = key[0];
    if (c >= 'a' && c <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
    if (c >= 'A' && c <= 'Z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'A'));
    if (c >= '0' && c <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
  }
  for (const NamedKey& named : kNamedKeys) {
    if (std::strcmp(named.dom, key) == 0) return named.key;
  }
  return ImGuiKey_None;
}

}  // namespace pathwise::client::web
