// The adjusted Rand index of two labellings of the same items (Hubert and
// Arabie 1985), written from its definition for the tests that score a
// clustering against a generator's truth: (index - expected) / (max -
// expected) over the pairs of items placed together.
#pragma once

#include <map>
#include <utility>
#include <vector>

namespace cjm::testing {

template <typename A, typename B>
double adjusted_rand(const std::vector<A>& a, const std::vector<B>& b) {
  std::map<std::pair<A, B>, double> both;
  std::map<A, double> rows;
  std::map<B, double> cols;
  for (size_t i = 0; i < a.size(); ++i) {
    ++both[{a[i], b[i]}];
    ++rows[a[i]];
    ++cols[b[i]];
  }
  auto pairs = [](double n) { return n * (n - 1) / 2; };
  double index = 0, sum_rows = 0, sum_cols = 0;
  for (const auto& [k, n] : both) index += pairs(n);
  for (const auto& [k, n] : rows) sum_rows += pairs(n);
  for (const auto& [k, n] : cols) sum_cols += pairs(n);
  const double expected = sum_rows * sum_cols / pairs(static_cast<double>(a.size()));
  return (index - expected) / ((sum_rows + sum_cols) / 2 - expected);
}

}  // namespace cjm::testing
