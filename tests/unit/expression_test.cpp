#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "content/expression.h"

using pathwise::content::format_number;
using pathwise::content::parse_expression;
using pathwise::content::Variables;

namespace {

// The value of a formula that must parse and evaluate.
double value_of(const std::string& text, const Variables& variables = {}) {
  auto parse = parse_expression(text);
  INFO("formula: ", text, " parse error: ", parse.error);
  REQUIRE(parse.expression);
  auto evaluation = parse.expression->evaluate(variables);
  INFO("evaluation error: ", evaluation.error);
  REQUIRE(evaluation.ok);
  return evaluation.value;
}

// The evaluation error of a formula that must parse.
std::string evaluation_error(const std::string& text, const Variables& variables = {}) {
  auto parse = parse_expression(text);
  INFO("formula: ", text, " parse error: ", parse.error);
  REQUIRE(parse.expression);
  auto evaluation = parse.expression->evaluate(variables);
  CHECK_FALSE(evaluation.ok);
  return evaluation.error;
}

struct Case {
  const char* text;
  double expected;
};

struct ParseErrorCase {
  std::string text;
  std::string error;
  std::size_t offset;
};

void check_parse_errors(const std::vector<ParseErrorCase>& cases) {
  for (const ParseErrorCase& c : cases) {
    auto parse = parse_expression(c.text);
    INFO("formula: ", c.text);
    CHECK_FALSE(parse.expression);
    CHECK(parse.error == c.error);
    CHECK(parse.offset == c.offset);
  }
}

void check_values(const std::vector<Case>& cases, const Variables& variables = {}) {
  for (const Case& c : cases) {
    INFO("formula: ", std::string(c.text));
    CHECK(value_of(c.text, variables) == doctest::Approx(c.expected).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("expression precedence and associativity") {
  check_values({
      {"1 + 2 * 3", 7},       {"(1 + 2) * 3", 9},    {"10 - 4 - 3", 3},      {"100 / 10 / 5", 2},
      {"1 - 2 + 3", 2},       {"7 % 3 * 2", 2},      {"2 * 3 ^ 2", 18},      {"2 ^ 3 ^ 2", 512},
      {"2^3^0", 2},           {"-2 ^ 2", -4},        {"(-2) ^ 2", 4},        {"2 ^ -1", 0.5},
      {"-2 ^ -2", -0.25},     {"2 * -3", -6},        {"7 - -2", 9},          {"--2", 2},
      {"+-+2", -2},           {"-(2 + 3)", -5},      {"!0 + 1", 2},          {"!2", 0},
      {"!!5", 1},             {"!0 ^ 2", 1},         {"1 + 2 < 4", 1},       {"2 > 1 + 1", 0},
      {"1 < 2 == 1", 1},      {"1 == 1 && 2 > 3", 0}, {"0 || 1 && 0", 0},    {"1 || 0 && 0", 1},
      {"3 >= 3", 1},          {"3 <= 2", 0},         {"-3 % 2", -1},         {"7 % -3", 1},
      {".5 + 1e3 + 2.5E-1", 1000.75}, {"5.", 5},     {"1e+2 - 1e-2", 99.99}, {" \t1\n+\r1 ", 2},
  });
}

TEST_CASE("expression variables, constants and a template formula") {
  check_values({{"a * d / gcd(a*d, b)", 3}, {"a_1 + A", 11}}, {{"a", 2}, {"b", 4}, {"d", 3}, {"a_1", 10}, {"A", 1}});
  CHECK(value_of("pi") == doctest::Approx(3.141592653589793));
  CHECK(value_of("e") == doctest::Approx(2.718281828459045));
  // A variable of the same name overrides a constant: templates often name their fifth variable "e".
  CHECK(value_of("e + 1", {{"e", 5}}) == 6);
  CHECK(value_of("2 * pi", {{"pi", 3}}) == 6);
}

TEST_CASE("expression functions") {
  check_values({
      {"abs(-3)", 3},        {"abs(3)", 3},          {"min(3, 1, 2)", 1},      {"min(5)", 5},
      {"max(3, 9, 2)", 9},   {"max(-1)", -1},        {"floor(-2.5)", -3},      {"floor(2.7)", 2},
      {"ceil(-2.5)", -2},    {"ceil(2.1)", 3},       {"round(2.5)", 3},        {"round(-2.5)", -3},
      {"round(2.4)", 2},     {"round(-0.4)", 0},     {"sqrt(16)", 4},          {"sqrt(0)", 0},
      {"gcd(12, 18)", 6},    {"gcd(12, 18, 8)", 2},  {"gcd(-4, 6)", 2},        {"gcd(0, 5)", 5},
      {"gcd(0, 0)", 0},      {"lcm(4, 6)", 12},      {"lcm(2, 3, 4)", 12},     {"lcm(-4, 6)", 12},
      {"lcm(0, 5)", 0},      {"pow(2, 10)", 1024},   {"pow(-2, 3)", -8},       {"pow(0, 0)", 1},
      {"if(1, 2, 3)", 2},    {"if(0, 2, 3)", 3},     {"if(-0.5, 2, 3)", 2},    {"if(1, if(0, 1, 2), 3)", 2},
      {"if(0, 1, 2) + if(1, 10, 20)", 12},           {"max(1, min(2, 3)) * abs(-2)", 4},
      {"gcd(2^40, 6^20)", 1048576},
  });
}

TEST_CASE("expression if, && and || evaluate only what they need") {
  CHECK(value_of("if(b != 0, a / b, 0)", {{"a", 6}, {"b", 0}}) == 0);
  CHECK(value_of("if(b != 0, a / b, 0)", {{"a", 6}, {"b", 3}}) == 2);
  CHECK(value_of("if(1, 2, unknown_name)") == 2);
  CHECK(value_of("if(0, sqrt(-1), 7)") == 7);
  CHECK(value_of("0 && 1 / 0") == 0);
  CHECK(value_of("1 || 1 / 0") == 1);
  CHECK(value_of("b != 0 && a / b > 1", {{"a", 1}, {"b", 0}}) == 0);
  CHECK(value_of("5 && 3") == 1);
  CHECK(value_of("0 || -2") == 1);
  CHECK(value_of("0 || 0") == 0);
  CHECK(evaluation_error("1 && 1 / 0") == "division by zero in \"1 / 0\"");
  CHECK(evaluation_error("if(0, 1, 1 / 0)") == "division by zero in \"1 / 0\"");
}

TEST_CASE("expression == and != tolerate rounding, whole numbers compare exactly") {
  check_values({
      {"0.1 + 0.2 == 0.3", 1}, {"0.1 + 0.2 != 0.3", 0},  {"0.1 + 0.2 <= 0.3", 1}, {"0.1 + 0.2 >= 0.3", 1},
      {"0.1 + 0.2 > 0.3", 0},  {"0.3 < 0.1 + 0.2", 0},   {"(0.1 + 0.2) - 0.3 == 0", 1},
      {"0.1 * 3 == 0.3", 1},   {"1 == 1.000001", 0},     {"1000000000 != 1000000001", 1},
      {"1 / 3 * 3 == 1", 1},   {"2 < 3", 1},             {"3 > 2", 1},
  });
  CHECK(value_of("a != b && gcd(a, b) == 1", {{"a", 4}, {"b", 9}}) == 1);
  CHECK(value_of("a != b && gcd(a, b) == 1", {{"a", 4}, {"b", 6}}) == 0);
}

TEST_CASE("expression evaluation errors") {
  const Variables ab = {{"a", 1}, {"b", 2}};
  CHECK(evaluation_error("a / (b - b)", ab) == "division by zero in \"a / (b - b)\"");
  CHECK(evaluation_error("1 + a / (b - b)", ab) == "division by zero in \"a / (b - b)\"");
  CHECK(evaluation_error("5 % 0") == "division by zero in \"5 % 0\"");
  CHECK(evaluation_error("5 % 2.5") == "the remainder \"%\" needs whole numbers, got 2.5");
  CHECK(evaluation_error("5.5 % 2") == "the remainder \"%\" needs whole numbers, got 5.5");
  CHECK(evaluation_error("0 ^ -1") == "division by zero in \"0 ^ -1\"");
  CHECK(evaluation_error("pow(0, -2)") == "division by zero in \"pow(0, -2)\"");
  CHECK(evaluation_error("(-8)^(1/3)") ==
        "a negative number (-8) has no fractional power (0.3333333333) in \"(-8)^(1/3)\"");
  CHECK(evaluation_error("gcd(2.5, 5)") == "gcd needs whole numbers, got 2.5");
  CHECK(evaluation_error("lcm(4, 0.5)") == "lcm needs whole numbers, got 0.5");
  CHECK(evaluation_error("sqrt(-4)") == "sqrt needs a number that is not negative, got -4");
  CHECK(evaluation_error("a + c", ab) == "unknown name \"c\"");
  CHECK(evaluation_error("10^400") == "the result of \"10^400\" is too large");
  CHECK(evaluation_error("1e308 * 10 - 1") == "the result of \"1e308 * 10\" is too large");
  CHECK(evaluation_error("1 +\n  a / 0", ab) == "division by zero in \"a / 0\"");
  CHECK(evaluation_error("lcm(2^1000, 3^30)") == "the result of \"lcm(2^1000, 3^30)\" is too large");
  CHECK(evaluation_error("a", {{"a", std::numeric_limits<double>::quiet_NaN()}}) ==
        "the value of \"a\" is not a finite number");
  CHECK(evaluation_error("e", {{"e", std::numeric_limits<double>::infinity()}}) ==
        "the value of \"e\" is not a finite number");
}

TEST_CASE("expression parse errors say what and where") {
  check_parse_errors({
      {"", "the formula is empty", 0},
      {"   \t", "the formula is empty", 0},
      {"2 # 3", "unexpected character \"#\"", 2},
      {"a = b", "unexpected character \"=\"; write \"==\" instead", 2},
      {"a & b", "unexpected character \"&\"; write \"&&\" instead", 2},
      {"2 × 3", "unexpected character \"×\"; write \"*\" instead", 2},
      {"x ≤ 3", "unexpected character \"≤\"; write \"<=\" instead", 2},
      {"caf\xC3\xA9", "unexpected character (byte 0xC3); formulas use ASCII letters, digits and operators", 3},
      {std::string("1 +\0 2", 6), "unexpected character (byte 0x00); formulas use ASCII letters, digits and operators", 3},
      {"(1 + 2", "missing \")\" to close the \"(\" at character 1", 6},
      {"((1 + 2) * 3", "missing \")\" to close the \"(\" at character 1", 12},
      {"(1 2)", "missing \")\" to close the \"(\" at character 1", 3},
      {"gcd(1, 2", "missing \")\" to close \"gcd(\"", 8},
      {"foo(1)", "unknown function \"foo\"", 0},
      {"1 + e(2)", "unknown function \"e\"", 4},
      {"sqrt(1, 2)", "\"sqrt\" takes 1 argument, got 2", 0},
      {"abs()", "\"abs\" takes 1 argument, got 0", 0},
      {"gcd(1)", "\"gcd\" takes at least 2 arguments, got 1", 0},
      {"lcm()", "\"lcm\" takes at least 2 arguments, got 0", 0},
      {"min()", "\"min\" takes at least 1 argument, got 0", 0},
      {"2 * if(1, 2)", "\"if\" takes 3 arguments, got 2", 4},
      {"if(1, 2, 3, 4)", "\"if\" takes 3 arguments, got 4", 0},
      {"pow(1)", "\"pow\" takes 2 arguments, got 1", 0},
      {"1 2", "expected an operator such as \"*\" before \"2\"", 2},
      {"2a", "expected an operator such as \"*\" before \"a\"", 1},
      {"1.2.3", "expected an operator such as \"*\" before \".3\"", 3},
      {"1 + 2)", "this \")\" has no matching \"(\"", 5},
      {"1, 2", "a \",\" only separates the arguments of a function such as min(a, b)", 1},
      {"1 +", "the formula ends where a number, a name or \"(\" should follow", 3},
      {"-", "the formula ends where a number, a name or \"(\" should follow", 1},
      {"1 + * 2", "expected a number, a name or \"(\" but found \"*\"", 4},
      {"()", "expected a number, a name or \"(\" but found \")\"", 1},
      {"min(1,)", "expected a number, a name or \"(\" but found \")\"", 6},
      {"2 ^ ^ 3", "expected a number, a name or \"(\" but found \"^\"", 4},
      {"1 < x < 5", "comparisons cannot be chained; write \"a < b && b < c\", not \"a < b < c\"", 6},
      {"a == b != c", "comparisons cannot be chained; write \"a < b && b < c\", not \"a < b < c\"", 7},
      {"sqrt + 1", "\"sqrt\" is a function; write sqrt(...)", 0},
      {"1e", "the number \"1e\" needs digits after \"e\"", 0},
      {"2 * 3e+", "the number \"3e+\" needs digits after \"e\"", 4},
      {"1e999", "the number \"1e999\" is too large", 0},
      {std::string(2001, '1'), "the formula is longer than 2000 bytes", 2000},
      {std::string(65, '(') + "1" + std::string(65, ')'), "parentheses and function calls are nested more than 64 deep", 64},
  });
}

TEST_CASE("expression nesting limit counts parentheses and calls alike") {
  CHECK(value_of(std::string(64, '(') + "1" + std::string(64, ')')) == 1);
  std::string calls;
  for (int i = 0; i < 64; ++i) calls += "abs(";
  CHECK(value_of(calls + "-1" + std::string(64, ')')) == 1);
  auto parse = parse_expression("(" + calls + "-1" + std::string(65, ')'));
  CHECK(parse.error == "parentheses and function calls are nested more than 64 deep");
  CHECK(parse.offset == 253);
}

TEST_CASE("expression names are the variables used, sorted and unique") {
  auto parse = parse_expression("b * a_2 + gcd(a, b) + pi + e + max(x, a) + if(flag, 1, 0)");
  REQUIRE(parse.expression);
  CHECK(parse.expression->names() == std::vector<std::string>{"a", "a_2", "b", "flag", "x"});
  CHECK(parse.expression->source() == "b * a_2 + gcd(a, b) + pi + e + max(x, a) + if(flag, 1, 0)");
  auto constant = parse_expression("2 * pi");
  REQUIRE(constant.expression);
  CHECK(constant.expression->names().empty());
  CHECK(constant.error.empty());
}

TEST_CASE("expression evaluates again with other values; copies are independent") {
  auto parse = parse_expression("a * a - b");
  REQUIRE(parse.expression);
  const pathwise::content::Expression copy = *parse.expression;
  parse.expression.reset();
  CHECK(copy.evaluate({{"a", 3}, {"b", 1}}).value == 8);
  CHECK(copy.evaluate({{"a", -2}, {"b", 0}}).value == 4);
  CHECK(copy.evaluate({{"a", 1}}).error == "unknown name \"b\"");
}

TEST_CASE("format_number shows numbers as a student expects") {
  CHECK(format_number(3) == "3");
  CHECK(format_number(-42) == "-42");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(0.1 + 0.2) == "0.3");
  CHECK(format_number(1.0 / 3) == "0.3333333333");
  CHECK(format_number(2.0 / 3) == "0.6666666667");
  CHECK(format_number(-2.0 / 3) == "-0.6666666667");
  CHECK(format_number(2.50) == "2.5");
  CHECK(format_number(1e20) == "1e20");
  CHECK(format_number(-1.5e20) == "-1.5e20");
  CHECK(format_number(1.2345678901234e20) == "1.23456789e20");
  CHECK(format_number(1e15) == "1e15");
  CHECK(format_number(999999999999999.0) == "999999999999999");
  CHECK(format_number(123456789012.5) == "123456789013");
  CHECK(format_number(12345678.9012345) == "12345678.9");
  CHECK(format_number(123456.789) == "123456.789");
  CHECK(format_number(0.99999999999) == "1");
  CHECK(format_number(9.99999999999) == "10");
  CHECK(format_number(0.000123) == "0.000123");
  CHECK(format_number(1e-6) == "0.000001");
  CHECK(format_number(1.5e-7) == "1.5e-7");
  CHECK(format_number(5e-324) == "4.940656458e-324");
  CHECK(format_number(std::numeric_limits<double>::max()) == "1.797693135e308");
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "∞");
  CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-∞");
}

TEST_CASE("expression pathological inputs finish fast" * doctest::timeout(2)) {
  auto parens = parse_expression(std::string(2000, '('));
  CHECK(parens.error == "parentheses and function calls are nested more than 64 deep");
  auto minuses = parse_expression(std::string(2000, '-'));
  CHECK(minuses.error == "the formula ends where a number, a name or \"(\" should follow");
  CHECK(value_of(std::string(1999, '-') + "1") == -1);
  CHECK(value_of(std::string(1998, '!') + "0") == 0);

  std::string sum = "1";
  while (sum.size() + 2 <= 2000) sum += "+1";
  CHECK(value_of(sum) == 1000);
  std::string powers = "2";
  while (powers.size() + 2 <= 2000) powers += "^1";
  CHECK(value_of(powers) == 2);
  std::string towers = "2";
  while (towers.size() + 2 <= 2000) towers += "^2";
  CHECK(evaluation_error(towers).find("is too large") != std::string::npos);
  std::string ors = "0";
  while (ors.size() + 5 <= 2000) ors += "||1/0";
  CHECK(evaluation_error(ors) == "division by zero in \"1/0\"");
  std::string ifs;
  for (int i = 0; i < 60; ++i) ifs += "if(x,";
  ifs += "x";
  for (int i = 0; i < 60; ++i) ifs += ",0)";
  CHECK(value_of(ifs, {{"x", 7}}) == 7);
  CHECK(value_of(ifs, {{"x", 0}}) == 0);
  std::string arguments = "max(0";
  while (arguments.size() + 3 <= 1999) arguments += ",77";
  CHECK(value_of(arguments + ")") == 77);
  std::string name(2000, 'x');
  CHECK(parse_expression(name).expression->names().front().size() == 2000);
}

// A small deterministic fuzzer: random token soup must never crash (the sanitizer builds would tell), and
// every outcome is either a value or a message.
TEST_CASE("expression survives random token soup") {
  const char* const pieces[] = {"1", "0", "2.5", ".5", "1e3", "1e308", "a", "b", "pi", "e", "zz", "+", "-", "*",
                                "/", "%", "^", "!", "(", ")", ",", "==", "!=", "<", "<=", ">", ">=", "&&",
                                "||", "if(", "gcd(", "lcm(", "min(", "sqrt(", "pow(", "round(", " ", "#", "=",
                                "\xE2", "1e", "."};
  std::uint32_t state = 12345;
  auto next = [&] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  int parsed = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::uint32_t length = next() % 24;
    for (std::uint32_t i = 0; i < length; ++i) text += pieces[next() % (sizeof pieces / sizeof *pieces)];
    auto parse = parse_expression(text);
    if (!parse.expression) {
      CHECK_FALSE(parse.error.empty());
      CHECK(parse.offset <= text.size());
      continue;
    }
    ++parsed;
    auto evaluation = parse.expression->evaluate({{"a", 3}, {"b", -0.5}});
    if (evaluation.ok) CHECK(std::isfinite(evaluation.value));
    else CHECK_FALSE(evaluation.error.empty());
  }
  CHECK(parsed > 100);
}
