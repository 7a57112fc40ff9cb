// The change scan: finds the windows of consecutive days in which a stage's
// entry rate left its baseline (docs/methods.md, "Change detection").
//
// Input per stage: for each day, the units at risk (that first reached the
// previous stage that day) and how many of them entered the stage. Every
// window of days (starting and ending on a day with units, spanning at most
// `max_window_fraction` of the days that have units) is tested with the
// binomial likelihood-ratio statistic G = 2 log LR (Kulldorff's Bernoulli
// scan: one rate inside the window, one outside, against one rate overall);
// a window's p-value is its chi-square (1 df) tail times the number of
// windows tested over all stages (Bonferroni), so the chance of any false
// report over the whole scan is at most `alpha`. Only windows whose rate
// differs from the baseline by at least `min_effect` are reported (the best
// of those). Several windows of a stage
// are found greedily: the best, then the best among the windows that do not
// overlap it, with the days found so far left out of the baseline.
// Pure and deterministic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace cjm {

struct ChangeScanOptions {
  double alpha = 0.05;               // family-wise false-alarm rate over all windows and stages
  double max_window_fraction = 0.5;  // longest window, as a share of the days with units (>= 1)
  uint64_t min_units = 30;           // least units at risk inside a window, and outside it
  size_t max_changes = 3;            // most windows reported per stage
  // Least change worth reporting: the entry rate, or its complement (the
  // rate of not entering), inside the window differs from the baseline's by
  // at least this share of the baseline's. Large data makes tiny drifts
  // significant; they are not stories.
  double min_effect = 0.1;
};

// One stage's counts, day by day. A day missing from `day` has no units, so
// a long span with a few stray dates costs nothing.
struct DailyCounts {
  std::vector<int64_t> day;       // ascending day numbers; empty means 0, 1, 2, ...
  std::vector<uint64_t> at_risk;  // units that first reached the previous stage that day
  std::vector<uint64_t> entered;  // of those, the units that entered the stage (<= at_risk)
};

// A window where the entry rate departed from its baseline.
struct ScanWindow {
  int64_t first_day = 0, last_day = 0;  // day numbers, inclusive, both days with units
  bool down = false;                    // rate below the baseline
  uint64_t at_risk = 0, entered = 0;    // inside the window
  // Outside the window and the stage's windows found before it.
  uint64_t baseline_at_risk = 0, baseline_entered = 0;
  double rate = 0, baseline_rate = 0;
  double statistic = 0;  // G = 2 log likelihood ratio
  double p_value = 1;    // Bonferroni-corrected over every window tested
  // Expected entries at the baseline rate minus actual ones: > 0 when down.
  double lost = 0;
};

// Number of windows the scan tests on `counts`: at most the longest length,
// with at least `min_units` at risk inside and outside. The sum over the
// stages scanned together is the Bonferroni factor.
uint64_t count_windows(const DailyCounts& counts, const ChangeScanOptions& options);

// The smallest G whose corrected p-value is at most `alpha` when `tests`
// windows are tested (infinity when tests is 0).
double critical_statistic(uint64_t tests, double alpha);

// Corrected p-value of statistic `g` among `tests` windows: min(1, tests * P(chi2_1 > g)).
double corrected_p_value(double g, uint64_t tests);

// The significant windows of one stage, in the order found (best first), at
// most options.max_changes, none overlapping. `tests` is the Bonferroni
// factor (count_windows summed over every stage scanned).
std::vector<ScanWindow> scan_changes(const DailyCounts& counts, uint64_t tests,
                                     const ChangeScanOptions& options);

// Scans several stages at once, the correction covering all of them: one
// list of windows per stage, as scan_changes.
std::vector<std::vector<ScanWindow>> scan_stages(std::span<const DailyCounts> stages,
                                                 const ChangeScanOptions& options);

}  // namespace cjm
