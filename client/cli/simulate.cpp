// `pathwise simulate`: simulated students learning a course under a path policy (shared/path/simulate.h), so
// that authors and we can see what the adaptive engine buys over textbook order on a real course.
#include <cerrno>
#include <cstdlib>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/cli.h"
#include "content/bundle.h"
#include "path/simulate.h"

namespace pathwise::cli {

namespace {

const char* const kSimulateUsage =
    "usage: pathwise simulate --course FILE --students N --seed S --policy adaptive|linear|random\n"
    "                         [--budget N] [--json]\n";

bool parse_count(const std::string& text, long long min, long long max, long long& out) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || value < min || value > max) return false;
  out = value;
  return true;
}

const char* policy_name(path::Policy policy) {
  switch (policy) {
    case path::Policy::adaptive: return "adaptive";
    case path::Policy::linear: return "linear";
    case path::Policy::random: return "random";
  }
  return "?";
}

}  // namespace

int run_simulate(const std::vector<std::string>& args) {
  std::string course_file;
  path::SimulationOptions options;
  bool json = false, have_students = false, have_seed = false, have_policy = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string text;
    long long number = 0;
    if (arg == "--json") {
      json = true;
    } else if (arg == "--course") {
      if (!value(course_file)) break;
    } else if (arg == "--students" || arg == "--budget") {
      if (!value(text) || !parse_count(text, 1, arg == "--students" ? 100000 : 10000000, number)) {
        std::fprintf(stderr, "pathwise simulate: %s needs a whole number%s, not \"%s\"\n", arg.c_str(),
                     arg == "--students" ? " from 1 to 100000" : " from 1 to 10000000", text.c_str());
        return kExitUnusable;
      }
      (arg == "--students" ? options.students : options.budget) = static_cast<int>(number);
      have_students = have_students || arg == "--students";
    } else if (arg == "--seed") {
      if (!value(text) || !parse_count(text, 0, 9223372036854775807LL, number)) {
        std::fprintf(stderr, "pathwise simulate: --seed needs a whole number of 0 or more, not \"%s\"\n", text.c_str());
        return kExitUnusable;
      }
      options.seed = static_cast<std::uint64_t>(number);
      have_seed = true;
    } else if (arg == "--policy") {
      value(text);
      if (text == "adaptive") options.policy = path::Policy::adaptive;
      else if (text == "linear") options.policy = path::Policy::linear;
      else if (text == "random") options.policy = path::Policy::random;
      else {
        std::fprintf(stderr, "pathwise simulate: --policy is adaptive, linear or random, not \"%s\"\n", text.c_str());
        return kExitUnusable;
      }
      have_policy = true;
    } else {
      std::fprintf(stderr, "pathwise simulate: unknown option \"%s\"\n%s", arg.c_str(), kSimulateUsage);
      return kExitUnusable;
    }
  }
  if (course_file.empty() || !have_students || !have_seed || !have_policy) {
    std::fprintf(stderr, "pathwise simulate: --course, --students, --seed and --policy are required\n%s",
                 kSimulateUsage);
    return kExitUnusable;
  }

  FileText text = read_file(course_file, content::BundleOptions{}.max_bytes);
  if (!text.text) {
    std::fprintf(stderr, "%s: cannot read this file: %s\n", course_file.c_str(), text.error.c_str());
    return kExitUnusable;
  }
  content::BundleParse parse = content::parse_bundle(*text.text, course_file);
  if (!parse.bundle) {
    for (const Diagnostic& d : parse.diagnostics) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
    std::fprintf(stderr, "%s: INVALID; run `pathwise validate` after fixing the errors above\n", course_file.c_str());
    return kExitInvalid;
  }
  const learner::CourseIndex course = learner::index_course(*parse.bundle);
  const path::SimulationReport r = path::simulate(course, options);

  if (json) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
    out.StartObject();
    out.Key("course"); out.String(parse.bundle->id.c_str());
    out.Key("policy"); out.String(policy_name(options.policy));
    out.Key("students"); out.Int(r.students);
    out.Key("seed"); out.Uint64(options.seed);
    out.Key("budget"); out.Int(options.budget);
    out.Key("students_reaching_all_known"); out.Int(r.reached_all_known);
    out.Key("mean_attempts_to_all_known");
    if (r.reached_all_known > 0) out.Double(r.mean_attempts_to_all_known); else out.Null();
    out.Key("fraction_known_at_budget"); out.Double(r.fraction_known_at_budget);
    out.Key("false_mastery_rate"); out.Double(r.false_mastery_rate);
    out.Key("mastery_declarations"); out.Int(r.mastery_declarations);
    out.Key("success_rate"); out.Double(r.success_rate);
    out.Key("mean_minutes"); out.Double(r.mean_minutes);
    out.Key("mean_attempts"); out.Double(r.mean_attempts);
    out.EndObject();
    std::printf("%s\n", buffer.GetString());
    return kExitOk;
  }
  std::printf("%s, policy %s: %d simulated students (seed %llu, budget %d attempts)\n", parse.bundle->title.c_str(),
              policy_name(options.policy), r.students, static_cast<unsigned long long>(options.seed), options.budget);
  if (r.reached_all_known > 0)
    std::printf("  mean_attempts_to_all_known  %.1f  (%d of %d students got there)\n", r.mean_attempts_to_all_known,
                r.reached_all_known, r.students);
  else
    std::printf("  mean_attempts_to_all_known  -  (no student knew every skill within the budget)\n");
  std::printf("  fraction_known_at_budget    %.3f\n", r.fraction_known_at_budget);
  std::printf("  false_mastery_rate          %.3f  (%d mastery declarations)\n", r.false_mastery_rate,
              r.mastery_declarations);
  std::printf("  success_rate                %.3f\n", r.success_rate);
  std::printf("  mean_minutes                %.1f\n", r.mean_minutes);
  return kExitOk;
}

}  // namespace pathwise::cli
