// Measures the change scan (src/analysis/change_scan.h): its cost, its
// false-alarm rate on flat binomial data, and its power on planted drops,
// for the Bonferroni correction it uses and for a Monte Carlo calibration of
// the maximum statistic (Kulldorff's), the alternative it was chosen over.
//
//   cmake --build build --target cjm_change_scan_bench && build/cjm_change_scan_bench [seeds]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "analysis/change_scan.h"

namespace {

using cjm::ChangeScanOptions;
using cjm::DailyCounts;

// Entry rates of the five stages scanned (a shop's funnel).
const std::vector<double> kRates = {0.8, 0.6, 0.5, 0.9, 0.6};

struct Scenario {
  const char* name;
  size_t days;
  double units_per_day;  // at the first stage; deeper stages get the survivors
};

// Flat data: every day's units at risk drawn around the mean, entries binomial.
// With `drop` > 0, stage 2's rate falls by that share on days [first, first + length).
std::vector<DailyCounts> draw(const Scenario& s, std::mt19937_64& rng, double drop = 0,
                              size_t first = 0, size_t length = 0) {
  std::vector<DailyCounts> stages(kRates.size());
  std::poisson_distribution<uint64_t> units(s.units_per_day);
  for (size_t d = 0; d < s.days; ++d) {
    uint64_t n = units(rng);
    for (size_t k = 0; k < kRates.size(); ++k) {
      double p = kRates[k];
      if (k == 2 && d >= first && d < first + length) p *= 1 - drop;
      std::binomial_distribution<uint64_t> entered(n, p);
      const uint64_t x = entered(rng);
      stages[k].at_risk.push_back(n);
      stages[k].entered.push_back(x);
      n = x;  // the next stage's units at risk
    }
  }
  return stages;
}

// The largest G over every stage and window (the scan's maximum statistic).
double max_statistic(const std::vector<DailyCounts>& stages) {
  ChangeScanOptions o;
  o.alpha = 1;  // every window passes: the best one is returned
  o.max_changes = 1;
  double best = 0;
  for (const DailyCounts& c : stages) {
    const auto w = cjm::scan_changes(c, 1, o);
    if (!w.empty()) best = std::max(best, w[0].statistic);
  }
  return best;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int seeds = argc > 1 ? std::atoi(argv[1]) : 1000;
  const std::vector<Scenario> scenarios = {
      {"small: 180 days, 20 units/day", 180, 20},
      {"medium: 90 days, 500 units/day", 90, 500},
      {"10M events: 90 days, 11000 units/day", 90, 11000},
      {"10M events over a year: 365 days, 2700 units/day", 365, 2700},
  };
  const ChangeScanOptions defaults;
  for (const Scenario& s : scenarios) {
    std::printf("== %s\n", s.name);
    // Cost of one scan of the five stages, flat and with a drop.
    std::mt19937_64 rng(1);
    const auto flat = draw(s, rng);
    const auto dropped = draw(s, rng, 0.5, s.days / 3, 21);
    for (const auto* data : {&flat, &dropped}) {
      const int reps = 20;
      const auto t0 = std::chrono::steady_clock::now();
      size_t found = 0;
      for (int r = 0; r < reps; ++r)
        for (const auto& w : cjm::scan_stages(*data, defaults)) found += w.size();
      std::printf("  scan of 5 stages (%s): %.3f ms, %zu windows found\n",
                  data == &flat ? "flat" : "21-day drop of 50 %", 1e3 * seconds_since(t0) / reps,
                  found / reps);
    }
    // False alarms, and the Monte Carlo distribution of the maximum G.
    uint64_t tests = 0;
    for (const DailyCounts& c : flat) tests += cjm::count_windows(c, defaults);
    const double bonferroni = cjm::critical_statistic(tests, defaults.alpha);
    std::vector<double> maxima;
    int alarms = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int seed = 1; seed <= seeds; ++seed) {
      std::mt19937_64 r(static_cast<uint64_t>(seed) * 1000003);
      const auto data = draw(s, r);
      bool any = false;
      for (const auto& w : cjm::scan_stages(data, defaults)) any = any || !w.empty();
      alarms += any;
      maxima.push_back(max_statistic(data));
    }
    const double mc_seconds = seconds_since(t0);
    std::sort(maxima.begin(), maxima.end());
    const double calibrated = maxima[static_cast<size_t>(0.95 * (maxima.size() - 1))];
    std::printf("  windows tested %llu; critical G: Bonferroni %.2f, Monte Carlo 95 %% %.2f\n",
                static_cast<unsigned long long>(tests), bonferroni, calibrated);
    std::printf("  false alarms (Bonferroni, alpha 0.05): %d of %d seeds = %.2f %%\n", alarms,
                seeds, 100.0 * alarms / seeds);
    std::printf(
        "  Monte Carlo cost: %.1f ms per replicate of the maximum (999 replicates: %.2f s)\n",
        1e3 * mc_seconds / seeds, 999 * mc_seconds / seeds);
    // Power: a drop of stage 2 (rate 0.5) for 7 or 21 days.
    for (size_t length : {size_t{7}, size_t{21}})
      for (double drop : {0.1, 0.2, 0.3, 0.5}) {
        int hit_b = 0, hit_mc = 0;
        const int power_seeds = std::max(1, seeds / 5);
        const size_t first = s.days / 3;
        for (int seed = 1; seed <= power_seeds; ++seed) {
          std::mt19937_64 r(static_cast<uint64_t>(seed) * 7919 + length);
          const auto data = draw(s, r, drop, first, length);
          // A hit: a window of stage 2 that overlaps the planted days.
          auto hits = [&](double critical) {
            ChangeScanOptions o;
            o.alpha = std::erfc(std::sqrt(critical / 2));  // one test at this G
            for (const auto& w : cjm::scan_changes(data[2], 1, o))
              if (w.down && w.first_day < static_cast<int64_t>(first + length) &&
                  w.last_day >= static_cast<int64_t>(first))
                return true;
            return false;
          };
          hit_b += hits(bonferroni);
          hit_mc += hits(calibrated);
        }
        std::printf(
            "  power, %2zu-day drop of %2.0f %%: Bonferroni %5.1f %%, Monte Carlo %5.1f %%\n",
            length, 100 * drop, 100.0 * hit_b / power_seeds, 100.0 * hit_mc / power_seeds);
      }
  }
  return 0;
}
