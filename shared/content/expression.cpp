#include "content/expression.h"

#include "content/diagnostic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pathwise::content {

namespace {

enum class Function : std::uint8_t { abs, min, max, floor, ceil, round, sqrt, gcd, lcm, pow, if_ };

constexpr std::uint32_t kUnlimited = 0xFFFFFFFFu;

struct FunctionInfo {
  std::string_view name;
  Function function;
  std::uint32_t min_arguments;
  std::uint32_t max_arguments;
};

constexpr FunctionInfo kFunctions[] = {
    {"abs", Function::abs, 1, 1},       {"min", Function::min, 1, kUnlimited}, {"max", Function::max, 1, kUnlimited},
    {"floor", Function::floor, 1, 1},   {"ceil", Function::ceil, 1, 1},        {"round", Function::round, 1, 1},
    {"sqrt", Function::sqrt, 1, 1},     {"gcd", Function::gcd, 2, kUnlimited}, {"lcm", Function::lcm, 2, kUnlimited},
    {"pow", Function::pow, 2, 2},       {"if", Function::if_, 3, 3},
};

struct Constant {
  std::string_view name;
  double value;
};
constexpr Constant kConstants[] = {{"pi", 3.14159265358979323846}, {"e", 2.71828182845904523536}};

// Whole numbers below 2^53 are exact in a double, so comparing them exactly is both safe and expected.
constexpr double kExactIntegerLimit = 9007199254740992.0;

const FunctionInfo* find_function(std::string_view name) {
  for (const FunctionInfo& info : kFunctions) {
    if (info.name == name) return &info;
  }
  return nullptr;
}


bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_whole(double x) { return std::floor(x) == x; }

// Generated values pass through fractions, so 0.1 + 0.2 must equal 0.3: a relative tolerance of 1e-9, and an
// absolute one of 1e-12 so that a cancellation such as (0.1 + 0.2) - 0.3 equals 0. Two whole numbers that a
// double holds exactly are compared exactly, so that a != b stays true for 1000000000 and 1000000001.
bool nearly_equal(double a, double b) {
  if (is_whole(a) && is_whole(b) && std::fabs(a) < kExactIntegerLimit && std::fabs(b) < kExactIntegerLimit) {
    return a == b;
  }
  double difference = std::fabs(a - b);
  return difference <= 1e-12 || difference <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

// Euclid on doubles: exact for whole numbers of any size, and at most a few thousand steps.
double gcd_of(double a, double b) {
  a = std::fabs(a);
  b = std::fabs(b);
  while (b != 0) {
    double rest = std::fmod(a, b);
    a = b;
    b = rest;
  }
  return a;
}

double lcm_of(double a, double b) { return (a == 0 || b == 0) ? 0.0 : std::fabs(a / gcd_of(a, b) * b); }

// An empty string when `out` holds base^exponent; otherwise why there is no real result.
std::string power(double base, double exponent, std::string_view text, double& out) {
  if (base == 0 && exponent < 0) return "division by zero in " + quoted(text);
  if (base < 0 && !is_whole(exponent)) {
    return "a negative number (" + format_number(base) + ") has no fractional power (" + format_number(exponent) +
           ") in " + quoted(text);
  }
  out = std::pow(base, exponent);
  return {};
}

std::string call_function(Function function, const double* args, std::size_t count, std::string_view text,
                          double& out) {
  switch (function) {
    case Function::abs: out = std::fabs(args[0]); break;
    case Function::floor: out = std::floor(args[0]); break;
    case Function::ceil: out = std::ceil(args[0]); break;
    case Function::round: out = std::round(args[0]); break;  // half away from zero, as taught in school
    case Function::sqrt:
      if (args[0] < 0) return "sqrt needs a number that is not negative, got " + format_number(args[0]);
      out = std::sqrt(args[0]);
      break;
    case Function::min: out = *std::min_element(args, args + count); break;
    case Function::max: out = *std::max_element(args, args + count); break;
    case Function::gcd:
    case Function::lcm: {
      const bool gcd = function == Function::gcd;
      for (std::size_t i = 0; i < count; ++i) {
        if (!is_whole(args[i])) return std::string(gcd ? "gcd" : "lcm") + " needs whole numbers, got " + format_number(args[i]);
      }
      out = std::fabs(args[0]);
      for (std::size_t i = 1; i < count; ++i) out = gcd ? gcd_of(out, args[i]) : lcm_of(out, args[i]);
      break;
    }
    case Function::pow: return power(args[0], args[1], text, out);
    case Function::if_: break;  // compiled to jumps, never called
  }
  return {};
}

std::string arity_message(const FunctionInfo& info, std::uint32_t count) {
  std::string needed = std::to_string(info.min_arguments);
  if (info.max_arguments == kUnlimited) needed = "at least " + needed;
  return quoted(info.name) + " takes " + needed + (info.min_arguments == 1 ? " argument" : " arguments") +
         ", got " + std::to_string(count);
}

// Authors paste formulas from documents and type what they would write on paper; name the usual suspects.
std::string unexpected_character(std::string_view rest) {
  static constexpr std::pair<std::string_view, std::string_view> kHints[] = {
      {"×", "*"}, {"·", "*"}, {"÷", "/"}, {"−", "-"}, {"≤", "<="}, {"≥", ">="}, {"≠", "!="},
      {"=", "=="}, {"&", "&&"}, {"|", "||"}};
  for (const auto& [written, meant] : kHints) {
    if (rest.substr(0, written.size()) == written) {
      return "unexpected character " + quoted(written) + "; write " + quoted(meant) + " instead";
    }
  }
  const auto byte = static_cast<unsigned char>(rest.front());
  if (byte > 0x20 && byte < 0x7F) return "unexpected character " + quoted(rest.substr(0, 1));
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(byte));  // a stray byte may not be valid UTF-8
  return std::string("unexpected character (byte ") + hex + "); formulas use ASCII letters, digits and operators";
}

}  // namespace

// Recursive descent over a token list, emitting postfix code. Recursion happens only for parentheses and
// calls, which are counted against kMaxExpressionNesting; prefix operators and "^" chains are loops.
class ExpressionParser {
 public:
  explicit ExpressionParser(std::string_view text) : text_(text) {}

  ExpressionParse run() {
    ExpressionParse parse;
    if (text_.size() > kMaxExpressionBytes) {
      fail(kMaxExpressionBytes, "the formula is longer than " + std::to_string(kMaxExpressionBytes) + " bytes");
    } else if (tokenize()) {
      if (peek().kind == TokenKind::end) {
        fail(0, "the formula is empty");
      } else {
        parse_binary(0);
        if (!failed_) check_end();
      }
    }
    if (failed_) {
      parse.error = std::move(error_);
      parse.offset = error_offset_;
      return parse;
    }
    std::sort(names_.begin(), names_.end());
    names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
    parse.expression = Expression(std::string(text_), std::move(code_), std::move(names_));
    return parse;
  }

 private:
  using Op = Expression::Op;
  using Instruction = Expression::Instruction;

  enum class TokenKind { number, name, symbol, end };
  struct Token {
    TokenKind kind = TokenKind::end;
    std::string_view text;
    std::size_t offset = 0;
    double number = 0.0;
  };
  struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
  };
  struct BinaryOperator {
    std::string_view symbol;
    int level;
    Op op;
  };
  static constexpr int kPowerLevel = 6;

  static const BinaryOperator* binary_operator(const Token& token, int level) {
    static constexpr BinaryOperator kOperators[] = {
        {"||", 0, Op::or_jump}, {"&&", 1, Op::and_jump}, {"==", 2, Op::equal},    {"!=", 2, Op::not_equal},
        {"<", 3, Op::less},     {"<=", 3, Op::less_equal}, {">", 3, Op::greater}, {">=", 3, Op::greater_equal},
        {"+", 4, Op::add},      {"-", 4, Op::subtract},  {"*", 5, Op::multiply}, {"/", 5, Op::divide},
        {"%", 5, Op::remainder}};
    if (token.kind != TokenKind::symbol) return nullptr;
    for (const BinaryOperator& candidate : kOperators) {
      if (candidate.level == level && candidate.symbol == token.text) return &candidate;
    }
    return nullptr;
  }

  static std::size_t symbol_length(std::string_view rest) {
    for (std::string_view pair : {"==", "!=", "<=", ">=", "&&", "||"}) {
      if (rest.substr(0, 2) == pair) return 2;
    }
    return std::string_view("+-*/%^(),<>!").find(rest.front()) != std::string_view::npos ? 1 : 0;
  }

  Span fail(std::size_t offset, std::string message) {
    if (!failed_) {
      failed_ = true;
      error_offset_ = offset;
      error_ = std::move(message);
    }
    return {};
  }

  bool tokenize() {
    std::size_t i = 0;
    for (;;) {
      while (i < text_.size() && is_space(text_[i])) ++i;
      if (i == text_.size()) {
        tokens_.push_back({TokenKind::end, {}, i, 0.0});
        return true;
      }
      const std::size_t start = i;
      const char c = text_[i];
      if (is_digit(c) || (c == '.' && i + 1 < text_.size() && is_digit(text_[i + 1]))) {
        if (!read_number(i)) return false;
      } else if (is_name_start(c)) {
        while (i < text_.size() && is_name_char(text_[i])) ++i;
        tokens_.push_back({TokenKind::name, text_.substr(start, i - start), start, 0.0});
      } else if (std::size_t length = symbol_length(text_.substr(i))) {
        i += length;
        tokens_.push_back({TokenKind::symbol, text_.substr(start, length), start, 0.0});
      } else {
        fail(i, unexpected_character(text_.substr(i)));
        return false;
      }
    }
  }

  // 12, 0.5, .5, 5., 1e3, 2.5E-4. strtod rounds correctly; the core never changes the "C" locale, and a
  // literal strtod does not read to the end is refused rather than misread.
  bool read_number(std::size_t& i) {
    const std::size_t start = i;
    auto digits = [&] {
      while (i < text_.size() && is_digit(text_[i])) ++i;
    };
    digits();
    if (i < text_.size() && text_[i] == '.') {
      ++i;
      digits();
    }
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      std::size_t after = i + 1;
      if (after < text_.size() && (text_[after] == '+' || text_[after] == '-')) ++after;
      if (after >= text_.size() || !is_digit(text_[after])) {
        fail(start, "the number " + quoted(text_.substr(start, after - start)) + " needs digits after \"e\"");
        return false;
      }
      i = after;
      digits();
    }
    const std::string literal(text_.substr(start, i - start));
    char* end = nullptr;
    const double value = std::strtod(literal.c_str(), &end);
    if (end != literal.c_str() + literal.size()) {
      fail(start, "the number " + quoted(literal) + " could not be read");
      return false;
    }
    if (!std::isfinite(value)) {
      fail(start, "the number " + quoted(literal) + " is too large");
      return false;
    }
    tokens_.push_back({TokenKind::number, text_.substr(start, i - start), start, value});
    return true;
  }

  const Token& peek() const { return tokens_[next_]; }
  bool at_symbol(std::string_view symbol) const {
    return peek().kind == TokenKind::symbol && peek().text == symbol;
  }
  const Token& take() {
    const Token& token = tokens_[next_];
    if (token.kind != TokenKind::end) ++next_;
    return token;
  }

  std::size_t emit(Op op, Span span, double number = 0.0) {
    Instruction instruction;
    instruction.op = op;
    instruction.begin = static_cast<std::uint16_t>(span.begin);
    instruction.end = static_cast<std::uint16_t>(span.end);
    instruction.number = number;
    code_.push_back(instruction);
    return code_.size() - 1;
  }

  bool enter(const Token& token) {
    if (++depth_ <= kMaxExpressionNesting) return true;
    fail(token.offset, "parentheses and function calls are nested more than " +
                           std::to_string(kMaxExpressionNesting) + " deep");
    return false;
  }

  void check_end() {
    const Token& token = peek();
    if (token.kind == TokenKind::end) return;
    if (token.text == ")") {
      fail(token.offset, "this \")\" has no matching \"(\"");
    } else if (token.text == ",") {
      fail(token.offset, "a \",\" only separates the arguments of a function such as min(a, b)");
    } else {
      fail(token.offset, "expected an operator such as \"*\" before " + quoted(token.text));
    }
  }

  // Left-associative binary operators, one precedence level per call. Comparisons do not chain: in
  // "1 < x < 5" the first comparison yields 1 or 0, which is never what the author meant.
  Span parse_binary(int level) {
    if (level == kPowerLevel) return parse_power_chain();
    Span left = parse_binary(level + 1);
    bool compared = false;
    while (!failed_) {
      const BinaryOperator* op = binary_operator(peek(), level);
      if (!op) break;
      const Token& symbol = take();
      if (level == 2 || level == 3) {
        if (compared) {
          return fail(symbol.offset, "comparisons cannot be chained; write \"a < b && b < c\", not \"a < b < c\"");
        }
        compared = true;
      }
      const bool short_circuit = op->op == Op::and_jump || op->op == Op::or_jump;
      const std::size_t jump = short_circuit ? emit(op->op, left) : 0;
      const Span right = parse_binary(level + 1);
      if (failed_) break;
      left.end = right.end;
      if (short_circuit) {
        emit(Op::truth, left);
        code_[jump].operand = static_cast<std::uint32_t>(code_.size());
      } else {
        emit(op->op, left);
      }
    }
    return left;
  }

  // Prefix operators and "^" without recursion, so that 2000 "-" or "2^2^...^2" cannot exhaust the stack.
  // Each link is prefixes + operand; link i computes prefixes_i(operand_i ^ link_{i+1}), so "-2^2" is
  // -(2^2) and "2^-1" is 2^(-1). Operands are emitted left to right, the operators afterwards right to left.
  Span parse_power_chain() {
    struct Link {
      std::size_t first_prefix = 0;
      std::size_t end_prefix = 0;
      Span operand;
    };
    std::vector<const Token*> prefixes;
    std::vector<Link> links;
    for (;;) {
      Link link;
      link.first_prefix = prefixes.size();
      while (at_symbol("-") || at_symbol("+") || at_symbol("!")) prefixes.push_back(&take());
      link.end_prefix = prefixes.size();
      link.operand = parse_primary();
      if (failed_) return {};
      links.push_back(link);
      if (!at_symbol("^")) break;
      take();
    }
    const std::size_t end = links.back().operand.end;
    for (std::size_t i = links.size(); i-- > 0;) {
      if (i + 1 < links.size()) emit(Op::power, {links[i].operand.begin, end});
      for (std::size_t p = links[i].end_prefix; p-- > links[i].first_prefix;) {
        const Token& prefix = *prefixes[p];
        if (prefix.text == "-") emit(Op::negate, {prefix.offset, end});
        if (prefix.text == "!") emit(Op::logical_not, {prefix.offset, end});
      }
    }
    const Link& first = links.front();
    return {first.first_prefix < first.end_prefix ? prefixes[first.first_prefix]->offset : first.operand.begin, end};
  }

  Span parse_primary() {
    const Token& token = peek();
    const Span span{token.offset, token.offset + token.text.size()};
    switch (token.kind) {
      case TokenKind::number:
        take();
        emit(Op::number, span, token.number);
        return span;
      case TokenKind::name:
        take();
        return at_symbol("(") ? parse_call(token) : parse_name(token, span);
      case TokenKind::symbol:
        if (token.text == "(") return parse_group();
        return fail(token.offset, "expected a number, a name or \"(\" but found " + quoted(token.text));
      case TokenKind::end: break;
    }
    return fail(token.offset, "the formula ends where a number, a name or \"(\" should follow");
  }

  Span parse_name(const Token& token, Span span) {
    if (find_function(token.text)) {
      return fail(token.offset, quoted(token.text) + " is a function; write " + std::string(token.text) + "(...)");
    }
    for (const Constant& constant : kConstants) {
      if (constant.name == token.text) {
        emit(Op::constant, span, constant.value);
        return span;
      }
    }
    emit(Op::variable, span);
    names_.emplace_back(token.text);
    return span;
  }

  Span parse_group() {
    const Token& open = take();
    if (!enter(open)) return {};
    parse_binary(0);
    if (failed_) return {};
    if (!at_symbol(")")) {
      return fail(peek().offset, "missing \")\" to close the \"(\" at character " + std::to_string(open.offset + 1));
    }
    --depth_;
    return {open.offset, take().offset + 1};
  }

  // "if" becomes jumps around its branches so that only the chosen one runs: cond JUMP_IF_FALSE a JUMP b.
  std::size_t link_if_branch(std::uint32_t count, std::size_t pending) {
    if (count == 1) return emit(Op::jump_if_false, {});
    if (count == 2) {
      const std::size_t jump = emit(Op::jump, {});
      code_[pending].operand = static_cast<std::uint32_t>(code_.size());
      return jump;
    }
    if (count == 3) code_[pending].operand = static_cast<std::uint32_t>(code_.size());
    return pending;  // more arguments: an error is reported below
  }

  Span parse_call(const Token& name) {
    const FunctionInfo* info = find_function(name.text);
    if (!info) return fail(name.offset, "unknown function " + quoted(name.text));
    if (!enter(name)) return {};
    take();
    std::uint32_t count = 0;
    std::size_t pending_jump = 0;
    if (!at_symbol(")")) {
      for (;;) {
        parse_binary(0);
        if (failed_) return {};
        ++count;
        if (info->function == Function::if_) pending_jump = link_if_branch(count, pending_jump);
        if (!at_symbol(",")) break;
        take();
      }
    }
    if (!at_symbol(")")) return fail(peek().offset, "missing \")\" to close " + quoted(std::string(name.text) + "("));
    const Span span{name.offset, take().offset + 1};
    --depth_;
    if (count < info->min_arguments || count > info->max_arguments) {
      return fail(name.offset, arity_message(*info, count));
    }
    if (info->function != Function::if_) {
      Instruction& call = code_[emit(Op::call, span)];
      call.function = static_cast<std::uint8_t>(info->function);
      call.operand = count;
    }
    return span;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t next_ = 0;
  int depth_ = 0;
  std::vector<Instruction> code_;
  std::vector<std::string> names_;
  bool failed_ = false;
  std::string error_;
  std::size_t error_offset_ = 0;
};

ExpressionParse parse_expression(std::string_view text) { return ExpressionParser(text).run(); }

std::string_view Expression::text_of(const Instruction& instruction) const {
  return std::string_view(source_).substr(instruction.begin, instruction.end - instruction.begin);
}

// The compiler guarantees that every step finds its operands on the stack and that jumps go forward, so this
// loop runs at most code_.size() steps.
Evaluation Expression::evaluate(const Variables& variables) const {
  Evaluation result;
  std::vector<double> stack;
  stack.reserve(code_.size());
  std::size_t pc = 0;
  while (pc < code_.size()) {
    const Instruction& step = code_[pc++];
    const std::string_view text = text_of(step);
    std::string error;
    double value = 0.0;
    switch (step.op) {
      case Op::number: stack.push_back(step.number); continue;
      case Op::variable:
      case Op::constant: {
        auto found = variables.find(text);
        if (found == variables.end()) {
          if (step.op == Op::variable) {
            result.error = "unknown name " + quoted(text);
            return result;
          }
          stack.push_back(step.number);
        } else if (!std::isfinite(found->second)) {
          result.error = "the value of " + quoted(text) + " is not a finite number";
          return result;
        } else {
          stack.push_back(found->second);
        }
        continue;
      }
      case Op::negate: stack.back() = -stack.back(); continue;
      case Op::logical_not: stack.back() = stack.back() == 0 ? 1.0 : 0.0; continue;
      case Op::truth: stack.back() = stack.back() != 0 ? 1.0 : 0.0; continue;
      case Op::jump: pc = step.operand; continue;
      case Op::jump_if_false:
      case Op::and_jump:
      case Op::or_jump: {
        // jump_if_false drops the condition; && and || leave their known answer when they skip the right side.
        const bool truth = stack.back() != 0;
        stack.pop_back();
        const bool skip = step.op == Op::or_jump ? truth : !truth;
        if (skip) {
          pc = step.operand;
          if (step.op != Op::jump_if_false) stack.push_back(truth ? 1.0 : 0.0);
        }
        continue;
      }
      case Op::call: {
        const std::size_t count = step.operand;
        error = call_function(static_cast<Function>(step.function), stack.data() + stack.size() - count, count,
                              text, value);
        stack.resize(stack.size() - count);
        break;
      }
      default: {
        const double b = stack.back();
        stack.pop_back();
        const double a = stack.back();
        stack.pop_back();
        switch (step.op) {
          case Op::add: value = a + b; break;
          case Op::subtract: value = a - b; break;
          case Op::multiply: value = a * b; break;
          case Op::divide:
            if (b == 0) error = "division by zero in " + quoted(text);
            else value = a / b;
            break;
          case Op::remainder:
            if (!is_whole(a) || !is_whole(b)) {
              error = "the remainder \"%\" needs whole numbers, got " + format_number(is_whole(a) ? b : a);
            } else if (b == 0) {
              error = "division by zero in " + quoted(text);
            } else {
              value = std::fmod(a, b);
            }
            break;
          case Op::power: error = power(a, b, text, value); break;
          case Op::equal: value = nearly_equal(a, b); break;
          case Op::not_equal: value = !nearly_equal(a, b); break;
          case Op::less: value = a < b && !nearly_equal(a, b); break;
          case Op::less_equal: value = a < b || nearly_equal(a, b); break;
          case Op::greater: value = a > b && !nearly_equal(a, b); break;
          case Op::greater_equal: value = a > b || nearly_equal(a, b); break;
          default: break;
        }
      }
    }
    if (!error.empty()) {
      result.error = std::move(error);
      return result;
    }
    if (!std::isfinite(value)) {
      result.error = "the result of " + quoted(text) + " is too large";
      return result;
    }
    stack.push_back(value);
  }
  result.ok = true;
  result.value = stack.back();
  return result;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-∞" : "∞";
  if (value == 0) return "0";  // also -0
  if (is_whole(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  // "%.9e" rounds correctly to 10 significant digits; the digits and exponent are then laid out by hand, so
  // the result does not depend on the locale's decimal point.
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.9e", std::fabs(value));
  std::string digits;
  const char* cursor = buffer;
  for (; *cursor != '\0' && *cursor != 'e'; ++cursor) {
    if (is_digit(*cursor)) digits += *cursor;
  }
  const int exponent = *cursor == 'e' ? std::atoi(cursor + 1) : 0;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  std::string text = value < 0 ? "-" : "";
  if (exponent < -6 || exponent >= 15) {
    text += digits.substr(0, 1);
    if (digits.size() > 1) text += "." + digits.substr(1);
    return text + "e" + std::to_string(exponent);
  }
  if (exponent < 0) return text + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  // More than 10 digits before the point: keep them all rather than show 123456789012.5 as 123456789000.
  if (exponent >= 10) return text + std::to_string(std::llround(std::fabs(value)));
  const auto whole_digits = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= whole_digits) return text + digits + std::string(whole_digits - digits.size(), '0');
  return text + digits.substr(0, whole_digits) + "." + digits.substr(whole_digits);
}

}  // namespace pathwise::content
