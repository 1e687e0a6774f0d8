// A deterministic generator of large, valid course bundles (`pathwise.bundle/1`, content/FORMAT.md) for the
// bundle benchmark. The content is modelled on the real courses in content/*/course.json: three subject families
// (fractions-style maths with $3/4$ math, Spanish with accents, science with $CO_2$), the same mix of activity
// types, rich text with emphasis, math, lists, headings and pictures, hints, explanations, per-choice feedback and
// misconception tags, about 2 % parameterized templates with small variable ranges, a few hundred skills whose
// prerequisites form a DAG, and units of lessons that list every skill and activity.
//
// Same spec → the same bytes on every platform: the generator uses its own integer PRNG (no <random>
// distributions, whose results differ between libstdc++ and libc++) and writes every number from integers.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pathwise::bench {

// How the JSON text is laid out. Parsing cost depends on it (whitespace to skip, and the loader's line:column
// bookkeeping, which scans from the start of a value's line).
enum class Layout {
  lines,     // the top level indented, each skill, unit and activity on one line without spaces (as tools write)
  pretty,    // indented by 2 everywhere, like the hand-written course files
  minified,  // no whitespace at all: one line
};

const char* layout_name(Layout layout);
bool parse_layout(std::string_view name, Layout& out);

struct BundleSpec {
  std::size_t target_bytes = 10u * 1024u * 1024u;  // the text is exactly this long unless min_activities needs more
  std::size_t min_activities = 20000;              // generation goes past target_bytes if needed to reach this
  std::size_t skills = 320;                        // a few hundred (fewer for small targets); a DAG
  std::size_t lessons_per_unit = 10;               // one lesson per skill
  int template_per_mille = 20;                     // share of parameterized templates (~2 %)
  std::uint64_t seed = 20240611;
  Layout layout = Layout::lines;
};

constexpr std::size_t kGeneratedTypeCount = 12;  // content::ActivityType's order

struct GeneratedBundle {
  std::string text;
  std::size_t activities = 0;
  std::size_t skills = 0;
  std::size_t units = 0;
  std::size_t lessons = 0;
  std::array<std::size_t, kGeneratedTypeCount> by_type{};  // activities per content::ActivityType
};

GeneratedBundle generate_bundle(const BundleSpec& spec);

}  // namespace pathwise::bench
