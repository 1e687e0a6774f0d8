// Index of this file:
// [SECTION] Laid-out commands and boxes
// [SECTION] Inline boxes: text, math (powers, indices, fractions, roots)
// [SECTION] Flow: words across lines, pictures between them
// [SECTION] Blocks: paragraphs, headings, lists
// [SECTION] Cache and drawing
// [SECTION] Public functions
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic, before imgui.h (imgui_internal.h insists)
#include "app/rich_text_view.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/fonts.h"
#include "app/item_registry.h"
#include "app/media_overlay.h"
#include "app/theme.h"

namespace pathwise::client::ui {

namespace {

using content::Block;
using content::BlockKind;
using content::Inline;
using content::InlineKind;

// Proportions of the font size unless said otherwise.
constexpr float kLineHeight = 1.45f;        // comfortable reading; ImGui's own is 1.0
constexpr float kStrutAscent = 1.05f;       // a line's height above / below its baseline, before tall math
constexpr float kStrutDescent = kLineHeight - kStrutAscent;
constexpr float kInkAscent = 0.76f;         // where letters and digits actually reach: math stacks on these
constexpr float kInkDescent = 0.24f;
constexpr float kParagraphGap = 0.65f;
constexpr float kListItemGap = 0.3f;
constexpr float kScriptScale = 0.72f;       // superscripts and subscripts
constexpr float kFractionScale = 0.92f;     // numerators and denominators stay legible for young readers
constexpr float kMinMathScale = 0.55f;      // of the body size: nested math shrinks no further
constexpr float kOblique = 0.2f;            // the slant of synthesised italics (about 11 degrees)
constexpr float kPictureMaxWidth = 480.0f;  // CSS pixels
constexpr float kPictureMaxHeight = 280.0f; // CSS pixels
constexpr float kPictureDefaultAspect = 4.0f / 3.0f;  // until the platform reports the natural size

// ---------------------------------------------------------------------------------------------------------------
// [SECTION] Laid-out commands and boxes
// ---------------------------------------------------------------------------------------------------------------

// Colours are resolved when drawing, so a theme change needs no new layout.
enum class Ink { text, link };

struct TextCommand {
  float x = 0, baseline = 0;
  ImFont* font = nullptr;
  float size = 0;
  Ink ink = Ink::text;
  bool oblique = false;
  std::uint32_t begin = 0, end = 0;  // into Commands::chars
};

struct LineCommand {  // underlines, fraction bars: horizontal
  ImVec2 a, b;
  float thickness = 1;
  Ink ink = Ink::text;
};

struct PathCommand {  // radical signs
  std::uint32_t begin = 0, count = 0;  // into Commands::points
  float thickness = 1;
};

struct FillCommand {  // code backgrounds
  ImVec2 min, max;
  float rounding = 0;
};

struct FigureCommand {
  ImVec2 min, max;
  std::string src, alt;
};

struct Commands {
  std::string chars;
  std::vector<TextCommand> texts;
  std::vector<LineCommand> lines;
  std::vector<ImVec2> points;
  std::vector<PathCommand> paths;
  std::vector<FillCommand> fills;
  std::vector<FigureCommand> figures;

  // Appends `other` moved by (dx, dy).
  void append(const Commands& other, float dx, float dy) {
    const auto char_offset = static_cast<std::uint32_t>(chars.size());
    const auto point_offset = static_cast<std::uint32_t>(points.size());
    chars += other.chars;
    for (TextCommand text : other.texts) {
      text.x += dx;
      text.baseline += dy;
      text.begin += char_offset;
      text.end += char_offset;
      texts.push_back(text);
    }
    for (LineCommand line : other.lines) {
      line.a += ImVec2(dx, dy);
      line.b += ImVec2(dx, dy);
      lines.push_back(line);
    }
    for (ImVec2 point : other.points) points.push_back(point + ImVec2(dx, dy));
    for (PathCommand path : other.paths) {
      path.begin += point_offset;
      paths.push_back(path);
    }
    for (FillCommand fill : other.fills) {
      fill.min += ImVec2(dx, dy);
      fill.max += ImVec2(dx, dy);
      fills.push_back(fill);
    }
    for (FigureCommand figure : other.figures) {
      figure.min += ImVec2(dx, dy);
      figure.max += ImVec2(dx, dy);
      figures.push_back(std::move(figure));
    }
  }
};

// Something laid out on one baseline, at y = 0 (y grows downwards); ascent and descent are its extent above
// and below the baseline.
struct Box {
  float width = 0, ascent = 0, descent = 0;
  Commands commands;

  // Puts `part` after what is there, its baseline moved down by `shift` (negative: raised).
  void put(const Box& part, float shift = 0.0f) {
    commands.append(part.commands, width, shift);
    width += part.width;
    ascent = std::max(ascent, part.ascent - shift);
    descent = std::max(descent, part.descent + shift);
  }
};

struct Style {
  ImFont* font = nullptr;
  float size = 0;
  Ink ink = Ink::text;
  bool oblique = false;
  bool underline = false;
  bool code = false;
};

// What a whole layout shares: the faces and the body size everything is relative to.
struct Faces {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  float body = 0;  // physical pixels
  float ui_scale = 1;
};

// ---------------------------------------------------------------------------------------------------------------
// [SECTION] Inline boxes: text, math (powers, indices, fractions, roots)
// ---------------------------------------------------------------------------------------------------------------

float text_width(const Style& style, std::string_view text) {
  if (text.empty()) return 0.0f;
  return style.font->CalcTextSizeA(style.size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

Box text_box(const Style& style, std::string_view text) {
  Box box;
  const float pad = style.code ? style.size * 0.22f : 0.0f;
  box.width = text_width(style, text) + pad * 2.0f;
  box.ascent = style.size * kInkAscent;
  box.descent = style.size * kInkDescent;
  TextCommand command;
  command.x = pad;
  command.font = style.font;
  command.size = style.size;
  command.ink = style.ink;
  command.oblique = style.oblique;
  command.end = static_cast<std::uint32_t>(text.size());
  box.commands.chars.assign(text);
  box.commands.texts.push_back(command);
  if (style.code) {
    box.commands.fills.push_back({ImVec2(0, -style.size * 0.9f), ImVec2(box.width, style.size * 0.3f), style.size * 0.2f});
  }
  if (style.underline) {
    const float y = style.size * 0.14f;
    box.commands.lines.push_back({ImVec2(0, y), ImVec2(box.width, y), std::max(1.0f, style.size * 0.06f), style.ink});
  }
  return box;
}

Style scaled(const Style& style, const Faces& faces, float factor) {
  Style smaller = style;
  smaller.size = std::max(style.size * factor, faces.body * kMinMathScale);
  return smaller;
}

void put_inlines(Box& box, const std::vector<Inline>& inlines, const Style& style, const Faces& faces);

Box inline_box(const std::vector<Inline>& inlines, const Style& style, const Faces& faces) {
  Box box;
  put_inlines(box, inlines, style, faces);
  // An empty part (an empty superscript, "{}/2") still has the height of a digit, so bars and roots keep shape.
  box.ascent = std::max(box.ascent, style.size * kInkAscent);
  box.descent = std::max(box.descent, style.size * kInkDescent);
  return box;
}

// Numerator over a bar over denominator, the bar on the maths axis (the height of a minus sign).
Box fraction_box(const Inline& node, const Style& style, const Faces& faces) {
  const Style part = scaled(style, faces, kFractionScale);
  const Box numerator = inline_box(node.children, part, faces);
  const Box denominator = inline_box(node.denominator, part, faces);
  const float size = style.size;
  const float margin = size * 0.08f;   // keeps neighbouring text off the bar
  const float overhang = size * 0.1f;  // the bar reaches past the longer part
  const float thickness = std::max(1.0f, size * 0.065f);
  const float gap = size * 0.12f;
  const float axis = size * 0.3f;
  const float inner = std::max(numerator.width, denominator.width) + overhang * 2.0f;

  Box box;
  box.width = inner + margin * 2.0f;
  const float numerator_baseline = -axis - thickness * 0.5f - gap - numerator.descent;
  const float denominator_baseline = -axis + thickness * 0.5f + gap + denominator.ascent;
  box.commands.append(numerator.commands, margin + (inner - numerator.width) * 0.5f, numerator_baseline);
  box.commands.append(denominator.commands, margin + (inner - denominator.width) * 0.5f, denominator_baseline);
  box.commands.lines.push_back({ImVec2(margin, -axis), ImVec2(margin + inner, -axis), thickness, style.ink});
  box.ascent = -numerator_baseline + numerator.ascent;
  box.descent = denominator_baseline + denominator.descent;
  return box;
}

// A radical sign drawn as strokes (a short rising tick, a long fall, a long rise) and a bar over the content.
Box root_box(const Inline& node, const Style& style, const Faces& faces) {
  const Box content = inline_box(node.children, style, faces);
  const float size = style.size;
  const float thickness = std::max(1.0f, size * 0.065f);
  const float top = content.ascent + size * 0.14f;
  const float sign = size * 0.55f;
  const float bottom = content.descent;
  const float end = sign + size * 0.04f + content.width + size * 0.06f;

  Box box;
  box.width = end + size * 0.04f;
  box.commands.append(content.commands, sign + size * 0.04f, 0.0f);
  const auto first = static_cast<std::uint32_t>(box.commands.points.size());
  for (ImVec2 point : {ImVec2(size * 0.04f, -size * 0.3f), ImVec2(size * 0.16f, -size * 0.38f),
                       ImVec2(size * 0.32f, bottom), ImVec2(sign, -top), ImVec2(end, -top)}) {
    box.commands.points.push_back(point);
  }
  box.commands.paths.push_back({first, 5, thickness});
  box.ascent = top + thickness;
  box.descent = bottom + thickness;
  return box;
}

void put_inlines(Box& box, const std::vector<Inline>& inlines, const Style& style, const Faces& faces) {
  for (const Inline& node : inlines) {
    Style inner = style;
    switch (node.kind) {
      case InlineKind::text: box.put(text_box(style, node.text)); break;
      case InlineKind::code:
        inner.code = true;
        box.put(text_box(inner, node.text));
        break;
      case InlineKind::bold:
        inner.font = faces.bold;
        put_inlines(box, node.children, inner, faces);
        break;
      case InlineKind::italic:
        inner.oblique = true;
        put_inlines(box, node.children, inner, faces);
        break;
      case InlineKind::link:
        inner.ink = Ink::link;
        inner.underline = true;
        put_inlines(box, node.children, inner, faces);
        break;
      case InlineKind::image: box.put(text_box(style, node.text)); break;  // inside maths: its description
      case InlineKind::line_break: box.put(text_box(style, " ")); break;
      case InlineKind::superscript:
        box.put(inline_box(node.children, scaled(style, faces, kScriptScale), faces), -style.size * 0.42f);
        break;
      case InlineKind::subscript:
        box.put(inline_box(node.children, scaled(style, faces, kScriptScale), faces), style.size * 0.22f);
        break;
      case InlineKind::fraction: box.put(fraction_box(node, style, faces)); break;
      case InlineKind::square_root: box.put(root_box(node, style, faces)); break;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// [SECTION] Flow: words across lines, pictures between them
// ---------------------------------------------------------------------------------------------------------------

// One unbreakable piece of a paragraph: a word (or part of one, when styles change inside it) or a maths box.
// Pieces glue to the one before unless whitespace separated them.
struct Piece {
  enum class Kind { content, line_break, picture };
  Kind kind = Kind::content;
  Box box;
  bool break_before = false;  // whitespace before it: the line may end here
  float space = 0;            // the width of that whitespace when the line goes on
  std::string word;           // a text piece: its characters and style, to split a word wider than the line
  Style style;
  bool splittable = false;
  std::string src, alt;       // a picture
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct PieceCollector {
  const Faces& faces;
  std::vector<Piece> pieces;
  bool pending_space = false;
  float pending_space_width = 0;

  void add(Piece piece) {
    piece.break_before = pending_space;
    piece.space = pending_space_width;
    pending_space = false;
    pieces.push_back(std::move(piece));
  }

  void add_text(const Style& style, std::string_view text) {
    std::size_t at = 0;
    while (at < text.size()) {
      if (is_space(text[at])) {
        while (at < text.size() && is_space(text[at])) ++at;
        // Whitespace at the very start of a paragraph or after a line break shows nothing.
        if (!pieces.empty() && pieces.back().kind == Piece::Kind::content) {
          pending_space = true;
          pending_space_width = text_width(style, " ");
        }
        continue;
      }
      std::size_t end = at;
      while (end < text.size() && !is_space(text[end])) ++end;
      Piece piece;
      piece.word.assign(text.substr(at, end - at));
      piece.style = style;
      piece.splittable = !style.code;
      piece.box = text_box(style, piece.word);
      add(std::move(piece));
      at = end;
    }
  }

  void add_inlines(const std::vector<Inline>& inlines, const Style& style) {
    for (const Inline& node : inlines) {
      Style inner = style;
      switch (node.kind) {
        case InlineKind::text: add_text(style, node.text); break;
        case InlineKind::code: {
          inner.code = true;
          Piece piece;
          piece.box = text_box(inner, node.text);
          add(std::move(piece));
          break;
        }
        case InlineKind::bold:
          inner.font = faces.bold;
          add_inlines(node.children, inner);
          break;
        case InlineKind::italic:
          inner.oblique = true;
          add_inlines(node.children, inner);
          break;
        case InlineKind::link:
          inner.ink = Ink::link;
          inner.underline = true;
          add_inlines(node.children, inner);
          break;
        case InlineKind::image: {
          Piece piece;
          piece.kind = Piece::Kind::picture;
          piece.src = node.target;
          piece.alt = node.text;
          pending_space = false;
          add(std::move(piece));
          break;
        }
        case InlineKind::line_break: {
          Piece piece;
          piece.kind = Piece::Kind::line_break;
          pending_space = false;
          add(std::move(piece));
          break;
        }
        case InlineKind::superscript:
        case InlineKind::subscript:
        case InlineKind::fraction:
        case InlineKind::square_root: {
          Piece piece;
          put_inlines(piece.box, {node}, style, faces);
          add(std::move(piece));
          break;
        }
      }
    }
  }
};

// The box reserved for a picture: the column's width up to the caps, the natural aspect once known.
ImVec2 picture_size(const std::string& src, float available_width, float ui_scale) {
  float aspect = media::natural_aspect(src);
  if (!(aspect > 0.0f)) aspect = kPictureDefaultAspect;
  float width = std::min(available_width, kPictureMaxWidth * ui_scale);
  float height = width / aspect;
  if (height > kPictureMaxHeight * ui_scale) {
    height = kPictureMaxHeight * ui_scale;
    width = height * aspect;
  }
  return ImVec2(std::max(1.0f, width), std::max(1.0f, height));
}

// Lays pieces out in lines of at most `width`, starting at (x, y); appends to `out`. Returns the y after the last
// line; `first_baseline` (when given) receives the first line's baseline.
class Flow {
 public:
  Flow(const Faces& faces, float size, float x, float width, float y, Commands& out)
      : faces_(faces), size_(size), x_(x), width_(std::max(width, 1.0f)), y_(y), out_(out) {}

  float lay_out(std::vector<Piece>& pieces, float* first_baseline) {
    first_baseline_ = first_baseline;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      Piece& piece = pieces[i];
      if (piece.kind == Piece::Kind::line_break) {
        finish_line(true);
        continue;
      }
      if (piece.kind == Piece::Kind::picture) {
        finish_line(false);
        place_picture(piece);
        continue;
      }
      float gap = !line_.empty() && piece.break_before ? piece.space : 0.0f;
      if (!line_.empty() && piece.break_before && line_width_ + gap + run_width(pieces, i) > width_) {
        finish_line(false);
        gap = 0.0f;
      }
      // A word longer than a whole line (a long number, a URL) is cut where it reaches the edge.
      while (piece.splittable && line_width_ + gap + piece.box.width > width_ + 0.5f) {
        const std::size_t cut = fitting_prefix(piece, width_ - line_width_ - gap, line_.empty());
        if (cut == 0) {
          finish_line(false);
          gap = 0.0f;
          continue;
        }
        Piece head = piece;
        head.word = piece.word.substr(0, cut);
        head.box = text_box(piece.style, head.word);
        put(head.box, gap);
        finish_line(false);
        gap = 0.0f;
        piece.word.erase(0, cut);
        piece.box = text_box(piece.style, piece.word);
      }
      put(piece.box, gap);
    }
    finish_line(false);
    return y_;
  }

 private:
  // The width of the glued run starting at `first`, up to the next place the line may break.
  static float run_width(const std::vector<Piece>& pieces, std::size_t first) {
    float width = pieces[first].box.width;
    for (std::size_t i = first + 1; i < pieces.size(); ++i) {
      if (pieces[i].kind != Piece::Kind::content || pieces[i].break_before) break;
      width += pieces[i].box.width;
    }
    return width;
  }

  // How many bytes of the piece's word fit in `room` (whole UTF-8 code points); at least one code point when
  // the line is empty, so that progress is always made.
  static std::size_t fitting_prefix(const Piece& piece, float room, bool line_empty) {
    std::size_t fit = 0;
    std::size_t at = 0;
    const std::string& word = piece.word;
    while (at < word.size()) {
      std::size_t next = at + 1;
      while (next < word.size() && (static_cast<unsigned char>(word[next]) & 0xC0) == 0x80) ++next;
      if (text_width(piece.style, std::string_view(word).substr(0, next)) > room) break;
      fit = next;
      at = next;
    }
    if (fit == 0 && line_empty) {
      fit = 1;
      while (fit < word.size() && (static_cast<unsigned char>(word[fit]) & 0xC0) == 0x80) ++fit;
    }
    return fit >= word.size() ? word.size() - 1 : fit;  // never the whole word: it did not fit
  }

  void put(const Box& box, float gap) {
    boxes_.push_back(box);  // copied: a word cut at the edge makes new boxes
    line_.push_back(line_width_ + gap);
    line_width_ += gap + box.width;
  }

  void finish_line(bool even_if_empty) {
    if (line_.empty() && !even_if_empty) return;
    float ascent = size_ * kStrutAscent;
    float descent = size_ * kStrutDescent;
    for (const Box& box : boxes_) {
      // Tall maths (a fraction, a root) opens the line up, with a little air.
      ascent = std::max(ascent, box.ascent + size_ * 0.12f);
      descent = std::max(descent, box.descent + size_ * 0.12f);
    }
    const float baseline = y_ + ascent;
    for (std::size_t i = 0; i < line_.size(); ++i) out_.append(boxes_[i].commands, x_ + line_[i], baseline);
    if (first_baseline_ && !had_line_) *first_baseline_ = baseline;
    had_line_ = true;
    y_ = baseline + descent;
    line_.clear();
    boxes_.clear();
    line_width_ = 0.0f;
  }

  void place_picture(const Piece& piece) {
    const float margin = size_ * 0.35f;
    const ImVec2 size = picture_size(piece.src, width_, faces_.ui_scale);
    const float left = x_ + (width_ - size.x) * 0.5f;
    const float top = y_ + (had_line_ ? margin : 0.0f);
    out_.figures.push_back({ImVec2(left, top), ImVec2(left + size.x, top + size.y), piece.src, piece.alt});
    if (first_baseline_ && !had_line_) *first_baseline_ = top + size_ * kStrutAscent;
    had_line_ = true;
    y_ = top + size.y + margin;
  }

  const Faces& faces_;
  float size_, x_, width_, y_;
  Commands& out_;
  std::vector<float> line_;  // each box's x on the line
  std::vector<Box> boxes_;
  float line_width_ = 0.0f;
  float* first_baseline_ = nullptr;
  bool had_line_ = false;
};

// ---------------------------------------------------------------------------------------------------------------
// [SECTION] Blocks: paragraphs, headings, lists
// ---------------------------------------------------------------------------------------------------------------

float lay_out_inlines(const std::vector<Inline>& inlines, const Style& style, const Faces& faces, float x, float width,
                      float y, Commands& out, float* first_baseline) {
  PieceCollector collector{faces};
  collector.add_inlines(inlines, style);
  Flow flow(faces, style.size, x, width, y, out);
  return flow.lay_out(collector.pieces, first_baseline);
}

float lay_out_blocks(const std::vector<Block>& blocks, const Faces& faces, float x, float width, float y, int depth,
                     Commands& out, float* first_baseline) {
  const float body = faces.body;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    float* baseline = i == 0 ? first_baseline : nullptr;
    // A list nested in an item follows its item's text as closely as the items follow each other.
    const bool nested_list = depth > 0 && block.kind != BlockKind::paragraph && block.kind != BlockKind::heading;
    if (i > 0) {
      y += body * (block.kind == BlockKind::heading ? kParagraphGap * 1.5f : nested_list ? kListItemGap : kParagraphGap);
    }
    Style style{faces.regular, body};
    switch (block.kind) {
      case BlockKind::paragraph: y = lay_out_inlines(block.inlines, style, faces, x, width, y, out, baseline); break;
      case BlockKind::heading: {
        style.font = faces.bold;
        static constexpr float kHeadingScale[] = {1.3f, 1.15f, 1.05f};  // under the screen's own title (1.44)
        style.size = body * kHeadingScale[std::clamp(block.level, 1, 3) - 1];
        y = lay_out_inlines(block.inlines, style, faces, x, width, y, out, baseline);
        break;
      }
      case BlockKind::bullet_list:
      case BlockKind::ordered_list: {
        const bool ordered = block.kind == BlockKind::ordered_list;
        const std::string widest = ordered ? std::to_string(block.start + static_cast<int>(block.items.size()) - 1) + "." : "";
        const float gutter = ordered ? text_width(style, widest) + body * 0.6f : body * 1.3f;
        for (std::size_t n = 0; n < block.items.size(); ++n) {
          if (n > 0) y += body * kListItemGap;
          float item_baseline = y + body * kStrutAscent;
          const float top = y;
          y = lay_out_blocks(block.items[n], faces, x + gutter, width - gutter, y, depth + 1, out, &item_baseline);
          if (n == 0 && baseline) *baseline = item_baseline;
          const std::string marker = ordered ? std::to_string(block.start + static_cast<int>(n)) + "."
                                             : (depth == 0 ? "\xE2\x80\xA2" : "\xE2\x80\x93");  // • or –
          Box box = text_box(style, marker);
          // Numbers align on their right edge, bullets sit in the middle of the gutter.
          const float marker_x = ordered ? x + gutter - body * 0.45f - box.width : x + (gutter - box.width) * 0.45f;
          out.append(box.commands, marker_x, item_baseline);
          y = std::max(y, top + body * kLineHeight);
        }
        break;
      }
    }
  }
  return y;
}

// ---------------------------------------------------------------------------------------------------------------
// [SECTION] Cache and drawing
// ---------------------------------------------------------------------------------------------------------------

struct Layout {
  float width = -1, body = 0;
  ImFont* font = nullptr;
  std::uint64_t sizes_revision = 0;
  Commands commands;
  float height = 0;
};

struct Entry {
  content::RichText parsed;
  std::string plain;
  std::vector<std::string> images;
  Layout layouts[2];  // the last two widths: a resize back and forth lays out nothing new
  int next_slot = 0;
  int last_frame = 0;
};

// Keyed by the text itself: the hash costs microseconds per frame, and unlike an address it cannot point at a
// different text later.
std::unordered_map<std::string, Entry> cache;
constexpr std::size_t kCacheLimit = 256;
constexpr int kCacheIdleFrames = 120;

Entry& cached(const std::string& rich) {
  auto found = cache.find(rich);
  if (found == cache.end()) {
    if (cache.size() >= kCacheLimit) {
      const int now = ImGui::GetFrameCount();
      for (auto it = cache.begin(); it != cache.end();) {
        it = now - it->second.last_frame > kCacheIdleFrames ? cache.erase(it) : std::next(it);
      }
      if (cache.size() >= kCacheLimit) cache.clear();  // hundreds of texts on one screen: start afresh
    }
    Entry entry;
    entry.parsed = content::parse_rich_text(rich);
    entry.plain = content::plain_text(entry.parsed);
    entry.images = content::rich_text_images(entry.parsed);
    found = cache.emplace(rich, std::move(entry)).first;
  }
  found->second.last_frame = ImGui::GetFrameCount();
  return found->second;
}

float ui_scale() { return ImGui::GetStyle().FramePadding.y / 10.0f; }  // theme.cpp designs FramePadding.y = 10

const Layout& layout_for(Entry& entry, float width) {
  ImFont* font = ImGui::GetFont();
  const float body = ImGui::GetFontSize();
  const std::uint64_t sizes = media::sizes_revision();
  for (Layout& layout : entry.layouts) {
    if (layout.width == width && layout.body == body && layout.font == font && layout.sizes_revision == sizes) return layout;
  }
  Layout& layout = entry.layouts[entry.next_slot];
  entry.next_slot = 1 - entry.next_slot;
  layout = Layout{width, body, font, sizes};
  const Faces faces{font, fonts::heading() ? fonts::heading() : font, body, ui_scale()};
  layout.height = lay_out_blocks(entry.parsed.blocks, faces, 0.0f, width, 0.0f, 0, layout.commands, nullptr);
  return layout;
}

void draw_commands(const Commands& commands, ImVec2 origin, bool secondary) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 clip_min = draw->GetClipRectMin();
  const ImVec2 clip_max = draw->GetClipRectMax();
  const ImU32 text = secondary ? palette().text_secondary : ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 link = palette().accent;
  auto colour = [&](Ink ink) { return ink == Ink::link ? link : text; };
  // Code backgrounds: the border colour, lightened.
  const ImU32 code_fill = (palette().card_border & ~IM_COL32_A_MASK) | (static_cast<ImU32>(150) << IM_COL32_A_SHIFT);
  for (const FillCommand& fill : commands.fills) {
    draw->AddRectFilled(origin + fill.min, origin + fill.max, code_fill, fill.rounding);
  }
  for (const TextCommand& command : commands.texts) {
    const float baseline = origin.y + command.baseline;
    if (baseline - command.size * 1.5f > clip_max.y || baseline + command.size * 0.5f < clip_min.y) continue;
    const float ascent = command.font->Ascent * (command.size / command.font->FontSize);
    const ImVec2 position(origin.x + command.x, baseline - ascent);
    const int first_vertex = draw->VtxBuffer.Size;
    draw->AddText(command.font, command.size, position, colour(command.ink), commands.chars.data() + command.begin,
                  commands.chars.data() + command.end);
    if (command.oblique) {
      for (int i = first_vertex; i < draw->VtxBuffer.Size; ++i) {
        ImDrawVert& vertex = draw->VtxBuffer[i];
        vertex.pos.x += (baseline - vertex.pos.y) * kOblique;
      }
    }
  }
  for (const LineCommand& line : commands.lines) {
    // Bars and underlines are horizontal: filled on whole pixels they stay crisp at any scale.
    const float thickness = std::max(1.0f, std::round(line.thickness));
    const float top = std::round(origin.y + line.a.y - thickness * 0.5f);
    draw->AddRectFilled(ImVec2(std::round(origin.x + line.a.x), top), ImVec2(std::round(origin.x + line.b.x), top + thickness),
                        colour(line.ink));
  }
  std::vector<ImVec2> points;
  for (const PathCommand& path : commands.paths) {
    points.assign(commands.points.begin() + path.begin, commands.points.begin() + path.begin + path.count);
    for (ImVec2& point : points) point += origin;
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), text, ImDrawFlags_None, path.thickness);
  }
}

// Reserves nothing (the caller did): lists the picture for the test hook and asks the platform to show it there.
void place_picture(const std::string& item, const std::string& src, const std::string& alt, ImVec2 min, ImVec2 max) {
  ImGui::ItemAdd(ImRect(min, max), 0);  // makes the rectangle the "last item" without laying anything out
  if (ItemRegistry* registry = current_item_registry()) registry->add_static_last_item(item.c_str(), "img", alt.c_str());
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 clip_min = draw->GetClipRectMin();
  const ImVec2 clip_max = draw->GetClipRectMax();
  // A calm placeholder until the picture has loaded (its natural size is known then), and if it cannot load.
  if (!(media::natural_aspect(src) > 0.0f) && ImGui::IsRectVisible(min, max)) {
    draw->AddRectFilled(min, max, palette().card, 12.0f * ui_scale());
  }
  MediaPlacement placement;
  placement.kind = MediaPlacement::Kind::image;
  placement.key = item;
  placement.src = src;
  placement.alt = alt;
  placement.x = min.x;
  placement.y = min.y;
  placement.width = max.x - min.x;
  placement.height = max.y - min.y;
  placement.clip_x0 = clip_min.x;
  placement.clip_y0 = clip_min.y;
  placement.clip_x1 = clip_max.x;
  placement.clip_y1 = clip_max.y;
  media::place(std::move(placement));
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// [SECTION] Public functions
// ---------------------------------------------------------------------------------------------------------------

void rich_text(const char* path, const std::string& rich, bool secondary) {
  Entry& entry = cached(rich);
  const float width = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
  const Layout& layout = layout_for(entry, width);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, layout.height));
  const ImRect block(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  if (ImGui::IsItemVisible()) draw_commands(layout.commands, origin, secondary);
  if (ItemRegistry* registry = current_item_registry()) registry->add_static_last_item(path, "text", entry.plain.c_str());
  for (std::size_t i = 0; i < layout.commands.figures.size(); ++i) {
    const FigureCommand& figure = layout.commands.figures[i];
    place_picture(std::string(path) + "/image/" + std::to_string(i), figure.src, figure.alt, origin + figure.min,
                  origin + figure.max);
  }
  if (!layout.commands.figures.empty()) ImGui::ItemAdd(block, 0);  // the text is the last item again
}

void picture(const char* path, const std::string& src, const std::string& alt) {
  const float width = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
  const ImVec2 size = picture_size(src, width, ui_scale());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, size.y));
  const ImVec2 min(origin.x + (width - size.x) * 0.5f, origin.y);
  place_picture(path, src, alt, min, min + size);
}

void picture_at_height(const char* path, const std::string& src, const std::string& alt, float height_css) {
  const float aspect = media::natural_aspect(src) > 0.0f ? media::natural_aspect(src) : 1.0f;
  const float column = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
  float height = height_css * ui_scale();
  if (height * aspect > column) height = column / aspect;
  const ImVec2 size(height * aspect, height);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  place_picture(path, src, alt, origin, origin + size);
}

bool shows_picture(const std::string& rich, const std::string& src) {
  if (rich.empty()) return false;
  const std::vector<std::string>& images = cached(rich).images;
  return std::find(images.begin(), images.end(), src) != images.end();
}

}  // namespace pathwise::client::ui
