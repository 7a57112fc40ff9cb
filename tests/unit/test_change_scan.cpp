// The change scan (analysis/change_scan.h) on hand-made daily counts, against
// a brute-force scan written independently, and its false-alarm rate on flat
// binomial data.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "analysis/change_scan.h"

namespace cjm {
namespace {

// `days` days of `units` units each, `entered` of them entering.
DailyCounts flat(size_t days, uint64_t units, uint64_t entered) {
  return DailyCounts{{}, std::vector<uint64_t>(days, units), std::vector<uint64_t>(days, entered)};
}

void set_days(DailyCounts& c, size_t first, size_t last, uint64_t entered) {
  for (size_t d = first; d <= last; ++d) c.entered[d] = entered;
}

std::vector<ScanWindow> scan_one(const DailyCounts& c, const ChangeScanOptions& o = {}) {
  return scan_changes(c, count_windows(c, o), o);
}

TEST(ChangeScan, FindsAPlantedDropWithItsWindow) {
  // 60 days of 200 units entering at 0.5; days 20..29 at 0.2.
  DailyCounts c = flat(60, 200, 100);
  set_days(c, 20, 29, 40);
  const auto found = scan_one(c);
  ASSERT_EQ(found.size(), 1u);  // the rest is exactly flat: nothing more
  const ScanWindow& w = found[0];
  EXPECT_EQ(w.first_day, 20);
  EXPECT_EQ(w.last_day, 29);
  EXPECT_TRUE(w.down);
  EXPECT_EQ(w.at_risk, 2000u);  // 10 days x 200
  EXPECT_EQ(w.entered, 400u);   // 10 days x 40
  EXPECT_EQ(w.baseline_at_risk, 10000u);
  EXPECT_EQ(w.baseline_entered, 5000u);
  EXPECT_DOUBLE_EQ(w.rate, 0.2);
  EXPECT_DOUBLE_EQ(w.baseline_rate, 0.5);
  EXPECT_DOUBLE_EQ(w.lost, 600.0);  // 2000 x 0.5 - 400
  // G = 2 [400 ln(0.2) + 1600 ln(0.8) + 10000 ln(0.5) - 5400 ln(5400/12000)
  //        - 6600 ln(6600/12000)]
  const double g = 2 * (400 * std::log(0.2) + 1600 * std::log(0.8) + 10000 * std::log(0.5) -
                        5400 * std::log(0.45) - 6600 * std::log(0.55));
  EXPECT_NEAR(w.statistic, g, 1e-6 * g);
  EXPECT_LT(w.p_value, 1e-100);
}

TEST(ChangeScan, FlatDataIsSilent) {
  EXPECT_TRUE(scan_one(flat(90, 500, 137)).empty());
  // Every unit entering, or none: nothing to test.
  EXPECT_EQ(count_windows(flat(30, 50, 50), {}), 0u);
  EXPECT_EQ(count_windows(flat(30, 50, 0), {}), 0u);
}

TEST(ChangeScan, FindsAnUpChange) {
  DailyCounts c = flat(40, 100, 30);
  set_days(c, 5, 7, 60);  // three days at 0.6 against 0.3
  const auto found = scan_one(c);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_day, 5);
  EXPECT_EQ(found[0].last_day, 7);
  EXPECT_FALSE(found[0].down);
  EXPECT_DOUBLE_EQ(found[0].rate, 0.6);
  EXPECT_DOUBLE_EQ(found[0].baseline_rate, 0.3);
  EXPECT_DOUBLE_EQ(found[0].lost, -90.0);  // 300 x 0.3 - 180
}

TEST(ChangeScan, TinyDaysDoNotTrigger) {
  // 30 days of 1000 units at 0.9; day 10 has 5 units and none entered. A
  // window of day 10 alone has too few units to be tested, and every longer
  // window is diluted by full days.
  DailyCounts c = flat(30, 1000, 900);
  c.at_risk[10] = 5;
  c.entered[10] = 0;
  EXPECT_TRUE(scan_one(c).empty());
  // The same drop on 50 units is found, on that day alone.
  c.at_risk[10] = 50;
  const auto found = scan_one(c);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_day, 10);
  EXPECT_EQ(found[0].last_day, 10);
  EXPECT_DOUBLE_EQ(found[0].lost, 45.0);  // 50 x 0.9 - 0
}

TEST(ChangeScan, WindowsAreBoundedToHalfTheDays) {
  // 20 days: the first 12 at 0.2, the last 8 at 0.8. The lowest window
  // would be days 0..11, but windows are at most 10 days long, so the scan
  // reports the last 8 days as up.
  DailyCounts c = flat(20, 100, 20);
  set_days(c, 12, 19, 80);
  const auto found = scan_one(c);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].first_day, 12);
  EXPECT_EQ(found[0].last_day, 19);
  EXPECT_FALSE(found[0].down);
  for (const ScanWindow& w : found) EXPECT_LE(w.last_day - w.first_day + 1, 10);
}

TEST(ChangeScan, DaysMayBeSparse) {
  // 40 days of 100 units at 0.5 (days 1000..1039), days 1020..1023 at 0.1,
  // and one stray day 50 years earlier. Windows are at most half of the 41
  // days with units long (20 days), and are reported by day number.
  DailyCounts c = flat(40, 100, 50);
  for (int64_t d = 0; d < 40; ++d) c.day.push_back(1000 + d);
  set_days(c, 20, 23, 10);
  c.day.insert(c.day.begin(), 1000 - 50 * 365);
  c.at_risk.insert(c.at_risk.begin(), 100);
  c.entered.insert(c.entered.begin(), 50);
  const auto found = scan_one(c);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_day, 1020);
  EXPECT_EQ(found[0].last_day, 1023);
  EXPECT_DOUBLE_EQ(found[0].baseline_rate, 0.5);
  // Windows: 41 one-entry windows, and per start the later days within 20
  // days: the stray day starts only itself.
  ChangeScanOptions o;
  o.min_units = 1;
  uint64_t expected = 1;  // the stray day
  for (int a = 0; a < 40; ++a) expected += static_cast<uint64_t>(std::min(20, 40 - a));
  EXPECT_EQ(count_windows(c, o), expected);
  // Days out of order are refused, not scanned.
  std::swap(c.day[1], c.day[2]);
  EXPECT_EQ(count_windows(c, o), 0u);
  EXPECT_TRUE(scan_changes(c, 10, o).empty());
}

TEST(ChangeScan, ReportsSeveralWindowsWithoutOverlap) {
  // Two drops: days 10..14 to 0.1 (the larger), days 40..42 to 0.3, on 0.6.
  DailyCounts c = flat(70, 100, 60);
  set_days(c, 10, 14, 10);
  set_days(c, 40, 42, 30);
  const auto found = scan_one(c);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].first_day, 10);
  EXPECT_EQ(found[0].last_day, 14);
  EXPECT_EQ(found[1].first_day, 40);
  EXPECT_EQ(found[1].last_day, 42);
  // The second window's baseline leaves the first out: exactly 0.6.
  EXPECT_DOUBLE_EQ(found[1].baseline_rate, 0.6);
  EXPECT_EQ(found[1].baseline_at_risk, 6200u);  // 70 - 5 - 3 days of 100
  ChangeScanOptions one;
  one.max_changes = 1;
  EXPECT_EQ(scan_one(c, one).size(), 1u);
}

TEST(ChangeScan, TinyEffectsAreNotReported) {
  // 20000 units a day at 0.8; days 10..19 at 0.79: significant (G = 102.7
  // against a critical 17.0 for 1365 windows), but the rate of not entering moved by 5 % of
  // its 0.2 and the entry rate by 1.25 %, both under the 10 % floor.
  DailyCounts c = flat(60, 20000, 16000);
  set_days(c, 10, 19, 15800);
  EXPECT_TRUE(scan_one(c).empty());
  ChangeScanOptions any;
  any.min_effect = 0;
  const auto found = scan_one(c, any);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_day, 10);
  EXPECT_EQ(found[0].last_day, 19);
  // 0.8 to 0.7: the rate of not entering grew by half: reported.
  set_days(c, 10, 19, 14000);
  EXPECT_EQ(scan_one(c).size(), 1u);
}

TEST(ChangeScan, CorrectionGrowsWithTheWindowsTested) {
  // 10 windows: the critical G has 10 * P(chi2_1 > G) = 0.05, i.e.
  // P(|Z| > z) = 0.005, z = 2.807034, G = z^2 = 7.879439.
  EXPECT_NEAR(critical_statistic(10, 0.05), 7.879439, 1e-5);
  EXPECT_NEAR(corrected_p_value(7.879439, 10), 0.05, 1e-6);
  EXPECT_DOUBLE_EQ(corrected_p_value(0.0, 10), 1.0);
  // The windows of 4 days, at most 2 long, 10 units each and min_units 10:
  // 4 one-day + 3 two-day windows.
  ChangeScanOptions o;
  o.min_units = 10;
  DailyCounts c = flat(4, 10, 5);
  EXPECT_EQ(count_windows(c, o), 7u);
  o.min_units = 20;  // one-day windows are too small now, two-day ones fit
  EXPECT_EQ(count_windows(c, o), 3u);
  // A drop big enough in a single test is not significant among a million.
  DailyCounts d = flat(20, 100, 50);
  set_days(d, 3, 3, 30);  // G = 8.4 on day 3
  EXPECT_FALSE(scan_changes(d, 1, {}).empty());
  EXPECT_TRUE(scan_changes(d, 1'000'000, {}).empty());
}

// The scan by brute force over consecutive days: every window from a day
// with units to a day with units, its G with its logarithms, no bound.
ScanWindow brute_force_best(const DailyCounts& c, const ChangeScanOptions& o) {
  const size_t days = c.at_risk.size();
  double n_all = 0, x_all = 0;
  size_t with_units = 0;
  for (size_t d = 0; d < days; ++d) {
    n_all += static_cast<double>(c.at_risk[d]);
    x_all += static_cast<double>(c.entered[d]);
    with_units += c.at_risk[d] > 0;
  }
  const size_t longest =
      std::max<size_t>(1, static_cast<size_t>(o.max_window_fraction * with_units));
  auto ll = [](double x, double n) {
    double r = 0;
    if (x > 0) r += x * std::log(x / n);
    if (n - x > 0) r += (n - x) * std::log((n - x) / n);
    return r;
  };
  ScanWindow best;
  best.statistic = -1;
  for (size_t a = 0; a < days; ++a) {
    double n = 0, x = 0;
    for (size_t b = a; b < days && b - a < longest; ++b) {
      n += static_cast<double>(c.at_risk[b]);
      x += static_cast<double>(c.entered[b]);
      if (c.at_risk[a] == 0 || c.at_risk[b] == 0) continue;
      if (n < static_cast<double>(o.min_units) || n_all - n < static_cast<double>(o.min_units))
        continue;
      const double inside = x / n, baseline = (x_all - x) / (n_all - n);
      if (std::fabs(inside - baseline) < o.min_effect * std::min(baseline, 1 - baseline)) continue;
      const double g = 2 * (ll(x, n) + ll(x_all - x, n_all - n) - ll(x_all, n_all));
      if (g > best.statistic + 1e-9) {
        best.statistic = g;
        best.first_day = static_cast<int64_t>(a);
        best.last_day = static_cast<int64_t>(b);
      }
    }
  }
  return best;
}

TEST(ChangeScan, AgreesWithABruteForceScan) {
  std::mt19937 rng(7);
  int compared = 0;
  for (int round = 0; round < 200; ++round) {
    const size_t days = 5 + rng() % 60;
    DailyCounts c;
    const double p = 0.05 + 0.9 * (rng() % 1000) / 1000.0;
    const size_t change_first = rng() % days, change_len = 1 + rng() % 8;
    const double q = (rng() % 2 == 0) ? p / 2 : std::min(0.99, p * 1.5);
    for (size_t d = 0; d < days; ++d) {
      const uint64_t n = rng() % 120;
      const bool in = d >= change_first && d < change_first + change_len;
      std::binomial_distribution<uint64_t> draw(n, in ? q : p);
      c.at_risk.push_back(n);
      c.entered.push_back(draw(rng));
    }
    ChangeScanOptions o;
    o.min_units = 1 + rng() % 40;
    o.min_effect = (rng() % 4) * 0.1;  // 0 (none) to 0.3
    const ScanWindow expected = brute_force_best(c, o);
    // With one test the critical G is 3.84: report whenever the best G exceeds it.
    const auto found = scan_changes(c, 1, o);
    SCOPED_TRACE(round);
    if (expected.statistic < critical_statistic(1, o.alpha) * (1 + 1e-9)) {
      EXPECT_TRUE(found.empty()) << found[0].statistic << " vs " << expected.statistic;
      continue;
    }
    ASSERT_FALSE(found.empty()) << expected.statistic;
    EXPECT_EQ(found[0].first_day, expected.first_day);
    EXPECT_EQ(found[0].last_day, expected.last_day);
    EXPECT_NEAR(found[0].statistic, expected.statistic, 1e-6 * expected.statistic);
    ++compared;
  }
  EXPECT_GT(compared, 100);  // most rounds have a window to compare
}

// Flat binomial data (no change anywhere): the share of seeds with any
// reported change over 6 stages must stay within alpha = 5 %.
TEST(ChangeScan, FlatBinomialDataRarelyAlarms) {
  constexpr int kSeeds = 400;
  int alarms = 0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    std::mt19937_64 rng(static_cast<uint64_t>(seed));
    const size_t days = 30 + rng() % 150;
    std::vector<DailyCounts> stages(6);
    for (size_t k = 0; k < stages.size(); ++k) {
      // Entry rates from rare to almost certain; units from a handful to hundreds.
      const double p = std::vector<double>{0.02, 0.1, 0.3, 0.5, 0.8, 0.97}[k];
      const uint64_t scale = 1 + rng() % 400;
      for (size_t d = 0; d < days; ++d) {
        const uint64_t n = rng() % (scale + 1);
        std::binomial_distribution<uint64_t> draw(n, p);
        stages[k].at_risk.push_back(n);
        stages[k].entered.push_back(draw(rng));
      }
    }
    bool any = false;
    for (const auto& windows : scan_stages(stages, {})) any = any || !windows.empty();
    alarms += any ? 1 : 0;
  }
  const double rate = static_cast<double>(alarms) / kSeeds;
  std::printf("[ change scan ] false alarms on flat data: %d of %d seeds (%.2f %%)\n", alarms,
              kSeeds, 100 * rate);
  EXPECT_LE(rate, 0.05);
}

}  // namespace
}  // namespace cjm
