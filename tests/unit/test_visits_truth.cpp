// End-to-end checks of visits, event-scope personas, periods and change
// detection against the generator's known truth: data written by `cjm
// generate --sessions`, analysed with the spec the generator writes, and every
// expected figure counted from the CSV rows with plain string handling
// (tests/unit/visit_rows.h), not by the engine's code.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "analysis/result.h"
#include "app/run_analysis.h"
#include "generate/generator.h"
#include "spec/journey_spec.h"
#include "visit_rows.h"

namespace {

using cjm::testing::generate_visit_data;
using cjm::testing::VisitData;
using cjm::testing::VisitRow;

// The data and spec of `o` in a scratch folder, analysed as `cjm analyze`
// would.
cjm::AnalysisResult analyse(const VisitData& g, const cjm::GeneratorOptions& o,
                            const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("cjm-visits-truth-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "events.csv") << g.text;
    std::ofstream(dir / "journey.yaml") << cjm::generator_spec_yaml(o);
  }
  cjm::RunOptions run;
  run.events_path = (dir / "events.csv").string();
  run.spec_path = (dir / "journey.yaml").string();
  run.report_to_stderr = false;
  cjm::AnalysisResult r = cjm::run_analysis(run);
  std::filesystem::remove_all(dir);
  return r;
}

cjm::GeneratorOptions options(uint64_t seed, uint64_t customers, bool incident) {
  cjm::GeneratorOptions o;
  o.sessions = true;
  o.seed = seed;
  o.customers = customers;
  o.days = 120;
  if (incident) {
    o.incident_start = "2025-03-01";
    o.incident_days = 14;
    o.incident_stage = "purchase";
    o.incident_drop = 0.6;
  }
  return o;
}

const cjm::SegmentResult* persona(const cjm::AnalysisResult& r, const std::string& id) {
  for (const auto& p : r.personas)
    if (p.id == id) return &p.figures;
  return nullptr;
}

// Visits whose first row carries `value` in column `column` (9 platform,
// 10 lifecycle), and how many of them have a purchase.
std::pair<uint64_t, uint64_t> visits_first_with(const VisitData& g, int column,
                                                const std::string& value) {
  uint64_t n = 0, bought = 0;
  for (const auto& [id, v] : g.visits) {
    const VisitRow& first = *v.rows.front();
    const std::string& got = column == 9 ? first.platform : first.lifecycle;
    if (got != value) continue;
    ++n;
    for (const VisitRow* r : v.rows)
      if (r->event == "purchase") {
        ++bought;
        break;
      }
  }
  return {n, bought};
}

TEST(VisitsTruth, EventScopePersonasCountTheVisitsThatStartWithTheValue) {
  const cjm::GeneratorOptions o = options(11, 800, false);
  const auto g = generate_visit_data(o);
  const cjm::AnalysisResult r = analyse(*g, o, "personas");
  EXPECT_EQ(r.unit, "visit");
  EXPECT_EQ(r.input.visits, g->visits.size());
  const std::pair<const char*, std::pair<int, const char*>> cases[] = {
      {"new_visits", {10, "new"}},
      {"loyal_visits", {10, "loyal"}},
      {"mobile", {9, "mobile"}},
      {"desktop", {9, "desktop"}}};
  for (const auto& [id, where] : cases) {
    const auto [n, bought] = visits_first_with(*g, where.first, where.second);
    const cjm::SegmentResult* p = persona(r, id);
    ASSERT_NE(p, nullptr) << id;
    EXPECT_EQ(p->customers, n) << id;
    EXPECT_EQ(p->converted, bought) << id;
    EXPECT_GT(n, 50u) << id;
  }
}

TEST(VisitsTruth, ThePlantedIncidentIsFoundWithItsWindowCauseAndPeriod) {
  const cjm::GeneratorOptions o = options(5, 4000, true);
  const auto g = generate_visit_data(o);
  const auto inc = cjm::planted_incident(o);
  ASSERT_TRUE(inc);
  const cjm::AnalysisResult r = analyse(*g, o, "incident");

  // Change detection, with no dates given: the drop at purchase first, its
  // window within two days of the planted one, the marker its first cause.
  ASSERT_FALSE(r.all.changes.empty());
  const cjm::Change& c = r.all.changes.front();
  EXPECT_EQ(c.stage, "purchase");
  EXPECT_EQ(c.direction, "down");
  const auto days_between = [](const std::string& a, const std::string& b) {
    return (cjm::testing::epoch_seconds(a + "T00:00:00Z") -
            cjm::testing::epoch_seconds(b + "T00:00:00Z")) /
           86400;
  };
  EXPECT_LE(std::abs(days_between(c.from, inc->first_day)), 2) << c.from;
  EXPECT_LE(std::abs(days_between(c.to, inc->last_day)), 2) << c.to;
  ASSERT_FALSE(c.events.empty());
  EXPECT_EQ(c.events.front().event, inc->event);
  EXPECT_LT(c.rate, c.baseline_rate * 0.6);

  // The period `incident` against the rest: purchase entry significantly
  // down, by about the planted drop.
  const cjm::ConversionComparison* cmp = nullptr;
  for (const auto& k : r.comparisons)
    if (k.a == "incident" && k.b == "rest") cmp = &k;
  ASSERT_NE(cmp, nullptr);
  bool found = false;
  for (const auto& s : cmp->stages) {
    if (s.stage != "purchase") continue;
    found = true;
    EXPECT_TRUE(s.significant);
    const double in = static_cast<double>(s.a_converted) / s.a_customers;
    const double out = static_cast<double>(s.b_converted) / s.b_customers;
    EXPECT_NEAR(in / out, 1 - o.incident_drop, 0.12) << in << " vs " << out;
  }
  EXPECT_TRUE(found);
}

// The criterion: on data with no planted change, no reported change
// in at least 95 % of generator seeds.
TEST(VisitsTruth, FlatGeneratedDataIsSilentInAtLeast95PercentOfSeeds) {
  constexpr int kSeeds = 20;
  int alarms = 0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const cjm::GeneratorOptions o = options(static_cast<uint64_t>(seed), 1200, false);
    const auto g = generate_visit_data(o);
    const cjm::AnalysisResult r = analyse(*g, o, "flat" + std::to_string(seed));
    if (!r.all.changes.empty()) {
      ++alarms;
      const cjm::Change& c = r.all.changes.front();
      std::printf("[ visits truth ] seed %d: %s %s %s..%s p=%.3g\n", seed, c.stage.c_str(),
                  c.direction.c_str(), c.from.c_str(), c.to.c_str(), c.p_value);
    }
  }
  std::printf("[ visits truth ] changes reported on flat data: %d of %d seeds\n", alarms, kSeeds);
  EXPECT_LE(alarms, kSeeds / 20);
}

}  // namespace
