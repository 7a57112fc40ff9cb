#include "analysis/change_scan.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cjm {

namespace {

// Running sums over the entries of the counts, with the entries of windows
// already found taken out (their counts 0 and `blocked` set), so a window's
// counts are two subtractions and "does it cross a found window" one more.
struct Prefix {
  std::vector<int64_t> day;             // per entry
  std::vector<uint64_t> n, x, blocked;  // size entries + 1

  Prefix(const DailyCounts& c, const std::vector<uint8_t>& is_blocked) {
    const size_t m = c.at_risk.size();
    day.resize(m);
    n.assign(m + 1, 0);
    x.assign(m + 1, 0);
    blocked.assign(m + 1, 0);
    for (size_t i = 0; i < m; ++i) {
      day[i] = c.day.empty() ? static_cast<int64_t>(i) : c.day[i];
      const bool b = is_blocked[i] != 0;
      n[i + 1] = n[i] + (b ? 0 : c.at_risk[i]);
      x[i + 1] = x[i] + (b ? 0 : std::min(c.entered[i], c.at_risk[i]));
      blocked[i + 1] = blocked[i] + (b ? 1 : 0);
    }
  }
  uint64_t total_n() const { return n.back(); }
  uint64_t total_x() const { return x.back(); }
  uint64_t units(size_t i) const { return n[i + 1] - n[i]; }
};

bool well_formed(const DailyCounts& c) {
  const size_t m = c.at_risk.size();
  if (c.entered.size() != m || (!c.day.empty() && c.day.size() != m)) return false;
  for (size_t i = 1; i < c.day.size(); ++i)
    if (c.day[i] <= c.day[i - 1]) return false;
  return true;
}

// Longest window in days: the share of the days with units, at least 1.
int64_t longest_window(const DailyCounts& c, const ChangeScanOptions& options) {
  const auto days = static_cast<double>(
      std::count_if(c.at_risk.begin(), c.at_risk.end(), [](uint64_t n) { return n > 0; }));
  const double fraction = std::clamp(options.max_window_fraction, 0.0, 1.0);
  return std::max<int64_t>(1, static_cast<int64_t>(std::floor(fraction * days)));
}

double xlogx(double v) {
  return v > 0 ? v * std::log(v) : 0.0;
}

// The binomial log likelihood of x successes in n at their own rate.
double log_likelihood(double x, double n) {
  return xlogx(x) + xlogx(n - x) - xlogx(n);
}

// Calls f(first, last, n, x) (entry indices, units and entries inside) for
// every window that may be tested: from a day with units to a day with
// units at most `longest` days later, crossing no blocked entry, with at
// least min_units at risk inside and outside.
template <typename F>
void for_each_window(const Prefix& p, int64_t longest, uint64_t min_units, F f) {
  const size_t m = p.day.size();
  const uint64_t total = p.total_n();
  for (size_t a = 0; a < m; ++a) {
    if (p.units(a) == 0) continue;  // blocked entries have no units either
    for (size_t b = a; b < m && p.day[b] - p.day[a] < longest; ++b) {
      if (p.blocked[b + 1] != p.blocked[a]) break;  // crosses a found window
      if (p.units(b) == 0) continue;
      const uint64_t n = p.n[b + 1] - p.n[a];
      if (n < min_units) continue;
      if (total - n < min_units) break;  // only grows with b
      f(a, b, n, p.x[b + 1] - p.x[a]);
    }
  }
}

}  // namespace

uint64_t count_windows(const DailyCounts& counts, const ChangeScanOptions& options) {
  if (!well_formed(counts)) return 0;
  const std::vector<uint8_t> none(counts.at_risk.size(), 0);
  const Prefix p(counts, none);
  // A stage that every unit entered, or none did, cannot show a change.
  if (p.total_x() == 0 || p.total_x() == p.total_n()) return 0;
  uint64_t windows = 0;
  for_each_window(p, longest_window(counts, options), options.min_units,
                  [&](size_t, size_t, uint64_t, uint64_t) { ++windows; });
  return windows;
}

double corrected_p_value(double g, uint64_t tests) {
  if (tests == 0) return 1.0;
  const double tail = std::erfc(std::sqrt(std::max(g, 0.0) / 2.0));  // P(chi2_1 > g)
  return std::min(1.0, static_cast<double>(tests) * tail);
}

double critical_statistic(uint64_t tests, double alpha) {
  if (tests == 0) return std::numeric_limits<double>::infinity();
  // corrected_p_value falls as g grows: bisect on sqrt(g / 2).
  double lo = 0.0, hi = 40.0;
  if (corrected_p_value(0.0, tests) <= alpha) return 0.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    if (corrected_p_value(2 * mid * mid, tests) <= alpha)
      hi = mid;
    else
      lo = mid;
  }
  return 2 * hi * hi;
}

std::vector<ScanWindow> scan_changes(const DailyCounts& counts, uint64_t tests,
                                     const ChangeScanOptions& options) {
  std::vector<ScanWindow> found;
  if (tests == 0 || !well_formed(counts)) return found;
  const int64_t longest = longest_window(counts, options);
  // Pearson's X^2 of a window's 2x2 table bounds G from above (G <= 2 X^2,
  // docs/methods.md), so a window whose 2 X^2 is below the critical value,
  // or below the best G so far, needs no logarithm.
  const double critical = critical_statistic(tests, options.alpha);
  std::vector<uint8_t> blocked(counts.at_risk.size(), 0);
  while (found.size() < options.max_changes) {
    const Prefix p(counts, blocked);
    const double total_n = static_cast<double>(p.total_n());
    const double total_x = static_cast<double>(p.total_x());
    if (p.total_x() == 0 || p.total_x() == p.total_n()) break;
    const double overall = log_likelihood(total_x, total_n);
    const double spread = total_x * (total_n - total_x);
    double best = -1;
    size_t first = 0, last = 0;
    ScanWindow w;
    for_each_window(
        p, longest, options.min_units, [&](size_t a, size_t b, uint64_t n_in, uint64_t x_in) {
          const double n = static_cast<double>(n_in), x = static_cast<double>(x_in);
          const double n_out = total_n - n, x_out = total_x - x;
          const double cross = x * n_out - x_out * n;  // (x/n - x_out/n_out) n n_out
          // Too small a change: under min_effect of the baseline rate or its complement.
          if (std::fabs(cross) < options.min_effect * std::min(x_out, n_out - x_out) * n) return;
          const double pearson = total_n * cross * cross / (n * n_out * spread);
          if (2 * pearson < critical || 2 * pearson <= best) return;
          const double g = 2 * (log_likelihood(x, n) + log_likelihood(x_out, n_out) - overall);
          if (g <= best) return;
          best = g;
          first = a;
          last = b;
          w.at_risk = n_in;
          w.entered = x_in;
        });
    if (best < 0) break;
    const double p_value = corrected_p_value(best, tests);
    if (p_value > options.alpha) break;
    w.first_day = p.day[first];
    w.last_day = p.day[last];
    w.statistic = std::max(best, 0.0);
    w.p_value = p_value;
    w.baseline_at_risk = p.total_n() - w.at_risk;
    w.baseline_entered = p.total_x() - w.entered;
    w.rate = static_cast<double>(w.entered) / static_cast<double>(w.at_risk);
    w.baseline_rate =
        static_cast<double>(w.baseline_entered) / static_cast<double>(w.baseline_at_risk);
    w.down = w.rate < w.baseline_rate;
    w.lost = static_cast<double>(w.at_risk) * w.baseline_rate - static_cast<double>(w.entered);
    for (size_t i = first; i <= last; ++i) blocked[i] = 1;
    found.push_back(w);
  }
  return found;
}

std::vector<std::vector<ScanWindow>> scan_stages(std::span<const DailyCounts> stages,
                                                 const ChangeScanOptions& options) {
  uint64_t tests = 0;
  for (const DailyCounts& c : stages) tests += count_windows(c, options);
  std::vector<std::vector<ScanWindow>> out;
  out.reserve(stages.size());
  for (const DailyCounts& c : stages) out.push_back(scan_changes(c, tests, options));
  return out;
}

}  // namespace cjm
