// `pathwise info`: what a course holds, at a glance: activities by type and by skill, how deep the prerequisite
// chain goes, how long one pass through it takes.
#include <algorithm>
#include <map>

#include "cli/cli.h"
#include "content/bundle.h"

namespace pathwise::cli {

namespace {

// Longest prerequisite chain ending at each skill (0 for a skill without prerequisites), by Kahn's topological
// order; the bundle has been validated, so the graph is acyclic and every reference resolves.
std::vector<int> prerequisite_depths(const content::Bundle& bundle) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < bundle.skills.size(); ++i) index[bundle.skills[i].id] = i;
  std::vector<std::vector<std::size_t>> dependents(bundle.skills.size());
  std::vector<int> waiting(bundle.skills.size(), 0);
  for (std::size_t i = 0; i < bundle.skills.size(); ++i) {
    for (const std::string& prerequisite : bundle.skills[i].prerequisites) {
      dependents[index.at(prerequisite)].push_back(i);
      ++waiting[i];
    }
  }
  std::vector<int> depth(bundle.skills.size(), 0);
  std::vector<std::size_t> ready;
  for (std::size_t i = 0; i < bundle.skills.size(); ++i) if (waiting[i] == 0) ready.push_back(i);
  while (!ready.empty()) {
    std::size_t skill = ready.back();
    ready.pop_back();
    for (std::size_t next : dependents[skill]) {
      depth[next] = std::max(depth[next], depth[skill] + 1);
      if (--waiting[next] == 0) ready.push_back(next);
    }
  }
  return depth;
}

int pass_seconds(const content::Activity& activity) {
  // A template is practised at each of its levels at least once.
  if (const auto* parameterized = std::get_if<content::Parameterized>(&activity.payload)) {
    return activity.seconds * static_cast<int>(parameterized->levels.size());
  }
  return activity.seconds;
}

}  // namespace

int run_info(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fputs("usage: pathwise info FILE\n", stderr);
    return kExitUnusable;
  }
  const std::string& file = args[0];
  FileText text = read_file(file, content::BundleOptions{}.max_bytes);
  if (!text.text) {
    std::fprintf(stderr, "%s: cannot read this file: %s\n", file.c_str(), text.error.c_str());
    return kExitUnusable;
  }
  content::BundleParse parse = content::parse_bundle(*text.text, file);
  if (!parse.bundle) {
    for (const Diagnostic& d : parse.diagnostics) std::printf("%s\n", format_diagnostic(d).c_str());
    std::fprintf(stderr, "%s: INVALID; run `pathwise validate` after fixing the errors above\n", file.c_str());
    return kExitInvalid;
  }
  const content::Bundle& bundle = *parse.bundle;
  std::size_t lessons = 0;
  for (const content::Unit& unit : bundle.units) lessons += unit.lessons.size();
  std::printf("%s %s (%s, %s): %zu skills, %zu units, %zu lessons, %zu activities\n", bundle.title.c_str(),
              bundle.version.c_str(), bundle.id.c_str(), bundle.language.c_str(), bundle.skills.size(),
              bundle.units.size(), lessons, bundle.activities.size());

  std::printf("\nActivities by type:\n");
  std::vector<int> by_type(content::kActivityTypeCount, 0);
  int templates_levels = 0;
  for (const content::Activity& activity : bundle.activities) {
    ++by_type[static_cast<std::size_t>(activity.type())];
    if (const auto* p = std::get_if<content::Parameterized>(&activity.payload)) templates_levels += static_cast<int>(p->levels.size());
  }
  for (int t = 0; t < content::kActivityTypeCount; ++t) {
    if (by_type[static_cast<std::size_t>(t)] == 0) continue;
    std::printf("  %-16s %4d", content::activity_type_name(static_cast<content::ActivityType>(t)), by_type[static_cast<std::size_t>(t)]);
    if (static_cast<content::ActivityType>(t) == content::ActivityType::parameterized) std::printf("  (%d levels)", templates_levels);
    std::printf("\n");
  }
  int types_used = static_cast<int>(std::count_if(by_type.begin(), by_type.end(), [](int n) { return n > 0; }));
  std::printf("  %d of %d types used\n", types_used, content::kActivityTypeCount);

  std::vector<int> depth = prerequisite_depths(bundle);
  std::printf("\nSkills (prerequisite depth, activities, minutes for one pass):\n");
  int total_seconds = 0;
  for (std::size_t i = 0; i < bundle.skills.size(); ++i) {
    const content::Skill& skill = bundle.skills[i];
    int count = 0;
    int seconds = 0;
    for (const content::Activity& activity : bundle.activities) {
      if (std::find(activity.skills.begin(), activity.skills.end(), skill.id) == activity.skills.end()) continue;
      ++count;
      seconds += pass_seconds(activity);
    }
    std::printf("  %-32s depth %d  %3d activities  %4.1f min\n", skill.id.c_str(), depth[i], count, seconds / 60.0);
  }
  for (const content::Activity& activity : bundle.activities) total_seconds += pass_seconds(activity);
  int deepest = depth.empty() ? 0 : *std::max_element(depth.begin(), depth.end());
  std::printf("\nLongest prerequisite chain: %d skill%s\n", deepest + 1, deepest == 0 ? "" : "s");
  std::printf("Estimated time for one pass through every activity (templates once per level): %d min\n",
              (total_seconds + 59) / 60);
  return kExitOk;
}

}  // namespace pathwise::cli
