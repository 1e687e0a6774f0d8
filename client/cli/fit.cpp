// `pathwise fit`: BKT parameters per skill from a log of answers, in the CSV layout of pyBKT and the ASSISTments
// data sets (columns user_id, skill_name, correct; rows in time order per learner). The fitting is the core's
// (learner/bkt_fit); this command reads the file, groups the answers and prints the fits.
//
// The CSV reader lives here rather than in the core: the core reads JSON bundles, not files of records, and no
// other caller needs CSV yet. It is self-contained, so it can move to shared/ when the app imports logs too.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "cli/cli.h"
#include "learner/bkt_fit.h"

namespace pathwise::cli {

namespace {

const char* const kFitUsage =
    "usage: pathwise fit FILE.csv [--skill NAME] [--init prior=P,learn=T,guess=G,slip=S] [--restarts N]\n"
    "                    [--seed S] [--forgets] [--json]\n";

constexpr std::size_t kMaxCsvBytes = 1024u * 1024u * 1024u;
constexpr int kMaxErrorsShown = 10;

// RFC 4180 records: fields separated by commas; a field in double quotes may hold commas, line breaks and
// doubled quotes ("" for "). Lines end in \n or \r\n. A byte-order mark at the start is skipped.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;
  }

  // The next record into `fields` and the line it starts on. False at the end of the text, or with `error` set
  // when the record is malformed (reading stops there: after a stray quote the rest cannot be trusted).
  bool next(std::vector<std::string>& fields, int& line, std::string& error) {
    fields.clear();
    if (at_ >= text_.size()) return false;
    line = line_;
    std::string field;
    while (true) {
      if (at_ < text_.size() && text_[at_] == '"') {
        ++at_;
        while (true) {
          if (at_ >= text_.size()) {
            error = "a quoted field that starts on this line is never closed";
            at_ = text_.size();
            return false;
          }
          const char c = text_[at_++];
          if (c == '"') {
            if (at_ < text_.size() && text_[at_] == '"') {
              field += '"';
              ++at_;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line_;
            field += c;
          }
        }
        if (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '\n' && text_[at_] != '\r') {
          error = "text follows a closing quote in field " + std::to_string(fields.size() + 1) +
                  " (a quote inside a quoted field is written \"\")";
          at_ = text_.size();
          return false;
        }
      } else {
        while (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '\n' && text_[at_] != '\r') {
          field += text_[at_++];
        }
      }
      fields.push_back(std::move(field));
      field.clear();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == '\r') ++at_;
      if (at_ < text_.size() && text_[at_] == '\n') ++at_;
      ++line_;
      return true;
    }
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  int line_ = 1;
};

bool is_blank(const std::vector<std::string>& fields) { return fields.size() == 1 && fields[0].empty(); }

std::string trimmed(const std::string& text) {
  std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  std::size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

struct SkillAnswers {
  std::string name;
  std::unordered_map<std::string, std::size_t> learner_index;
  std::vector<std::vector<std::uint8_t>> sequences;  // one per learner, in file order
  std::size_t responses = 0;
};

struct FitRequest {
  std::string file;
  std::optional<std::string> skill;
  learner::BktFitOptions options;
  bool json = false;
};

// "0.25" → 0.25 when the whole text is a number from 0 to 1.
std::optional<double> probability(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value) || value < 0.0 || value > 1.0) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> whole_number(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  errno = 0;
  const unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);
  if (errno != 0) return std::nullopt;
  return static_cast<std::uint64_t>(value);
}

// "prior=0.3,learn=0.1,guess=0.2,slip=0.1" (any of them, plus forget; the others keep BktParameters' defaults).
bool parse_init(const std::string& text, content::BktParameters& start, std::string& error) {
  struct Field {
    const char* name;
    double content::BktParameters::*member;
    bool seen;
  };
  Field fields[] = {{"prior", &content::BktParameters::prior, false},
                    {"learn", &content::BktParameters::learn, false},
                    {"guess", &content::BktParameters::guess, false},
                    {"slip", &content::BktParameters::slip, false},
                    {"forget", &content::BktParameters::forget, false}};
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find(',', begin);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(begin, end - begin);
    const std::size_t equals = item.find('=');
    if (equals == std::string::npos) {
      error = "--init: \"" + item + "\" is not NAME=VALUE (expected e.g. prior=0.3,learn=0.1,guess=0.2,slip=0.1)";
      return false;
    }
    const std::string name = item.substr(0, equals);
    Field* field = nullptr;
    for (Field& candidate : fields) if (name == candidate.name) field = &candidate;
    if (!field) {
      error = "--init: unknown parameter \"" + name + "\" (prior, learn, guess, slip or forget)";
      return false;
    }
    if (field->seen) {
      error = "--init: " + name + " is given twice";
      return false;
    }
    field->seen = true;
    const std::optional<double> value = probability(item.substr(equals + 1));
    if (!value) {
      error = "--init: " + name + " must be a number from 0 to 1, not \"" + item.substr(equals + 1) + "\"";
      return false;
    }
    start.*(field->member) = *value;
    begin = end + 1;
  }
  return true;
}

// Returns kExitOk with `request` filled, or the exit code after printing why.
int parse_arguments(const std::vector<std::string>& args, FitRequest& request) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      if (!request.file.empty()) {
        std::fprintf(stderr, "pathwise fit: one file at a time (got %s and %s)\n%s", request.file.c_str(),
                     arg.c_str(), kFitUsage);
        return kExitUnusable;
      }
      request.file = arg;
      continue;
    }
    // --name VALUE or --name=VALUE.
    const std::size_t equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    std::optional<std::string> inline_value;
    if (equals != std::string::npos) inline_value = arg.substr(equals + 1);
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 < args.size()) return args[++i];
      return std::nullopt;
    };
    if (name == "--json" || name == "--forgets") {
      if (inline_value) {
        std::fprintf(stderr, "pathwise fit: %s takes no value\n%s", name.c_str(), kFitUsage);
        return kExitUnusable;
      }
      if (name == "--json") request.json = true;
      else request.options.fit_forget = true;
      continue;
    }
    if (name != "--skill" && name != "--init" && name != "--restarts" && name != "--seed") {
      std::fprintf(stderr, "pathwise fit: unknown option %s\n%s", arg.c_str(), kFitUsage);
      return kExitUnusable;
    }
    const std::optional<std::string> given = value();
    if (!given) {
      std::fprintf(stderr, "pathwise fit: %s needs a value\n%s", name.c_str(), kFitUsage);
      return kExitUnusable;
    }
    if (name == "--skill") {
      request.skill = *given;
    } else if (name == "--init") {
      content::BktParameters start;
      std::string error;
      if (!parse_init(*given, start, error)) {
        std::fprintf(stderr, "pathwise fit: %s\n", error.c_str());
        return kExitUnusable;
      }
      request.options.start = start;
    } else if (name == "--restarts") {
      const std::optional<std::uint64_t> count = whole_number(*given);
      if (!count || *count < 1 || *count > 1000) {
        std::fprintf(stderr, "pathwise fit: --restarts needs a whole number from 1 to 1000, not \"%s\"\n",
                     given->c_str());
        return kExitUnusable;
      }
      request.options.restarts = static_cast<int>(*count);
    } else {
      const std::optional<std::uint64_t> seed = whole_number(*given);
      if (!seed) {
        std::fprintf(stderr, "pathwise fit: --seed needs a whole number from 0 to %llu, not \"%s\"\n",
                     static_cast<unsigned long long>(UINT64_MAX), given->c_str());
        return kExitUnusable;
      }
      request.options.seed = *seed;
    }
  }
  if (request.file.empty()) {
    std::fputs(kFitUsage, stderr);
    return kExitUnusable;
  }
  return kExitOk;
}

// The answers of every skill (or of `request.skill` only), in order of first appearance. Returns kExitOk, or
// kExitInvalid after printing each problem as FILE:LINE: sentence.
int read_answers(const std::string& text, const FitRequest& request, std::vector<SkillAnswers>& skills) {
  const std::string& file = request.file;
  CsvReader reader(text);
  std::vector<std::string> fields;
  int line = 0;
  std::string error;
  int errors = 0;
  auto report = [&](int at, const std::string& sentence) {
    if (++errors <= kMaxErrorsShown) std::fprintf(stderr, "%s:%d: %s\n", file.c_str(), at, sentence.c_str());
  };

  // The header: the first line that is not blank.
  bool have_header = false;
  while (reader.next(fields, line, error)) {
    if (!is_blank(fields)) {
      have_header = true;
      break;
    }
  }
  if (!have_header) {
    if (!error.empty()) {
      report(line, error);
    } else {
      std::fprintf(stderr, "%s: the file is empty; it needs a header row naming user_id, skill_name and correct\n",
                   file.c_str());
    }
    return kExitInvalid;
  }
  const char* const kColumns[] = {"user_id", "skill_name", "correct"};
  std::size_t column[3] = {0, 0, 0};
  for (int c = 0; c < 3; ++c) {
    std::size_t found = 0;
    while (found < fields.size() && trimmed(fields[found]) != kColumns[c]) ++found;
    if (found == fields.size()) {
      report(line, std::string("the header has no \"") + kColumns[c] +
                       "\" column; pathwise fit needs the columns user_id, skill_name and correct");
    }
    column[c] = found;
  }
  if (errors) return kExitInvalid;
  const std::size_t needed = std::max({column[0], column[1], column[2]}) + 1;

  std::unordered_map<std::string, std::size_t> skill_index;
  std::size_t without_skill = 0;
  while (reader.next(fields, line, error)) {
    if (is_blank(fields)) continue;
    if (fields.size() < needed) {
      int missing = 0;
      while (column[missing] < fields.size()) ++missing;
      report(line, "this row has " + std::to_string(fields.size()) + " field" + (fields.size() == 1 ? "" : "s") +
                       ", so no " + kColumns[missing] + " (field " + std::to_string(column[missing] + 1) + ")");
      continue;
    }
    const std::string correct = trimmed(fields[column[2]]);
    if (correct != "0" && correct != "1") {
      report(line, "correct must be 0 or 1, not \"" + fields[column[2]] + "\"");
      continue;
    }
    const std::string& skill = fields[column[1]];
    if (skill.empty()) {
      ++without_skill;
      continue;
    }
    if (request.skill && skill != *request.skill) continue;
    auto [at, added] = skill_index.emplace(skill, skills.size());
    if (added) skills.push_back(SkillAnswers{skill, {}, {}, 0});
    SkillAnswers& answers = skills[at->second];
    auto [learner, new_learner] = answers.learner_index.emplace(fields[column[0]], answers.sequences.size());
    if (new_learner) answers.sequences.emplace_back();
    answers.sequences[learner->second].push_back(correct == "1" ? 1 : 0);
    ++answers.responses;
  }
  if (!error.empty()) report(line, error);
  if (errors > kMaxErrorsShown) {
    std::fprintf(stderr, "%s: %d more problems not shown\n", file.c_str(), errors - kMaxErrorsShown);
  }
  if (errors) return kExitInvalid;
  if (without_skill) {
    std::fprintf(stderr, "%s: %zu row%s without a skill_name skipped\n", file.c_str(), without_skill,
                 without_skill == 1 ? "" : "s");
  }
  if (skills.empty()) {
    if (request.skill) {
      std::fprintf(stderr, "%s: no answers for the skill \"%s\"\n", file.c_str(), request.skill->c_str());
    } else {
      std::fprintf(stderr, "%s: no answers to fit\n", file.c_str());
    }
    return kExitInvalid;
  }
  return kExitOk;
}

struct SkillFit {
  std::string skill;
  learner::BktFit fit;
};

void print_table(const std::vector<SkillFit>& fits, bool with_forget) {
  int width = 5;
  for (const SkillFit& f : fits) width = std::max(width, static_cast<int>(f.skill.size()));
  std::printf("%-*s  %6s  %6s  %6s  %6s", width, "skill", "prior", "learn", "guess", "slip");
  if (with_forget) std::printf("  %6s", "forget");
  std::printf("  %12s  %10s  %6s  %6s\n", "loglik", "iterations", "auc", "rmse");
  for (const SkillFit& f : fits) {
    const content::BktParameters& p = f.fit.parameters;
    std::printf("%-*s  %6.4f  %6.4f  %6.4f  %6.4f", width, f.skill.c_str(), p.prior, p.learn, p.guess, p.slip);
    if (with_forget) std::printf("  %6.4f", p.forget);
    std::printf("  %12.3f  %10d  %6.4f  %6.4f\n", f.fit.log_likelihood, f.fit.iterations, f.fit.auc, f.fit.rmse);
  }
}

void print_json(const std::vector<SkillFit>& fits, bool with_forget) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const SkillFit& f : fits) {
    const content::BktParameters& p = f.fit.parameters;
    writer.StartObject();
    writer.Key("skill");
    writer.String(f.skill.c_str(), static_cast<rapidjson::SizeType>(f.skill.size()));
    const std::pair<const char*, double> numbers[] = {{"prior", p.prior}, {"learn", p.learn}, {"guess", p.guess},
                                                      {"slip", p.slip}};
    for (const auto& [key, value] : numbers) {
      writer.Key(key);
      writer.Double(value);
    }
    if (with_forget) {
      writer.Key("forget");
      writer.Double(p.forget);
    }
    writer.Key("loglik");
    writer.Double(f.fit.log_likelihood);
    writer.Key("iterations");
    writer.Int(f.fit.iterations);
    writer.Key("auc");
    writer.Double(f.fit.auc);
    writer.Key("rmse");
    writer.Double(f.fit.rmse);
    writer.EndObject();
  }
  writer.EndArray();
  std::printf("%s\n", buffer.GetString());
}

}  // namespace

int run_fit(const std::vector<std::string>& args) {
  FitRequest request;
  if (int code = parse_arguments(args, request); code != kExitOk) return code;
  FileText text = read_file(request.file, kMaxCsvBytes);
  if (!text.text) {
    std::fprintf(stderr, "%s: cannot read this file: %s\n", request.file.c_str(), text.error.c_str());
    return kExitUnusable;
  }
  std::vector<SkillAnswers> skills;
  if (int code = read_answers(*text.text, request, skills); code != kExitOk) return code;

  std::vector<SkillFit> fits;
  fits.reserve(skills.size());
  for (const SkillAnswers& answers : skills) {
    fits.push_back({answers.name, learner::fit_bkt(answers.sequences, request.options)});
  }
  // The forget column only when it was fitted or fixed away from zero by --init.
  const bool with_forget =
      request.options.fit_forget || (request.options.start && request.options.start->forget > 0.0);
  if (request.json) print_json(fits, with_forget);
  else print_table(fits, with_forget);
  return kExitOk;
}

}  // namespace pathwise::cli
