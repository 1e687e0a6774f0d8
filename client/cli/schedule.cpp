// `pathwise schedule FILE.json`: an FSRS preview for course authors. The file lists a learner's answers to one
// card; the command replays them through the core's FSRS-6 scheduler (shared/learner/fsrs.h) and prints, for
// each answer, the card's state, memory and when it falls due next. Input problems are reported the way
// `validate` reports them (FILE:LINE:COL: /pointer: sentence), on stderr, because stdout carries the JSON result.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <optional>

#include "cli/cli.h"
#include "content/field_reader.h"
#include "content/json_document.h"
#include "learner/clock_time.h"
#include "learner/fsrs.h"

namespace pathwise::cli {

namespace {

using content::FieldReader;
using content::Need;
using json::Kind;
using json::Value;
using learner::Seconds;
namespace fsrs = learner::fsrs;

constexpr std::size_t kMaxScheduleBytes = 4u * 1024u * 1024u;  // tens of thousands of reviews fit in far less
constexpr const char* kUsageLine = "usage: pathwise schedule FILE.json   (or - to read standard input)\n";
constexpr const char* kTimeExample = "an ISO-8601 time such as \"2026-01-05T08:00:00Z\"";

struct PlannedReview {
  fsrs::Rating rating = fsrs::Rating::good;
  std::optional<Seconds> at;   // nothing: "due", when the previous review scheduled the card
  json::Position at_position;  // where "at" stands, for ordering errors
  std::string pointer;         // /reviews/N
};

struct Plan {
  fsrs::Parameters parameters;
  std::optional<Seconds> start;
  std::vector<PlannedReview> reviews;
};

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

void read_review(const Value& entry, const std::string& pointer, FieldReader& reader, Plan& plan) {
  if (entry.kind != Kind::object) {
    reader.error(entry.position, pointer,
                 std::string("each review must be an object such as {\"rating\": 3, \"at\": \"due\"}, found ") +
                     json::kind_description(entry.kind));
    return;
  }
  reader.warn_unknown_fields(entry, pointer, {"rating", "at"});
  PlannedReview review;
  review.pointer = pointer;
  double rating = 0;
  bool ok = true;
  if (reader.number(entry, pointer, "rating", Need::required, rating)) {
    // 3.0 is the same JSON number as 3, so the value decides, not how it was written.
    if (rating == 1 || rating == 2 || rating == 3 || rating == 4) {
      review.rating = static_cast<fsrs::Rating>(static_cast<int>(rating));
    } else {
      reader.error(entry.find("rating")->position, pointer + "/rating",
                   "\"rating\" must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), found " + number_text(rating));
      ok = false;
    }
  } else {
    ok = false;
  }
  std::string at;
  if (reader.text(entry, pointer, "at", Need::required, at)) {
    review.at_position = entry.find("at")->position;
    if (at != "due") {
      review.at = learner::parse_iso8601(at);
      if (!review.at) {
        reader.error(review.at_position, pointer + "/at",
                     "\"at\" must be \"due\" or " + std::string(kTimeExample) + ", found " + quoted(at));
        ok = false;
      }
    }
  } else {
    ok = false;
  }
  if (ok) plan.reviews.push_back(std::move(review));
}

// Reads the whole plan, reporting every problem; the plan is usable when the reader has no errors.
void read_plan(const Value& root, FieldReader& reader, Plan& plan) {
  if (!reader.expect(root, "", Kind::object)) return;
  reader.warn_unknown_fields(root, "", {"retention", "short_term", "start", "reviews"});
  double retention = plan.parameters.desired_retention;
  if (reader.number(root, "", "retention", Need::optional, retention)) {
    // The scheduler needs 0 < r < 1: at 1 every interval would be zero, at 0 infinite.
    if (retention > 0.0 && retention < 1.0) {
      plan.parameters.desired_retention = retention;
    } else {
      reader.error(root.find("retention")->position, "/retention",
                   "\"retention\" is the share of answers the learner should recall, so it must lie strictly "
                   "between 0 and 1 (e.g. 0.9), found " + number_text(retention));
    }
  }
  reader.boolean(root, "", "short_term", Need::optional, plan.parameters.short_term);
  std::string start;
  if (reader.text(root, "", "start", Need::optional, start)) {
    plan.start = learner::parse_iso8601(start);
    if (!plan.start) {
      reader.error(root.find("start")->position, "/start",
                   "\"start\" must be " + std::string(kTimeExample) + ", found " + quoted(start));
    }
  }
  const Value* reviews = reader.array(root, "", "reviews", Need::required);
  if (!reviews) return;
  if (reviews->elements().empty()) {
    reader.error(reviews->position, "/reviews",
                 "the list of reviews is empty: add at least one, such as {\"rating\": 3, \"at\": \"due\"}");
    return;
  }
  for (std::size_t i = 0; i < reviews->elements().size(); ++i) {
    read_review(reviews->elements()[i], json_pointer_append("/reviews", i), reader, plan);
  }
}

struct Outcome {
  fsrs::Rating rating;
  Seconds at;
  fsrs::Card card;
};

// Replays the plan through the scheduler. Times that cannot be right (a review before the one before it, a
// first "due" with nothing to count from) are reported at their "at".
std::vector<Outcome> replay(const Plan& plan, FieldReader& reader) {
  std::vector<Outcome> outcomes;
  fsrs::Card card;
  std::optional<Seconds> previous;  // the time of the previous review
  for (const PlannedReview& review : plan.reviews) {
    Seconds at = 0;
    if (review.at) {
      at = *review.at;
    } else if (previous) {
      at = card.due;
    } else if (plan.start) {
      at = *plan.start;
    } else {
      reader.error(review.at_position, review.pointer + "/at",
                   "the first review is \"due\", but there is no \"start\" time to count from: add \"start\" or "
                   "give this review a time");
      return outcomes;
    }
    if (previous && at < *previous) {
      reader.error(review.at_position, review.pointer + "/at",
                   "this review at " + learner::format_iso8601(at) + " is earlier than the previous review at " +
                       learner::format_iso8601(*previous) + "; list the reviews in the order they happen");
      return outcomes;
    }
    if (!previous && plan.start && at < *plan.start) {
      reader.error(review.at_position, review.pointer + "/at",
                   "this review at " + learner::format_iso8601(at) + " is earlier than \"start\" (" +
                       learner::format_iso8601(*plan.start) + ")");
      return outcomes;
    }
    card = fsrs::review(card, review.rating, at, plan.parameters);
    previous = at;
    outcomes.push_back({review.rating, at, card});
  }
  return outcomes;
}

// Four decimals are more than an author can act on and keep the output stable across platforms' last-bit
// differences in pow/exp; whole values print as integers ("2", not "2.0").
void write_rounded(rapidjson::Writer<rapidjson::StringBuffer>& writer, double value) {
  const double rounded = std::round(value * 1e4) / 1e4;
  if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15) {
    writer.Int64(static_cast<std::int64_t>(rounded));
  } else {
    writer.Double(rounded);
  }
}

std::string render(const std::vector<Outcome>& outcomes) {
  std::string text = "[";
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const Outcome& outcome = outcomes[i];
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    writer.Key("rating");
    writer.Int(static_cast<int>(outcome.rating));
    writer.Key("at");
    writer.String(learner::format_iso8601(outcome.at).c_str());
    writer.Key("state");
    writer.String(fsrs::state_name(outcome.card.state));
    writer.Key("stability");
    write_rounded(writer, outcome.card.stability);
    writer.Key("difficulty");
    write_rounded(writer, outcome.card.difficulty);
    writer.Key("interval_days");
    write_rounded(writer, static_cast<double>(outcome.card.due - outcome.at) / static_cast<double>(learner::kDay));
    writer.Key("due");
    writer.String(learner::format_iso8601(outcome.card.due).c_str());
    writer.EndObject();
    text += i == 0 ? "\n  " : ",\n  ";
    text += buffer.GetString();
  }
  return text + "\n]\n";
}

}  // namespace

int run_schedule(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    if (arg.size() > 1 && arg[0] == '-') {
      std::fprintf(stderr, "pathwise schedule: unknown option %s\n%s", arg.c_str(), kUsageLine);
      return kExitUnusable;
    }
    files.push_back(arg);
  }
  if (files.size() != 1) {
    std::fputs(kUsageLine, stderr);
    return kExitUnusable;
  }
  const std::string& path = files[0];
  const std::string name = path == "-" ? "<stdin>" : path;
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (text.size() > kMaxScheduleBytes) {
      std::fprintf(stderr, "pathwise schedule: standard input holds more than 4 MB, so it was not read\n");
      return kExitUnusable;
    }
  } else {
    FileText file = read_file(path, kMaxScheduleBytes);
    if (!file.text) {
      std::fprintf(stderr, "%s: cannot read this file: %s\n", path.c_str(), file.error.c_str());
      return kExitUnusable;
    }
    text = std::move(*file.text);
  }

  json::Limits limits;
  limits.max_bytes = kMaxScheduleBytes;
  limits.max_depth = 8;  // an object, its list of reviews, each review: nothing deeper is meaningful
  json::Document document = json::parse(text, name, limits);
  std::vector<Diagnostic> diagnostics = document.diagnostics;
  std::vector<Outcome> outcomes;
  if (document.ok) {
    FieldReader reader(name);
    Plan plan;
    read_plan(document.root, reader, plan);
    if (!reader.has_errors()) outcomes = replay(plan, reader);
    std::vector<Diagnostic> found = reader.take_diagnostics();
    diagnostics.insert(diagnostics.end(), found.begin(), found.end());
  }
  for (const Diagnostic& diagnostic : diagnostics) {
    std::fprintf(stderr, "%s\n", format_diagnostic(diagnostic).c_str());
  }
  if (!document.ok || has_errors(diagnostics)) return kExitInvalid;
  std::fputs(render(outcomes).c_str(), stdout);
  return kExitOk;
}

}  // namespace pathwise::cli
