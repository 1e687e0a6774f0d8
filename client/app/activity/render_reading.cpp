// reading: a titled page of rich text (with its pictures), then its checkpoint questions, each drawn by its own
// type's renderer under "practice/checkpoint/<n>", and "Done", enabled once every question is answered. The
// screen grades the whole reading on submit (content::grade: one Response per checkpoint). Once graded, each
// question shows its answer read-only, marked right or wrong from its own grade.
// Draft: checkpoints (one draft per question), checkpoint_grades (each question's grade, worked out once the
// reading is graded, for that marking only).
#include <imgui.h>

#include "app/activity/renderer.h"
#include "app/rich_text_view.h"
#include "app/widgets.h"

namespace pathwise::client::activity {

namespace {

// Each question gets its own shuffle: the same entropy would give every question the same order pattern.
std::uint64_t question_entropy(std::uint64_t entropy, std::size_t index) {
  return entropy ^ (0x9E3779B97F4A7C15ull * (index + 1));
}

void begin(const content::Activity& activity, Draft& draft, std::uint64_t entropy) {
  const auto& checkpoints = std::get<content::Reading>(activity.payload).checkpoints;
  draft.checkpoints.assign(checkpoints.size(), Draft{});
  draft.checkpoint_grades.assign(checkpoints.size(), std::nullopt);
  for (std::size_t i = 0; i < checkpoints.size(); ++i) {
    const content::Activity& question = checkpoints[i].question;
    renderer_for(question.type()).begin(question, draft.checkpoints[i], question_entropy(entropy, i));
  }
}

Ask draw(Context& ctx) {
  const auto& reading = std::get<content::Reading>(ctx.activity.payload);
  const auto& checkpoints = reading.checkpoints;
  if (ctx.draft.checkpoints.size() != checkpoints.size()) ctx.draft.checkpoints.resize(checkpoints.size());
  if (ctx.draft.checkpoint_grades.size() != checkpoints.size()) ctx.draft.checkpoint_grades.resize(checkpoints.size());

  ui::heading(item_path(ctx, "title").c_str(), reading.title.c_str());
  if (!ctx.activity.prompt.empty()) ui::rich_text(item_path(ctx, "prompt").c_str(), ctx.activity.prompt);
  draw_media(ctx, reading.body);
  ImGui::Spacing();
  ui::rich_text(item_path(ctx, "body").c_str(), reading.body);

  bool all_answered = true;
  if (!checkpoints.empty()) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ui::heading(item_path(ctx, "checkpoints-title").c_str(),
                "Check your understanding");
    if (!ctx.grade) {
      ui::paragraph(checkpoints.size() == 1 ? "Answer this question, then press Done."
                                            : "Answer these questions, then press Done.", true);
    }
  }
  for (std::size_t i = 0; i < checkpoints.size(); ++i) {
    const content::Activity& question = checkpoints[i].question;
    const Renderer& renderer = renderer_for(question.type());
    std::optional<content::Grade>& own_grade = ctx.draft.checkpoint_grades[i];
    if (ctx.grade && !own_grade) own_grade = content::grade(question, renderer.response(question, ctx.draft.checkpoints[i]));
    const std::string path = item_path(ctx, "checkpoint/" + std::to_string(i));
    ImGui::Spacing();
    if (checkpoints.size() > 1) {
      ui::label(path + "/label", "Question " + std::to_string(i + 1) + " of " + std::to_string(checkpoints.size()));
    }
    Context question_ctx{question, nullptr, ctx.draft.checkpoints[i], ctx.grade ? &*own_grade : nullptr, path,
                         ctx.platform, ctx.ui_scale};
    if (renderer.draw(question_ctx) == Ask::incomplete) all_answered = false;
    if (ctx.grade) {
      const content::Grade& grade = *own_grade;
      ImGui::Spacing();
      ui::banner((path + "/result").c_str(),
                 grade.correct ? "Right" : grade.score > 0.0 ? "Partly right" : "Not quite",
                 grade.correct ? ui::BannerKind::success : ui::BannerKind::warning);
    }
  }

  ImGui::Spacing();
  if (ctx.grade) return Ask::incomplete;
  if (!all_answered) ImGui::BeginDisabled();
  const bool done = ui::button(item_path(ctx, "done").c_str(), "Done");
  if (!all_answered) ImGui::EndDisabled();
  if (!all_answered) ui::paragraph("Answer every question to finish.", true);
  return done && all_answered ? Ask::submit : Ask::incomplete;
}

content::Response response(const content::Activity& activity, const Draft& draft) {
  return checkpoints_response(std::get<content::Reading>(activity.payload).checkpoints, draft);
}

std::string said(const content::Activity& activity, const Draft& draft) {
  return checkpoints_said(std::get<content::Reading>(activity.payload).checkpoints, draft);
}

}  // namespace

const Renderer kReading{begin, draw, response, said};

}  // namespace pathwise::client::activity
