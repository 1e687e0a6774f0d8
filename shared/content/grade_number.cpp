// Numbers as students type them, and the number check that numeric and parameterized activities share
// (FORMAT.md, "numeric").
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <string>

#include "content/expression.h"
#include "content/grading.h"
#include "content/text_normalize.h"

namespace pathwise::content {

namespace {

using grading_detail::problem_grade;
using grading_detail::rich_text_literal;
using grading_detail::set_score;

// 18 digits always fit a long long (below 9.2 × 10^18), so no part of a typed number can overflow.
constexpr std::size_t kMaxDigits = 18;

// The Unicode vulgar fractions a phone keyboard or a copy from a worksheet may give.
struct VulgarFraction {
  std::string_view text;
  long long numerator;
  long long denominator;
};
constexpr VulgarFraction kVulgarFractions[] = {
    {"¼", 1, 4}, {"½", 1, 2}, {"¾", 3, 4}, {"⅐", 1, 7}, {"⅑", 1, 9}, {"⅒", 1, 10}, {"⅓", 1, 3},
    {"⅔", 2, 3}, {"⅕", 1, 5}, {"⅖", 2, 5}, {"⅗", 3, 5}, {"⅘", 4, 5}, {"⅙", 1, 6}, {"⅚", 5, 6},
    {"⅛", 1, 8}, {"⅜", 3, 8}, {"⅝", 5, 8}, {"⅞", 7, 8},
};

// What the number part of a typed answer says, before the sign and the unit.
struct Magnitude {
  long long numerator = 0;
  long long denominator = 1;
  bool is_fraction = false;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

long long digits_value(std::string_view digits) {
  long long value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

long long power_of_ten(std::size_t exponent) {
  long long value = 1;
  for (std::size_t i = 0; i < exponent; ++i) value *= 10;
  return value;
}

// A cursor over the (space-collapsed) typed text.
class NumberReader {
 public:
  explicit NumberReader(std::string_view text) : text_(text) {}

  std::size_t position() const { return position_; }
  void rewind(std::size_t position) { position_ = position; }
  std::string_view rest() const { return text_.substr(position_); }

  bool take(std::string_view token) {
    if (rest().substr(0, token.size()) != token) return false;
    position_ += token.size();
    return true;
  }
  bool skip_space() { return take(" "); }  // collapse_spaces left at most one
  bool take_slash() { return take("/") || take("⁄") || take("∕"); }  // also fraction slash and division slash
  bool at_digit() const { return position_ < text_.size() && is_digit(text_[position_]); }
  // A decimal separator with a digit after it.
  bool at_decimal_separator() const {
    return position_ + 1 < text_.size() && (text_[position_] == '.' || text_[position_] == ',') &&
           is_digit(text_[position_ + 1]);
  }

  std::string_view take_digits() {
    const std::size_t start = position_;
    while (at_digit()) ++position_;
    return text_.substr(start, position_ - start);
  }

  const VulgarFraction* take_vulgar_fraction() {
    for (const VulgarFraction& fraction : kVulgarFractions) {
      if (take(fraction.text)) return &fraction;
    }
    return nullptr;
  }

 private:
  std::string_view text_;
  std::size_t position_ = 0;
};

bool is_digit_string(std::string_view digits) { return !digits.empty() && digits.size() <= kMaxDigits; }

// "2,500": the comma may separate decimals (2.5) or thousands (2500). Refused rather than guessed; "0,500"
// cannot be a thousands group, and a dot is always a decimal point (FORMAT.md's own notation).
bool ambiguous_comma(std::string_view whole, std::string_view decimals) {
  const bool whole_is_zero = whole.find_first_not_of('0') == std::string_view::npos;
  return decimals.size() == 3 && whole.size() <= 3 && !whole_is_zero;
}

std::optional<Magnitude> read_decimal(NumberReader& in, std::string_view whole) {
  const bool comma = in.rest().front() == ',';
  in.take(comma ? "," : ".");
  const std::string_view decimals = in.take_digits();
  if (whole.size() + decimals.size() > kMaxDigits) return std::nullopt;
  if (comma && ambiguous_comma(whole, decimals)) return std::nullopt;
  const long long scale = power_of_ten(decimals.size());
  return Magnitude{digits_value(whole) * scale + digits_value(decimals), scale, false};
}

std::optional<Magnitude> mixed_number(long long whole, long long numerator, long long denominator) {
  // A mixed number's fraction is proper: "1 3/2" is more likely a slip than 2 1/2.
  if (denominator == 0 || numerator >= denominator) return std::nullopt;
  if (whole > (std::numeric_limits<long long>::max() - numerator) / denominator) return std::nullopt;
  return Magnitude{whole * denominator + numerator, denominator, true};
}

// The unsigned number at the cursor: a whole number, a decimal, a fraction, a mixed number or a vulgar
// fraction. Leaves the cursor after it.
std::optional<Magnitude> read_magnitude(NumberReader& in) {
  if (const VulgarFraction* vulgar = in.take_vulgar_fraction()) {
    return Magnitude{vulgar->numerator, vulgar->denominator, true};
  }
  if (in.at_decimal_separator()) return read_decimal(in, "");  // ".5", ",5"
  const std::string_view whole = in.take_digits();
  if (!is_digit_string(whole)) return std::nullopt;
  if (in.at_decimal_separator()) return read_decimal(in, whole);

  const std::size_t after_whole = in.position();
  const bool spaced = in.skip_space();
  if (in.take_slash()) {  // "3/4", "3 / 4"
    in.skip_space();
    const std::string_view denominator = in.take_digits();
    if (!is_digit_string(denominator) || digits_value(denominator) == 0) return std::nullopt;
    return Magnitude{digits_value(whole), digits_value(denominator), true};
  }
  if (const VulgarFraction* vulgar = in.take_vulgar_fraction()) {  // "1½", "1 ½"
    return mixed_number(digits_value(whole), vulgar->numerator, vulgar->denominator);
  }
  if (spaced && in.at_digit()) {  // "1 1/2"; anything else after a space and a digit is a digit group
    const std::string_view numerator = in.take_digits();
    in.skip_space();
    if (!in.take_slash()) return std::nullopt;
    in.skip_space();
    const std::string_view denominator = in.take_digits();
    if (!is_digit_string(numerator) || !is_digit_string(denominator)) return std::nullopt;
    return mixed_number(digits_value(whole), digits_value(numerator), digits_value(denominator));
  }
  in.rewind(after_whole);
  return Magnitude{digits_value(whole), 1, false};
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool starts_with_vulgar_fraction(std::string_view text) {
  for (const VulgarFraction& fraction : kVulgarFractions) {
    if (starts_with(text, fraction.text)) return true;
  }
  return false;
}

// Signs and separators that may come before the digits of a number.
std::size_t number_lead_length(std::string_view text) {
  std::size_t length = 0;
  while (length < text.size()) {
    const std::string_view rest = text.substr(length);
    if (rest[0] == '+' || rest[0] == '-' || rest[0] == '.' || rest[0] == ',') {
      length += 1;
    } else if (starts_with(rest, "−")) {
      length += std::string_view("−").size();
    } else {
      break;
    }
  }
  return length;
}

// A word that is (more of) a number: digits, possibly after signs, separators or an apostrophe (the Swiss
// thousands separator: "1'000"), or a vulgar fraction.
bool looks_numeric(std::string_view word) {
  std::string_view rest = word.substr(number_lead_length(word));
  for (std::string_view apostrophe : {"'", "’"}) {
    if (starts_with(rest, apostrophe)) rest.remove_prefix(apostrophe.size());
  }
  return (!rest.empty() && is_digit(rest[0])) || starts_with_vulgar_fraction(rest);
}

bool is_exponent(std::string_view word) {
  return word.size() > 1 && (word[0] == 'e' || word[0] == 'E') && looks_numeric(word.substr(1));
}

// What follows the number must be a unit. Its first word may not start with anything a number is made of
// ("3/4/5", "1,000.5", "1.000,5" leave such a rest), and no word may be a number or an exponent ("12 cm 5",
// "1'000", "1.5e3", "2 E-4"). Units with slashes and digits inside are fine: "km/h", "m/s2", "m²", and so is
// a unit that is a symbol: "%", "°C", "'" (feet).
bool is_unit(std::string_view unit) {
  if (unit.empty()) return true;
  if (number_lead_length(unit) > 0 || starts_with(unit, "/") || starts_with(unit, "⁄") || starts_with(unit, "∕")) {
    return false;
  }
  std::size_t start = 0;
  while (start < unit.size()) {
    std::size_t end = unit.find(' ', start);
    if (end == std::string_view::npos) end = unit.size();
    const std::string_view word = unit.substr(start, end - start);
    if (looks_numeric(word) || is_exponent(word)) return false;
    start = end + 1;
  }
  return true;
}

// ---- Checking -------------------------------------------------------------------------------------------------

// Within the author's tolerance, or equal up to floating-point rounding (the same rule as formulas' "==":
// 1e-9 relative, 1e-12 absolute). The rounding slack also keeps a tolerance's own boundary inside it.
bool within(double typed, double target, const Tolerance& tolerance) {
  const double difference = std::fabs(typed - target);
  const double slack = 1e-12 + 1e-9 * std::max(std::fabs(typed), std::fabs(target));
  return difference <= slack || difference <= tolerance.absolute + slack ||
         difference <= tolerance.relative * std::fabs(target) + slack;
}

std::string unit_key(std::string_view unit) {
  std::string key = fold_case(collapse_spaces(unit));
  if (!key.empty() && key.back() == '.') key.pop_back();  // "cm." at the end of a sentence
  return key;
}

// A number without a unit is accepted; so is any unit when the activity lists none (the unit is not part of
// the question: "12 apples" for 12).
bool unit_accepted(const NumberCheck& check, std::string_view typed_unit) {
  if (typed_unit.empty() || check.units.empty()) return true;
  const std::string typed = unit_key(typed_unit);
  for (const std::string& unit : check.units) {
    if (unit_key(unit) == typed) return true;
  }
  return false;
}

bool in_lowest_terms(const TypedNumber& number) {
  return number.denominator > 1 && std::gcd(std::llabs(number.numerator), number.denominator) == 1;
}

// ---- Display --------------------------------------------------------------------------------------------------

// Numbers as a student reads them: the same rule as the templates' placeholders (content/expression.h).
std::string decimal_text(double value) { return format_number(value); }

// The fraction in lowest terms equal to `value` up to rounding (1e-12 relative), with a denominator up to
// 10^5, found by continued fractions; "" when there is none, so an irrational answer shows as a decimal (its
// convergents with such denominators are at least ~1e-10 away).
std::string fraction_text(double value) {
  constexpr long long kMaxDenominator = 100000;
  const double magnitude = std::fabs(value);
  if (!(magnitude < 1e12)) return {};
  long long h_before = 0, h = 1, k_before = 1, k = 0;  // the last two convergents h/k
  double rest = magnitude;
  for (int step = 0; step < 64; ++step) {
    const double whole = std::floor(rest);
    const auto a = static_cast<long long>(whole);
    if (k != 0 && a > (kMaxDenominator - k_before) / k) break;
    const long long h_next = a * h + h_before, k_next = a * k + k_before;
    h_before = h, h = h_next, k_before = k, k = k_next;
    if (std::fabs(static_cast<double>(h) / static_cast<double>(k) - magnitude) <= 1e-12 * std::max(1.0, magnitude)) {
      std::string text = (value < 0 && h != 0 ? "-" : "") + std::to_string(h);
      return k == 1 ? text : text + "/" + std::to_string(k);
    }
    if (rest - whole < 1e-12) break;
    rest = 1.0 / (rest - whole);
  }
  return {};
}

std::string expected_number(const NumberCheck& check, double answer) {
  std::string text;
  if (check.form == NumberForm::fraction || check.form == NumberForm::simplest) text = fraction_text(answer);
  if (text.empty()) text = decimal_text(answer);
  if (!check.units.empty()) text += " " + check.units.front();
  return rich_text_literal(text);
}

void add_feedback(Grade& grade, const std::string& text) {
  if (!text.empty()) grade.feedback.push_back(text);
}

// The right value, judged on how it is written: a decimal where a fraction is asked for scores 0, an
// unsimplified fraction where the simplest is asked for scores 0.5, a fraction where a decimal is asked for
// scores 0. A whole number passes every form (it is the fraction n/1 in lowest terms, and a decimal).
void grade_right_value(const NumberCheck& check, const TypedNumber& number, Grade& grade) {
  const bool decimal = !number.is_fraction && number.denominator != 1;
  if (check.form == NumberForm::decimal && number.is_fraction) {
    set_score(grade, 0.0);
    add_feedback(grade, "Right amount, but write it as a decimal.");
  } else if ((check.form == NumberForm::fraction || check.form == NumberForm::simplest) && decimal) {
    set_score(grade, 0.0);
    add_feedback(grade, "Write it as a fraction.");
  } else if (check.form == NumberForm::simplest && number.is_fraction && !in_lowest_terms(number)) {
    set_score(grade, 0.5);
    add_feedback(grade, "Right, but it can be simplified.");
  } else {
    set_score(grade, 1.0);
  }
}

}  // namespace

std::optional<TypedNumber> parse_typed_number(std::string_view text) {
  const std::string clean = collapse_spaces(text);
  NumberReader in(clean);
  const bool negative = in.take("-") || in.take("−");
  if (!negative) in.take("+");
  in.skip_space();
  const std::optional<Magnitude> magnitude = read_magnitude(in);
  if (!magnitude) return std::nullopt;
  in.skip_space();
  std::string_view unit = in.rest();
  if (unit == ".") unit = {};  // "12." ends a sentence
  if (!is_unit(unit)) return std::nullopt;

  TypedNumber number;
  number.is_fraction = magnitude->is_fraction;
  number.numerator = negative ? -magnitude->numerator : magnitude->numerator;
  number.denominator = magnitude->denominator;
  number.value = static_cast<double>(number.numerator) / static_cast<double>(number.denominator);
  if (number.value == 0) number.value = 0;  // no -0
  number.unit = std::string(unit);
  return number;
}

Grade grade_number(const NumberCheck& check, double answer, const std::vector<WrongNumber>& wrong_answers,
                   std::string_view typed) {
  if (!std::isfinite(answer)) {
    return problem_grade("this problem's answer is not a finite number, so nothing can match it");
  }
  if (collapse_spaces(typed).empty()) return problem_grade("the answer is empty: type a number");
  const std::optional<TypedNumber> number = parse_typed_number(typed);
  if (!number) {
    return problem_grade("this is not a number Pathwise can read: write it like 0.75, 0,75, 3/4 or 1 1/2, without "
                         "spaces or commas between thousands");
  }

  Grade grade;
  grade.expected = expected_number(check, answer);
  if (!unit_accepted(check, number->unit)) {
    set_score(grade, 0.0);
    add_feedback(grade, "Check the unit: the answer is in " + rich_text_literal(check.units.front()) + ".");
    return grade;
  }
  if (within(number->value, answer, check.tolerance)) {
    grade_right_value(check, *number, grade);
    return grade;
  }
  set_score(grade, 0.0);
  for (const WrongNumber& wrong : wrong_answers) {
    if (within(number->value, wrong.value, check.tolerance)) {
      add_feedback(grade, wrong.feedback);
      grade.misconception = wrong.misconception;
      break;
    }
  }
  return grade;
}

namespace grading_detail {

Grade grade_numeric(const Numeric& activity, const Response& response) {
  if (response.texts.size() != 1) {
    return problem_grade("a numeric answer is one typed text; the response has " +
                         std::to_string(response.texts.size()));
  }
  return grade_number(activity.check, activity.answer, activity.wrong_answers, response.texts.front());
}

}  // namespace grading_detail

}  // namespace pathwise::content
