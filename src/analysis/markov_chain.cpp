#include "analysis/markov_chain.h"

#include <algorithm>
#include <cmath>

namespace cjm::markov {

namespace {

bool is_state(int64_t target) {
  return target >= 0;
}

// The states that matter for (start), reachable from it and able to reach
// (conversion) through transitions that `usable` allows, in breadth-first
// order backwards from (conversion): the states one step from it first. A
// Gauss-Seidel sweep in this order carries the probability back along a path
// in one sweep (a chain without loops is solved in one).
template <typename Usable>
std::vector<size_t> live_states(const Chain& chain, const Usable& usable) {
  const size_t n = chain.out.size();
  std::vector<uint8_t> reach(n, 0), live(n, 0);
  std::vector<size_t> stack{chain.start};
  reach[chain.start] = 1;
  while (!stack.empty()) {
    const size_t s = stack.back();
    stack.pop_back();
    for (const auto& [t, p] : chain.out[s])
      if (usable(t) && !reach[static_cast<size_t>(t)]) {
        reach[static_cast<size_t>(t)] = 1;
        stack.push_back(static_cast<size_t>(t));
      }
  }
  std::vector<std::vector<size_t>> into(n);
  std::vector<size_t> order;  // the breadth-first queue, then the result
  for (size_t s = 0; s < n; ++s) {
    if (!reach[s]) continue;
    for (const auto& [t, p] : chain.out[s]) {
      if (t == kConversion && p > 0 && !live[s]) {
        live[s] = 1;
        order.push_back(s);
      }
      if (usable(t)) into[static_cast<size_t>(t)].push_back(s);
    }
  }
  for (size_t head = 0; head < order.size(); ++head)
    for (size_t from : into[order[head]])
      if (!live[from]) {
        live[from] = 1;
        order.push_back(from);
      }
  return order;
}

}  // namespace

Bracket conversion_probability(const Chain& chain, const std::vector<uint8_t>* removed,
                               const std::vector<double>* above, uint64_t max_work,
                               std::vector<double>* solution) {
  const size_t n = chain.out.size();
  if (solution) solution->assign(n, 0.0);
  if (chain.start >= n) return {};
  if (removed && (*removed)[chain.start]) return {};
  auto usable = [&](int64_t target) {
    return is_state(target) && (removed == nullptr || !(*removed)[static_cast<size_t>(target)]);
  };
  const std::vector<size_t> states = live_states(chain, usable);

  // The system over the live states: x_i = (b_i + sum_{j != i} p_ij x_j) /
  // (1 - p_ii), with b_i = p(i, conversion); every other state has x = 0.
  std::vector<size_t> local(n, SIZE_MAX);
  for (size_t i = 0; i < states.size(); ++i) local[states[i]] = i;
  if (local[chain.start] == SIZE_MAX) return {};
  auto live = [&](size_t s) { return local[s] != SIZE_MAX; };
  const size_t m = states.size();
  std::vector<double> b(m, 0.0), keep(m, 1.0);
  std::vector<size_t> first(m + 1, 0);
  std::vector<std::pair<size_t, double>> q;
  for (size_t i = 0; i < m; ++i) {
    double self = 0;
    for (const auto& [t, p] : chain.out[states[i]]) {
      if (t == kConversion) b[i] += p;
      if (!usable(t) || !live(static_cast<size_t>(t))) continue;
      if (static_cast<size_t>(t) == states[i])
        self += p;
      else
        q.emplace_back(local[static_cast<size_t>(t)], p);
    }
    keep[i] = 1 / (1 - self);  // 1 - self > 0: a live state leaks somewhere
    first[i + 1] = q.size();
  }

  std::vector<double> lo(m, 0.0), hi(m, 1.0);
  if (above)
    for (size_t i = 0; i < m; ++i) hi[i] = std::min(1.0, (*above)[states[i]]);
  const size_t start = local[chain.start];
  const uint64_t sweep_work = 2 * (m + q.size()) + 1;
  for (uint64_t work = 0; work + sweep_work <= max_work || work == 0; work += sweep_work) {
    bool moved = false;  // false once rounding holds both iterates still
    for (size_t i = 0; i < m; ++i) {
      double l = b[i], h = b[i];
      for (size_t e = first[i]; e < first[i + 1]; ++e) {
        l += q[e].second * lo[q[e].first];
        h += q[e].second * hi[q[e].first];
      }
      // Both iterates are monotone; rounding must not let them cross.
      const double l2 = std::max(lo[i], l * keep[i]);
      const double h2 = std::max(l2, std::min(hi[i], h * keep[i]));
      moved = moved || l2 != lo[i] || h2 != hi[i];
      lo[i] = l2;
      hi[i] = h2;
    }
    if (!moved || hi[start] - lo[start] <= kTolerance * lo[start]) break;
  }
  if (solution)
    for (size_t i = 0; i < m; ++i) (*solution)[states[i]] = hi[i];
  return Bracket{lo[start], hi[start]};
}

Removals removal_probabilities(const Chain& chain, const std::vector<std::vector<size_t>>& removals,
                               uint64_t max_work) {
  Removals r;
  // The whole chain first, with half the budget: every removal starts from
  // its solution, and a removal's chain is often much smaller.
  std::vector<double> full;
  r.full = conversion_probability(chain, nullptr, nullptr, max_work / 2, &full);
  const uint64_t share = max_work / 2 / std::max<size_t>(removals.size(), 1);
  r.without.resize(removals.size());
  if (r.full.high <= 0) return r;
  // Removing states only lowers every probability: the whole chain's upper
  // iterate bounds each removal's solution from above.
  std::vector<uint8_t> removed(chain.out.size(), 0);
  for (size_t k = 0; k < removals.size(); ++k) {
    for (size_t s : removals[k]) removed[s] = 1;
    r.without[k] = conversion_probability(chain, &removed, &full, share);
    for (size_t s : removals[k]) removed[s] = 0;
  }
  return r;
}

}  // namespace cjm::markov
