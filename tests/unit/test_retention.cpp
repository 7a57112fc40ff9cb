// Retention, advocacy and persona comparison (docs/methods.md). Every expected
// value is worked out by hand in the comment next to it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/persona_comparison.h"
#include "analysis/retention_aggregator.h"
#include "core/civil_time.h"
#include "core/event_table.h"
#include "journey/journeys.h"
#include "test_table.h"

namespace cjm {
namespace {

constexpr int64_t kSec = 1'000'000;

// Seconds since the epoch of a UTC date and time of day.
int64_t utc(int64_t y, unsigned m, unsigned d, int64_t hh = 0, int64_t mm = 0, int64_t ss = 0) {
  return days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

// Stages view -> buy; `buy` is the conversion event.
struct Case : cjm::testing::TestTable {
  Case() {
    spec.name = "retention";
    for (const char* id : {"view", "buy"}) {
      StageSpec s;
      s.id = id;
      s.name = id;
      s.events = {id};
      spec.stages.push_back(std::move(s));
    }
    spec.conversion = {"buy"};
  }
  void row(const std::string& customer, int64_t time_s, const std::string& event) {
    table.customer.push_back(table.customers.intern(customer));
    table.time_us.push_back(time_s * kSec);
    table.event.push_back(table.events.intern(event));
  }
};

using Counts = std::vector<uint64_t>;

TEST(Retention, RepeatRateAndTimeToSecondPurchase) {
  Case c;
  c.row("u1", 1000, "view");
  c.row("u1", 1010, "buy");
  c.row("u1", 1110, "buy");  // second purchase 100 s after the first
  c.row("u2", 2000, "buy");
  c.row("u2", 2000, "buy");  // same time: still two purchases, 0 s apart
  c.row("u3", 3000, "buy");
  c.row("u3", 3300, "buy");   // 300 s
  c.row("u3", 9000, "buy");   // a third purchase changes nothing
  c.row("u4", 4000, "buy");   // one purchase: a buyer, not a repeat buyer
  c.row("u5", 5000, "view");  // no purchase: not a buyer
  const RetentionResult r = c.run().all.retention;
  EXPECT_EQ(r.buyers, 4u);         // u1..u4
  EXPECT_EQ(r.repeat_buyers, 3u);  // u1, u2, u3
  ASSERT_TRUE(r.repeat_rate);
  EXPECT_DOUBLE_EQ(*r.repeat_rate, 0.75);  // 3 / 4
  // Durations {0, 100, 300}: mean 400/3; p50 = rank ceil(1.5) = 2 -> 100;
  // p90 = rank ceil(2.7) = 3 -> 300.
  const Stats& t = r.time_to_second_purchase_s;
  EXPECT_EQ(t.count, 3u);
  EXPECT_DOUBLE_EQ(t.mean, 400.0 / 3.0);
  EXPECT_DOUBLE_EQ(t.p50, 100.0);
  EXPECT_DOUBLE_EQ(t.p90, 300.0);
  // No advocacy in the spec: no advocates, share undefined.
  EXPECT_EQ(r.advocates, 0u);
  EXPECT_FALSE(r.advocacy_share);
}

TEST(Retention, CohortsAcrossAYearBoundary) {
  Case c;
  // a: first purchase 2024-12-05, again 2025-01-10 -> cohort 2024-12, months +0 and +1.
  c.row("a", utc(2024, 12, 5, 10), "buy");
  c.row("a", utc(2025, 1, 10, 9), "buy");
  // b: 2024-12-31T23:59:59Z is still December (UTC); again 2025-02-01T00:00:00Z
  // -> cohort 2024-12, months +0 and +2.
  c.row("b", utc(2024, 12, 31, 23, 59, 59), "buy");
  c.row("b", utc(2025, 2, 1), "buy");
  // c: one purchase 2025-01-01T00:00:00Z -> cohort 2025-01, month +0.
  c.row("c", utc(2025, 1, 1), "buy");
  // d: never buys; its view on 2025-03-15 makes March the last month in the data.
  c.row("d", utc(2025, 3, 15), "view");
  const RetentionResult r = c.run().all.retention;
  ASSERT_EQ(r.cohorts.size(), 2u);
  // 2024-12: customers a, b. Months Dec, Jan, Feb, Mar (last month - cohort = 3):
  // Dec both; Jan a; Feb b; Mar nobody.
  EXPECT_EQ(r.cohorts[0].month, "2024-12");
  EXPECT_EQ(r.cohorts[0].customers, 2u);
  EXPECT_EQ(r.cohorts[0].active, (Counts{2, 1, 1, 0}));
  // 2025-01: customer c. Months Jan, Feb, Mar: only Jan.
  EXPECT_EQ(r.cohorts[1].month, "2025-01");
  EXPECT_EQ(r.cohorts[1].customers, 1u);
  EXPECT_EQ(r.cohorts[1].active, (Counts{1, 0, 0}));
  // a and b bought twice: 2 repeat buyers of 3.
  EXPECT_EQ(r.repeat_buyers, 2u);
}

TEST(Retention, SeveralPurchasesInOneMonthCountOnce) {
  Case c;
  // Three purchases in January and one in March: active counts customers, not purchases.
  c.row("x", utc(2025, 1, 2), "buy");
  c.row("x", utc(2025, 1, 20), "buy");
  c.row("x", utc(2025, 1, 31, 23, 59, 59), "buy");
  c.row("x", utc(2025, 3, 1), "buy");
  const RetentionResult r = c.run().all.retention;
  ASSERT_EQ(r.cohorts.size(), 1u);
  EXPECT_EQ(r.cohorts[0].month, "2025-01");
  EXPECT_EQ(r.cohorts[0].active, (Counts{1, 0, 1}));
}

TEST(Retention, AdvocacyCountsOnlyAfterTheFirstConversion) {
  Case c;
  c.spec.advocacy = {"review", "refer_*"};
  c.row("a", 10, "review");  // before buying: does not count
  c.row("a", 20, "buy");
  c.row("b", 10, "buy");
  c.row("b", 20, "refer_friend");  // glob refer_*: counts
  c.row("c", 30, "buy");
  c.row("c", 30, "review");  // same time, later in input order: after the purchase
  c.row("d", 10, "review");  // never buys: neither buyer nor advocate
  c.row("e", 10, "buy");
  c.row("e", 20, "review_draft");  // matches neither "review" nor "refer_*"
  c.row("f", 50, "review");        // same time, earlier in input order: before the purchase
  c.row("f", 50, "buy");
  const RetentionResult r = c.run().all.retention;
  EXPECT_EQ(r.buyers, 5u);     // a, b, c, e, f
  EXPECT_EQ(r.advocates, 2u);  // b, c
  ASSERT_TRUE(r.advocacy_share);
  EXPECT_DOUBLE_EQ(*r.advocacy_share, 0.4);  // 2 / 5
}

TEST(Retention, NullCases) {
  {
    // No purchase at all: no buyers, rates undefined, no cohorts.
    Case c;
    c.spec.advocacy = {"review"};
    c.row("a", 10, "view");
    c.row("a", 20, "review");
    const RetentionResult r = c.run().all.retention;
    EXPECT_EQ(r.buyers, 0u);
    EXPECT_FALSE(r.repeat_rate);
    EXPECT_FALSE(r.advocacy_share);
    EXPECT_EQ(r.time_to_second_purchase_s.count, 0u);
    EXPECT_TRUE(r.cohorts.empty());
  }
  {
    // Advocacy configured, buyers but none advocates: share 0, not null.
    Case c;
    c.spec.advocacy = {"review"};
    c.row("a", 10, "buy");
    const RetentionResult r = c.run().all.retention;
    ASSERT_TRUE(r.advocacy_share);
    EXPECT_DOUBLE_EQ(*r.advocacy_share, 0.0);
    ASSERT_TRUE(r.repeat_rate);
    EXPECT_DOUBLE_EQ(*r.repeat_rate, 0.0);
  }
}

TEST(Retention, FilledPerPersona) {
  Case c;
  c.persona("vip", {{"tier", {"gold"}}});
  c.row("a", 10, "buy");
  c.row("a", 20, "buy");
  c.row("b", 10, "buy");
  c.attr("tier", "a", "gold");
  c.attr("tier", "b", "basic");
  const AnalysisResult r = c.run();
  EXPECT_EQ(r.all.retention.buyers, 2u);
  EXPECT_EQ(r.all.retention.repeat_buyers, 1u);
  ASSERT_EQ(r.personas.size(), 1u);
  // vip = {a}: one buyer, a repeat buyer.
  EXPECT_EQ(r.personas[0].figures.retention.buyers, 1u);
  EXPECT_EQ(r.personas[0].figures.retention.repeat_buyers, 1u);
  EXPECT_DOUBLE_EQ(*r.personas[0].figures.retention.repeat_rate, 1.0);
}

TEST(Retention, MonthIndexAndLabel) {
  // 1970-01 is month 0; 1969-12 is month -1 (floor, not truncation).
  EXPECT_EQ(month_index_utc(0), 0);
  EXPECT_EQ(month_index_utc(-1), -1);
  EXPECT_EQ(month_label(-1), "1969-12");
  // 2025-01: (2025 - 1970) * 12 = 660.
  EXPECT_EQ(month_index_utc(utc(2025, 1, 31, 23, 59, 59) * kSec), 660);
  EXPECT_EQ(month_index_utc(utc(2025, 2, 1) * kSec), 661);
  EXPECT_EQ(month_label(660), "2025-01");
  EXPECT_EQ(month_label(659), "2024-12");
}

// Random journeys over several months, consumed in one aggregator or split at
// random into several merged in a random order: the finished figures agree.
TEST(Retention, MergePropertyRandomSplits) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    EventTable table;
    JourneySpec spec;
    spec.conversion = {"buy"};
    spec.advocacy = {"review"};
    const char* names[] = {"view", "buy", "review"};
    for (int c = 0; c < 300; ++c) {
      const std::string id = "c" + std::to_string(c);
      const int n = 1 + static_cast<int>(rng() % 8);
      for (int i = 0; i < n; ++i) {
        table.customer.push_back(table.customers.intern(id));
        table.time_us.push_back((utc(2024, 10, 1) + static_cast<int64_t>(rng() % (200 * 86400))) *
                                kSec);
        table.event.push_back(table.events.intern(names[rng() % 3]));
      }
    }
    EventMap map = map_events(table.events, spec);
    Journeys journeys = build_journeys(table);
    AggregatorContext ctx;
    ctx.table = &table;
    ctx.map = &map;
    ctx.spec = &spec;
    const auto journey = [&](uint32_t c) {
      return JourneyRef{c, journeys.begin(c), journeys.end(c)};
    };

    RetentionAggregator whole(ctx);
    for (uint32_t c = 0; c < journeys.count(); ++c) whole.consume(ctx, journey(c));
    const RetentionResult expected = whole.finish(ctx);
    EXPECT_GT(expected.repeat_buyers, 0u);
    EXPECT_GT(expected.advocates, 0u);
    EXPECT_GT(expected.cohorts.size(), 3u);

    for (int round = 0; round < 5; ++round) {
      const uint32_t parts = 2 + rng() % 5;
      std::vector<RetentionAggregator> aggs(parts, RetentionAggregator(ctx));
      std::vector<uint32_t> order(journeys.count());
      std::iota(order.begin(), order.end(), 0u);
      std::shuffle(order.begin(), order.end(), rng);
      for (uint32_t c : order) aggs[rng() % parts].consume(ctx, journey(c));
      std::shuffle(aggs.begin(), aggs.end(), rng);
      for (uint32_t p = 1; p < parts; ++p) aggs[0].merge(aggs[p]);
      const RetentionResult got = aggs[0].finish(ctx);
      EXPECT_EQ(got.buyers, expected.buyers);
      EXPECT_EQ(got.repeat_buyers, expected.repeat_buyers);
      EXPECT_EQ(got.repeat_rate, expected.repeat_rate);
      EXPECT_EQ(got.time_to_second_purchase_s.count, expected.time_to_second_purchase_s.count);
      EXPECT_EQ(got.time_to_second_purchase_s.mean, expected.time_to_second_purchase_s.mean);
      EXPECT_EQ(got.time_to_second_purchase_s.p50, expected.time_to_second_purchase_s.p50);
      EXPECT_EQ(got.time_to_second_purchase_s.p90, expected.time_to_second_purchase_s.p90);
      ASSERT_EQ(got.cohorts.size(), expected.cohorts.size());
      for (size_t k = 0; k < got.cohorts.size(); ++k) {
        EXPECT_EQ(got.cohorts[k].month, expected.cohorts[k].month);
        EXPECT_EQ(got.cohorts[k].customers, expected.cohorts[k].customers);
        EXPECT_EQ(got.cohorts[k].active, expected.cohorts[k].active);
      }
      EXPECT_EQ(got.advocates, expected.advocates);
      EXPECT_EQ(got.advocacy_share, expected.advocacy_share);
    }
  }
}

TEST(PersonaComparison, ZTestOnHandComputedNumbers) {
  // 60/100 vs 40/100: pooled p = 100/200 = 0.5; z = 0.2 / sqrt(0.25 * 0.02)
  // = 0.2 / 0.0707107 = 2.828427; p = erfc(2.828427 / 1.414214) = erfc(2)
  // = 0.004677735.
  const ConversionComparison c = compare_conversion("a", "b", 100, 60, 100, 40);
  EXPECT_EQ(c.a, "a");
  EXPECT_EQ(c.b, "b");
  ASSERT_TRUE(c.difference && c.z && c.p_value);
  EXPECT_NEAR(*c.difference, 0.2, 1e-12);
  EXPECT_NEAR(*c.z, 2.8284271247, 1e-9);
  EXPECT_NEAR(*c.p_value, 0.0046777350, 1e-9);
  EXPECT_TRUE(c.significant);

  // Swapped sides: same p, opposite z and difference.
  const ConversionComparison s = compare_conversion("b", "a", 100, 40, 100, 60);
  EXPECT_NEAR(*s.z, -2.8284271247, 1e-9);
  EXPECT_NEAR(*s.p_value, 0.0046777350, 1e-9);

  // 11/20 vs 9/20: pooled 0.5; z = 0.1 / sqrt(0.25 * 0.1) = 0.1 / 0.158114 = 0.632456;
  // p = erfc(0.447214) = 0.527089: not significant.
  const ConversionComparison n = compare_conversion("a", "b", 20, 11, 20, 9);
  EXPECT_NEAR(*n.z, 0.6324555320, 1e-9);
  EXPECT_NEAR(*n.p_value, 0.5270892568, 1e-9);
  EXPECT_FALSE(n.significant);
}

TEST(PersonaComparison, NullCases) {
  // An empty side: nothing to compare.
  const ConversionComparison e = compare_conversion("a", "b", 0, 0, 10, 5);
  EXPECT_FALSE(e.difference);
  EXPECT_FALSE(e.z);
  EXPECT_FALSE(e.p_value);
  EXPECT_FALSE(e.significant);
  // Nobody converted on either side: pooled p = 0, p(1-p) = 0: z undefined,
  // the difference (0) is still defined.
  const ConversionComparison zero = compare_conversion("a", "b", 10, 0, 20, 0);
  ASSERT_TRUE(zero.difference);
  EXPECT_DOUBLE_EQ(*zero.difference, 0.0);
  EXPECT_FALSE(zero.z);
  EXPECT_FALSE(zero.p_value);
  EXPECT_FALSE(zero.significant);
  // Everybody converted: pooled p = 1.
  const ConversionComparison all = compare_conversion("a", "b", 3, 3, 4, 4);
  EXPECT_FALSE(all.z);
  EXPECT_FALSE(all.p_value);
}

TEST(PersonaComparison, EachPersonaAgainstTheRestThenPairs) {
  Case c;
  // Overlapping personas: gold = {a, b}, eu = {b, c}. Converted: a, b.
  c.persona("gold", {{"tier", {"gold"}}});
  c.persona("eu", {{"region", {"eu"}}});
  c.row("a", 10, "buy");
  c.row("b", 10, "buy");
  c.row("c", 10, "view");
  c.row("d", 10, "view");
  c.attr("tier", "a", "gold");
  c.attr("tier", "b", "gold");
  c.attr("region", "b", "eu");
  c.attr("region", "c", "eu");
  const AnalysisResult r = c.run();
  ASSERT_EQ(r.comparisons.size(), 3u);
  // gold vs rest: gold 2/2; rest = all (4 customers, 2 converted) - gold = 2 customers, 0
  // converted.
  const ConversionComparison& g = r.comparisons[0];
  EXPECT_EQ(g.a, "gold");
  EXPECT_EQ(g.b, "rest");
  EXPECT_EQ(g.a_customers, 2u);
  EXPECT_EQ(g.a_converted, 2u);
  EXPECT_EQ(g.b_customers, 2u);
  EXPECT_EQ(g.b_converted, 0u);
  // pooled 2/4 = 0.5; z = 1 / sqrt(0.25 * (1/2 + 1/2)) = 2; p = erfc(sqrt 2) = 0.0455003.
  EXPECT_NEAR(*g.z, 2.0, 1e-12);
  EXPECT_NEAR(*g.p_value, 0.0455002639, 1e-9);
  EXPECT_TRUE(g.significant);
  // eu vs rest: eu = {b, c} 1/2; rest = {a, d} 1/2: difference 0, z 0, p 1.
  const ConversionComparison& e = r.comparisons[1];
  EXPECT_EQ(e.a, "eu");
  EXPECT_EQ(e.b, "rest");
  EXPECT_EQ(e.b_customers, 2u);
  EXPECT_EQ(e.b_converted, 1u);
  EXPECT_DOUBLE_EQ(*e.z, 0.0);
  EXPECT_DOUBLE_EQ(*e.p_value, 1.0);
  EXPECT_FALSE(e.significant);
  // gold vs eu: 2/2 vs 1/2 (b is in both; the test treats them as given).
  const ConversionComparison& p = r.comparisons[2];
  EXPECT_EQ(p.a, "gold");
  EXPECT_EQ(p.b, "eu");
  EXPECT_EQ(p.a_converted, 2u);
  EXPECT_EQ(p.b_converted, 1u);
  EXPECT_NEAR(*p.difference, 0.5, 1e-12);
}

TEST(PersonaComparison, NoPersonasNoComparisons) {
  Case c;
  c.row("a", 10, "buy");
  EXPECT_TRUE(c.run().comparisons.empty());
}

}  // namespace
}  // namespace cjm
