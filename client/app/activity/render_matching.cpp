// matching: left items, each to be matched with one of the right-hand options (the pairs' right sides and the
// distractors, shuffled). Each left item is a row with a slot for its answer; the options wait below in a tray of
// chips. The learner drags a chip onto a row (mouse or finger), or taps a row and then a chip, or a chip and then
// a row: the keyboard does the same with Tab and Enter (or Space). Escape lets go of what was chosen first;
// tapping a placed chip sends it back to the tray, and dragging it to another row swaps the two rows' answers.
// After checking, each row is marked right or wrong (grade.part_scores) and a wrong one shows its right answer.
//
// Layout: a row is two columns, the left item beside its slot, while the slot is wide enough for the answers
// (a laptop, or short answers on a phone); otherwise the slot goes under the left item across the whole width.
//
// Draft: order = the options' display order in the tray (indices in content::matching_options order);
// selected = for each pair, the option placed in its slot, or -1; held = what was chosen first and waits for its
// partner: an option index, or kRowHeld + i for row i; -1 when nothing.
// Items: practice/left/<pair> (button; value = the option placed in its slot, "" when none; checked = chosen
// first), practice/option/<option> (button, in the tray or in a slot; value = the pair whose slot holds it, ""
// in the tray; checked = picked up).
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/activity/renderer.h"
#include "app/drag_drop.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "content/rich_text.h"

namespace pathwise::client::activity {

namespace {

constexpr int kRowHeld = 1 << 16;  // held = kRowHeld + i: row i was chosen first

std::string plain(const std::string& rich) { return content::plain_text(content::parse_rich_text(rich)); }

void begin(const content::Activity& activity, Draft& draft, std::uint64_t entropy) {
  const auto& matching = std::get<content::Matching>(activity.payload);
  draft.order = shuffled_indices(static_cast<int>(content::matching_options(matching).size()), entropy);
  draft.selected.assign(matching.pairs.size(), -1);
  draft.held = -1;
}

// The row whose slot holds option `option`, or -1 (in the tray).
int row_of(const Draft& draft, int option) {
  const auto found = std::find(draft.selected.begin(), draft.selected.end(), option);
  return found == draft.selected.end() ? -1 : static_cast<int>(found - draft.selected.begin());
}

// Puts option `option` in row `row`'s slot. Coming from another row, it swaps with what this row held; from the
// tray, what this row held goes back to the tray.
void place(Draft& draft, int option, int row) {
  const int from = row_of(draft, option);
  if (from == row) return;
  const int previous = draft.selected[static_cast<std::size_t>(row)];
  draft.selected[static_cast<std::size_t>(row)] = option;
  if (from >= 0) draft.selected[static_cast<std::size_t>(from)] = previous;
}

bool inside(ImVec2 point, ImVec2 min, ImVec2 max) {
  return point.x >= min.x && point.x < max.x && point.y >= min.y && point.y < max.y;
}

// Sizes in physical pixels (CSS pixels times the UI scale).
struct Metrics {
  float scale = 1.0f;
  float width = 0.0f;         // the column
  float padding = 0.0f;       // inside a row, around the left item's text
  float inset = 0.0f;         // between a row's edge and its slot
  float arrow = 0.0f;         // the gap between the two columns, holding → (or the mark once checked)
  float left_width = 0.0f;    // the left column, when side by side
  bool side_by_side = true;
  float slot_width = 0.0f;
  float chip_pad_x = 0.0f;
  float chip_pad_y = 0.0f;
  float chip_min_height = 0.0f;
  float grip = 0.0f;          // room for the grip dots at a tray chip's left
  float remove = 0.0f;        // room for the × at a placed chip's right
  float row_gap = 0.0f;
  float rounding = 0.0f;
};

float text_height(const std::string& text, float wrap) {
  return ImGui::CalcTextSize(text.c_str(), nullptr, false, std::max(wrap, 1.0f)).y;
}

float text_width(const std::string& text) { return ImGui::CalcTextSize(text.c_str()).x; }

Metrics measure(float scale, float width, const std::vector<std::string>& lefts, const std::vector<std::string>& options) {
  Metrics m;
  m.scale = scale;
  m.width = width;
  m.padding = 14.0f * scale;
  m.inset = 6.0f * scale;
  m.arrow = 30.0f * scale;
  m.chip_pad_x = 14.0f * scale;
  m.chip_pad_y = 10.0f * scale;
  m.chip_min_height = kTouchTarget * scale;
  m.grip = 14.0f * scale;
  m.remove = 24.0f * scale;
  m.row_gap = 10.0f * scale;
  m.rounding = 14.0f * scale;
  float natural_left = 0.0f;
  for (const std::string& left : lefts) natural_left = std::max(natural_left, text_width(left) + m.padding * 2.0f);
  m.left_width = std::clamp(natural_left, width * 0.28f, width * 0.45f);
  float widest_option = 0.0f;
  for (const std::string& option : options) widest_option = std::max(widest_option, text_width(option));
  const float slot_beside = width - m.left_width - m.arrow - m.inset;
  const float placed_chip_natural = widest_option + m.chip_pad_x * 2.0f + m.remove;
  // Beside the left item while the answers fit on one line there, or the slot is still roomy (a laptop).
  m.side_by_side = placed_chip_natural <= slot_beside || slot_beside >= 300.0f * scale;
  if (!m.side_by_side) m.inset = 10.0f * scale;  // under the left item the slot gets the row's own margins
  m.slot_width = m.side_by_side ? slot_beside : width - m.inset * 2.0f;
  return m;
}

// A chip's height for `text` laid out `chip_width` wide, with `extra` room beside the text (grip, ×).
float chip_height(const Metrics& m, const std::string& text, float chip_width, float extra) {
  return std::max(m.chip_min_height, text_height(text, chip_width - m.chip_pad_x * 2.0f - extra) + m.chip_pad_y * 2.0f);
}

enum class ChipPlace { tray, slot, floating };

Ask draw(Context& ctx) {
  const auto& matching = std::get<content::Matching>(ctx.activity.payload);
  Draft& draft = ctx.draft;
  const bool editable = ctx.grade == nullptr;
  const float s = ctx.ui_scale;
  const int pairs = static_cast<int>(matching.pairs.size());
  std::vector<std::string> lefts, options;
  for (const content::MatchPair& pair : matching.pairs) lefts.push_back(plain(pair.left));
  for (const std::string& option : content::matching_options(matching)) options.push_back(plain(option));
  const int option_count = static_cast<int>(options.size());
  if (static_cast<int>(draft.selected.size()) != pairs) draft.selected.assign(static_cast<std::size_t>(pairs), -1);

  draw_prompt(ctx, ctx.activity.prompt);
  if (editable) ui::paragraph("Drag each answer onto its match, or tap an item and then its answer.", true);
  ImGui::Spacing();

  const Metrics m = measure(s, ImGui::GetContentRegionAvail().x, lefts, options);
  const ImGuiID board_id = ImGui::GetID((ctx.path + "/matching").c_str());
  auto left_path = [&](int row) { return item_path(ctx, "left/" + std::to_string(row)); };
  auto option_path = [&](int option) { return item_path(ctx, "option/" + std::to_string(option)); };

  // ---- The pointer: a chip being dragged. The keyboard: Escape lets go.
  const ui::PointerDrag* drag = editable ? ui::update_drag(board_id, s) : nullptr;
  int dragged = drag && drag->dragging ? drag->payload : -1;
  if (dragged >= 0) draft.held = dragged;
  if (editable && draft.held >= 0 && ui::pressed(board_id, ImGuiKey_Escape)) {
    if (dragged >= 0) ui::cancel_drag();
    draft.held = -1;
    dragged = -1;
  }
  const int floating = dragged;  // the chip under the pointer
  const bool held_option = draft.held >= 0 && draft.held < option_count;
  const int held_row = draft.held >= kRowHeld && draft.held - kRowHeld < pairs ? draft.held - kRowHeld : -1;
  const bool just_dropped = dragged >= 0 && drag->dropped;

  // ---- Chips: in the tray, in a slot, or following the pointer.
  auto draw_chip = [&](int option, ImVec2 min, ImVec2 size, ChipPlace where) {
    const std::string path = option_path(option);
    const std::string& text = options[static_cast<std::size_t>(option)];
    const int row = row_of(draft, option);
    const ImVec2 max(min.x + size.x, min.y + size.y);
    ImGui::SetCursorScreenPos(min);
    const bool clicked = ImGui::InvisibleButton(("###" + path).c_str(), size);
    ui::describe_item(path.c_str(), "button", text.c_str());
    ui::describe_item_value(row >= 0 ? std::to_string(row).c_str() : "");
    ui::describe_item_checked(draft.held == option);
    const ImGuiID id = ImGui::GetItemID();
    const bool hovered = ImGui::IsItemHovered();
    if (editable) {
      ui::drag_source(board_id, option);
      if (hovered || where == ChipPlace::floating) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      if (clicked && !(just_dropped && drag->item == id)) {
        if (held_row >= 0) {
          place(draft, option, held_row);
          draft.held = -1;
        } else if (held_option && draft.held != option && row >= 0) {
          place(draft, draft.held, row);  // the answer picked up takes this one's place; this one goes back
          draft.held = -1;
        } else if (row >= 0) {
          draft.selected[static_cast<std::size_t>(row)] = -1;  // a placed chip tapped: back to the tray
          draft.held = -1;
        } else {
          draft.held = draft.held == option ? -1 : option;
        }
      }
    }

    ImDrawList* draw = where == ChipPlace::floating ? ImGui::GetForegroundDrawList() : ImGui::GetWindowDrawList();
    const bool picked = draft.held == option && where != ChipPlace::slot;
    const float rounding = std::min(size.y * 0.5f, 22.0f * s);
    if (where == ChipPlace::floating || picked) ui::draw_lift_shadow(draw, min, max, rounding, s);
    ImU32 fill = hovered ? palette().card_hovered : palette().card;
    ImU32 text_colour = ui::text_colour();
    ImU32 border = palette().card_border;
    float border_width = 1.0f;
    if (picked) {
      fill = palette().accent;
      text_colour = palette().switch_knob;  // the theme's text-on-accent colour
      border = palette().accent;
    } else if (where == ChipPlace::slot) {
      fill = ui::with_alpha(palette().accent, hovered && editable ? 0.20f : 0.12f);
      border = palette().accent;
      border_width = 1.5f;
    } else if (where == ChipPlace::floating) {
      border = palette().accent;
      border_width = 2.0f;
    }
    draw->AddRectFilled(min, max, fill, rounding);
    draw->AddRect(min, max, border, rounding, 0, border_width * s);
    if (where != ChipPlace::floating) ImGui::RenderNavHighlight(ImRect(min, max), id);
    float text_x = min.x + m.chip_pad_x;
    float wrap = size.x - m.chip_pad_x * 2.0f;
    if (where != ChipPlace::slot && editable) {
      ui::draw_grip(draw, ImVec2(min.x + m.chip_pad_x, (min.y + max.y) * 0.5f), s * 0.8f,
                    picked ? text_colour : palette().text_secondary);
      text_x += m.grip;
      wrap -= m.grip;
    }
    if (where == ChipPlace::slot && editable) {
      wrap -= m.remove;
      // The ×: tapping a placed answer sends it back to the tray.
      const ImVec2 centre(max.x - m.chip_pad_x - 5.0f * s, (min.y + max.y) * 0.5f);
      const float arm = 5.0f * s;
      const ImU32 colour = palette().text_secondary;
      draw->AddLine(ImVec2(centre.x - arm, centre.y - arm), ImVec2(centre.x + arm, centre.y + arm), colour, 2.0f * s);
      draw->AddLine(ImVec2(centre.x - arm, centre.y + arm), ImVec2(centre.x + arm, centre.y - arm), colour, 2.0f * s);
    }
    const float height = text_height(text, wrap);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(text_x, (min.y + max.y) * 0.5f - height * 0.5f),
                  text_colour, text.c_str(), nullptr, std::max(wrap, 1.0f));
  };

  // ---- The rows: each left item with its slot.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = origin.y;
  int drop_row = -1;  // the row under the dragged chip
  std::vector<std::string> notes(static_cast<std::size_t>(pairs));
  if (!editable) ImGui::BeginDisabled();
  for (int row = 0; row < pairs; ++row) {
    const int placed = draft.selected[static_cast<std::size_t>(row)];
    const std::string& left = lefts[static_cast<std::size_t>(row)];
    const bool marked = ctx.grade && static_cast<std::size_t>(row) < ctx.grade->part_scores.size();
    const bool right = marked && ctx.grade->part_scores[static_cast<std::size_t>(row)] >= 1.0;
    std::string& note = notes[static_cast<std::size_t>(row)];
    if (marked && !right) note = "Answer: " + plain(matching.pairs[static_cast<std::size_t>(row)].right);

    // Geometry: the left text's box, then the slot, beside it or under it.
    const float left_wrap = (m.side_by_side ? m.left_width : m.width) - m.padding * 2.0f - (m.side_by_side ? 0.0f : 34.0f * s);
    const float left_height = text_height(left, left_wrap);
    const float chip_h = placed >= 0 ? chip_height(m, options[static_cast<std::size_t>(placed)], m.slot_width,
                                                   editable ? m.remove : 0.0f)
                                     : m.chip_min_height;
    const float note_h = note.empty() ? 0.0f : 6.0f * s + text_height(note, m.slot_width - m.chip_pad_x);
    float row_h = 0.0f;
    ImVec2 slot_min;
    if (m.side_by_side) {
      row_h = std::max(left_height + m.padding * 2.0f, chip_h + note_h + m.inset * 2.0f);
      slot_min = ImVec2(origin.x + m.left_width + m.arrow, y + m.inset);
    } else {
      row_h = m.padding + left_height + 8.0f * s + chip_h + note_h + m.inset;
      slot_min = ImVec2(origin.x + m.inset, y + m.padding + left_height + 8.0f * s);
    }
    const ImVec2 min(origin.x, y), max(origin.x + m.width, y + row_h);
    const ImVec2 slot_max(slot_min.x + m.slot_width, slot_min.y + chip_h);
    const bool target = dragged >= 0 && inside(drag->pointer, min, max);
    if (target) drop_row = row;

    // The row is the left item's button; an empty slot is part of it, a placed chip is a button of its own.
    const bool slot_filled = placed >= 0;
    const float button_h = m.side_by_side || !slot_filled ? row_h : slot_min.y - y;
    const float button_w = m.side_by_side && slot_filled ? m.left_width : m.width;
    ImGui::SetCursorScreenPos(min);
    const std::string path = left_path(row);
    const bool clicked = ImGui::InvisibleButton(("###" + path).c_str(), ImVec2(button_w, button_h));
    ui::describe_item(path.c_str(), "button", left.c_str());
    ui::describe_item_value(slot_filled ? std::to_string(placed).c_str() : "");
    ui::describe_item_checked(held_row == row);
    const bool hovered = ImGui::IsItemHovered();
    if (editable && hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (editable && clicked) {
      if (held_option) {
        place(draft, draft.held, row);
        draft.held = -1;
      } else {
        draft.held = held_row == row ? -1 : kRowHeld + row;
      }
    }

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, hovered ? palette().card_hovered : palette().card, m.rounding);
    if (target) draw->AddRectFilled(min, max, ui::with_alpha(palette().accent, 0.10f), m.rounding);
    const bool chosen = held_row == row;
    const ImU32 border = marked ? (right ? ui::right_colour() : ui::wrong_colour())
                         : target || chosen ? palette().accent
                                            : palette().card_border;
    draw->AddRect(min, max, border, m.rounding, 0, (marked || target || chosen ? 2.5f : 1.0f) * s);
    ImGui::RenderNavHighlight(ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()), ImGui::GetItemID());

    const ImU32 text_colour = ui::text_colour();
    if (m.side_by_side) {
      draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(min.x + m.padding, (min.y + max.y) * 0.5f - left_height * 0.5f),
                    text_colour, left.c_str(), nullptr, left_wrap);
      const ImVec2 between(origin.x + m.left_width + m.arrow * 0.5f, (min.y + max.y) * 0.5f);
      if (marked) {
        ui::draw_mark(draw, between, 11.0f * s, right);
      } else {
        const char* arrow = "→";
        const ImVec2 size = ImGui::CalcTextSize(arrow);
        draw->AddText(ImVec2(between.x - size.x * 0.5f, between.y - size.y * 0.5f), palette().text_secondary, arrow);
      }
    } else {
      draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(min.x + m.padding, min.y + m.padding), text_colour,
                    left.c_str(), nullptr, left_wrap);
      if (marked) ui::draw_mark(draw, ImVec2(max.x - m.padding - 11.0f * s, min.y + m.padding + 11.0f * s), 11.0f * s, right);
    }

    if (slot_filled && placed != floating) {
      draw_chip(placed, slot_min, ImVec2(m.slot_width, chip_h), ChipPlace::slot);
    } else {
      // An empty slot: where an answer goes, saying what a tap there does now.
      const bool waiting = target || chosen || (held_option && floating < 0);
      ui::draw_dashed_rect(draw, slot_min, slot_max, waiting ? palette().accent : palette().card_border, 1.5f * s, 7.0f * s);
      const char* hint = target        ? "Drop it here"
                         : chosen      ? "Now choose its answer"
                         : waiting     ? "Tap to place it here"
                                       : "Drop an answer here";
      const float hint_h = ImGui::GetTextLineHeight();
      draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.9f,
                    ImVec2(slot_min.x + m.chip_pad_x, (slot_min.y + slot_max.y) * 0.5f - hint_h * 0.45f),
                    waiting ? palette().accent : palette().text_secondary, hint);
    }
    if (!note.empty()) {
      draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(slot_min.x + m.chip_pad_x * 0.5f, slot_max.y + 6.0f * s),
                    palette().text_secondary, note.c_str(), nullptr, m.slot_width - m.chip_pad_x);
    }
    y += row_h + m.row_gap;
  }
  if (!editable) ImGui::EndDisabled();
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(m.width, std::max(0.0f, y - origin.y - m.row_gap)));

  // ---- The tray: the answers not placed yet, wrapping onto as many lines as they need.
  if (editable) {
    ImGui::Spacing();
    ui::paragraph("Answers", true);
    const ImVec2 tray_origin = ImGui::GetCursorScreenPos();
    const float gap = 10.0f * s;
    float x = tray_origin.x, line_y = tray_origin.y, line_h = 0.0f;
    bool any = false;
    for (int option : draft.order) {
      if (row_of(draft, option) >= 0) continue;
      any = true;
      const std::string& text = options[static_cast<std::size_t>(option)];
      const float width = std::min(m.width, text_width(text) + m.chip_pad_x * 2.0f + m.grip);
      const float height = chip_height(m, text, width, m.grip);
      if (x > tray_origin.x && x + width > tray_origin.x + m.width) {
        x = tray_origin.x;
        line_y += line_h + gap;
        line_h = 0.0f;
      }
      if (option == floating) {
        // The place the chip left, so the tray does not jump while it is away.
        ui::draw_dashed_rect(ImGui::GetWindowDrawList(), ImVec2(x, line_y), ImVec2(x + width, line_y + height),
                             palette().card_border, 1.5f * s, 7.0f * s);
      } else {
        draw_chip(option, ImVec2(x, line_y), ImVec2(width, height), ChipPlace::tray);
      }
      x += width + gap;
      line_h = std::max(line_h, height);
    }
    // Above everything (the foreground), and submitted before the layout goes on below the tray: the chip under
    // the pointer.
    if (floating >= 0) draw_chip(floating, drag->item_min(), drag->size, ChipPlace::floating);
    ImGui::SetCursorScreenPos(tray_origin);
    if (any) {
      ImGui::Dummy(ImVec2(m.width, line_y + line_h - tray_origin.y));
    } else {
      ui::paragraph("Every answer is placed.", true);
    }
  }

  if (just_dropped && dragged >= 0) {
    if (drop_row >= 0) {
      place(draft, dragged, drop_row);
    } else if (const int from = row_of(draft, dragged); from >= 0) {
      draft.selected[static_cast<std::size_t>(from)] = -1;  // dragged out of its slot: back to the tray
    }
    draft.held = -1;
  }
  // While something waits for its partner, Escape is kept from the screen's "back" for the next frame (claimed
  // last, so what was chosen this frame already has it).
  if (editable && draft.held >= 0) ui::claim_keys(board_id, {ImGuiKey_Escape});
  const bool complete = std::none_of(draft.selected.begin(), draft.selected.end(), [](int option) { return option < 0; });
  return complete ? Ask::ready : Ask::incomplete;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.selected = draft.selected;
  return response;
}

std::string said(const content::Activity& activity, const Draft& draft) {
  const auto& matching = std::get<content::Matching>(activity.payload);
  const std::vector<std::string> options = content::matching_options(matching);
  std::string text;
  for (std::size_t row = 0; row < matching.pairs.size() && row < draft.selected.size(); ++row) {
    const int option = draft.selected[row];
    if (option < 0 || static_cast<std::size_t>(option) >= options.size()) continue;
    if (!text.empty()) text += "; ";
    text += plain(matching.pairs[row].left) + " → " + plain(options[static_cast<std::size_t>(option)]);
  }
  return text;
}

}  // namespace

const Renderer kMatching{begin, draw, response, said};

}  // namespace pathwise::client::activity
