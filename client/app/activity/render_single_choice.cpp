// single_choice: one answer among several, shown as full-width rows in a shuffled order (when the author allows).
// Draft: order = display order of the choices, selected = {chosen index}.
#include <imgui.h>

#include <algorithm>

#include "app/activity/renderer.h"
#include "app/rich_text_view.h"
#include "app/widgets.h"
#include "content/rich_text.h"

namespace pathwise::client::activity {

namespace {

void begin(const content::Activity& activity, Draft& draft, std::uint64_t entropy) {
  const auto& single = std::get<content::SingleChoice>(activity.payload);
  const int count = static_cast<int>(single.choices.size());
  draft.order = shuffled_indices(count, entropy);
  if (!single.shuffle) std::sort(draft.order.begin(), draft.order.end());
}

Ask draw(Context& ctx) {
  const auto& choices = std::get<content::SingleChoice>(ctx.activity.payload).choices;
  draw_prompt(ctx, ctx.activity.prompt);
  ImGui::Spacing();
  const int chosen = ctx.draft.selected.empty() ? -1 : ctx.draft.selected.front();
  if (ctx.grade) ImGui::BeginDisabled();
  for (int index : ctx.draft.order) {
    const std::string label = content::plain_text(content::parse_rich_text(choices[static_cast<std::size_t>(index)].text));
    if (ui::option(item_path(ctx, "choice/" + std::to_string(index)).c_str(), label.c_str(), chosen == index)) {
      ctx.draft.selected = {index};
    }
    ImGui::Spacing();
  }
  if (ctx.grade) ImGui::EndDisabled();
  return ctx.draft.selected.empty() ? Ask::incomplete : Ask::ready;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.selected = draft.selected;
  return response;
}

std::string said(const content::Activity& activity, const Draft& draft) {
  const auto& choices = std::get<content::SingleChoice>(activity.payload).choices;
  if (draft.selected.empty() || draft.selected.front() < 0 ||
      draft.selected.front() >= static_cast<int>(choices.size())) {
    return "";
  }
  return content::plain_text(content::parse_rich_text(choices[static_cast<std::size_t>(draft.selected.front())].text));
}

}  // namespace

const Renderer kSingleChoice{begin, draw, response, said};

}  // namespace pathwise::client::activity
