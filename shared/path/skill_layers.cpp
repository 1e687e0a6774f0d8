#include "path/skill_layers.h"

#include <algorithm>
#include <numeric>

namespace pathwise::path {

namespace {

std::size_t at(int index) { return static_cast<std::size_t>(index); }

// Longest-path layering in topological order (Kahn's algorithm); skills left on a cycle go one layer below the
// deepest layer reached.
std::vector<int> longest_path_layers(const learner::CourseIndex& course) {
  const std::size_t count = course.skill_count();
  std::vector<int> layer(count, 0);
  std::vector<int> waiting(count, 0);
  for (std::size_t s = 0; s < count; ++s) waiting[s] = static_cast<int>(course.prerequisites[s].size());
  std::vector<int> ready;
  for (std::size_t s = 0; s < count; ++s) if (waiting[s] == 0) ready.push_back(static_cast<int>(s));
  std::vector<char> placed(count, 0);
  int deepest = 0;
  for (std::size_t next = 0; next < ready.size(); ++next) {
    const int skill = ready[next];
    placed[at(skill)] = 1;
    deepest = std::max(deepest, layer[at(skill)]);
    for (int dependent : course.dependents[at(skill)]) {
      layer[at(dependent)] = std::max(layer[at(dependent)], layer[at(skill)] + 1);
      if (--waiting[at(dependent)] == 0) ready.push_back(dependent);
    }
  }
  for (std::size_t s = 0; s < count; ++s) if (!placed[s]) layer[s] = deepest + 1;
  return layer;
}

// Reorders `layer` by the mean position of each skill's neighbours in the adjacent layer (prerequisites when
// sweeping down, dependents when sweeping up). Skills without neighbours there keep their place.
void order_by_barycentre(std::vector<int>& layer, const std::vector<std::vector<int>>& neighbours,
                         const std::vector<int>& position_of, const std::vector<int>& layer_of, int adjacent) {
  std::vector<std::pair<double, int>> keyed;
  for (std::size_t i = 0; i < layer.size(); ++i) {
    const int skill = layer[i];
    double sum = 0.0;
    int n = 0;
    for (int other : neighbours[at(skill)]) {
      if (layer_of[at(other)] != adjacent) continue;
      sum += position_of[at(other)];
      ++n;
    }
    keyed.push_back({n > 0 ? sum / n : static_cast<double>(i), skill});
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < layer.size(); ++i) layer[i] = keyed[i].second;
}

void renumber(const std::vector<int>& layer, std::vector<int>& position_of) {
  for (std::size_t i = 0; i < layer.size(); ++i) position_of[at(layer[i])] = static_cast<int>(i);
}

}  // namespace

SkillLayers skill_layers(const learner::CourseIndex& course, int sweeps) {
  SkillLayers result;
  const std::size_t count = course.skill_count();
  result.layer_of = longest_path_layers(course);
  const int layer_count = count == 0 ? 0 : *std::max_element(result.layer_of.begin(), result.layer_of.end()) + 1;
  result.layers.assign(static_cast<std::size_t>(layer_count), {});
  for (std::size_t s = 0; s < count; ++s) result.layers[at(result.layer_of[s])].push_back(static_cast<int>(s));
  result.position_of.assign(count, 0);
  for (const auto& layer : result.layers) renumber(layer, result.position_of);

  // Keep the best ordering seen: a sweep can make things worse.
  SkillLayers best = result;
  int best_crossings = crossings(course, best);
  for (int sweep = 0; sweep < sweeps && best_crossings > 0; ++sweep) {
    for (int l = 1; l < layer_count; ++l) {
      order_by_barycentre(result.layers[at(l)], course.prerequisites, result.position_of, result.layer_of, l - 1);
      renumber(result.layers[at(l)], result.position_of);
    }
    for (int l = layer_count - 2; l >= 0; --l) {
      order_by_barycentre(result.layers[at(l)], course.dependents, result.position_of, result.layer_of, l + 1);
      renumber(result.layers[at(l)], result.position_of);
    }
    const int now = crossings(course, result);
    if (now < best_crossings) {
      best = result;
      best_crossings = now;
    }
  }
  return best;
}

int crossings(const learner::CourseIndex& course, const SkillLayers& layers) {
  // Arrows between consecutive layers only: longer arrows are drawn around the layers in between.
  struct Arrow { int from, to; };
  int total = 0;
  for (std::size_t l = 1; l < layers.layers.size(); ++l) {
    std::vector<Arrow> arrows;
    for (int skill : layers.layers[l]) {
      for (int prerequisite : course.prerequisites[at(skill)]) {
        if (layers.layer_of[at(prerequisite)] != static_cast<int>(l) - 1) continue;
        arrows.push_back({layers.position_of[at(prerequisite)], layers.position_of[at(skill)]});
      }
    }
    for (std::size_t i = 0; i < arrows.size(); ++i)
      for (std::size_t j = i + 1; j < arrows.size(); ++j)
        if ((arrows[i].from - arrows[j].from) * (arrows[i].to - arrows[j].to) < 0) ++total;
  }
  return total;
}

}  // namespace pathwise::path
