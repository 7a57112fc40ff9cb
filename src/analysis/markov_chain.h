// The absorbing Markov chain of attribution's removal effect (docs/methods.md,
// "Markov chain"): the probability of reaching (conversion) from (start), in
// the whole chain and with each touchpoint removed, by an iterative solver
// whose work is bounded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace cjm::markov {

inline constexpr int64_t kConversion = -1;  // edge target: the (conversion) state
inline constexpr int64_t kNull = -2;        // edge target: the (null) state

struct Chain {
  size_t start = 0;  // index of the (start) state
  // Per transient state: (target state index, or kConversion / kNull; probability).
  std::vector<std::vector<std::pair<int64_t, double>>> out;
};

// A conversion probability known to lie in [low, high]; value() is the
// midpoint, exact to within half the width.
struct Bracket {
  double low = 0, high = 0;
  double value() const { return (low + high) / 2; }
};

// Relative width at which a bracket is considered exact: far below the 10
// significant digits any output prints.
inline constexpr double kTolerance = 1e-15;

// Probability of reaching (conversion) from (start). `removed` (optional, one
// flag per state): every transition into a flagged state goes to (null)
// instead. States not reachable from (start), or that cannot reach
// (conversion), get 0 without solving; the rest is solved by Gauss-Seidel
// sweeps (self-loops divided out; states in breadth-first order backwards
// from (conversion), so that a chain without loops takes one sweep) from below (all 0) and from
// above (all 1, or `above`, one value per state known to bound the solution from above), both
// monotone, until the bracket of (start) is narrower than kTolerance relative to it or `max_work`
// (state and transition visits) is spent. `solution`, if set, receives the upper iterate of every
// state.
Bracket conversion_probability(const Chain& chain, const std::vector<uint8_t>* removed = nullptr,
                               const std::vector<double>* above = nullptr,
                               uint64_t max_work = UINT64_MAX,
                               std::vector<double>* solution = nullptr);

// The whole chain's conversion probability and, for each set of states in
// `removals`, the probability with those states removed, sharing a budget of
// `max_work` state and transition visits so that the cost is bounded
// whatever the chain (the removals start from the whole chain's solution).
struct Removals {
  Bracket full;
  std::vector<Bracket> without;
};
Removals removal_probabilities(const Chain& chain, const std::vector<std::vector<size_t>>& removals,
                               uint64_t max_work);

// The work budget removal_probabilities is given by attribution: a few
// seconds on one core at most.
inline constexpr uint64_t kWorkBudget = 500'000'000;

}  // namespace cjm::markov
