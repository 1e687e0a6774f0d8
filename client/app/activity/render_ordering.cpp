// ordering: items to put in order, shown as cards in a shuffled start order (never already the right order).
// The learner drags a card to its place with the mouse or a finger (the card follows the pointer and a gap shows
// where it will land), moves it with its ↑ ↓ buttons, or uses the keyboard alone: Tab to a card, Space or Enter
// picks it up, the up and down arrows move it, Space or Enter puts it down, Escape puts it back where it was.
// After checking, each place is marked right or wrong (grade.part_scores) and a wrong card says where it goes.
//
// Draft: order = the item indices as placed; held = the card picked up (by the keyboard or a drag), -1 when none;
// moved = the learner moved something (an untouched order cannot be checked).
// Items: practice/item/<index> (listitem; value = its place in the current order, from 0; checked = picked up),
// and until checked practice/item/<index>/up and practice/item/<index>/down (buttons).
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

std::string plain(const std::string& rich) { return content::plain_text(content::parse_rich_text(rich)); }

bool in_right_order(const std::vector<std::string>& items, const std::vector<int>& order) {
  for (std::size_t position = 0; position < order.size(); ++position) {
    if (items[static_cast<std::size_t>(order[position])] != items[position]) return false;
  }
  return true;
}

void begin(const content::Activity& activity, Draft& draft, std::uint64_t entropy) {
  const auto& items = std::get<content::Ordering>(activity.payload).items;
  const int count = static_cast<int>(items.size());
  draft.order = shuffled_indices(count, entropy);
  // Shown in the right order, the answer would be one press of Check: shuffle again, and as a last resort
  // rotate (every item then moves).
  for (std::uint64_t retry = 1; retry < 8 && count >= 2 && in_right_order(items, draft.order); ++retry) {
    draft.order = shuffled_indices(count, entropy ^ (retry * 0x9E3779B97F4A7C15ull));
  }
  if (count >= 2 && in_right_order(items, draft.order)) {
    std::rotate(draft.order.begin(), draft.order.begin() + 1, draft.order.end());
  }
  draft.held = -1;
  draft.moved = false;
}

// Moves the item at place `from` to place `to`, the others keeping their order.
void move_item(std::vector<int>& order, int from, int to) {
  const int index = order[static_cast<std::size_t>(from)];
  order.erase(order.begin() + from);
  order.insert(order.begin() + to, index);
}

int place_of(const std::vector<int>& order, int index) {
  const auto found = std::find(order.begin(), order.end(), index);
  return found == order.end() ? -1 : static_cast<int>(found - order.begin());
}

std::string ordinal_place(int position) { return "Goes in place " + std::to_string(position + 1); }

// Sizes in physical pixels, from CSS pixels times the UI scale.
struct Layout {
  float scale = 1.0f;
  float width = 0.0f;        // the whole card
  float padding = 0.0f;      // above and below the text
  float grip_x = 0.0f;       // offsets from the card's left edge
  float badge_x = 0.0f;
  float text_x = 0.0f;
  float text_width = 0.0f;
  float right_area = 0.0f;   // the ↑ ↓ buttons while answering, the mark once checked
  float min_height = 0.0f;
  float gap = 0.0f;          // between cards
  float rounding = 0.0f;
};

Layout make_layout(float scale, float width, bool editable) {
  Layout layout;
  layout.scale = scale;
  layout.width = width;
  layout.padding = 12.0f * scale;
  layout.grip_x = 16.0f * scale;
  layout.badge_x = (editable ? 44.0f : 28.0f) * scale;
  layout.text_x = layout.badge_x + 24.0f * scale;
  layout.right_area = editable ? (kTouchTarget * 2.0f + 6.0f + 8.0f) * scale : 48.0f * scale;
  layout.text_width = std::max(40.0f * scale, width - layout.text_x - layout.right_area - 10.0f * scale);
  layout.min_height = (kTouchTarget + 14.0f) * scale;
  layout.gap = 10.0f * scale;
  layout.rounding = 14.0f * scale;
  return layout;
}

struct CardText {
  std::string label;
  std::string note;  // once checked, for a card in the wrong place: where it goes
  float height = 0.0f;
};

Ask draw(Context& ctx) {
  const auto& items = std::get<content::Ordering>(ctx.activity.payload).items;
  Draft& draft = ctx.draft;
  const bool editable = ctx.grade == nullptr;
  const float s = ctx.ui_scale;
  const int count = static_cast<int>(draft.order.size());

  draw_prompt(ctx, ctx.activity.prompt);
  if (editable) ui::paragraph("Drag the cards into order, or move them with the arrows.", true);
  ImGui::Spacing();

  const Layout layout = make_layout(s, ImGui::GetContentRegionAvail().x, editable);
  const float line_height = ImGui::GetTextLineHeight();
  // Each card's text and height, by item index (a card keeps its size wherever it is placed).
  std::vector<CardText> texts(static_cast<std::size_t>(count));
  for (int position = 0; position < count; ++position) {
    const int index = draft.order[static_cast<std::size_t>(position)];
    CardText& text = texts[static_cast<std::size_t>(index)];
    text.label = plain(items[static_cast<std::size_t>(index)]);
    const bool wrong = ctx.grade && static_cast<std::size_t>(position) < ctx.grade->part_scores.size() &&
                       ctx.grade->part_scores[static_cast<std::size_t>(position)] < 1.0;
    if (wrong) text.note = ordinal_place(index);
    float content = ImGui::CalcTextSize(text.label.c_str(), nullptr, false, layout.text_width).y;
    if (!text.note.empty()) content += 4.0f * s + line_height;
    text.height = std::max(layout.min_height, content + layout.padding * 2.0f);
  }
  auto height_at = [&](int position) {
    return texts[static_cast<std::size_t>(draft.order[static_cast<std::size_t>(position)])].height;
  };
  auto item_id_path = [&](int index) { return item_path(ctx, "item/" + std::to_string(index)); };

  const ImGuiID list_id = ImGui::GetID((ctx.path + "/ordering").c_str());
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID keyboard_key = ImGui::GetID((ctx.path + "/ordering/keyboard").c_str());
  const ImGuiID pickup_key = ImGui::GetID((ctx.path + "/ordering/picked-from").c_str());
  const ImGuiID moved_key = ImGui::GetID((ctx.path + "/ordering/moved-before").c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();

  // ---- The pointer: a card being dragged, and where it would land.
  const ui::PointerDrag* drag = editable ? ui::update_drag(list_id, s) : nullptr;
  int dragged = -1;     // the dragged card's place
  int insert_at = -1;   // where it lands, among the other cards
  if (drag && drag->dragging) dragged = place_of(draft.order, drag->payload);
  if (dragged >= 0) {
    storage->SetBool(keyboard_key, false);
    draft.held = drag->payload;
    // The cards above the dragged one's centre come before it. Compared with the places the other cards would
    // have without the gap, so the gap never flickers between two places.
    const float centre = drag->item_min().y + drag->size.y * 0.5f;
    float y = origin.y;
    insert_at = 0;
    for (int position = 0; position < count; ++position) {
      if (position == dragged) continue;
      const float height = height_at(position);
      if (centre > y + height * 0.5f) ++insert_at;
      y += height + layout.gap;
    }
    if (ui::pressed(list_id, ImGuiKey_Escape)) {
      ui::cancel_drag();
      draft.held = -1;
      dragged = insert_at = -1;
    } else if (drag->dropped) {
      if (insert_at != dragged) {
        move_item(draft.order, dragged, insert_at);
        draft.moved = true;
      }
      draft.held = -1;
      dragged = insert_at = -1;
    }
  } else if (draft.held >= 0 && !storage->GetBool(keyboard_key)) {
    draft.held = -1;  // a press that never became a drag, or a drag something else took over
  }

  // ---- The keyboard: a card picked up moves with the arrows until it is put down.
  bool scroll_to_held = false;
  if (editable && draft.held >= 0 && storage->GetBool(keyboard_key)) {
    const int at = place_of(draft.order, draft.held);
    if (at < 0 || GImGui->NavId != ImGui::GetID(("###" + item_id_path(draft.held)).c_str())) {
      draft.held = -1;  // focus went elsewhere (Tab, a click): the card stays where it is
    } else {
      if (ui::pressed(list_id, ImGuiKey_Escape)) {
        move_item(draft.order, at, std::clamp(storage->GetInt(pickup_key, at), 0, count - 1));
        draft.moved = storage->GetBool(moved_key);
        draft.held = -1;
      } else if (ui::pressed(list_id, ImGuiKey_UpArrow) && at > 0) {
        move_item(draft.order, at, at - 1);
        draft.moved = scroll_to_held = true;
      } else if (ui::pressed(list_id, ImGuiKey_DownArrow) && at < count - 1) {
        move_item(draft.order, at, at + 1);
        draft.moved = scroll_to_held = true;
      }
    }
  }
  // ---- Drawing: the cards in order, the gap where the dragged one would land, the dragged one on top.
  const float body_width = layout.width - (editable ? layout.right_area : 0.0f);
  int move_from = -1, move_to = -1;  // a press of ↑ or ↓, applied after drawing
  ImGuiID moved_card = 0;            // the card that ↑ or ↓ moved
  // `number`: the place shown on the card, counted as the learner sees the list (during a drag, with the gap).
  auto draw_card = [&](int position, int number, ImVec2 min, bool floating) {
    const int index = draft.order[static_cast<std::size_t>(position)];
    const CardText& text = texts[static_cast<std::size_t>(index)];
    const std::string path = item_id_path(index);
    const ImVec2 max(min.x + layout.width, min.y + text.height);
    const bool lifted = floating || draft.held == index;

    ImGui::SetCursorScreenPos(min);
    const bool clicked = ImGui::InvisibleButton(("###" + path).c_str(), ImVec2(body_width, text.height));
    ui::describe_item(path.c_str(), "listitem", text.label.c_str());
    ui::describe_item_value(std::to_string(position).c_str());
    ui::describe_item_checked(draft.held == index);
    const ImGuiID id = ImGui::GetItemID();
    const bool hovered = ImGui::IsItemHovered();
    if (editable) {
      ui::drag_source(list_id, index);
      if (hovered || floating) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      const bool dropped_here = drag && drag->dropped && drag->item == id;
      if (clicked && !dropped_here && ui::last_item_pressed_by_keyboard()) {
        if (draft.held == index) {
          draft.held = -1;
        } else {
          draft.held = index;
          storage->SetBool(keyboard_key, true);
          storage->SetInt(pickup_key, position);
          storage->SetBool(moved_key, draft.moved);
        }
      }
      if (scroll_to_held && draft.held == index) {
        ImGui::ScrollToRectEx(ImGui::GetCurrentWindow(), ImRect(min, max), ImGuiScrollFlags_KeepVisibleEdgeY);
      }
    }

    ImDrawList* draw = floating ? ImGui::GetForegroundDrawList() : ImGui::GetWindowDrawList();
    if (lifted) ui::draw_lift_shadow(draw, min, max, layout.rounding, s);
    draw->AddRectFilled(min, max, hovered && !lifted ? palette().card_hovered : palette().card, layout.rounding);
    // Picked up from the keyboard: tinted, so it differs from a card that only has the focus.
    if (draft.held == index && !floating) draw->AddRectFilled(min, max, ui::with_alpha(palette().accent, 0.14f), layout.rounding);
    const bool marked = ctx.grade && static_cast<std::size_t>(position) < ctx.grade->part_scores.size();
    const bool right = marked && ctx.grade->part_scores[static_cast<std::size_t>(position)] >= 1.0;
    const ImU32 border = marked ? (right ? ui::right_colour() : ui::wrong_colour()) : lifted ? palette().accent
                                                                                             : palette().card_border;
    draw->AddRect(min, max, border, layout.rounding, 0, (marked || lifted ? 2.5f : 1.0f) * s);
    if (!floating) ImGui::RenderNavHighlight(ImRect(min, max), id);

    const float centre_y = (min.y + max.y) * 0.5f;
    if (editable) ui::draw_grip(draw, ImVec2(min.x + layout.grip_x, centre_y), s, palette().text_secondary);
    // The place number: what "Goes in place 3" refers to, and a landmark while moving cards around.
    const ImVec2 badge(min.x + layout.badge_x, centre_y);
    draw->AddCircleFilled(badge, 14.0f * s, ui::with_alpha(palette().accent, 0.14f), 24);
    const std::string place = std::to_string(number);
    const float small = ImGui::GetFontSize() * 0.85f;
    const ImVec2 place_size = ImGui::GetFont()->CalcTextSizeA(small, 1e9f, 0.0f, place.c_str());
    draw->AddText(ImGui::GetFont(), small, ImVec2(badge.x - place_size.x * 0.5f, badge.y - place_size.y * 0.5f),
                  palette().accent, place.c_str());

    const float label_height = ImGui::CalcTextSize(text.label.c_str(), nullptr, false, layout.text_width).y;
    const float block = label_height + (text.note.empty() ? 0.0f : 4.0f * s + line_height);
    const float text_y = centre_y - block * 0.5f;
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(min.x + layout.text_x, text_y),
                  ui::text_colour(), text.label.c_str(), nullptr, layout.text_width);
    if (!text.note.empty()) {
      draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.9f, ImVec2(min.x + layout.text_x, text_y + label_height + 4.0f * s),
                    palette().text_secondary, text.note.c_str());
    }
    if (marked) ui::draw_mark(draw, ImVec2(max.x - 26.0f * s, centre_y), 12.0f * s, right);

    if (editable && !floating) {
      const float button = kTouchTarget * s;
      const float button_y = centre_y - button * 0.5f;
      const float down_x = max.x - 8.0f * s - button;
      const float up_x = down_x - 6.0f * s - button;
      ImGui::SetCursorScreenPos(ImVec2(up_x, button_y));
      // By the place shown: during a drag the other cards' numbers count the gap.
      ImGui::BeginDisabled(number == 1);
      if (ui::chevron_button((path + "/up").c_str(), "Move up", true, s)) {
        move_from = position;
        move_to = position - 1;
        moved_card = id;
      }
      ImGui::EndDisabled();
      ImGui::SetCursorScreenPos(ImVec2(down_x, button_y));
      ImGui::BeginDisabled(number == count);
      if (ui::chevron_button((path + "/down").c_str(), "Move down", false, s)) {
        move_from = position;
        move_to = position + 1;
        moved_card = id;
      }
      ImGui::EndDisabled();
    }
  };

  if (!editable) ImGui::BeginDisabled();
  float y = origin.y;
  int others = 0;  // cards drawn so far, the dragged one left out
  auto draw_gap = [&] {
    const float height = height_at(dragged);
    const ImVec2 min(origin.x, y), max(origin.x + layout.width, y + height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ui::with_alpha(palette().accent, 0.08f), layout.rounding);
    ui::draw_dashed_rect(draw, ImVec2(min.x + 2.0f * s, min.y + 2.0f * s), ImVec2(max.x - 2.0f * s, max.y - 2.0f * s),
                         palette().accent, 2.0f * s, 8.0f * s);
    y += height + layout.gap;
  };
  for (int position = 0; position < count; ++position) {
    if (position == dragged) continue;
    if (others == insert_at) draw_gap();
    const int number = dragged < 0 ? position + 1 : others + (others >= insert_at ? 2 : 1);
    draw_card(position, number, ImVec2(origin.x, y), false);
    y += height_at(position) + layout.gap;
    ++others;
  }
  if (dragged >= 0 && others == insert_at) draw_gap();
  // The dragged card under the pointer, level with the list: it moves only up and down.
  if (dragged >= 0) draw_card(dragged, insert_at + 1, ImVec2(origin.x, drag->item_min().y), true);
  if (!editable) ImGui::EndDisabled();
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(layout.width, std::max(0.0f, y - origin.y - layout.gap)));

  if (move_from >= 0) {
    move_item(draft.order, move_from, move_to);
    draft.moved = true;
    draft.held = -1;
    // At the top or the bottom the button just pressed turns disabled, and Dear ImGui cannot Tab on from a
    // disabled item: the focus goes to the card itself.
    if (move_to == 0 || move_to == count - 1) ImGui::SetFocusID(moved_card, ImGui::GetCurrentWindow());
  }
  // While a card is held, its keys are kept from the screen's shortcuts and from keyboard navigation for the next
  // frame (claimed last, so a card picked up this frame already has them).
  if (editable && draft.held >= 0 && storage->GetBool(keyboard_key)) {
    ui::claim_keys(list_id, {ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_Escape});
  } else if (drag && drag->dragging && !drag->dropped) {
    ui::claim_keys(list_id, {ImGuiKey_Escape});
  }
  if (editable && ImGui::GetIO().NavVisible) {
    ImGui::Spacing();
    ui::paragraph("Keyboard: Space picks a card up, ↑ ↓ move it, Space puts it down, Esc puts it back.", true);
  }
  return editable && !draft.moved ? Ask::incomplete : Ask::ready;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.selected = draft.order;
  return response;
}

std::string said(const content::Activity& activity, const Draft& draft) {
  const auto& items = std::get<content::Ordering>(activity.payload).items;
  std::string text;
  for (int index : draft.order) {
    if (index < 0 || static_cast<std::size_t>(index) >= items.size()) continue;
    if (!text.empty()) text += ", ";
    text += plain(items[static_cast<std::size_t>(index)]);
  }
  return text;
}

}  // namespace

const Renderer kOrdering{begin, draw, response, said};

}  // namespace pathwise::client::activity
