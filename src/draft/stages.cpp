#include "draft/stages.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace cjm {

namespace {

// Optimal partitions of sorted `x` into k = 1 .. kmax contiguous groups by
// least sum of squared deviations (Fisher's exact 1-D k-means). cut[k][i]:
// start of the last group of the best k-partition of x[0, i).
struct KMeans1D {
  std::vector<double> s1, s2;             // prefix sums of x and x^2
  std::vector<std::vector<double>> cost;  // cost[k][i]
  std::vector<std::vector<size_t>> cut;

  double sse(size_t a, size_t b) const {  // of x[a, b)
    const double n = static_cast<double>(b - a);
    const double sum = s1[b] - s1[a];
    return std::max(0.0, (s2[b] - s2[a]) - sum * sum / n);
  }

  KMeans1D(const std::vector<double>& x, size_t kmax) {
    const size_t n = x.size();
    s1.assign(n + 1, 0);
    s2.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
      s1[i + 1] = s1[i] + x[i];
      s2[i + 1] = s2[i] + x[i] * x[i];
    }
    const double inf = std::numeric_limits<double>::infinity();
    cost.assign(kmax + 1, std::vector<double>(n + 1, inf));
    cut.assign(kmax + 1, std::vector<size_t>(n + 1, 0));
    cost[0][0] = 0;
    for (size_t k = 1; k <= kmax; ++k)
      for (size_t i = k; i <= n; ++i)
        for (size_t a = k - 1; a < i; ++a) {
          const double c = cost[k - 1][a] + sse(a, i);
          if (c < cost[k][i]) {
            cost[k][i] = c;
            cut[k][i] = a;
          }
        }
  }

  // Group starts of the best k-partition, ascending.
  std::vector<size_t> starts(size_t k, size_t n) const {
    std::vector<size_t> out(k);
    for (size_t i = n; k > 0; --k) {
      out[k - 1] = cut[k][i];
      i = cut[k][i];
    }
    return out;
  }
};

std::string stage_name(const std::vector<EventStats>& stats, const std::vector<size_t>& events) {
  std::vector<size_t> by_rows = events;
  std::stable_sort(by_rows.begin(), by_rows.end(),
                   [&](size_t a, size_t b) { return stats[a].rows > stats[b].rows; });
  if (by_rows.size() <= 3) {
    std::string out;
    for (size_t e : by_rows) out += (out.empty() ? "" : ", ") + stats[e].name;
    return out;
  }
  return fmt::format("{}, {} and {} more", stats[by_rows[0]].name, stats[by_rows[1]].name,
                     by_rows.size() - 2);
}

}  // namespace

std::string identifier(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word)
      out += c;
    else if (!out.empty() && out.back() != '_')
      out += '_';
    if (out.size() >= 40) break;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "stage" : out;
}

StagePlan plan_stages(const std::vector<EventStats>& stats, const StageOptions& options) {
  StagePlan plan;
  plan.max_names = options.max_names;
  std::vector<size_t> names;
  uint64_t total = 0;
  for (size_t e = 0; e < stats.size(); ++e)
    if (stats[e].rows > 0) {
      names.push_back(e);
      total += stats[e].rows;
    }
  // The most frequent names (ties by name) go into stages; the rest are left out.
  std::sort(names.begin(), names.end(), [&](size_t a, size_t b) {
    return stats[a].rows != stats[b].rows ? stats[a].rows > stats[b].rows
                                          : stats[a].name < stats[b].name;
  });
  if (names.size() > options.max_names) {
    plan.left_out.assign(names.begin() + static_cast<ptrdiff_t>(options.max_names), names.end());
    names.resize(options.max_names);
  }
  // Names frequent enough (and seen beside another name) are clustered; the
  // rest join the nearest stage. At least the most frequent name is clustered.
  std::vector<size_t> clustered;
  for (size_t e : names) {
    const bool frequent =
        static_cast<double>(stats[e].rows) >= options.rare_share * total && stats[e].positioned > 0;
    (frequent || clustered.empty() ? clustered : plan.rare).push_back(e);
  }
  auto by_position = [&](size_t a, size_t b) {
    if (stats[a].position != stats[b].position) return stats[a].position < stats[b].position;
    return stats[a].rows != stats[b].rows ? stats[a].rows > stats[b].rows
                                          : stats[a].name < stats[b].name;
  };
  std::sort(clustered.begin(), clustered.end(), by_position);
  std::vector<double> x;
  for (size_t e : clustered) x.push_back(stats[e].position);
  const size_t n = x.size();

  size_t k = options.k;
  const size_t kmax = std::min(n, k ? k : std::max<size_t>(1, options.max_auto_k));
  const KMeans1D km(x, kmax);
  const double total_sse = km.sse(0, n);
  if (k == 0) {
    k = 1;
    while (k < kmax && total_sse > 0 && km.cost[k][n] > (1 - options.auto_explained) * total_sse)
      ++k;
    plan.k_rule = fmt::format(
        "K = {}: the fewest stages whose cut explains at least {:.0f} % of the variance of the "
        "positions (at most {}; --stages K sets it)",
        k, 100 * options.auto_explained, options.max_auto_k);
  } else if (k > n) {
    plan.k_rule = fmt::format(
        "K = {}: --stages asked for {}, but only {} names could be "
        "clustered",
        n, k, n);
    k = n;
  } else {
    plan.k_rule = fmt::format("K = {} (--stages)", k);
  }
  plan.explained = total_sse > 0 ? 1 - km.cost[k][n] / total_sse : 1;
  const std::vector<size_t> starts = km.starts(k, n);
  for (size_t g = 0; g < k; ++g) {
    const size_t a = starts[g], b = g + 1 < k ? starts[g + 1] : n;
    DraftStage s;
    s.events.assign(clustered.begin() + static_cast<ptrdiff_t>(a),
                    clustered.begin() + static_cast<ptrdiff_t>(b));
    s.from = x[a];
    s.to = x[b - 1];
    plan.stages.push_back(std::move(s));
  }
  // Rare names: into the stage whose span is nearest their position.
  for (size_t e : plan.rare) {
    size_t best = 0;
    double best_d = std::numeric_limits<double>::infinity();
    for (size_t g = 0; g < plan.stages.size(); ++g) {
      const DraftStage& s = plan.stages[g];
      const double p = stats[e].position;
      const double d = p < s.from ? s.from - p : p > s.to ? p - s.to : 0;
      if (d < best_d) {
        best_d = d;
        best = g;
      }
    }
    auto& ev = plan.stages[best].events;
    ev.insert(std::upper_bound(ev.begin(), ev.end(), e, by_position), e);
  }
  // Ids and names from the most frequent event of each stage; ids unique.
  std::set<std::string> ids;
  for (DraftStage& s : plan.stages) {
    size_t top = s.events.front();
    for (size_t e : s.events)
      if (stats[e].rows > stats[top].rows) top = e;
    std::string id = identifier(stats[top].name);
    for (int i = 2; ids.count(id); ++i) id = identifier(stats[top].name) + "_" + std::to_string(i);
    ids.insert(id);
    s.id = id;
    s.name = stage_name(stats, s.events);
  }
  return plan;
}

}  // namespace cjm
