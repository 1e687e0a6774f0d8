#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "content/rich_text.h"

using pathwise::content::Block;
using pathwise::content::BlockKind;
using pathwise::content::Inline;
using pathwise::content::InlineKind;
using pathwise::content::parse_rich_text;
using pathwise::content::plain_text;
using pathwise::content::rich_text_images;
using pathwise::content::rich_text_links;
using pathwise::content::RichText;
using pathwise::content::RichTextProblem;

namespace {

// A compact HTML-like rendering of the tree, so that expectations read like the output they describe.
void dump(const std::vector<Inline>& inlines, std::string& out);

void dump(const Inline& node, std::string& out) {
  auto wrap = [&](const char* tag, const std::vector<Inline>& children) {
    out += std::string("<") + tag + ">";
    dump(children, out);
    out += std::string("</") + tag + ">";
  };
  switch (node.kind) {
    case InlineKind::text: out += node.text; break;
    case InlineKind::bold: wrap("b", node.children); break;
    case InlineKind::italic: wrap("i", node.children); break;
    case InlineKind::code: out += "<code>" + node.text + "</code>"; break;
    case InlineKind::link:
      out += "<a " + node.target + ">";
      dump(node.children, out);
      out += "</a>";
      break;
    case InlineKind::image: out += "<img " + node.target + " \"" + node.text + "\">"; break;
    case InlineKind::line_break: out += "<br>"; break;
    case InlineKind::superscript: wrap("sup", node.children); break;
    case InlineKind::subscript: wrap("sub", node.children); break;
    case InlineKind::fraction:
      out += "<frac>";
      dump(node.children, out);
      out += "|";
      dump(node.denominator, out);
      out += "</frac>";
      break;
    case InlineKind::square_root: wrap("sqrt", node.children); break;
  }
}

void dump(const std::vector<Inline>& inlines, std::string& out) {
  for (const Inline& node : inlines) dump(node, out);
}

void dump(const std::vector<Block>& blocks, std::string& out) {
  for (const Block& block : blocks) {
    switch (block.kind) {
      case BlockKind::paragraph:
        out += "<p>";
        dump(block.inlines, out);
        out += "</p>";
        break;
      case BlockKind::heading:
        out += "<h" + std::to_string(block.level) + ">";
        dump(block.inlines, out);
        out += "</h" + std::to_string(block.level) + ">";
        break;
      case BlockKind::bullet_list:
      case BlockKind::ordered_list: {
        bool ordered = block.kind == BlockKind::ordered_list;
        out += ordered ? "<ol " + std::to_string(block.start) + ">" : std::string("<ul>");
        for (const auto& item : block.items) {
          out += "<li>";
          dump(item, out);
          out += "</li>";
        }
        out += ordered ? "</ol>" : "</ul>";
        break;
      }
    }
  }
}

std::string render(std::string_view source) {
  std::string out;
  dump(parse_rich_text(source).blocks, out);
  return out;
}

std::vector<RichTextProblem> problems_of(std::string_view source) {
  std::vector<RichTextProblem> problems;
  parse_rich_text(source, &problems);
  return problems;
}

std::string plain(std::string_view source) { return plain_text(parse_rich_text(source)); }

// Parses and reports how long it took, in seconds; sanitizer builds are slow, so bounds are generous.
double seconds_to_parse(const std::string& source, std::vector<RichTextProblem>* problems = nullptr) {
  auto start = std::chrono::steady_clock::now();
  RichText text = parse_rich_text(source, problems);
  (void)plain_text(text);
  (void)rich_text_links(text);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

// ---- blocks ----

TEST_CASE("rich text: paragraphs are separated by blank lines and a single newline is a space") {
  CHECK(render("") == "");
  CHECK(render("\n  \n") == "");
  CHECK(render("Hello") == "<p>Hello</p>");
  CHECK(render("one\ntwo\n\nthree") == "<p>one two</p><p>three</p>");
  CHECK(render("  indented \n   lines  ") == "<p>indented lines</p>");
  CHECK(render("windows\r\nline ends\r\n\r\nnext") == "<p>windows line ends</p><p>next</p>");
  CHECK(render("\xEF\xBB\xBFwith a byte order mark") == "<p>with a byte order mark</p>");
}

TEST_CASE("rich text: two trailing spaces or a trailing backslash make a line break") {
  CHECK(render("first  \nsecond") == "<p>first<br>second</p>");
  CHECK(render("first\\\nsecond") == "<p>first<br>second</p>");
  CHECK(render("first\\\\\nsecond") == "<p>first\\ second</p>");  // an escaped backslash is just a backslash
  CHECK(render("last line keeps its backslash\\") == "<p>last line keeps its backslash\\</p>");
  CHECK(render("trailing break at the end  ") == "<p>trailing break at the end</p>");
}

TEST_CASE("rich text: headings of level 1 to 3") {
  CHECK(render("# One\n## Two\n### Three") == "<h1>One</h1><h2>Two</h2><h3>Three</h3>");
  CHECK(render("#hashtag is text") == "<p>#hashtag is text</p>");
  CHECK(render("\\# not a heading") == "<p># not a heading</p>");
  CHECK(render("para\n# Heading\nmore") == "<p>para</p><h1>Heading</h1><p>more</p>");
  CHECK(render("## **Bold** title  ") == "<h2><b>Bold</b> title</h2>");
  CHECK(render("#") == "<h1></h1>");
}

TEST_CASE("rich text: a heading with more than three # is reported and read as level 3") {
  std::vector<RichTextProblem> problems;
  RichText text = parse_rich_text("intro\n\n  ##### Deep", &problems);
  REQUIRE(text.blocks.size() == 2);
  CHECK(text.blocks[1].kind == BlockKind::heading);
  CHECK(text.blocks[1].level == 3);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 3);
  CHECK(problems[0].column == 3);
  CHECK(problems[0].message.find("at most three \"#\"") != std::string::npos);
}

TEST_CASE("rich text: bullet and ordered lists") {
  CHECK(render("- one\n- two") == "<ul><li><p>one</p></li><li><p>two</p></li></ul>");
  CHECK(render("* one\n* two") == "<ul><li><p>one</p></li><li><p>two</p></li></ul>");
  CHECK(render("1. one\n2. two") == "<ol 1><li><p>one</p></li><li><p>two</p></li></ol>");
  CHECK(render("3. three\n4. four") == "<ol 3><li><p>three</p></li><li><p>four</p></li></ol>");
  CHECK(render("Steps:\n- a\n- b\n\nAfter") == "<p>Steps:</p><ul><li><p>a</p></li><li><p>b</p></li></ul><p>After</p>");
  CHECK(render("- bullets\n1. then numbers") == "<ul><li><p>bullets</p></li></ul><ol 1><li><p>then numbers</p></li></ol>");
  CHECK(render("-") == "<ul><li><p></p></li></ul>");
  CHECK(render("-not a list\n2024 is a year\n1.5 is a number") == "<p>-not a list 2024 is a year 1.5 is a number</p>");
  CHECK(render("**bold** start\n*italic* start") == "<p><b>bold</b> start <i>italic</i> start</p>");
}

TEST_CASE("rich text: list items continue on following lines and hold further paragraphs") {
  CHECK(render("- first line\n  continues\nlazily too\n- next") ==
        "<ul><li><p>first line continues lazily too</p></li><li><p>next</p></li></ul>");
  CHECK(render("- item\n\n  second paragraph\n\nnot in the list") ==
        "<ul><li><p>item</p><p>second paragraph</p></li></ul><p>not in the list</p>");
  CHECK(render("1. a\n\n2. b") == "<ol 1><li><p>a</p></li><li><p>b</p></li></ol>");
}

TEST_CASE("rich text: lists nest by indentation") {
  CHECK(render("- a\n  - a1\n  - a2\n- b") ==
        "<ul><li><p>a</p><ul><li><p>a1</p></li><li><p>a2</p></li></ul></li><li><p>b</p></li></ul>");
  CHECK(render("1. a\n   1. a.1\n      - deep\n2. b") ==
        "<ol 1><li><p>a</p><ol 1><li><p>a.1</p><ul><li><p>deep</p></li></ul></li></ol></li><li><p>b</p></li></ol>");
  CHECK(render("- a\n    - a1\n  - a2") ==  // between the levels: still a sibling of a1
        "<ul><li><p>a</p><ul><li><p>a1</p></li><li><p>a2</p></li></ul></li></ul>");
  CHECK(render("- a\n  - a1\n\n    more of a1\n\n  more of a\n- b") ==
        "<ul><li><p>a</p><ul><li><p>a1</p><p>more of a1</p></li></ul><p>more of a</p></li><li><p>b</p></li></ul>");
  CHECK(render("- a\n  - b\n# Title") == "<ul><li><p>a</p><ul><li><p>b</p></li></ul></li></ul><h1>Title</h1>");
}

TEST_CASE("rich text: lists nested deeper than 16 levels are reported and kept at level 16") {
  std::string source;
  for (int i = 0; i < 20; ++i) source += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- level " + std::to_string(i + 1) + "\n";
  std::vector<RichTextProblem> problems;
  RichText text = parse_rich_text(source, &problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 17);
  CHECK(problems[0].column == 33);
  CHECK(problems[0].message.find("nested more than 16") != std::string::npos);
  int depth = 0;
  const std::vector<Block>* blocks = &text.blocks;
  while (!blocks->empty() && blocks->back().kind == BlockKind::bullet_list) {
    ++depth;
    const Block& list = blocks->back();
    if (depth == 16) CHECK(list.items.size() == 5);
    blocks = &list.items.front();
  }
  CHECK(depth == 16);
}

// ---- inline formatting ----

TEST_CASE("rich text: bold, italic and their nesting") {
  CHECK(render("**bold** and *italic* and _also_") == "<p><b>bold</b> and <i>italic</i> and <i>also</i></p>");
  CHECK(render("***both***") == "<p><b><i>both</i></b></p>");
  CHECK(render("**bold *and italic* inside**") == "<p><b>bold <i>and italic</i> inside</b></p>");
  CHECK(render("*italic **and bold** inside*") == "<p><i>italic <b>and bold</b> inside</i></p>");
  CHECK(render("**across\nlines**") == "<p><b>across lines</b></p>");
  CHECK(render("un*believ*able") == "<p>un<i>believ</i>able</p>");
}

TEST_CASE("rich text: asterisks and underscores that are not emphasis stay as written") {
  CHECK(render("2 * 3 * 4") == "<p>2 * 3 * 4</p>");
  CHECK(render("snake_case_name") == "<p>snake_case_name</p>");
  CHECK(render("__not bold__") == "<p>__not bold__</p>");
  CHECK(render("**** rule") == "<p>**** rule</p>");
  CHECK(render("*a") == "<p>*a</p>");
  CHECK(render("a*") == "<p>a*</p>");
  CHECK(render("*a _b* c_") == "<p><i>a _b</i> c_</p>");
  CHECK(problems_of("*a").empty());
}

TEST_CASE("rich text: a ** that is never closed is reported and shown as written") {
  std::vector<RichTextProblem> problems;
  CHECK(render("see **this") == "<p>see **this</p>");
  RichText text = parse_rich_text("fine\nsee **this", &problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 2);
  CHECK(problems[0].column == 5);
  CHECK(problems[0].message == "the bold \"**\" at column 5 is never closed, so it is shown as written");
  CHECK(problems_of("**a** b**").empty());  // a closing-only run is not reported
}

TEST_CASE("rich text: code spans keep their characters") {
  CHECK(render("use `x * y` here") == "<p>use <code>x * y</code> here</p>");
  CHECK(render("`**not bold** $x$ \\*`") == "<p><code>**not bold** $x$ \\*</code></p>");
  CHECK(render("`a\nb`") == "<p><code>a b</code></p>");
  CHECK(render("unclosed ` tick") == "<p>unclosed ` tick</p>");
  CHECK(render("empty `` code") == "<p>empty `` code</p>");
  CHECK(render("*a `b* c`") == "<p>*a <code>b* c</code></p>");
}

TEST_CASE("rich text: links and images") {
  CHECK(render("[Pathwise](https://example.org/a_b)") == "<p><a https://example.org/a_b>Pathwise</a></p>");
  CHECK(render("a [**bold** label](page.html) b") == "<p>a <a page.html><b>bold</b> label</a> b</p>");
  CHECK(render("![A red circle](media/circle.png)") == "<p><img media/circle.png \"A red circle\"></p>");
  CHECK(render("![*Styled* alt](x.png)") == "<p><img x.png \"Styled alt\"></p>");
  CHECK(render("[![logo](logo.png)](home)") == "<p><a home><img logo.png \"logo\"></a></p>");
  CHECK(render("[ spaced ]( target )") == "<p><a target> spaced </a></p>");
  CHECK(render("[a](b\\)c)") == "<p><a b)c>a</a></p>");
  CHECK(render("[outer [inner](i) text](o)") == "<p>[outer <a i>inner</a> text](o)</p>");
  CHECK(render("[not a link] (x) and [another]") == "<p>[not a link] (x) and [another]</p>");
  CHECK(render("[unclosed](target") == "<p>[unclosed](target</p>");
  CHECK(render("closing ] alone and ! alone") == "<p>closing ] alone and ! alone</p>");
  CHECK(render("*[a*](b)") == "<p>*<a b>a*</a></p>");
}

TEST_CASE("rich text: an empty link target is reported and the label stays as text") {
  std::vector<RichTextProblem> problems;
  RichText text = parse_rich_text("go [there]( ) now", &problems);
  std::string out;
  dump(text.blocks, out);
  CHECK(out == "<p>go there now</p>");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 1);
  CHECK(problems[0].column == 4);
  CHECK(problems[0].message == "the link at column 4 has no target between the parentheses");
  CHECK(rich_text_links(text).empty());
}

TEST_CASE("rich text: an image without a description is reported") {
  std::vector<RichTextProblem> problems;
  RichText text = parse_rich_text("Look:\n  ![](media/chart.png)", &problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 2);
  CHECK(problems[0].column == 3);
  CHECK(problems[0].message == "an image needs a description between the brackets for students who cannot see it");
  CHECK(rich_text_images(text) == std::vector<std::string>{"media/chart.png"});

  problems.clear();
  CHECK(render("![alt]()") == "<p>alt</p>");
  parse_rich_text("![alt]()", &problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "the image at column 1 has no path between the parentheses");
}

TEST_CASE("rich text: backslash escapes") {
  CHECK(render("\\*not italic\\* \\_no\\_ \\$5 \\[x\\]\\(y\\) \\\\ \\` \\# \\{ \\}") ==
        "<p>*not italic* _no_ $5 [x](y) \\ ` # { }</p>");
  CHECK(render("C:\\Users\\ann and \\n") == "<p>C:\\Users\\ann and \\n</p>");
  CHECK(render("1\\. not a list") == "<p>1. not a list</p>");
  CHECK(render("braces { and } are text, {{so is this}}") == "<p>braces { and } are text, {{so is this}}</p>");
  CHECK(render("Unicode × ÷ π √2 stays") == "<p>Unicode × ÷ π √2 stays</p>");
}

// ---- math ----

TEST_CASE("rich text: math superscripts and subscripts") {
  CHECK(render("$x^2$") == "<p>x<sup>2</sup></p>");
  CHECK(render("$x^{10}$") == "<p>x<sup>10</sup></p>");
  CHECK(render("$x^10$") == "<p>x<sup>10</sup></p>");
  CHECK(render("$10^-3$") == "<p>10<sup>-3</sup></p>");
  CHECK(render("$H_2O$") == "<p>H<sub>2</sub>O</p>");
  CHECK(render("$x_{ij}$ and $x_ij$") == "<p>x<sub>ij</sub> and x<sub>ij</sub></p>");
  CHECK(render("$e^(x+1)$") == "<p>e<sup>(x+1)</sup></p>");
  CHECK(render("$x^{n^2}$") == "<p>x<sup>n<sup>2</sup></sup></p>");
  CHECK(render("$x^ y$") == "<p>x^ y</p>");
}

TEST_CASE("rich text: math fractions") {
  CHECK(render("$3/4$") == "<p><frac>3|4</frac></p>");
  CHECK(render("$1.5/2$") == "<p><frac>1.5|2</frac></p>");
  CHECK(render("$a/b$") == "<p><frac>a|b</frac></p>");
  CHECK(render("${a+b}/{c}$") == "<p><frac>a+b|c</frac></p>");
  CHECK(render("$(a+b)/(c-d)$") == "<p><frac>a+b|c-d</frac></p>");
  CHECK(render("$\\frac{3}{4}$") == "<p><frac>3|4</frac></p>");
  CHECK(render("$\\frac{x^2}{2}$") == "<p><frac>x<sup>2</sup>|2</frac></p>");
  CHECK(render("$1 + 1/2$") == "<p>1 + <frac>1|2</frac></p>");
  CHECK(render("$3 / 4$") == "<p>3 / 4</p>");
  CHECK(render("$1/2/3$") == "<p><frac>1|2</frac>/3</p>");
  CHECK(render("$\\pi/2$ and $π/2$") == "<p><frac>π|2</frac> and <frac>π|2</frac></p>");
  CHECK(render("$(a+b)$") == "<p>(a+b)</p>");
  CHECK(render("${a}+{b}$") == "<p>a+b</p>");
}

TEST_CASE("rich text: math roots and symbols") {
  CHECK(render("$\\sqrt{2}$ and $√2$ and $√(x+1)$") ==
        "<p><sqrt>2</sqrt> and <sqrt>2</sqrt> and <sqrt>x+1</sqrt></p>");
  CHECK(render("$\\sqrt{x^2+1}$") == "<p><sqrt>x<sup>2</sup>+1</sqrt></p>");
  CHECK(render("$√ alone$") == "<p>√ alone</p>");
  CHECK(render("$2 \\times 3 \\div 4 \\cdot 5 \\pm 6$") == "<p>2 × 3 ÷ 4 · 5 ± 6</p>");
  CHECK(render("$a \\le b \\ge c \\ne d \\approx e$, $90\\degree$, $2\\pi r$") ==
        "<p>a ≤ b ≥ c ≠ d ≈ e, 90°, 2π r</p>");  // spaces in math are kept
  CHECK(render("$2*3$") == "<p>2×3</p>");
  CHECK(render("$a \\$ \\{b\\}$") == "<p>a $ {b}</p>");
  CHECK(render("$a\nb$") == "<p>a b</p>");
  CHECK(render("**$x^2$** is *$x$ squared*") == "<p><b>x<sup>2</sup></b> is <i>x squared</i></p>");
  CHECK(render("$$") == "<p>$$</p>");
  CHECK(render("costs \\$5 or \\$6") == "<p>costs $5 or $6</p>");
}

TEST_CASE("rich text: unclosed math is reported with its column") {
  std::vector<RichTextProblem> problems;
  RichText text = parse_rich_text("Cost $5 today", &problems);
  std::string out;
  dump(text.blocks, out);
  CHECK(out == "<p>Cost $5 today</p>");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 1);
  CHECK(problems[0].column == 6);
  CHECK(problems[0].message == "the math started with \"$\" at column 6 is never closed");

  problems = problems_of("héllo wörld\n  ünïcode $x");  // columns count characters, not bytes
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 2);
  CHECK(problems[0].column == 11);
}

TEST_CASE("rich text: unknown math commands are reported and shown as written") {
  std::vector<RichTextProblem> problems;
  RichText text = parse_rich_text("- item\n  with $\\alpha + 1$", &problems);
  CHECK(plain_text(text) == "• item with \\alpha + 1");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 2);
  CHECK(problems[0].column == 9);
  CHECK(problems[0].message == "the math command \"\\alpha\" at column 9 is unknown; it is shown as written");

  problems = problems_of("$\\frac{1}$ $\\sqrt$");
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].message.find("\\frac") != std::string::npos);
  CHECK(problems[0].column == 2);
  CHECK(problems[1].message.find("\\sqrt") != std::string::npos);
  CHECK(problems[1].column == 13);
}

TEST_CASE("rich text: unbalanced braces in math are reported") {
  std::vector<RichTextProblem> problems;
  CHECK(render("$x^{2$") == "<p>x^{2</p>");
  problems = problems_of("$x^{2$");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].column == 4);
  CHECK(problems[0].message == "the \"{\" at column 4 is never closed");

  CHECK(render("$a}b$") == "<p>a}b</p>");
  problems = problems_of("$a}b$");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].column == 3);
  CHECK(problems[0].message == "the \"}\" at column 3 has no matching \"{\"");

  CHECK(render("${(a}/2$") == "<p><frac>(a|2</frac></p>");  // an unpaired "(" is just text
  CHECK(problems_of("${(a}/2$").empty());
}

TEST_CASE("rich text: math groups nested deeper than 16 levels are reported and shown as written") {
  std::string source = "$" + repeat("{", 20) + "x" + repeat("}", 20) + "$";
  std::vector<RichTextProblem> problems;
  RichText text = parse_rich_text(source, &problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("nested more than 16") != std::string::npos);
  CHECK(plain_text(text) == "{{{{x}}}}");
}

// ---- plain text, images and links ----

TEST_CASE("rich text: plain text reads like the source without the markup") {
  CHECK(plain("# Title\n\nSome **bold** and [a link](x) and ![a cat](cat.png).") ==
        "Title\n\nSome bold and a link and a cat.");
  CHECK(plain("one  \ntwo") == "one\ntwo");
  CHECK(plain("$x^2 + x^{n+1} + H_2O + 3/4 + {a+b}/c + \\sqrt{2} + √(x+1)$") ==
        "x^2 + x^(n+1) + H_2O + 3/4 + (a+b)/c + √2 + √(x+1)");
  CHECK(plain("- a\n  - b\n\n    b more\n- c\n\n3. x\n4. y") == "• a\n  • b\n    b more\n• c\n\n3. x\n4. y");
  CHECK(plain("`code`") == "code");
  // A mixed number keeps its whole part apart from its fraction: "21/2" would read as twenty-one halves.
  CHECK(plain("$2\\frac{1}{2}$ and $3 1/4$") == "2 1/2 and 3 1/4");
}

TEST_CASE("rich text: images and links are listed in reading order") {
  RichText text = parse_rich_text(
      "![one](1.png) [first](a)\n\n- [second](b) ![two](2.png)\n  - ![three](3.png)\n\n"
      "**[third](c)**\n\n[![four](4.png)](d)");
  CHECK(rich_text_images(text) == std::vector<std::string>{"1.png", "2.png", "3.png", "4.png"});
  CHECK(rich_text_links(text) == std::vector<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("rich text: problems are capped") {
  std::vector<RichTextProblem> problems;
  parse_rich_text(repeat("**a\n\n", 500), &problems);
  CHECK(problems.size() == 101);
  CHECK(problems.back().message.find("more problems") != std::string::npos);
}

// ---- hostile input ----

TEST_CASE("rich text: pathological inputs finish quickly") {
  CHECK(seconds_to_parse(std::string(100000, '*')) < 2.0);
  CHECK(seconds_to_parse(repeat("* ", 50000)) < 2.0);
  CHECK(seconds_to_parse(repeat("*a", 50000)) < 2.0);
  CHECK(seconds_to_parse(repeat("a* ", 50000)) < 2.0);
  CHECK(seconds_to_parse(repeat("**a ", 50000)) < 2.0);
  CHECK(seconds_to_parse(repeat("_*", 50000)) < 2.0);
  CHECK(seconds_to_parse(std::string(100000, '[')) < 2.0);
  CHECK(seconds_to_parse(repeat("[", 10000) + repeat("](x)", 10000)) < 2.0);
  CHECK(seconds_to_parse(repeat("![", 10000) + "a" + repeat("](x)", 10000)) < 2.0);
  CHECK(seconds_to_parse(repeat("[a](", 20000)) < 2.0);
  CHECK(seconds_to_parse(std::string(5000, '$')) < 2.0);
  CHECK(seconds_to_parse(std::string(100001, '$')) < 2.0);
  CHECK(seconds_to_parse(repeat("$x", 50001)) < 2.0);
  CHECK(seconds_to_parse("$" + std::string(100000, '{') + "$") < 2.0);
  CHECK(seconds_to_parse("$" + std::string(50000, '(') + std::string(50000, ')') + "$") < 2.0);
  CHECK(seconds_to_parse("$" + repeat("x^", 50000) + "$") < 2.0);
  CHECK(seconds_to_parse(repeat("`", 100001)) < 2.0);
  CHECK(seconds_to_parse(repeat("\\", 100001)) < 2.0);
  CHECK(seconds_to_parse(repeat("a  \n", 50000)) < 2.0);
  CHECK(seconds_to_parse(repeat("# ##### \n", 20000)) < 2.0);
  std::string deep_list;
  for (int i = 0; i < 2000; ++i) deep_list += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- x\n";
  CHECK(seconds_to_parse(deep_list) < 2.0);
  CHECK(seconds_to_parse(repeat("- a\n  ", 20000)) < 2.0);
}

TEST_CASE("rich text: emphasis nested deeper than 16 levels is flattened, not recursed into") {
  std::string source = repeat("*a _b ", 20000) + "x" + repeat(" c_ d*", 20000);
  std::vector<RichTextProblem> problems;
  CHECK(seconds_to_parse(source, &problems) < 2.0);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 1);
  CHECK(problems[0].message == "bold and italic are nested more than 16 levels deep; the deeper levels are shown as plain text");
  RichText text = parse_rich_text(source);
  CHECK(plain_text(text) == repeat("a b ", 20000) + "x" + repeat(" c d", 20000));
  int depth = 0;
  const std::vector<Inline>* level = &text.blocks.at(0).inlines;
  for (bool found = true; found;) {
    found = false;
    for (const Inline& node : *level) {
      if (node.kind == InlineKind::italic) {
        ++depth;
        level = &node.children;
        found = true;
        break;
      }
    }
  }
  CHECK(depth == 16);
  CHECK(render("*a _b " + std::string("**c ") + "x" + " c** d_ e*") == "<p><i>a <i>b <b>c x c</b> d</i> e</i></p>");
}

TEST_CASE("rich text: invalid UTF-8 and control bytes are kept as text") {
  std::string bytes = "a\xFF\xFE b\xC3 \x01\x7F end";
  CHECK(render(bytes) == "<p>" + bytes + "</p>");
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (int round = 0; round < 3; ++round) all += all;
  CHECK(seconds_to_parse(all) < 2.0);
  CHECK(seconds_to_parse("$" + all + "$") < 2.0);
}
