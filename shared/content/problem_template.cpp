#include "content/problem_template.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "content/seeded_random.h"

namespace pathwise::content {

namespace {


std::uint64_t value_count(const VariableSpec& spec) {
  if (!spec.choices.empty()) return spec.choices.size();
  if (spec.step <= 0 || spec.max < spec.min) return 1;
  return static_cast<std::uint64_t>(std::floor((spec.max - spec.min) / spec.step + 1e-9)) + 1;
}

double value_at(const VariableSpec& spec, std::uint64_t index) {
  if (!spec.choices.empty()) return spec.choices[index];
  double value = spec.min + static_cast<double>(index) * spec.step;
  // 0.1 * 3 is 0.30000000000000004; a step's values are meant to be exact decimals.
  return std::round(value * 1e9) / 1e9;
}

std::vector<VariableSpec> specs_for_level(const Parameterized& payload, std::size_t level) {
  std::vector<VariableSpec> specs = payload.variables;
  if (level < payload.levels.size()) {
    for (const VariableSpec& override_spec : payload.levels[level].overrides) {
      for (VariableSpec& spec : specs) {
        if (spec.name == override_spec.name) spec = override_spec;
      }
    }
  }
  return specs;
}

// The template's formulas, parsed once.
struct Compiled {
  std::vector<Expression> variable_constraints;  // use variables only: checked before derived values
  std::vector<Expression> derived_constraints;   // use derived values: checked after them
  std::vector<std::pair<std::string, Expression>> derived;
  std::optional<Expression> answer;
  std::vector<std::optional<Expression>> wrong_answers;
  std::vector<TemplateProblem> problems;  // formulas that do not parse or name unknown things
};

Compiled compile(const Parameterized& payload) {
  Compiled compiled;
  std::set<std::string> variables;
  for (const VariableSpec& spec : payload.variables) variables.insert(spec.name);
  std::set<std::string> known = variables;
  auto parse = [&](const std::string& text, const std::string& field, const std::string& what,
                   const std::set<std::string>& names) -> std::optional<Expression> {
    ExpressionParse result = parse_expression(text);
    if (!result.expression) {
      compiled.problems.push_back({Severity::error, field,
                                   what + " " + quoted(text) + " is not a formula: " + result.error + " (at character " +
                                       std::to_string(result.offset + 1) + ")"});
      return std::nullopt;
    }
    for (const std::string& name : result.expression->names()) {
      if (!names.count(name)) {
        compiled.problems.push_back({Severity::error, field,
                                     what + " " + quoted(text) + " uses " + quoted(name) +
                                         ", which is not a variable or a derived value defined before it"});
        return std::nullopt;
      }
    }
    return result.expression;
  };
  for (const NamedFormula& formula : payload.derived) {
    if (known.count(formula.name)) {
      compiled.problems.push_back({Severity::error, "derived", "the name " + quoted(formula.name) + " is defined twice"});
      continue;
    }
    if (auto expression = parse(formula.formula, "derived", "the derived value " + quoted(formula.name), known)) {
      compiled.derived.emplace_back(formula.name, std::move(*expression));
    }
    known.insert(formula.name);
  }
  for (const std::string& constraint : payload.constraints) {
    if (auto expression = parse(constraint, "constraints", "the constraint", known)) {
      bool uses_derived = std::any_of(expression->names().begin(), expression->names().end(),
                                      [&](const std::string& name) { return !variables.count(name); });
      (uses_derived ? compiled.derived_constraints : compiled.variable_constraints).push_back(std::move(*expression));
    }
  }
  compiled.answer = parse(payload.answer, "answer", "the answer", known);
  for (const WrongNumber& wrong : payload.wrong_answers) {
    compiled.wrong_answers.push_back(parse(wrong.formula, "wrong_answers", "the wrong-answer formula", known));
  }
  return compiled;
}

enum class DrawOutcome { accepted, rejected, failed };

struct Draw {
  DrawOutcome outcome = DrawOutcome::rejected;
  Variables values;
  std::vector<std::pair<std::string, double>> ordered;
  double answer = 0.0;
  std::vector<double> wrong_values;
  std::string failed_field;  // when failed
  std::string failure;
};

bool holds(const std::vector<Expression>& constraints, const Variables& values, Draw& draw) {
  for (const Expression& constraint : constraints) {
    Evaluation evaluation = constraint.evaluate(values);
    if (!evaluation.ok) {
      draw.outcome = DrawOutcome::failed;
      draw.failed_field = "constraints";
      draw.failure = "the constraint " + quoted(constraint.source()) + " fails: " + evaluation.error;
      return false;
    }
    if (evaluation.value == 0.0) return false;
  }
  return true;
}

// Evaluates everything for one assignment of the variables.
Draw evaluate(const Compiled& compiled, const std::vector<VariableSpec>& specs, const std::vector<double>& chosen) {
  Draw draw;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    draw.values[specs[i].name] = chosen[i];
    draw.ordered.emplace_back(specs[i].name, chosen[i]);
  }
  if (!holds(compiled.variable_constraints, draw.values, draw)) return draw;
  for (const auto& [name, expression] : compiled.derived) {
    Evaluation evaluation = expression.evaluate(draw.values);
    if (!evaluation.ok) {
      draw.outcome = DrawOutcome::failed;
      draw.failed_field = "derived";
      draw.failure = "the derived value " + quoted(name) + " fails: " + evaluation.error;
      return draw;
    }
    draw.values[name] = evaluation.value;
    draw.ordered.emplace_back(name, evaluation.value);
  }
  if (!holds(compiled.derived_constraints, draw.values, draw)) return draw;
  auto compute = [&](const Expression& expression, const std::string& field, const std::string& what, double& out) {
    Evaluation evaluation = expression.evaluate(draw.values);
    if (evaluation.ok && !std::isfinite(evaluation.value)) {
      evaluation.ok = false;
      evaluation.error = "the result is not a number";
    }
    if (!evaluation.ok) {
      draw.outcome = DrawOutcome::failed;
      draw.failed_field = field;
      draw.failure = what + " " + quoted(expression.source()) + " fails: " + evaluation.error;
      return false;
    }
    out = evaluation.value;
    return true;
  };
  if (compiled.answer && !compute(*compiled.answer, "answer", "the answer", draw.answer)) return draw;
  for (const std::optional<Expression>& wrong : compiled.wrong_answers) {
    double value = 0.0;
    if (wrong && !compute(*wrong, "wrong_answers", "the wrong-answer formula", value)) return draw;
    draw.wrong_values.push_back(value);
  }
  draw.outcome = DrawOutcome::accepted;
  return draw;
}

std::vector<double> random_assignment(const std::vector<VariableSpec>& specs, SplitMix64& random) {
  std::vector<double> chosen;
  for (const VariableSpec& spec : specs) chosen.push_back(value_at(spec, random.below(value_count(spec))));
  return chosen;
}

std::string describe_values(const std::vector<std::pair<std::string, double>>& values, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < values.size() && i < count; ++i) {
    if (!text.empty()) text += ", ";
    text += values[i].first + "=" + format_number(values[i].second);
  }
  return text;
}

std::string level_name(const Parameterized& payload, std::size_t level) {
  if (payload.levels.size() <= 1) return "";
  return " at level " + std::to_string(level + 1) + " (difficulty " + format_number(payload.levels[level].difficulty) + ")";
}

// Placeholder names in a text, for the validator.
void check_placeholders(const std::string& text, const std::string& field, const Variables& known,
                        std::vector<TemplateProblem>& problems) {
  std::vector<std::string> unknown;
  fill_placeholders(text, known, &unknown);
  for (const std::string& name : unknown) {
    problems.push_back({Severity::error, field, "{{" + name + "}} names no variable or derived value of this template"});
  }
}

}  // namespace

std::string fill_placeholders(std::string_view text, const Variables& values, std::vector<std::string>* unknown) {
  std::string result;
  result.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "{{") == 0) {
      std::size_t end = text.find("}}", i + 2);
      std::string_view name = end == std::string_view::npos ? std::string_view() : text.substr(i + 2, end - i - 2);
      bool is_name = !name.empty() && name.size() <= 64 &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                     });
      if (is_name) {
        auto found = values.find(name);
        if (found != values.end()) {
          result += format_number(found->second);
        } else {
          result.append(text.substr(i, end + 2 - i));
          if (unknown) unknown->emplace_back(name);
        }
        i = end + 2;
        continue;
      }
    }
    result += text[i++];
  }
  return result;
}

Generation generate_problem(const Activity& activity, std::size_t level, std::uint64_t seed) {
  Generation generation;
  const auto* payload = std::get_if<Parameterized>(&activity.payload);
  if (!payload) {
    generation.error = "this activity is not a parameterized template";
    return generation;
  }
  level = payload->levels.empty() ? 0 : std::min(level, payload->levels.size() - 1);
  Compiled compiled = compile(*payload);
  if (!compiled.problems.empty()) {
    generation.error = compiled.problems.front().message;
    return generation;
  }
  std::vector<VariableSpec> specs = specs_for_level(*payload, level);
  // Mix the level into the seed so that levels do not share their draws.
  SplitMix64 random(seed ^ (0xA0761D6478BD642Full * (level + 1)));
  for (int attempt = 0; attempt < kMaxDraws; ++attempt) {
    Draw draw = evaluate(compiled, specs, random_assignment(specs, random));
    if (draw.outcome == DrawOutcome::rejected) continue;
    if (draw.outcome == DrawOutcome::failed) {
      generation.error = draw.failure + " for " + describe_values(draw.ordered, specs.size());
      return generation;
    }
    GeneratedProblem problem;
    problem.level = level;
    problem.seed = seed;
    problem.values = draw.ordered;
    problem.prompt = fill_placeholders(activity.prompt, draw.values);
    for (const std::string& hint : activity.hints) problem.hints.push_back(fill_placeholders(hint, draw.values));
    problem.explanation = fill_placeholders(activity.explanation, draw.values);
    problem.feedback_correct = fill_placeholders(activity.feedback_correct, draw.values);
    problem.feedback_incorrect = fill_placeholders(activity.feedback_incorrect, draw.values);
    problem.answer = draw.answer;
    for (std::size_t i = 0; i < payload->wrong_answers.size(); ++i) {
      WrongNumber wrong = payload->wrong_answers[i];
      wrong.value = draw.wrong_values[i];
      wrong.feedback = fill_placeholders(wrong.feedback, draw.values);
      problem.wrong_answers.push_back(std::move(wrong));
    }
    problem.variant = describe_values(draw.ordered, specs.size());
    generation.problem = std::move(problem);
    return generation;
  }
  generation.error = "no values satisfied the constraints in " + std::to_string(kMaxDraws) + " draws";
  return generation;
}

std::vector<TemplateProblem> check_template(const Activity& activity) {
  const auto* payload = std::get_if<Parameterized>(&activity.payload);
  if (!payload) return {};
  Compiled compiled = compile(*payload);
  std::vector<TemplateProblem> problems = compiled.problems;

  Variables names;
  for (const VariableSpec& spec : payload->variables) names[spec.name] = 0;
  for (const NamedFormula& formula : payload->derived) names[formula.name] = 0;
  check_placeholders(activity.prompt, "prompt", names, problems);
  check_placeholders(activity.explanation, "explanation", names, problems);
  for (const std::string& hint : activity.hints) check_placeholders(hint, "hints", names, problems);
  check_placeholders(activity.feedback_correct, "feedback", names, problems);
  check_placeholders(activity.feedback_incorrect, "feedback", names, problems);
  for (const WrongNumber& wrong : payload->wrong_answers) check_placeholders(wrong.feedback, "wrong_answers", names, problems);
  if (!problems.empty()) return problems;  // sampling would only repeat these

  for (std::size_t level = 0; level < payload->levels.size(); ++level) {
    std::vector<VariableSpec> specs = specs_for_level(*payload, level);
    double combinations = 1.0;
    for (const VariableSpec& spec : specs) combinations *= static_cast<double>(value_count(spec));
    bool exhaustive = combinations <= static_cast<double>(kExhaustiveDraws);
    long draws = exhaustive ? static_cast<long>(combinations) : kSampledDraws;
    SplitMix64 random(0x5EEDull + level);
    long accepted = 0;
    std::set<std::string> reported_fields;
    for (long n = 0; n < draws; ++n) {
      std::vector<double> chosen;
      if (exhaustive) {
        // Mixed-radix counting walks every combination once.
        auto rest = static_cast<std::uint64_t>(n);
        for (const VariableSpec& spec : specs) {
          std::uint64_t count = value_count(spec);
          chosen.push_back(value_at(spec, rest % count));
          rest /= count;
        }
      } else {
        chosen = random_assignment(specs, random);
      }
      Draw draw = evaluate(compiled, specs, chosen);
      if (draw.outcome == DrawOutcome::accepted) ++accepted;
      if (draw.outcome == DrawOutcome::failed && reported_fields.insert(draw.failed_field).second) {
        problems.push_back({Severity::error, draw.failed_field,
                            draw.failure + level_name(*payload, level) + " for " +
                                describe_values(draw.ordered, specs.size())});
      }
    }
    std::string checked = exhaustive ? "all " + std::to_string(draws) + " combinations" : std::to_string(draws) + " random draws";
    if (accepted == 0) {
      problems.push_back({Severity::error, "constraints",
                          "the constraints never all hold" + level_name(*payload, level) + " (checked " + checked + ")"});
    } else if (static_cast<double>(accepted) / static_cast<double>(draws) < 0.01) {
      problems.push_back({Severity::error, "constraints",
                          "the constraints hold for only " + std::to_string(accepted) + " of " + checked +
                              level_name(*payload, level) + ", so the generator may give up: change the ranges or the constraints so that more values satisfy them"});
    }
  }
  return problems;
}

}  // namespace pathwise::content
