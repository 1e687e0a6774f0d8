// The bundle loader: JSON (content/json_document) → field checks (content/activity_reader for activities) →
// whole-course checks (ids, references, the prerequisite graph, templates). Every stage reports and goes on,
// so that an author sees all the problems of a file in one run.
#include "content/bundle.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "content/activity_reader.h"
#include "content/field_reader.h"
#include "content/problem_template.h"
#include "content/rich_text.h"

namespace pathwise::content {

namespace {

using json::Kind;
using json::Value;

constexpr std::string_view kFormatPrefix = "pathwise.bundle/";

constexpr std::array<const char*, kActivityTypeCount> kTypeNames = {
    "single_choice", "multiple_select", "true_false", "numeric", "short_text", "cloze",
    "ordering",      "matching",        "flashcard",  "reading", "video",      "parameterized"};

// The ids of one of the Bundle's lists (skills, activities, units), each with the index of its first use: a
// sorted vector of views of the Bundle's own ids, 24 bytes per id, rather than a set and a map of copies (a
// large course has ~20 000 activity ids, and these exist while the JSON tree and the whole Bundle do).
// The views stay valid: the Bundle's lists are reserved to their final size before they are filled, so their
// elements never move.
class IdIndex {
 public:
  template <typename List>
  explicit IdIndex(const List& list) {
    entries_.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) entries_.emplace_back(list[i].id, i);
    std::sort(entries_.begin(), entries_.end());  // equal ids: the first use first
  }

  bool contains(std::string_view id) const {
    auto it = find(id);
    return it != entries_.end() && it->first == id;
  }
  // The index of the first element with this id, which must be in the list.
  std::size_t first(std::string_view id) const { return find(id)->second; }

 private:
  using Entry = std::pair<std::string_view, std::size_t>;
  std::vector<Entry>::const_iterator find(std::string_view id) const {
    return std::lower_bound(entries_.begin(), entries_.end(), id,
                            [](const Entry& entry, std::string_view key) { return entry.first < key; });
  }
  std::vector<Entry> entries_;
};

std::string at(const std::string& pointer, std::string_view key) { return json_pointer_append(pointer, key); }
std::string at(const std::string& pointer, std::size_t index) { return json_pointer_append(pointer, index); }

void read_metadata(FieldReader& reader, const Value& root, Bundle& bundle) {
  reader.id(root, "", "a course id", bundle.id);
  if (reader.text(root, "", "version", Need::required, bundle.version) && !is_version(bundle.version)) {
    reader.error(root.find("version")->position, "/version",
                 "the course version must be digits and dots, such as \"1.2.0\"; found " + quoted(bundle.version));
  }
  if (reader.text(root, "", "title", Need::required, bundle.title) && bundle.title.empty()) {
    reader.error(root.find("title")->position, "/title", "the course title is empty");
  }
  if (reader.text(root, "", "language", Need::required, bundle.language) && !is_language_tag(bundle.language)) {
    reader.error(root.find("language")->position, "/language",
                 quoted(bundle.language) + " is not a BCP 47 language tag such as \"en\" or \"es-419\"");
  }
  reader.text(root, "", "description", Need::optional, bundle.description);
  reader.text_list(root, "", "authors", Need::optional, bundle.authors);
  reader.text(root, "", "licence", Need::optional, bundle.licence);
  reader.text(root, "", "attribution", Need::optional, bundle.attribution);
}

Skill read_skill(FieldReader& reader, const Value& value, const std::string& pointer) {
  Skill skill;
  if (!reader.expect(value, pointer, Kind::object)) return skill;
  reader.warn_unknown_fields(value, pointer,
                             {"id", "title", "description", "prerequisites", "bkt", "mastery_threshold"});
  reader.id(value, pointer, "a skill id", skill.id);
  reader.text(value, pointer, "title", Need::required, skill.title);
  reader.text(value, pointer, "description", Need::optional, skill.description);
  reader.text_list(value, pointer, "prerequisites", Need::optional, skill.prerequisites);
  reader.number_in(value, pointer, "mastery_threshold", Need::optional, 0.5, 0.999, skill.mastery_threshold);
  if (const Value* bkt = reader.object(value, pointer, "bkt", Need::optional)) {
    std::string p = at(pointer, "bkt");
    reader.warn_unknown_fields(*bkt, p, {"prior", "learn", "guess", "slip", "forget"});
    reader.number_in(*bkt, p, "prior", Need::optional, 0.0, 1.0, skill.bkt.prior);
    reader.number_in(*bkt, p, "learn", Need::optional, 0.0, 1.0, skill.bkt.learn);
    reader.number_in(*bkt, p, "forget", Need::optional, 0.0, 1.0, skill.bkt.forget);
    // From 0.5 up a right answer would no longer be evidence of knowing (BKT's identifiability condition).
    for (auto [key, out] : {std::pair{"guess", &skill.bkt.guess}, std::pair{"slip", &skill.bkt.slip}}) {
      double value = 0.0;
      if (!reader.number_in(*bkt, p, key, Need::optional, 0.0, 1.0, value)) continue;
      if (value >= 0.5) {
        reader.error(bkt->find(key)->position, at(p, key),
                     quoted(key) + " must be below 0.5, found " + format_number(value) +
                         ": otherwise a right answer would not be evidence that the student knows the skill");
      } else {
        *out = value;
      }
    }
  }
  return skill;
}

Unit read_unit(FieldReader& reader, const Value& value, const std::string& pointer) {
  Unit unit;
  if (!reader.expect(value, pointer, Kind::object)) return unit;
  reader.warn_unknown_fields(value, pointer, {"id", "title", "description", "lessons"});
  reader.id(value, pointer, "a unit id", unit.id);
  reader.text(value, pointer, "title", Need::required, unit.title);
  reader.text(value, pointer, "description", Need::optional, unit.description);
  const Value* lessons = reader.array(value, pointer, "lessons", Need::required);
  if (lessons) unit.lessons.reserve(lessons->elements().size());
  for (std::size_t i = 0; lessons && i < lessons->elements().size(); ++i) {
    const Value& element = lessons->elements()[i];
    std::string p = at(at(pointer, "lessons"), i);
    Lesson lesson;
    if (reader.expect(element, p, Kind::object)) {
      reader.warn_unknown_fields(element, p, {"id", "title", "skills", "activities"});
      reader.id(element, p, "a lesson id", lesson.id);
      reader.text(element, p, "title", Need::required, lesson.title);
      reader.text_list(element, p, "skills", Need::required, lesson.skills);
      reader.text_list(element, p, "activities", Need::optional, lesson.activities);
    }
    unit.lessons.push_back(std::move(lesson));
  }
  if (lessons && lessons->elements().empty()) reader.error(lessons->position, at(pointer, "lessons"), "a unit needs at least one lesson");
  return unit;
}

// ---- Whole-course checks -------------------------------------------------------------------------------------

// Reports the second and later uses of each id in a list. `items[i]` was read from `list.elements()[i]`;
// `ids` indexes `items`.
template <typename Items>
void check_unique(FieldReader& reader, const Value& list, const std::string& pointer, const Items& items,
                  const IdIndex& ids, const std::string& noun) {
  for (std::size_t i = 0; i < items.size() && i < list.elements().size(); ++i) {
    const std::string& id_text = items[i].id;
    if (id_text.empty()) continue;
    std::size_t first = ids.first(id_text);
    if (first != i) {
      const Value* id = list.elements()[i].find("id");
      reader.error(id ? id->position : list.elements()[i].position, at(at(pointer, i), "id"),
                   "the " + noun + " id " + quoted(id_text) + " is already used by " + pointer + "/" +
                       std::to_string(first));
    }
  }
}

// Each reference in the text list `key` of `object` must name an id in `known`.
void check_references(FieldReader& reader, const Value& object, const std::string& pointer, std::string_view key,
                      const IdIndex& known, const std::string& noun) {
  const Value* list = object.kind == Kind::object ? object.find(key) : nullptr;
  if (!list || list->kind != Kind::array) return;
  for (std::size_t i = 0; i < list->elements().size(); ++i) {
    const Value& element = list->elements()[i];
    if (element.kind == Kind::string && !known.contains(element.string())) {
      reader.error(element.position, at(at(pointer, key), i),
                   "there is no " + noun + " with the id " + quoted(element.string()));
    }
  }
}

// Prerequisite cycles, each reported once with its path, found by an iterative depth-first search (no
// recursion: a generated bundle may chain thousands of skills).
void check_prerequisite_cycles(FieldReader& reader, const Value& skills_json, const std::vector<Skill>& skills) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < skills.size(); ++i) index.emplace(skills[i].id, i);
  enum class Mark { unvisited, on_path, done };
  std::vector<Mark> mark(skills.size(), Mark::unvisited);
  struct Frame {
    std::size_t skill;
    std::size_t next_prerequisite;
  };
  for (std::size_t start = 0; start < skills.size(); ++start) {
    if (mark[start] != Mark::unvisited) continue;
    std::vector<Frame> path{{start, 0}};
    mark[start] = Mark::on_path;
    while (!path.empty()) {
      Frame& frame = path.back();
      const std::vector<std::string>& prerequisites = skills[frame.skill].prerequisites;
      if (frame.next_prerequisite == prerequisites.size()) {
        mark[frame.skill] = Mark::done;
        path.pop_back();
        continue;
      }
      std::size_t edge = frame.next_prerequisite++;
      auto found = index.find(prerequisites[edge]);
      if (found == index.end()) continue;  // dangling: reported elsewhere
      std::size_t next = found->second;
      if (next == frame.skill) continue;  // "its own prerequisite" is reported on its own
      if (mark[next] == Mark::unvisited) {
        mark[next] = Mark::on_path;
        path.push_back({next, 0});
      } else if (mark[next] == Mark::on_path) {
        std::string cycle;
        std::size_t from = 0;
        while (path[from].skill != next) ++from;
        for (std::size_t k = from; k < path.size(); ++k) cycle += skills[path[k].skill].id + " → ";
        cycle += skills[next].id;
        const Value& element = skills_json.elements()[frame.skill];
        const Value& reference = element.find("prerequisites")->elements()[edge];
        reader.error(reference.position, at(at(at("/skills", frame.skill), "prerequisites"), edge),
                     "the prerequisites form a cycle, so none of these skills could ever be started: " + cycle);
      }
    }
  }
}

void check_lessons(FieldReader& reader, const Value& units_json, const Bundle& bundle,
                   const IdIndex& skill_ids, const IdIndex& activity_ids) {
  std::map<std::string, std::string> lesson_ids;  // id → pointer of its first use
  std::set<std::string> taught;
  for (std::size_t u = 0; u < bundle.units.size() && u < units_json.elements().size(); ++u) {
    const Unit& unit = bundle.units[u];
    const Value& unit_json = units_json.elements()[u];
    const Value* lessons = unit_json.kind == Kind::object ? unit_json.find("lessons") : nullptr;
    if (!lessons || lessons->kind != Kind::array) continue;
    for (std::size_t l = 0; l < unit.lessons.size() && l < lessons->elements().size(); ++l) {
      const Lesson& lesson = unit.lessons[l];
      std::string p = at(at(at("/units", u), "lessons"), l);
      const Value& lesson_json = lessons->elements()[l];
      if (!lesson.id.empty()) {
        auto [first, inserted] = lesson_ids.emplace(lesson.id, p);
        if (!inserted) {
          reader.error(lesson_json.find("id")->position, at(p, "id"),
                       "the lesson id " + quoted(lesson.id) + " is already used by " + first->second +
                           " (lesson ids are unique in the whole course)");
        }
      }
      check_references(reader, lesson_json, p, "skills", skill_ids, "skill");
      check_references(reader, lesson_json, p, "activities", activity_ids, "activity");
      taught.insert(lesson.skills.begin(), lesson.skills.end());
    }
  }
  check_unique(reader, units_json, "/units", bundle.units, IdIndex(bundle.units), "unit");
  if (bundle.units.empty()) return;
  for (const Skill& skill : bundle.skills) {
    if (!skill.id.empty() && !taught.count(skill.id)) {
      reader.warning(units_json.position, "/units",
                     "the skill " + quoted(skill.id) + " is in no lesson, so students will not see it in the course outline");
    }
  }
}

void check_templates(FieldReader& reader, const Value& activities_json, const Bundle& bundle) {
  for (std::size_t i = 0; i < bundle.activities.size() && i < activities_json.elements().size(); ++i) {
    const Activity& activity = bundle.activities[i];
    if (activity.type() != ActivityType::parameterized) continue;
    const Value& element = activities_json.elements()[i];
    for (const TemplateProblem& problem : check_template(activity)) {
      const Value* field = element.find(problem.field);
      const json::Position& where = field ? field->position : element.position;
      std::string pointer = problem.field.empty() ? at("/activities", i) : at(at("/activities", i), problem.field);
      if (problem.severity == Severity::error) reader.error(where, pointer, problem.message);
      else reader.warning(where, pointer, problem.message);
    }
  }
}

void check_activities_per_skill(FieldReader& reader, const Value& skills_json, const Bundle& bundle) {
  std::set<std::string> practised;
  for (const Activity& activity : bundle.activities) practised.insert(activity.skills.begin(), activity.skills.end());
  for (std::size_t i = 0; i < bundle.skills.size(); ++i) {
    if (!bundle.skills[i].id.empty() && !practised.count(bundle.skills[i].id)) {
      reader.warning(skills_json.elements()[i].position, at("/skills", i),
                     "no activity practises the skill " + quoted(bundle.skills[i].id) + ", so it can never be mastered");
    }
  }
}

void add_rich_text_images(const std::string& text, std::vector<std::string>& out) {
  if (text.find("![") == std::string::npos) return;  // most texts have no image: skip parsing them
  for (std::string& image : rich_text_images(parse_rich_text(text))) out.push_back(std::move(image));
}

void add_activity_media(const Activity& activity, std::vector<std::string>& out) {
  for (const Media& media : activity.media) out.push_back(media.path);
  add_rich_text_images(activity.prompt, out);
  add_rich_text_images(activity.explanation, out);
  for (const std::string& hint : activity.hints) add_rich_text_images(hint, out);
  auto add_checkpoints = [&](const std::vector<Checkpoint>& checkpoints) {
    for (const Checkpoint& checkpoint : checkpoints) add_activity_media(checkpoint.question, out);
  };
  if (const auto* reading = std::get_if<Reading>(&activity.payload)) {
    add_rich_text_images(reading->body, out);
    add_checkpoints(reading->checkpoints);
  } else if (const auto* video = std::get_if<Video>(&activity.payload)) {
    for (const std::string* path : {&video->source.src, &video->source.captions, &video->source.poster}) {
      if (!path->empty()) out.push_back(*path);
    }
    add_checkpoints(video->checkpoints);
  } else if (const auto* flashcard = std::get_if<Flashcard>(&activity.payload)) {
    add_rich_text_images(flashcard->front, out);
    add_rich_text_images(flashcard->back, out);
  } else if (const auto* single = std::get_if<SingleChoice>(&activity.payload)) {
    for (const Choice& choice : single->choices) add_rich_text_images(choice.text, out);
  } else if (const auto* multiple = std::get_if<MultipleSelect>(&activity.payload)) {
    for (const Choice& choice : multiple->choices) add_rich_text_images(choice.text, out);
  } else if (const auto* matching = std::get_if<Matching>(&activity.payload)) {
    for (const MatchPair& pair : matching->pairs) {
      add_rich_text_images(pair.left, out);
      add_rich_text_images(pair.right, out);
    }
  }
}

}  // namespace

const char* activity_type_name(ActivityType type) {
  auto index = static_cast<std::size_t>(type);
  return index < kTypeNames.size() ? kTypeNames[index] : "unknown";
}

std::optional<ActivityType> activity_type_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (name == kTypeNames[i]) return static_cast<ActivityType>(i);
  }
  return std::nullopt;
}

const Skill* Bundle::find_skill(std::string_view skill_id) const {
  auto it = std::find_if(skills.begin(), skills.end(), [&](const Skill& s) { return s.id == skill_id; });
  return it == skills.end() ? nullptr : &*it;
}

const Activity* Bundle::find_activity(std::string_view activity_id) const {
  auto it = std::find_if(activities.begin(), activities.end(), [&](const Activity& a) { return a.id == activity_id; });
  return it == activities.end() ? nullptr : &*it;
}

BundleParse parse_bundle(std::string_view text, std::string_view file, const BundleOptions& options) {
  BundleParse parse;
  json::Limits json_limits;
  json_limits.max_bytes = options.max_bytes;
  json::Document document = json::parse(text, file, json_limits);
  parse.diagnostics = std::move(document.diagnostics);
  if (!document.ok) return parse;

  FieldReader reader(file);
  const Value& root = document.root;
  if (root.kind != Kind::object) {
    reader.error(root.position, "",
                 std::string("a course bundle must be an object starting with \"format\", found ") +
                     json::kind_description(root.kind));
  } else if (reader.format_tag(root, kFormatPrefix, kBundleFormatVersion, "bundle")) {
    reader.warn_unknown_fields(root, "",
                               {"$schema", "format", "id", "version", "title", "language", "description", "authors",
                                "licence", "attribution", "skills", "units", "activities"});
    Bundle bundle;
    read_metadata(reader, root, bundle);

    const Value* skills_json = reader.array(root, "", "skills", Need::required);
    if (skills_json) {
      bundle.skills.reserve(skills_json->elements().size());
      for (std::size_t i = 0; i < skills_json->elements().size(); ++i) {
        bundle.skills.push_back(read_skill(reader, skills_json->elements()[i], at("/skills", i)));
      }
      if (skills_json->elements().empty()) reader.error(skills_json->position, "/skills", "a course needs at least one skill");
    }

    const Value* activities_json = reader.array(root, "", "activities", Need::required);
    if (activities_json) {
      // Sized once: growing by doubling would leave up to half of it unused (an Activity is ~460 bytes) and
      // briefly hold the old and the new block together.
      bundle.activities.reserve(activities_json->elements().size());
      for (std::size_t i = 0; i < activities_json->elements().size(); ++i) {
        bundle.activities.push_back(
            read_activity(reader, activities_json->elements()[i], at("/activities", i), ActivityRole::activity));
      }
      if (activities_json->elements().empty()) {
        reader.error(activities_json->position, "/activities", "a course needs at least one activity");
      }
    }

    const IdIndex skill_ids(bundle.skills);
    const IdIndex activity_ids(bundle.activities);

    const Value* units_json = reader.array(root, "", "units", Need::optional);
    if (units_json) bundle.units.reserve(units_json->elements().size());
    for (std::size_t i = 0; units_json && i < units_json->elements().size(); ++i) {
      bundle.units.push_back(read_unit(reader, units_json->elements()[i], at("/units", i)));
    }

    if (skills_json) {
      check_unique(reader, *skills_json, "/skills", bundle.skills, skill_ids, "skill");
      for (std::size_t i = 0; i < skills_json->elements().size(); ++i) {
        check_references(reader, skills_json->elements()[i], at("/skills", i), "prerequisites", skill_ids, "skill");
        const Skill& skill = bundle.skills[i];
        for (std::size_t k = 0; k < skill.prerequisites.size(); ++k) {
          if (skill.prerequisites[k] != skill.id || skill.id.empty()) continue;
          reader.error(skills_json->elements()[i].find("prerequisites")->elements()[k].position,
                       at(at(at("/skills", i), "prerequisites"), k),
                       "the skill " + quoted(skill.id) + " cannot be its own prerequisite");
        }
      }
      check_prerequisite_cycles(reader, *skills_json, bundle.skills);
    }
    if (activities_json) {
      check_unique(reader, *activities_json, "/activities", bundle.activities, activity_ids, "activity");
      for (std::size_t i = 0; i < activities_json->elements().size(); ++i) {
        check_references(reader, activities_json->elements()[i], at("/activities", i), "skills", skill_ids, "skill");
      }
      check_templates(reader, *activities_json, bundle);
      if (skills_json) check_activities_per_skill(reader, *skills_json, bundle);
    }
    if (units_json) check_lessons(reader, *units_json, bundle, skill_ids, activity_ids);
    if (options.file_exists) {
      for (const FieldReader::FileReference& reference : reader.file_references()) {
        if (!options.file_exists(reference.path)) {
          reader.error(reference.position, reference.pointer,
                       "the file " + quoted(reference.path) + " does not exist (media paths are relative to the "
                       "bundle's folder)");
        }
      }
    }

    if (!reader.has_errors()) parse.bundle = std::move(bundle);
  }
  std::vector<Diagnostic> found = reader.take_diagnostics();
  parse.diagnostics.insert(parse.diagnostics.end(), found.begin(), found.end());
  std::stable_sort(parse.diagnostics.begin(), parse.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return parse;
}

std::vector<std::string> bundle_media_paths(const Bundle& bundle) {
  std::vector<std::string> paths;
  for (const Activity& activity : bundle.activities) add_activity_media(activity, paths);
  paths.erase(std::remove_if(paths.begin(), paths.end(),
                             [](const std::string& path) { return path.find("://") != std::string::npos; }),
              paths.end());
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

}  // namespace pathwise::content
