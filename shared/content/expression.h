// Arithmetic formulas for parameterized problem templates: "a * d / gcd(a*d, b)" to compute an answer,
// "a != b && gcd(a, b) == 1" to constrain the values a seeded generator picks. Formulas come from course
// bundles, which are untrusted: parsing is bounded in size and nesting, and a formula is compiled once into
// a flat postfix program whose jumps only go forward, so evaluation neither recurses nor loops. Every
// failure is a value with a plain sentence, never an exception or a crash.
//
// Grammar, loosest binding first (all binary operators left-associative except "^"):
//   a || b            1 if either side is non-zero, else 0; b is not evaluated when a is non-zero
//   a && b            1 if both sides are non-zero, else 0; b is not evaluated when a is zero
//   a == b, a != b    1 or 0; equal means within 1e-9 relative (or 1e-12 absolute) difference, so that
//                     0.1 + 0.2 == 0.3; two whole numbers below 2^53 compare exactly
//   a < b, <=, >, >=  1 or 0; consistent with "==" (a <= b is a < b or a == b). Neither level chains:
//                     "1 < x < 5" and "a == b == c" are errors; write "1 < x && x < 5"
//   a + b, a - b
//   a * b, a / b, a % b   % is the remainder of whole numbers with the dividend's sign (-7 % 3 = -1)
//   -a, +a, !a        prefix; !a is 1 when a is zero, else 0
//   a ^ b             power, right-associative and tighter than prefix minus: -2^2 = -4, 2^3^2 = 512
//   (a), 12, 0.5, .5, 1e3, names, calls f(x, ...)
// Functions: abs, floor, ceil, round (half away from zero), sqrt, min and max (one or more arguments),
// gcd and lcm (two or more whole numbers), pow(a, b), if(condition, then, else) which evaluates only the
// chosen branch. Constants pi and e, which a variable of the same name overrides (templates often call a
// variable "e"). Function names cannot be used as variable names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pathwise::content {

using Variables = std::map<std::string, double, std::less<>>;

struct Evaluation {
  bool ok = false;
  double value = 0.0;
  std::string error;  // when !ok: one plain sentence, lower-case start, e.g. "unknown name \"c\""
};

class Expression {
 public:
  Evaluation evaluate(const Variables& variables) const;
  // The variable names the formula uses, sorted and unique (no function names, no constants pi and e).
  const std::vector<std::string>& names() const { return names_; }
  const std::string& source() const { return source_; }

 private:
  friend class ExpressionParser;

  enum class Op : std::uint8_t {
    number, variable, constant, negate, logical_not,
    add, subtract, multiply, divide, remainder, power,
    equal, not_equal, less, less_equal, greater, greater_equal,
    and_jump, or_jump, truth, jump_if_false, jump, call,
  };
  struct Instruction {
    Op op = Op::number;
    std::uint8_t function = 0;  // call: which function
    std::uint16_t begin = 0;    // the source text this step computes, for names and error messages
    std::uint16_t end = 0;
    std::uint32_t operand = 0;  // call: argument count; jumps: target index (always forward)
    double number = 0.0;        // number and constant
  };

  Expression(std::string source, std::vector<Instruction> code, std::vector<std::string> names)
      : source_(std::move(source)), code_(std::move(code)), names_(std::move(names)) {}
  std::string_view text_of(const Instruction& instruction) const;

  std::string source_;
  std::vector<Instruction> code_;
  std::vector<std::string> names_;
};

struct ExpressionParse {
  std::optional<Expression> expression;  // empty when the text is not a formula
  std::string error;                     // then: one plain sentence, e.g. "missing \")\" ..."
  std::size_t offset = 0;                // then: byte offset of the problem in the text
};

constexpr std::size_t kMaxExpressionBytes = 2000;  // longer text is refused before parsing
constexpr int kMaxExpressionNesting = 64;          // parentheses and calls inside each other

ExpressionParse parse_expression(std::string_view text);

// A number as a student should see it: whole numbers without ".0" (exactly, below 10^15); otherwise at most
// 10 significant digits with trailing zeros trimmed, so 0.1 + 0.2 shows as "0.3", but never fewer than the
// digits before the point. Plain decimals for magnitudes in [1e-6, 1e15), "1.5e20" style outside. -0 shows
// as "0"; NaN and infinities (which evaluate() never returns) as "NaN", "∞", "-∞".
std::string format_number(double value);

}  // namespace pathwise::content
