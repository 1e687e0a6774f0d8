#include "app/charts.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "app/fonts.h"
#include "app/item_registry.h"
#include "app/theme.h"

namespace pathwise::client::charts {

namespace {

float scale() { return ImGui::GetStyle().FramePadding.y / 10.0f; }  // theme.cpp designs FramePadding.y = 10

ImU32 with_alpha(ImU32 colour, float alpha) {
  ImVec4 value = ImGui::ColorConvertU32ToFloat4(colour);
  value.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(value);
}

void describe_last_item(const char* path, const char* role, const std::string& label) {
  if (ItemRegistry* registry = current_item_registry()) registry->add_static_last_item(path, role, label.c_str());
}

// The panel every figure sits on: the card colour with its border, like ui::card.
void panel(ImDrawList* draw, ImVec2 min, ImVec2 max, float s) {
  draw->AddRectFilled(min, max, palette().card, 14.0f * s);
  draw->AddRect(min, max, palette().card_border, 14.0f * s, 0, 1.0f * s);
}

std::string axis_number(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", value);
  return text;
}

void dashed_line(ImDrawList* draw, ImVec2 from, float to_x, ImU32 colour, float s) {
  const float dash = 6.0f * s, gap = 4.0f * s;
  for (float x = from.x; x < to_x; x += dash + gap) {
    draw->AddLine(ImVec2(x, from.y), ImVec2(std::min(x + dash, to_x), from.y), colour, 1.5f * s);
  }
}

}  // namespace

float nice_axis_top(float value) {
  if (!(value > 0.0f)) return 10.0f;
  for (float power = 1.0f;; power *= 10.0f) {
    for (float step : {2.0f, 4.0f, 6.0f, 10.0f}) {
      if (step * power >= value - 1e-4f) return step * power;
    }
  }
}

void stat_tiles(const std::vector<Stat>& stats, float min_width_css, int max_columns) {
  if (stats.empty()) return;
  const float s = scale();
  const float gap = 10.0f * s;
  const float padding = 14.0f * s;
  const float available = ImGui::GetContentRegionAvail().x;
  const int fit = static_cast<int>((available + gap) / (min_width_css * s + gap));
  // As few rows as fit, then as few columns as those rows need: four tiles on a phone are 2 + 2, not 3 + 1.
  const int count = static_cast<int>(stats.size());
  const int most = std::clamp(fit, 1, std::min(max_columns, count));
  const int rows = (count + most - 1) / most;
  const int columns = (count + rows - 1) / rows;
  ImFont* value_font = fonts::heading();
  ImFont* caption_font = ImGui::GetFont();
  const float caption_size = ImGui::GetFontSize() * 0.85f;
  // Every tile as tall as the tallest: captions wrap on a narrow phone, and ragged rows look broken.
  const float narrowest = (available - gap * float(columns - 1)) / float(columns);
  float caption_height = 0.0f;
  for (const Stat& stat : stats) {
    caption_height = std::max(caption_height, caption_font->CalcTextSizeA(caption_size, FLT_MAX,
                                                                          narrowest - 2.0f * padding,
                                                                          stat.caption.c_str()).y);
  }
  const float height = 2.0f * padding + value_font->FontSize + 2.0f * s + caption_height;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (std::size_t first = 0; first < stats.size(); first += static_cast<std::size_t>(columns)) {
    const std::size_t in_row = std::min(stats.size() - first, static_cast<std::size_t>(columns));
    const float width = (available - gap * float(in_row - 1)) / float(in_row);  // a short last row is stretched
    for (std::size_t i = 0; i < in_row; ++i) {
      const Stat& stat = stats[first + i];
      if (i > 0) ImGui::SameLine(0.0f, gap);
      const ImVec2 origin = ImGui::GetCursorScreenPos();
      ImGui::Dummy(ImVec2(width, height));
      describe_last_item(stat.path.c_str(), "text", stat.label);
      const ImVec2 end(origin.x + width, origin.y + height);
      panel(draw, origin, end, s);
      // Centred vertically: a one-line caption beside a two-line one leaves the space above and below.
      const float own_caption = caption_font->CalcTextSizeA(caption_size, FLT_MAX, width - 2.0f * padding,
                                                            stat.caption.c_str()).y;
      const float top = origin.y + padding + (caption_height - own_caption) * 0.5f;
      draw->AddText(value_font, value_font->FontSize, ImVec2(origin.x + padding, top),
                    ImGui::GetColorU32(ImGuiCol_Text), stat.value.c_str());
      draw->AddText(caption_font, caption_size, ImVec2(origin.x + padding, top + value_font->FontSize + 2.0f * s),
                    palette().text_secondary, stat.caption.c_str(), nullptr, width - 2.0f * padding);
    }
  }
}

void chart(const char* path, const BarChart& spec, const std::string& description, float width, float height_css) {
  const float s = scale();
  if (width <= 0.0f) width = ImGui::GetContentRegionAvail().x;
  const float height = height_css * s;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  describe_last_item(path, "img", description);
  if (!ImGui::IsItemVisible()) return;  // scrolled away: nothing to draw

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  panel(draw, origin, end, s);
  const float padding = 16.0f * s;
  ImFont* font = ImGui::GetFont();
  ImFont* bold = fonts::heading();
  const float title_size = ImGui::GetFontSize();
  const float small = ImGui::GetFontSize() * 0.78f;
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 secondary = palette().text_secondary;
  const ImU32 accent = palette().accent;

  // Title row: the title on the left, the subtitle on the right (below the title when both do not fit).
  draw->AddText(bold, title_size, ImVec2(origin.x + padding, origin.y + padding), text, spec.title.c_str());
  float top = origin.y + padding + title_size;
  if (!spec.subtitle.empty()) {
    const float title_w = bold->CalcTextSizeA(title_size, FLT_MAX, 0.0f, spec.title.c_str()).x;
    const float subtitle_w = font->CalcTextSizeA(small, FLT_MAX, 0.0f, spec.subtitle.c_str()).x;
    if (title_w + subtitle_w + 16.0f * s <= width - 2.0f * padding) {
      draw->AddText(font, small, ImVec2(end.x - padding - subtitle_w, origin.y + padding + (title_size - small) * 0.7f),
                    secondary, spec.subtitle.c_str());
    } else {
      draw->AddText(font, small, ImVec2(origin.x + padding, top + 2.0f * s), secondary, spec.subtitle.c_str());
      top += small + 2.0f * s;
    }
  }
  top += 14.0f * s;

  const float label_row = small + 8.0f * s;
  const float caption_row = spec.caption.empty() ? 0.0f : small + 4.0f * s;
  const float bottom = end.y - padding - label_row - caption_row;
  float largest = spec.target;
  for (const Bar& bar : spec.bars) {
    if (!bar.empty) largest = std::max(largest, bar.value);
  }
  const float axis_top = spec.max_value > 0.0f ? spec.max_value : nice_axis_top(largest);

  // The y axis: three gridlines (0, half, top), their numbers right-aligned in a column on the left.
  // "30 min", but "100%": a percent sign sits against its number.
  const std::string top_label = axis_number(axis_top) + (spec.unit.empty() ? "" : spec.unit == "%" ? "%" : " " + spec.unit);
  const std::string labels[3] = {"0", axis_number(axis_top * 0.5f), top_label};
  float label_w = 0.0f;
  for (const std::string& label : labels) label_w = std::max(label_w, font->CalcTextSizeA(small, FLT_MAX, 0.0f, label.c_str()).x);
  const float left = origin.x + padding + label_w + 10.0f * s;
  const float right = end.x - padding;
  const float plot_h = std::max(1.0f, bottom - top);
  auto y_of = [&](float value) { return bottom - std::clamp(value / axis_top, 0.0f, 1.0f) * plot_h; };
  for (int i = 0; i < 3; ++i) {
    const float y = bottom - plot_h * 0.5f * float(i);
    draw->AddLine(ImVec2(left, y), ImVec2(right, y), i == 0 ? palette().card_border : with_alpha(palette().card_border, 0.6f),
                  (i == 0 ? 1.5f : 1.0f) * s);
    const float w = font->CalcTextSizeA(small, FLT_MAX, 0.0f, labels[i].c_str()).x;
    draw->AddText(font, small, ImVec2(left - 10.0f * s - w, y - small * 0.5f), secondary, labels[i].c_str());
  }

  const std::size_t count = spec.bars.size();
  if (count == 0) return;
  const float slot = (right - left) / float(count);
  auto centre_x = [&](std::size_t i) { return left + slot * (float(i) + 0.5f); };

  if (spec.line) {
    // The values as a line: a soft area under it, then the line, then a dot per value. Periods without data
    // have no dot and the line joins their neighbours.
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < count; ++i) {
      if (!spec.bars[i].empty) points.emplace_back(centre_x(i), y_of(spec.bars[i].value));
    }
    for (std::size_t i = 1; i < points.size(); ++i) {
      const ImVec2 quad[4] = {points[i - 1], points[i], ImVec2(points[i].x, bottom), ImVec2(points[i - 1].x, bottom)};
      draw->AddConvexPolyFilled(quad, 4, with_alpha(accent, 0.12f));
    }
    if (points.size() > 1) draw->AddPolyline(points.data(), static_cast<int>(points.size()), accent, 0, 2.5f * s);
    for (const ImVec2& point : points) {
      draw->AddCircleFilled(point, 5.5f * s, palette().card, 20);
      draw->AddCircleFilled(point, 4.0f * s, accent, 20);
    }
  } else {
    const float bar_w = std::min(slot * 0.62f, 36.0f * s);
    const float stub = 3.0f * s;
    for (std::size_t i = 0; i < count; ++i) {
      const Bar& bar = spec.bars[i];
      const float x = centre_x(i);
      if (bar.empty || bar.value <= 0.0f) {
        // Nothing that day: a stub on the baseline keeps the day visible without pretending it has a value.
        draw->AddRectFilled(ImVec2(x - bar_w * 0.5f, bottom - stub), ImVec2(x + bar_w * 0.5f, bottom),
                            palette().card_border, stub * 0.5f);
        continue;
      }
      const float y = std::min(y_of(bar.value), bottom - stub);
      draw->AddRectFilled(ImVec2(x - bar_w * 0.5f, y), ImVec2(x + bar_w * 0.5f, bottom),
                          bar.highlight ? accent : with_alpha(accent, 0.55f), std::min(bar_w * 0.5f, 6.0f * s),
                          ImDrawFlags_RoundCornersTop);
    }
  }
  // Values above their bar (or dot), where there is room.
  for (std::size_t i = 0; i < count; ++i) {
    const Bar& bar = spec.bars[i];
    if (bar.empty || bar.value_label.empty()) continue;
    const float w = font->CalcTextSizeA(small, FLT_MAX, 0.0f, bar.value_label.c_str()).x;
    if (w > slot - 2.0f * s) continue;
    const float y = y_of(bar.value) - small - (spec.line ? 8.0f : 3.0f) * s;
    draw->AddText(font, small, ImVec2(centre_x(i) - w * 0.5f, std::max(y, top - small)), secondary,
                  bar.value_label.c_str());
  }

  if (spec.target > 0.0f && spec.target <= axis_top) {
    const float y = y_of(spec.target);
    dashed_line(draw, ImVec2(left, y), right, with_alpha(text, 0.55f), s);
    if (!spec.target_label.empty()) {
      const float w = font->CalcTextSizeA(small, FLT_MAX, 0.0f, spec.target_label.c_str()).x;
      draw->AddText(font, small, ImVec2(right - w, y - small - 2.0f * s), text, spec.target_label.c_str());
    }
  }

  // Labels under the axis: the long ones when every one fits its slot, else the short ones, else every other
  // short one (always keeping the last: today).
  float long_w = 0.0f, short_w = 0.0f;
  for (const Bar& bar : spec.bars) {
    long_w = std::max(long_w, font->CalcTextSizeA(small, FLT_MAX, 0.0f, bar.label.c_str()).x);
    short_w = std::max(short_w, font->CalcTextSizeA(small, FLT_MAX, 0.0f, bar.short_label.c_str()).x);
  }
  const bool use_long = long_w <= slot - 4.0f * s;
  const bool every_other = !use_long && short_w > slot - 2.0f * s;
  for (std::size_t i = 0; i < count; ++i) {
    if (every_other && (count - 1 - i) % 2 != 0) continue;
    const Bar& bar = spec.bars[i];
    const std::string& label = use_long ? bar.label : bar.short_label;
    const float w = font->CalcTextSizeA(small, FLT_MAX, 0.0f, label.c_str()).x;
    draw->AddText(font, small, ImVec2(centre_x(i) - w * 0.5f, bottom + 6.0f * s), bar.highlight ? text : secondary,
                  label.c_str());
  }
  if (!spec.caption.empty()) {
    const float w = font->CalcTextSizeA(small, FLT_MAX, 0.0f, spec.caption.c_str()).x;
    draw->AddText(font, small, ImVec2((left + right - w) * 0.5f, bottom + label_row), secondary, spec.caption.c_str());
  }
}

void meter(const char* path, const char* role, const std::string& title, const std::string& value_text,
           const std::string& note, float fraction, bool done, const std::string& label, float width) {
  const float s = scale();
  if (width <= 0.0f) width = ImGui::GetContentRegionAvail().x;
  ImFont* font = ImGui::GetFont();
  const float line = ImGui::GetFontSize();
  const float small = line * 0.82f;
  const float track_h = 10.0f * s;
  const float height = line + 6.0f * s + track_h + (note.empty() ? 0.0f : 4.0f * s + small);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  describe_last_item(path, role, label);
  if (!ImGui::IsItemVisible()) return;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 accent = palette().accent;
  const float value_w = font->CalcTextSizeA(line, FLT_MAX, 0.0f, value_text.c_str()).x;
  draw->AddText(font, line, ImVec2(origin.x + width - value_w, origin.y), done ? accent : palette().text_secondary,
                value_text.c_str());
  // A long skill title is cut with an ellipsis before the value rather than running into it.
  const float title_end = origin.x + width - value_w - 12.0f * s;
  ImGui::RenderTextEllipsis(draw, origin, ImVec2(title_end, origin.y + line), title_end, title_end, title.c_str(),
                            nullptr, nullptr);
  const ImVec2 track_min(origin.x, origin.y + line + 6.0f * s);
  const ImVec2 track_max(origin.x + width, track_min.y + track_h);
  draw->AddRectFilled(track_min, track_max, with_alpha(palette().card_border, 0.7f), track_h * 0.5f);
  const float filled = std::clamp(fraction, 0.0f, 1.0f) * width;
  if (filled > 0.0f) {
    draw->AddRectFilled(track_min, ImVec2(track_min.x + std::max(filled, track_h), track_max.y),
                        done ? accent : with_alpha(accent, 0.6f), track_h * 0.5f);
  }
  if (!note.empty()) {
    draw->AddText(font, small, ImVec2(origin.x, track_max.y + 4.0f * s), palette().text_secondary, note.c_str());
  }
}

void same_line_if_room(const char* label) {
  // The same size as ui::button gives it: at least a touch target tall and twice that wide.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float height = kTouchTarget * scale();
  const float width = std::max(height * 2.0f, ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2.0f);
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) ImGui::SameLine();
}

}  // namespace pathwise::client::charts
