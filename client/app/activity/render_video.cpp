// video: the video itself, an HTML <video> over the canvas with its captions (shown by default), its poster and
// the browser's own controls (Platform::place_media), which pauses by itself at each checkpoint time. The
// checkpoint's question then appears below it, drawn by its type's renderer under "practice/checkpoint/<n>",
// and is checked at once with the core's grader (content::grade), so the learner reads the feedback before the
// video goes on; "Continue the video" resumes it. "Skip to the questions" lists every question left instead.
// Once every question is answered and the video has ended (or was skipped), the renderer submits, and the
// screen grades the whole video (content::grade: one Response per checkpoint).
//
// The browser pauses at the stops itself and tells the app only when something changes (played, paused,
// stopped at a checkpoint, ended): a playing video costs the app no frames.
//
// Draft: checkpoints (one draft per question), checkpoint_grades (each question's grade once checked),
// checkpoint (the question the video stopped at, -1 while none), video_position (seconds reached),
// video_finished (ended, or skipped to the questions).
#include <imgui.h>

#include <algorithm>

#include "app/activity/renderer.h"
#include "app/item_registry.h"
#include "app/media_overlay.h"
#include "app/rich_text_view.h"
#include "app/widgets.h"

namespace pathwise::client::activity {

namespace {

constexpr float kDefaultAspect = 16.0f / 9.0f;  // until the browser has read the video's size

// What to bring into view the next time it is drawn: the Check button when the video stops for a question, the
// Continue button once it is checked, the video itself when it goes on. The video and its question rarely fit
// on one screen together (a phone, a 16:9 video on a laptop): the screen follows what the learner does next.
std::string bring_into_view;
int bring_into_view_frames = 0;
void bring(const std::string& path) {
  bring_into_view = path;
  // ImGui clamps scrolling to the previous frame's content height, so an item that has just appeared at the end
  // may need a second frame to be reached; never more than a few, so the learner can scroll away again.
  bring_into_view_frames = 3;
}

// After drawing the item `path`: scrolls just enough to show it whole (aligned to the bottom, or the top when
// `top`), if it was asked for.
void follow(const std::string& path, bool top = false) {
  if (bring_into_view != path) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float visible_top = ImGui::GetWindowPos().y + style.WindowPadding.y;
  const float visible_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - style.WindowPadding.y;
  if ((ImGui::GetItemRectMin().y >= visible_top && ImGui::GetItemRectMax().y <= visible_bottom) ||
      --bring_into_view_frames < 0) {
    bring_into_view.clear();
    return;
  }
  ImGui::SetScrollHereY(top ? 0.0f : 1.0f);
}

std::uint64_t question_entropy(std::uint64_t entropy, std::size_t index) {
  return entropy ^ (0x9E3779B97F4A7C15ull * (index + 1));
}

void begin(const content::Activity& activity, Draft& draft, std::uint64_t entropy) {
  const auto& video = std::get<content::Video>(activity.payload);
  draft.checkpoints.assign(video.checkpoints.size(), Draft{});
  draft.checkpoint_grades.assign(video.checkpoints.size(), std::nullopt);
  for (std::size_t i = 0; i < video.checkpoints.size(); ++i) {
    const content::Activity& question = video.checkpoints[i].question;
    renderer_for(question.type()).begin(question, draft.checkpoints[i], question_entropy(entropy, i));
  }
  // A fresh element from the start, even when the same video was just shown (and whatever it reported then).
  media::new_video_generation(video.source.src);
}

std::string count_words(std::size_t count) {
  return count == 1 ? "1 question" : std::to_string(count) + " questions";
}

// One checkpoint question: its own renderer, then Check (graded at once) or, once checked, its feedback.
void draw_question(Context& ctx, std::size_t index) {
  const auto& checkpoints = std::get<content::Video>(ctx.activity.payload).checkpoints;
  const content::Activity& question = checkpoints[index].question;
  const Renderer& renderer = renderer_for(question.type());
  std::optional<content::Grade>& grade = ctx.draft.checkpoint_grades[index];
  const std::string path = item_path(ctx, "checkpoint/" + std::to_string(index));
  ui::label(path + "/label", "Question " + std::to_string(index + 1) + " of " + std::to_string(checkpoints.size()));
  Context question_ctx{question, nullptr, ctx.draft.checkpoints[index], grade ? &*grade : nullptr, path,
                       ctx.platform, ctx.ui_scale};
  const Ask ask = renderer.draw(question_ctx);
  ImGui::Spacing();
  if (!grade) {
    const bool ready = ask != Ask::incomplete;
    if (!ready) ImGui::BeginDisabled();
    // Enter in a typed answer checks it, when it is the only question on screen (not in the list after a skip).
    const bool check = ui::button((path + "/check").c_str(), "Check") ||
                       (ready && !ctx.draft.video_finished && ImGui::IsKeyPressed(ImGuiKey_Enter) &&
                        ImGui::GetIO().WantTextInput);
    if (!ready) ImGui::EndDisabled();
    follow(path + "/check");
    if (check && ready) {
      grade = content::grade(question, renderer.response(question, ctx.draft.checkpoints[index]));
      if (!ctx.draft.video_finished) bring(item_path(ctx, "video-continue"));
    }
    return;
  }
  ui::banner((path + "/result").c_str(),
             grade->correct ? "Correct!" : grade->score > 0.0 ? "Partly right." : "Not quite.",
             grade->correct ? ui::BannerKind::success : ui::BannerKind::warning);
  for (std::size_t i = 0; i < grade->feedback.size(); ++i) {
    ui::rich_text((path + "/feedback/" + std::to_string(i)).c_str(), grade->feedback[i]);
  }
  if (!grade->correct && !grade->expected.empty()) {
    ui::rich_text((path + "/expected").c_str(), "The answer: " + grade->expected, true);
  }
}

// Reserves the video's box across the column and asks the platform to show the video there.
void place_video(Context& ctx, const content::Video& video, const std::string& key, int generation) {
  const float width = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
  float aspect = media::natural_aspect(video.source.src);
  if (!(aspect > 0.0f)) aspect = kDefaultAspect;
  // On a wide screen a 16:9 video as wide as the column would push its questions out of view.
  const float height = std::min(width / aspect, ImGui::GetMainViewport()->WorkSize.y * 0.55f);
  const float shown_width = std::min(width, height * aspect);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  const ImVec2 min(origin.x + (width - shown_width) * 0.5f, origin.y);
  if (ItemRegistry* registry = current_item_registry()) registry->add_static_last_item(key.c_str(), "video", video.title.c_str());
  follow(key, true);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Behind the element: what shows for a moment before the browser draws the poster.
  if (ImGui::IsItemVisible()) {
    draw->AddRectFilled(min, ImVec2(min.x + shown_width, min.y + height), IM_COL32(20, 24, 31, 255),
                        12.0f * ctx.ui_scale);
  }
  MediaPlacement placement;
  placement.kind = MediaPlacement::Kind::video;
  placement.key = key;
  placement.generation = generation;
  placement.src = video.source.src;
  placement.alt = video.title;
  placement.captions = video.source.captions;
  placement.poster = video.source.poster;
  placement.x = min.x;
  placement.y = min.y;
  placement.width = shown_width;
  placement.height = height;
  const ImVec2 clip_min = draw->GetClipRectMin();
  const ImVec2 clip_max = draw->GetClipRectMax();
  placement.clip_x0 = clip_min.x;
  placement.clip_y0 = clip_min.y;
  placement.clip_x1 = clip_max.x;
  placement.clip_y1 = clip_max.y;
  // It stops at every question not answered yet, unless the learner went to the questions already.
  if (!ctx.grade && !ctx.draft.video_finished) {
    for (std::size_t i = 0; i < video.checkpoints.size(); ++i) {
      if (!ctx.draft.checkpoint_grades[i]) placement.stops.push_back({video.checkpoints[i].time, static_cast<int>(i)});
    }
  }
  media::place(std::move(placement));
}

Ask draw(Context& ctx) {
  const auto& video = std::get<content::Video>(ctx.activity.payload);
  const auto& checkpoints = video.checkpoints;
  Draft& draft = ctx.draft;
  if (draft.checkpoints.size() != checkpoints.size()) draft.checkpoints.resize(checkpoints.size());
  if (draft.checkpoint_grades.size() != checkpoints.size()) draft.checkpoint_grades.resize(checkpoints.size());

  // What the browser reported since the last frame.
  const std::string key = item_path(ctx, "video");
  const int generation = media::video_generation(video.source.src);
  const VideoStatus status = media::video_status(key, generation);
  if (status.known) {
    draft.video_position = std::max(draft.video_position, status.position);
    if (status.ended) draft.video_finished = true;
    const int stop = status.checkpoint;
    if (stop >= 0 && stop < static_cast<int>(checkpoints.size()) && !draft.checkpoint_grades[static_cast<std::size_t>(stop)] &&
        !draft.video_finished && draft.checkpoint != stop) {
      draft.checkpoint = stop;
      bring(item_path(ctx, "checkpoint/" + std::to_string(stop) + "/check"));
    }
  }

  ui::heading(item_path(ctx, "title").c_str(), video.title.c_str());
  draw_prompt(ctx, ctx.activity.prompt);
  ImGui::Spacing();
  place_video(ctx, video, key, generation);
  ImGui::Spacing();

  const std::size_t answered = static_cast<std::size_t>(
      std::count_if(draft.checkpoint_grades.begin(), draft.checkpoint_grades.end(), [](const auto& grade) { return grade.has_value(); }));
  const bool all_answered = answered == checkpoints.size();

  if (ctx.grade) {  // submitted: every question with its answer and feedback, read-only
    for (std::size_t i = 0; i < checkpoints.size(); ++i) {
      if (!draft.checkpoint_grades[i]) {
        const content::Activity& question = checkpoints[i].question;
        draft.checkpoint_grades[i] = content::grade(question, renderer_for(question.type()).response(question, draft.checkpoints[i]));
      }
      draw_question(ctx, i);
      ImGui::Spacing();
    }
    return Ask::incomplete;
  }

  if (draft.video_finished) {
    if (!all_answered) {
      ui::paragraph(("Answer the " + std::string(checkpoints.size() - answered == 1 ? "question" : "questions") +
                     " below to finish.").c_str(), true);
    }
    for (std::size_t i = 0; i < checkpoints.size(); ++i) {
      ImGui::Spacing();
      draw_question(ctx, i);
    }
    // Answered to the last question and ended (or skipped): done. Checked just now, the last answer's
    // feedback stays on screen under the result.
    const bool all_now = std::all_of(draft.checkpoint_grades.begin(), draft.checkpoint_grades.end(),
                                     [](const auto& grade) { return grade.has_value(); });
    return all_now ? Ask::submit : Ask::incomplete;
  }

  if (draft.checkpoint >= 0) {
    const auto index = static_cast<std::size_t>(draft.checkpoint);
    draw_question(ctx, index);
    if (draft.checkpoint_grades[index]) {
      ImGui::Spacing();
      const bool resume = ui::button(item_path(ctx, "video-continue").c_str(), "Continue the video");
      follow(item_path(ctx, "video-continue"));
      if (resume) {
        // Inside the tap's own handler (the shell processes input there), so the browser lets it play.
        media::request_video(key, VideoRequest::play);
        draft.checkpoint = -1;
        bring(key);
      }
    }
  } else if (checkpoints.empty()) {
    ui::paragraph("Watch the video to the end.", true);
  } else if (answered == 0) {
    ui::paragraph(("Press play. The video stops by itself for " + count_words(checkpoints.size()) + ".").c_str(), true);
  } else {
    ui::paragraph((std::to_string(answered) + " of " + count_words(checkpoints.size()) +
                   " answered. The video stops again for the next one.").c_str(), true);
  }

  if (!all_answered && draft.checkpoint < 0) {
    ImGui::Spacing();
    if (ui::button(item_path(ctx, "video-skip").c_str(), "Skip to the questions", ui::ButtonKind::secondary)) {
      draft.video_finished = true;
      media::request_video(key, VideoRequest::pause);
    }
  }
  return Ask::incomplete;
}

content::Response response(const content::Activity& activity, const Draft& draft) {
  return checkpoints_response(std::get<content::Video>(activity.payload).checkpoints, draft);
}

std::string said(const content::Activity& activity, const Draft& draft) {
  return checkpoints_said(std::get<content::Video>(activity.payload).checkpoints, draft);
}

}  // namespace

const Renderer kVideo{begin, draw, response, said};

}  // namespace pathwise::client::activity
