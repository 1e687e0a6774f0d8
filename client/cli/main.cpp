#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace {

const char* const kUsage =
    "usage: pathwise <command> [arguments]\n"
    "\n"
    "  validate [--json] [--max-mb=N] FILE|FOLDER...\n"
    "                                     check course bundles, catalogs and site.json; exit 0 valid, 1 invalid,\n"
    "                                     2 unreadable or bad usage. Folders are searched for *.json.\n"
    "                                     Files over N MB (default 50) are refused unread.\n"
    "  info FILE                          summarise a bundle: activities by type and skill, prerequisite\n"
    "                                     depth, estimated time\n"
    "  catalog DIR                        write DIR/catalog.json from the bundles under DIR, with hashes\n"
    "  import-gift FILE.gift -o OUT.json [--id ID] [--title TITLE] [--language TAG]\n"
    "                                     convert a Moodle GIFT quiz into a bundle\n"
    "  schedule FILE.json|-               replay a learner's answers to one card through the FSRS-6 scheduler\n"
    "                                     and print each review's state, stability, difficulty, interval and\n"
    "                                     due time as JSON; interval_days is fractional (4 decimals), so the\n"
    "                                     10-minute learning step is 0.0069. Exit 0 ok, 1 invalid input, 2\n"
    "                                     unreadable file or bad usage\n"
    "  simulate --course FILE --students N --seed S --policy adaptive|linear|random [--budget N] [--json]\n"
    "                                     simulated students learning the course under a path policy: attempts\n"
    "                                     until every skill is known, false mastery, success rate, minutes\n"
    "  fit FILE.csv [--skill NAME] [--init prior=P,learn=T,guess=G,slip=S] [--restarts N] [--seed S]\n"
    "      [--forgets] [--json]           fit Bayesian Knowledge Tracing parameters per skill (EM) to\n"
    "                                     answers in CSV columns user_id, skill_name, correct\n"
    "  package --scorm2004|--cmi5 COURSE_ID -o FILE.zip [--site DIR]\n"
    "                                     one course of the built site (default build/web/dist) as a SCORM\n"
    "                                     2004 4th Edition package (zip, stored) for an LMS\n"
    "\n"
    "The course format is documented in content/FORMAT.md.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? pathwise::cli::kExitUnusable : pathwise::cli::kExitOk;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "validate") return pathwise::cli::run_validate(args);
  if (command == "info") return pathwise::cli::run_info(args);
  if (command == "catalog") return pathwise::cli::run_catalog(args);
  if (command == "import-gift") return pathwise::cli::run_import_gift(args);
  if (command == "schedule") return pathwise::cli::run_schedule(args);
  if (command == "simulate") return pathwise::cli::run_simulate(args);
  if (command == "fit") return pathwise::cli::run_fit(args);
  if (command == "package") return pathwise::cli::run_package(args);
  std::fprintf(stderr, "pathwise: unknown command \"%s\"\n\n%s", command.c_str(), kUsage);
  return pathwise::cli::kExitUnusable;
}
