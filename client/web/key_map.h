// Browser keyboard events to Dear ImGui keys.
#pragma once

#include <imgui.h>

namespace pathwise::client::web {

// `key` is KeyboardEvent.key ("a", "Enter", "ArrowLeft", " "). Letters follow the user's layout, so Ctrl+Z
// means undo on AZERTY too. Returns ImGuiKey_None for keys ImGui has no name for.
ImGuiKey key_from_dom(const char* key);

}  // namespace pathwise::client::web
