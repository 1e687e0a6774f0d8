// cloze: a passage with numbered gaps. Laying text fields inside wrapped text does not suit ImGui (nor a phone,
// where a field in the middle of a line is a small target), so the passage is shown whole on a card with each
// gap written in place, "(1) ______" until it is filled and then "(1) hablo", and under the card one labelled
// control per gap, in order: a text field for a typed gap, a row of option chips (44 px, easy to tap) for a
// drop-down gap. Enter in a gap's field moves on to the next typed gap; Check is ready once every gap is filled.
// Once checked, each gap is shown read-only with its mark from grade.part_scores, and the expected answer
// under each gap that was not right.
// Item ids: <path>/passage (the text), <path>/blank/<N> (N from 1, as in the passage's {N}): a textbox, and for a
// drop-down gap its options <path>/blank/<N>/option/<K> (K: the index among the gap's choices) until checked,
// when the gap becomes a read-only textbox holding the option picked.
// Draft: texts = one per gap (a drop-down gap: the chosen option's text, "" while none is chosen).
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "app/activity/renderer.h"
#include "app/rich_text_view.h"
#include "app/widgets.h"

namespace pathwise::client::activity {

namespace {

// The item path of the gap field that takes the keyboard focus in the next frame (after Enter in the gap before
// it), or "" when none does.
std::string gap_to_focus;

bool blank_filled(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
}

// Plain text made literal in rich text: a backslash before every ASCII punctuation character (FORMAT.md).
std::string rich_literal(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (std::ispunct(static_cast<unsigned char>(c))) escaped += '\\';
    escaped += c;
  }
  return escaped;
}

// The passage with each {N} (the same markers the bundle loader reads: "{", 1 to 4 digits, "}", not after a
// backslash) replaced by its number and what fills it so far.
std::string passage_with_gaps(const content::Cloze& cloze, const std::vector<std::string>& texts) {
  const std::string& passage = cloze.passage;
  std::string shown;
  for (std::size_t i = 0; i < passage.size(); ++i) {
    if (passage[i] == '{' && (i == 0 || passage[i - 1] != '\\')) {
      std::size_t j = i + 1;
      std::size_t number = 0;
      while (j < passage.size() && j - i <= 4 && std::isdigit(static_cast<unsigned char>(passage[j]))) {
        number = number * 10 + static_cast<std::size_t>(passage[j] - '0');
        ++j;
      }
      if (j > i + 1 && j < passage.size() && passage[j] == '}' && number >= 1 && number <= cloze.blanks.size()) {
        const std::string& text = number <= texts.size() ? texts[number - 1] : std::string();
        shown += "**(" + std::to_string(number) + ")** ";
        shown += blank_filled(text) ? "**" + rich_literal(text) + "**" : std::string("\\_\\_\\_\\_\\_\\_");
        i = j;
        continue;
      }
    }
    shown += passage[i];
  }
  return shown;
}

void begin(const content::Activity& activity, Draft& draft, std::uint64_t) {
  gap_to_focus.clear();
  draft.texts.assign(std::get<content::Cloze>(activity.payload).blanks.size(), "");
}

void draw_checked(const Context& ctx, const content::Cloze& cloze) {
  for (std::size_t i = 0; i < cloze.blanks.size(); ++i) {
    const content::Blank& blank = cloze.blanks[i];
    const double part = i < ctx.grade->part_scores.size() ? ctx.grade->part_scores[i] : 0.0;
    const ui::Mark mark = part >= 1.0 ? ui::Mark::right : part > 0.0 ? ui::Mark::partial : ui::Mark::wrong;
    const std::string note = part < 1.0 && !blank.answers.empty() ? "Answer: " + blank.answers.front() : "";
    const std::string label = "Blank " + std::to_string(i + 1);
    ui::marked_text(item_path(ctx, "blank/" + std::to_string(i + 1)).c_str(), label.c_str(), ctx.draft.texts[i], mark,
                    note.c_str());
    ImGui::Spacing();
  }
}

// One gap's control: a text field, or for a drop-down gap its options as chips.
void draw_gap(Context& ctx, const content::Cloze& cloze, std::size_t index) {
  const content::Blank& blank = cloze.blanks[index];
  std::string& text = ctx.draft.texts[index];
  const std::string path = item_path(ctx, "blank/" + std::to_string(index + 1));
  const std::string label = "Blank " + std::to_string(index + 1);
  if (blank.choices.empty()) {
    if (gap_to_focus == path) {
      ImGui::SetKeyboardFocusHere();
      gap_to_focus.clear();
    }
    ui::text_field(path.c_str(), label.c_str(), "Type the missing word", &text);
    if (ImGui::IsItemDeactivated() &&
        (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false))) {
      for (std::size_t next = index + 1; next < cloze.blanks.size(); ++next) {
        if (cloze.blanks[next].choices.empty()) {
          gap_to_focus = item_path(ctx, "blank/" + std::to_string(next + 1));
          break;
        }
      }
    }
    return;
  }
  ImGui::TextUnformatted((label + ": choose one").c_str());
  for (std::size_t k = 0; k < blank.choices.size(); ++k) {
    if (k > 0) ui::chip_row_next(blank.choices[k].c_str());
    const std::string option_path = path + "/option/" + std::to_string(k);
    const bool chosen = text == blank.choices[k];
    // Tapping the chosen option again clears the gap, as a learner who changes their mind expects.
    if (ui::chip(option_path.c_str(), blank.choices[k].c_str(), chosen)) text = chosen ? "" : blank.choices[k];
  }
}

Ask draw(Context& ctx) {
  const auto& cloze = std::get<content::Cloze>(ctx.activity.payload);
  if (ctx.draft.texts.size() != cloze.blanks.size()) ctx.draft.texts.resize(cloze.blanks.size());
  draw_prompt(ctx, ctx.activity.prompt);
  ImGui::Spacing();
  ui::begin_panel(item_path(ctx, "passage-card").c_str());
  ui::rich_text(item_path(ctx, "passage").c_str(), passage_with_gaps(cloze, ctx.draft.texts));
  ui::end_panel();
  ImGui::Spacing();
  if (ctx.grade) {
    gap_to_focus.clear();
    draw_checked(ctx, cloze);
    return Ask::incomplete;
  }
  for (std::size_t i = 0; i < cloze.blanks.size(); ++i) {
    draw_gap(ctx, cloze, i);
    ImGui::Spacing();
  }
  const bool all_filled = std::all_of(ctx.draft.texts.begin(), ctx.draft.texts.end(), blank_filled);
  return all_filled ? Ask::ready : Ask::incomplete;
}

content::Response response(const content::Activity&, const Draft& draft) {
  content::Response response;
  response.texts = draft.texts;
  return response;
}

// The gaps' answers in order, e.g. "hablo, hablas" ("…" for a gap left empty).
std::string said(const content::Activity&, const Draft& draft) {
  std::string words;
  for (std::size_t i = 0; i < draft.texts.size(); ++i) {
    if (i > 0) words += ", ";
    words += blank_filled(draft.texts[i]) ? draft.texts[i] : "…";
  }
  return words;
}

}  // namespace

const Renderer kCloze{begin, draw, response, said};

}  // namespace pathwise::client::activity
