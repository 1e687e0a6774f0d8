#include "app/path_map.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/fonts.h"
#include "app/item_registry.h"
#include "app/theme.h"

namespace pathwise::client {

namespace {

float scale() { return ImGui::GetStyle().FramePadding.y / 10.0f; }  // theme.cpp designs FramePadding.y = 10

// Status colours: hues chosen to read on the light, dark and high-contrast surfaces alike, and never the only
// cue (each status also has its own icon and words).
ImU32 status_colour(path::SkillStatus status) {
  switch (status) {
    case path::SkillStatus::locked: return palette().text_secondary;
    case path::SkillStatus::ready: return palette().accent;
    case path::SkillStatus::in_progress: return IM_COL32(37, 99, 235, 255);
    case path::SkillStatus::mastered: return IM_COL32(22, 163, 74, 255);
    case path::SkillStatus::review_due: return IM_COL32(217, 119, 6, 255);
  }
  return palette().accent;
}

const char* status_words(path::SkillStatus status) {
  switch (status) {
    case path::SkillStatus::locked: return "Locked";
    case path::SkillStatus::ready: return "Ready to start";
    case path::SkillStatus::in_progress: return "In progress";
    case path::SkillStatus::mastered: return "Mastered";
    case path::SkillStatus::review_due: return "Review due";
  }
  return "";
}

// Small icons drawn with lines, sized to the text: no icon font is needed.
void draw_icon(ImDrawList* draw, path::SkillStatus status, ImVec2 centre, float size, ImU32 colour) {
  const float s = size * 0.5f;
  const float thickness = std::max(1.5f, size * 0.12f);
  switch (status) {
    case path::SkillStatus::locked:  // a padlock: shackle and body
      draw->PathArcTo(ImVec2(centre.x, centre.y - s * 0.15f), s * 0.45f, IM_PI, 2.0f * IM_PI, 12);
      draw->PathStroke(colour, 0, thickness);
      draw->AddRectFilled(ImVec2(centre.x - s * 0.7f, centre.y - s * 0.15f), ImVec2(centre.x + s * 0.7f, centre.y + s * 0.8f),
                          colour, s * 0.15f);
      break;
    case path::SkillStatus::ready:  // a play triangle
      draw->AddTriangleFilled(ImVec2(centre.x - s * 0.5f, centre.y - s * 0.7f), ImVec2(centre.x - s * 0.5f, centre.y + s * 0.7f),
                              ImVec2(centre.x + s * 0.75f, centre.y), colour);
      break;
    case path::SkillStatus::in_progress:  // a half-filled circle
      draw->AddCircle(centre, s * 0.75f, colour, 20, thickness);
      draw->PathArcTo(centre, s * 0.75f, -IM_PI * 0.5f, IM_PI * 0.5f, 12);
      draw->PathFillConvex(colour);
      break;
    case path::SkillStatus::mastered: {  // a check mark in a disc
      draw->AddCircleFilled(centre, s * 0.85f, colour, 20);
      const ImVec2 points[] = {ImVec2(centre.x - s * 0.4f, centre.y), ImVec2(centre.x - s * 0.1f, centre.y + s * 0.3f),
                               ImVec2(centre.x + s * 0.45f, centre.y - s * 0.35f)};
      draw->AddPolyline(points, 3, IM_COL32_WHITE, 0, thickness);
      break;
    }
    case path::SkillStatus::review_due:  // a clock
      draw->AddCircle(centre, s * 0.75f, colour, 20, thickness);
      draw->AddLine(centre, ImVec2(centre.x, centre.y - s * 0.5f), colour, thickness);
      draw->AddLine(centre, ImVec2(centre.x + s * 0.35f, centre.y), colour, thickness);
      break;
  }
}

// The text cut to `lines` wrapped lines at `width`, with an ellipsis when cut.
std::string fit_lines(ImFont* font, float size, const std::string& text, float width, int lines) {
  const float line_height = size;
  if (font->CalcTextSizeA(size, FLT_MAX, width, text.c_str()).y <= line_height * lines + 0.5f) return text;
  std::string cut = text;
  while (!cut.empty()) {
    do cut.pop_back(); while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
    const std::string candidate = cut + "…";
    if (font->CalcTextSizeA(size, FLT_MAX, width, candidate.c_str()).y <= line_height * lines + 0.5f) return candidate;
  }
  return "…";
}

struct NodeBox {
  ImVec2 min, max;
};

}  // namespace

int draw_path_map(const PathMapInput& input) {
  const float s = scale();
  const std::size_t skill_count = input.bundle.skills.size();
  if (skill_count == 0) return -1;
  const float width = ImGui::GetContentRegionAvail().x;
  const float gap_x = 12.0f * s, gap_y = 28.0f * s;
  const float min_node_width = 150.0f * s;
  const int per_row = std::max(1, static_cast<int>((width + gap_x) / (min_node_width + gap_x)));
  const float node_width = (width - gap_x * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
  const float padding = 10.0f * s;
  ImFont* font = ImGui::GetFont();
  const float title_size = ImGui::GetFontSize();
  const float small_size = ImGui::GetFontSize() * 0.85f;
  const float node_height = padding * 2.0f + title_size * 2.0f + 6.0f * s + small_size + 10.0f * s;

  // Place the nodes: each layer in rows of at most per_row, each row centred.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  std::vector<NodeBox> boxes(skill_count);
  float y = origin.y;
  for (const std::vector<int>& layer : input.layers.layers) {
    for (std::size_t start = 0; start < layer.size(); start += static_cast<std::size_t>(per_row)) {
      const std::size_t in_row = std::min(layer.size() - start, static_cast<std::size_t>(per_row));
      const float row_width = node_width * in_row + gap_x * static_cast<float>(in_row - 1);
      float x = origin.x + (width - row_width) * 0.5f;
      for (std::size_t i = 0; i < in_row; ++i) {
        boxes[static_cast<std::size_t>(layer[start + i])] = {ImVec2(x, y), ImVec2(x + node_width, y + node_height)};
        x += node_width + gap_x;
      }
      y += node_height + gap_y;
    }
  }
  const float total_height = std::max(0.0f, y - origin.y - gap_y);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Arrows first, under the nodes: from the bottom of each prerequisite to the top of the skill it opens. An
  // arrow out of a mastered skill is in the accent colour: the path that is open.
  const learner::CourseIndex& course = *input.state.course;
  for (std::size_t skill = 0; skill < skill_count; ++skill) {
    for (int prerequisite : course.prerequisites[skill]) {
      const NodeBox& from = boxes[static_cast<std::size_t>(prerequisite)];
      const NodeBox& to = boxes[skill];
      const ImVec2 a((from.min.x + from.max.x) * 0.5f, from.max.y);
      const ImVec2 b((to.min.x + to.max.x) * 0.5f, to.min.y);
      const bool open = input.state.skills[static_cast<std::size_t>(prerequisite)].mastered;
      const ImU32 colour = open ? palette().accent : palette().card_border;
      const float bend = std::max(gap_y, (b.y - a.y) * 0.5f);
      draw->AddBezierCubic(a, ImVec2(a.x, a.y + bend), ImVec2(b.x, b.y - bend), ImVec2(b.x, b.y - 4.0f * s), colour,
                           (open ? 2.5f : 1.5f) * s);
      draw->AddTriangleFilled(ImVec2(b.x - 5.0f * s, b.y - 7.0f * s), ImVec2(b.x + 5.0f * s, b.y - 7.0f * s), b, colour);
    }
  }

  int tapped = -1;
  for (std::size_t skill = 0; skill < skill_count; ++skill) {
    const NodeBox& box = boxes[skill];
    const path::SkillStatus status = input.statuses[skill];
    const content::Skill& info = input.bundle.skills[skill];
    ImGui::SetCursorScreenPos(box.min);
    const std::string id = "###course/map/" + info.id;
    if (ImGui::InvisibleButton(id.c_str(), ImVec2(box.max.x - box.min.x, box.max.y - box.min.y))) {
      tapped = static_cast<int>(skill);
    }
    if (ItemRegistry* registry = current_item_registry()) {
      registry->annotate_last_item(("course/map/" + info.id).c_str(), "button", info.title.c_str());
      registry->set_last_item_value(path::skill_status_name(status));
    }
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImU32 colour = status_colour(status);
    const float rounding = 14.0f * s;
    draw->AddRectFilled(box.min, box.max, hovered ? palette().card_hovered : palette().card, rounding);
    // A status stripe down the left edge, and a thicker outline for the skill Continue suggests.
    draw->AddRectFilled(box.min, ImVec2(box.min.x + 6.0f * s, box.max.y), colour, rounding, ImDrawFlags_RoundCornersLeft);
    const bool suggested = static_cast<int>(skill) == input.suggested;
    draw->AddRect(box.min, box.max, suggested ? palette().accent : palette().card_border, rounding, 0,
                  (suggested ? 3.0f : 1.0f) * s);
    ImGui::RenderNavHighlight(ImRect(box.min, box.max), ImGui::GetItemID());

    const float text_x = box.min.x + padding + 6.0f * s;
    const float text_width = box.max.x - text_x - padding;
    const ImU32 text_colour = status == path::SkillStatus::locked ? palette().text_secondary : ImGui::GetColorU32(ImGuiCol_Text);
    const std::string title = fit_lines(font, title_size, info.title, text_width, 2);
    draw->AddText(font, title_size, ImVec2(text_x, box.min.y + padding), text_colour, title.c_str(), nullptr, text_width);
    const float status_y = box.min.y + padding + title_size * 2.0f + 6.0f * s;
    draw_icon(draw, status, ImVec2(text_x + small_size * 0.5f, status_y + small_size * 0.5f), small_size, colour);
    std::string words = status_words(status);
    const learner::SkillState& state = input.state.skills[skill];
    const double threshold = info.mastery_threshold > 0.0 ? info.mastery_threshold : 0.95;
    const double progress = std::clamp(state.p_known / threshold, 0.0, 1.0);
    if (status == path::SkillStatus::in_progress) {
      words += " · " + std::to_string(static_cast<int>(std::lround(progress * 100))) + "%";
    }
    draw->AddText(font, small_size, ImVec2(text_x + small_size + 6.0f * s, status_y), palette().text_secondary, words.c_str());
    if (status == path::SkillStatus::in_progress) {  // the mastery bar
      const float bar_y = box.max.y - padding - 4.0f * s;
      draw->AddRectFilled(ImVec2(text_x, bar_y), ImVec2(box.max.x - padding, bar_y + 6.0f * s), palette().switch_off, 3.0f * s);
      draw->AddRectFilled(ImVec2(text_x, bar_y),
                          ImVec2(text_x + (box.max.x - padding - text_x) * static_cast<float>(progress), bar_y + 6.0f * s),
                          colour, 3.0f * s);
    }
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, total_height));
  return tapped;
}

void draw_path_map_legend() {
  const float s = scale();
  const float size = ImGui::GetFontSize() * 0.85f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const path::SkillStatus statuses[] = {path::SkillStatus::ready, path::SkillStatus::in_progress, path::SkillStatus::mastered,
                                        path::SkillStatus::review_due, path::SkillStatus::locked};
  const float available = ImGui::GetContentRegionAvail().x;
  float used = 0.0f;
  for (std::size_t i = 0; i < std::size(statuses); ++i) {
    const char* words = status_words(statuses[i]);
    const float item_width = size + 6.0f * s + ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, words).x;
    if (i > 0) {
      if (used + 16.0f * s + item_width <= available) {
        ImGui::SameLine(0.0f, 16.0f * s);
        used += 16.0f * s;
      } else {
        used = 0.0f;
      }
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(item_width, size));
    draw_icon(draw, statuses[i], ImVec2(at.x + size * 0.5f, at.y + size * 0.5f), size, status_colour(statuses[i]));
    draw->AddText(ImGui::GetFont(), size, ImVec2(at.x + size + 6.0f * s, at.y), palette().text_secondary, words);
    used += item_width;
  }
}

}  // namespace pathwise::client
