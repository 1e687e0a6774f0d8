// reading: a titled text, finished with "Done". Checkpoint questions inside a reading are drawn with their own
// type's renderer (not yet: until then readings with checkpoints are left out of the path, see
// screen_practice.cpp). Draft: checkpoints (one per question).
#include <imgui.h>

#include "app/activity/renderer.h"
#include "app/rich_text_view.h"
#include "app/widgets.h"
#include "content/rich_text.h"

namespace pathwise::client::activity {

namespace {

void begin(const content::Activity&, Draft&, std::uint64_t) {}

Ask draw(Context& ctx) {
  const auto& reading = std::get<content::Reading>(ctx.activity.payload);
  ui::heading(item_path(ctx, "title").c_str(), reading.title.c_str());
  draw_prompt(ctx, ctx.activity.prompt);
  ui::rich_text(item_path(ctx, "body").c_str(), reading.body);
  ImGui::Spacing();
  if (ctx.grade) return Ask::incomplete;
  return ui::button(item_path(ctx, "done").c_str(), "Done") ? Ask::submit : Ask::incomplete;
}

content::Response response(const content::Activity&, const Draft&) { return {}; }

std::string said(const content::Activity&, const Draft&) { return ""; }

}  // namespace

const Renderer kReading{begin, draw, response, said};

}  // namespace pathwise::client::activity
