// Rich text: the small Markdown subset that course authors write prompts, hints, explanations and reading pages
// in, parsed into a display tree that the client draws. Parsing never fails: whatever cannot be read is shown as
// written, and where the author probably meant something else a problem says so, with its line and column.
// Pure and bounded: linear time, nesting capped, no recursion deeper than the caps, any bytes accepted.
//
// ---- Syntax (for the author documentation) -------------------------------------------------------------------
//
// Blocks
//   Paragraphs        are separated by blank lines. A single line break inside a paragraph is a space; end a
//                     line with two spaces or with a backslash "\" to keep the line break there.
//   # Title           "#", "##" or "###", a space, then the heading text (one line): headings of level 1 to 3.
//                     More "#" are reported and read as level 3. "#word" without a space is ordinary text.
//   - item            "- " or "* " starts a bullet list item; "1. " an ordered list item (1 to 9 digits), and
//   1. item           the list is numbered from its first item's number. An item line starts a list even right
//                     after a paragraph line. The lines after an item line continue it until a blank line.
//                     After a blank line, text indented 2 or more spaces past the item's marker is a further
//                     paragraph of that item. Indent an item 2 or more spaces past its parent's marker to nest a
//                     list (at most 16 levels; deeper items are reported and kept at level 16).
//
// Inline
//   **bold**  *italic*  _italic_   may nest (at most 16 levels), e.g. ***bold italic***. A "*" or "_" with
//                                  spaces on both sides (2 * 3) and "_" inside a word (snake_case) stay as
//                                  written, as do runs of 4 or more "*" and of 2 or more "_". A "**" that is
//                                  never closed is reported and shown as written.
//   `code`                         shown exactly as written, with no escapes inside.
//   [label](target)                a link; the label may hold formatting and images, not another link.
//   ![description](path)           an image; the description is read to students who cannot see the image and
//                                  must not be empty. Targets end at the first ")"; write "\)" for one inside.
//   \*  \_  \$  \[  \]  \(  \)     a backslash before any ASCII punctuation character (these, \\ \` \# \{ \} and
//                                  the others) shows that character as written. Before anything else a
//                                  backslash is an ordinary character.
//   { }                            outside math, braces are ordinary text. Template placeholders {{name}} are
//                                  filled in before this parser sees the text.
//
// Math, between $ and $ (write \$ for a dollar sign; "$$" is two dollar signs)
//   x^2  x^{10}  10^-3             superscript: "^" then an operand (below); a sign may precede it.
//   H_2O  x_{ij}                   subscript: "_" then an operand, as for superscripts.
//   3/4  a/b  {a+b}/{c}  (a+b)/2   fraction: operand "/" operand with no spaces around "/". An operand is a
//   \frac{3}{4}                    number (3, 2.5), a run of letters (π and \pi count as letters), a {group}
//                                  or a (group); the parentheses of a fraction part are dropped. "1/2/3" is
//                                  1/2 followed by "/3"; write {x^2}/3 to put a power over a number.
//   \sqrt{2}  √2  √(x+1)           square root of the operand that follows (its parentheses are dropped).
//   {...}                          groups without showing the braces; a "{" or "}" without its partner is
//                                  reported and shown.
//   \times ×  \div ÷  \cdot ·  \pm ±  \le ≤  \ge ≥  \ne ≠  \approx ≈  \pi π  \degree °   and "*" is ×
//                                  (\leq, \geq and \neq also work). Another \word is reported and shown as
//                                  written. Everything else in math, spaces included, is shown as written.
//   Groups, powers, fractions and roots nest at most 16 levels; deeper parts are reported and shown as written.
// -----------------------------------------------------------------------------------------------------------
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pathwise::content {

enum class InlineKind { text, bold, italic, code, link, image, line_break, superscript, subscript, fraction, square_root };

struct Inline {
  InlineKind kind = InlineKind::text;
  std::string text;                 // text and code: the characters (math symbols already turned into Unicode); image: alt text
  std::string target;               // link: href; image: the path or URL
  std::vector<Inline> children;     // bold, italic, link (label), superscript, subscript, square_root: the content; fraction: numerator
  std::vector<Inline> denominator;  // fraction only
};

enum class BlockKind { paragraph, heading, bullet_list, ordered_list };

struct Block {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;                          // heading: 1..3
  int start = 1;                          // ordered list: number of the first item
  std::vector<Inline> inlines;            // paragraph, heading
  std::vector<std::vector<Block>> items;  // lists: each item's blocks (an item's first block is a paragraph; nested lists by indentation)
};

struct RichText {
  std::vector<Block> blocks;
};

// line/column inside the source text, 1-based, columns in UTF-8 code points; message is one plain lower-case
// sentence for a teacher, without a trailing period.
struct RichTextProblem {
  int line = 1;
  int column = 1;
  std::string message;
};

// Parses `source` (UTF-8; "\r\n" and a leading byte order mark are accepted). Problems are appended to
// `problems` when given, at most about a hundred per call (a last entry says when more were left out).
RichText parse_rich_text(std::string_view source, std::vector<RichTextProblem>* problems = nullptr);

// Readable text, for search, screen readers and collecting the glyphs to draw:
//   - blocks are separated by a blank line; each list item is on its own line, after "• " or its number and
//     ". " ("3. "), with two spaces of indentation per nesting level; a line break is "\n";
//   - formatting is dropped: a link reads as its label, an image as its description, code as its characters;
//   - math reads the way authors type it, with Unicode symbols: x^2, H_2O, 3/4, √2; a part that is more than one
//     number or word gets parentheses: x^(n+1), (a+b)/c, √(x+1).
std::string plain_text(const RichText& text);

// Every image target, in reading order (for preloading and for checking that the files exist).
std::vector<std::string> rich_text_images(const RichText& text);

// Every link target, in reading order.
std::vector<std::string> rich_text_links(const RichText& text);

}  // namespace pathwise::content
