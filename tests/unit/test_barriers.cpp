// Barriers and opportunities (docs/methods.md, "Barriers") on small hand-made
// tables. Every expected value is worked out by hand in the comment next to it.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/barrier_aggregator.h"
#include "core/event_table.h"
#include "journey/journeys.h"
#include "output/render.h"
#include "test_table.h"

namespace cjm {
namespace {

constexpr int64_t kSec = 1'000'000;

// A table and spec built in code (the pattern of test_analysis.cpp).
struct Case : cjm::testing::TestTable {
  // Stages: look [look], pay [pay, x, y], done [buy]; conversion: buy.
  Case() {
    spec.name = "barriers";
    const std::vector<std::pair<std::string, std::vector<std::string>>> stages = {
        {"look", {"look"}}, {"pay", {"pay", "x", "y"}}, {"done", {"buy"}}};
    for (const auto& [id, events] : stages) {
      StageSpec s;
      s.id = id;
      s.name = id;
      s.events = events;
      spec.stages.push_back(std::move(s));
    }
    spec.conversion = {"buy"};
  }
  void barrier(const std::string& id, std::vector<std::string> events,
               std::optional<double> fix_cost = std::nullopt,
               std::vector<std::pair<std::string, std::vector<std::string>>> where = {}) {
    BarrierSpec b;
    b.id = id;
    b.name = "Barrier " + id;
    b.events = std::move(events);
    b.fix_cost = fix_cost;
    b.where = std::move(where);
    spec.barriers.push_back(std::move(b));
  }
  // Events of one customer, one second apart; `scores` / `values` by position.
  void journey(const std::string& customer, std::vector<std::string> events,
               std::vector<float> scores = {}, std::vector<float> values = {},
               std::vector<std::string> channels = {}) {
    for (size_t k = 0; k < events.size(); ++k) {
      table.customer.push_back(table.customers.intern(customer));
      table.time_us.push_back(static_cast<int64_t>(table.time_us.size()) * kSec);
      table.event.push_back(table.events.intern(events[k]));
      table.score.push_back(k < scores.size() ? scores[k] : NAN);
      table.value.push_back(money_from_double(k < values.size() ? values[k] : NAN));
      table.channel.push_back(k < channels.size() ? table.channels.intern(channels[k])
                                                  : kNoChannel);
    }
  }
};

constexpr float kNo = NAN;

// The stacking case:
//   z1..z3: look pay buy(10)            0 barriers, converted
//   z4:     look pay buy(20) y          0 barriers (y after the conversion)
//   n1:     look                        0 barriers, not converted, never reached pay
//   o1:     look pay x(s1) buy(30, s3)  1 barrier, converted
//   o2:     look pay x buy(40)          1 barrier, converted
//   o3, o4: look pay x                  1 barrier, lost after x
//   t1:     look pay x(s2) y(s4)        2 barriers, lost after y
//   t2:     look pay x y                2 barriers, lost after y
//   t3, t4: look pay y x                2 barriers, lost after x
Case stacking_case() {
  Case c;
  c.barrier("x", {"x"}, 100);
  c.barrier("y", {"y"}, 10);
  c.journey("z1", {"look", "pay", "buy"}, {}, {kNo, kNo, 10});
  c.journey("z2", {"look", "pay", "buy"}, {}, {kNo, kNo, 10});
  c.journey("z3", {"look", "pay", "buy"}, {}, {kNo, kNo, 10});
  c.journey("z4", {"look", "pay", "buy", "y"}, {}, {kNo, kNo, 20});
  c.journey("n1", {"look"});
  c.journey("o1", {"look", "pay", "x", "buy"}, {kNo, kNo, 1, 3}, {kNo, kNo, kNo, 30});
  c.journey("o2", {"look", "pay", "x", "buy"}, {}, {kNo, kNo, kNo, 40});
  c.journey("o3", {"look", "pay", "x"});
  c.journey("o4", {"look", "pay", "x"});
  c.journey("t1", {"look", "pay", "x", "y"}, {kNo, kNo, 2, 4});
  c.journey("t2", {"look", "pay", "x", "y"});
  c.journey("t3", {"look", "pay", "y", "x"});
  c.journey("t4", {"look", "pay", "y", "x"});
  return c;
}

TEST(BarrierWilson, HandComputed) {
  // 2 of 4, z = 1.959964, z^2 = 3.841459: p = 0.5, z^2/n = 0.960365,
  // center = (0.5 + 0.480182) / 1.960365 = 0.5,
  // half = 1.959964 / 1.960365 * sqrt(0.25/4 + 3.841459/64) = 0.999795 * 0.350033 = 0.349961
  // -> [0.150039, 0.849961].
  Interval i = wilson_interval(2, 4);
  EXPECT_NEAR(i.low, 0.150039, 1e-6);
  EXPECT_NEAR(i.high, 0.849961, 1e-6);
  // 0 of 4: center = 0.480182 / 1.960365 = 0.244945 = half -> [0, 0.489891].
  i = wilson_interval(0, 4);
  EXPECT_DOUBLE_EQ(i.low, 0);
  EXPECT_NEAR(i.high, 0.489891, 1e-6);
  // 4 of 4: mirror image -> [0.510109, 1].
  i = wilson_interval(4, 4);
  EXPECT_NEAR(i.low, 0.510109, 1e-6);
  EXPECT_DOUBLE_EQ(i.high, 1);
  // No customers: no interval.
  i = wilson_interval(0, 0);
  EXPECT_DOUBLE_EQ(i.low, 0);
  EXPECT_DOUBLE_EQ(i.high, 0);
}

TEST(BarrierStacking, ByCount) {
  Case c = stacking_case();
  const BarrierResult r = c.run().all.barriers;
  ASSERT_EQ(r.by_count.size(), 4u);
  // 0 barriers: z1..z4, n1 -> 4 of 5 converted.
  EXPECT_EQ(r.by_count[0].barriers, 0);
  EXPECT_EQ(r.by_count[0].customers, 5u);
  EXPECT_EQ(r.by_count[0].converted, 4u);
  EXPECT_DOUBLE_EQ(*r.by_count[0].rate, 0.8);
  // 1 barrier: o1..o4 -> 2 of 4.
  EXPECT_EQ(r.by_count[1].customers, 4u);
  EXPECT_EQ(r.by_count[1].converted, 2u);
  EXPECT_DOUBLE_EQ(*r.by_count[1].rate, 0.5);
  EXPECT_NEAR(r.by_count[1].rate_ci.low, 0.150039, 1e-6);
  EXPECT_NEAR(r.by_count[1].rate_ci.high, 0.849961, 1e-6);
  // 2 barriers: t1..t4 -> 0 of 4.
  EXPECT_EQ(r.by_count[2].customers, 4u);
  EXPECT_EQ(r.by_count[2].converted, 0u);
  EXPECT_DOUBLE_EQ(*r.by_count[2].rate, 0.0);
  // 3+: nobody, no rate.
  EXPECT_EQ(r.by_count[3].barriers, 3);
  EXPECT_EQ(r.by_count[3].customers, 0u);
  EXPECT_FALSE(r.by_count[3].rate.has_value());
}

TEST(BarrierStacking, Items) {
  Case c = stacking_case();
  const BarrierResult r = c.run().all.barriers;
  ASSERT_EQ(r.items.size(), 2u);
  const BarrierItem& x = r.items[0];
  EXPECT_EQ(x.id, "x");
  EXPECT_EQ(x.name, "Barrier x");
  EXPECT_EQ(x.stage, "pay");  // the stage of its event
  // Met x: o1..o4, t1..t4 = 8; converted o1, o2.
  EXPECT_EQ(x.customers, 8u);
  EXPECT_EQ(x.converted, 2u);
  EXPECT_DOUBLE_EQ(*x.rate, 0.25);
  // Comparable: reached pay without x: z1..z4, all converted (n1 never reached pay).
  EXPECT_EQ(x.comparable_customers, 4u);
  EXPECT_EQ(x.comparable_converted, 4u);
  EXPECT_DOUBLE_EQ(*x.comparable_rate, 1.0);
  // Lost after x: o3, o4, t3, t4.
  EXPECT_EQ(x.lost_after, 4u);
  // Scores around x: o1 (x 1, buy 3), t1 (x 2, next y 4) -> (1+3+2+4)/4.
  EXPECT_EQ(x.scores_around, 4u);
  EXPECT_DOUBLE_EQ(*x.mean_score_around, 2.5);

  const BarrierItem& y = r.items[1];
  // Met y before converting: t1..t4 (z4 met it after buying).
  EXPECT_EQ(y.customers, 4u);
  EXPECT_EQ(y.converted, 0u);
  // Comparable: reached pay without y: z1..z4, o1..o4 = 8; converted z1..z4, o1, o2 = 6.
  EXPECT_EQ(y.comparable_customers, 8u);
  EXPECT_EQ(y.comparable_converted, 6u);
  EXPECT_DOUBLE_EQ(*y.comparable_rate, 0.75);
  // Lost after y: t1, t2.
  EXPECT_EQ(y.lost_after, 2u);
  // Scores around y: t1's y (4), nothing after it.
  EXPECT_EQ(y.scores_around, 1u);
  EXPECT_DOUBLE_EQ(*y.mean_score_around, 4.0);
}

TEST(BarrierStacking, Opportunities) {
  Case c = stacking_case();
  const BarrierResult r = c.run().all.barriers;
  ASSERT_EQ(r.opportunities.size(), 2u);
  // Mean conversion value: (10+10+10+20+30+40)/6 = 20.
  // y: 4 x (0.75 - 0) = 3 extra, 3/10 = 0.3 per unit; x: 8 x (1 - 0.25) = 6, 6/100 = 0.06.
  const Opportunity& first = r.opportunities[0];
  EXPECT_EQ(first.barrier_id, "y");
  EXPECT_EQ(first.rank, 1);
  EXPECT_DOUBLE_EQ(first.fix_cost, 10);
  EXPECT_DOUBLE_EQ(first.extra_conversions, 3);
  EXPECT_DOUBLE_EQ(first.extra_value, 60);
  EXPECT_DOUBLE_EQ(first.gain_per_cost, 0.3);
  // Interval: 4 x (wilson(6,8).low - wilson(0,4).high) = 4 x (0.409275 - 0.489891) < 0 -> 0;
  //           4 x (wilson(6,8).high - 0) = 4 x 0.928521 = 3.714083.
  EXPECT_DOUBLE_EQ(first.extra_conversions_ci.low, 0);
  EXPECT_NEAR(first.extra_conversions_ci.high, 3.714083, 1e-5);
  EXPECT_FALSE(first.method.empty());
  const Opportunity& second = r.opportunities[1];
  EXPECT_EQ(second.barrier_id, "x");
  EXPECT_EQ(second.rank, 2);
  EXPECT_DOUBLE_EQ(second.extra_conversions, 6);
  EXPECT_DOUBLE_EQ(second.extra_value, 120);
  EXPECT_DOUBLE_EQ(second.gain_per_cost, 0.06);
  // 8 x (wilson(4,4).low - wilson(2,8).high) = 8 x (0.510109 - 0.590725) < 0 -> 0;
  // 8 x (1 - wilson(2,8).low) = 8 x (1 - 0.071479) = 7.428166.
  EXPECT_DOUBLE_EQ(second.extra_conversions_ci.low, 0);
  EXPECT_NEAR(second.extra_conversions_ci.high, 7.428166, 1e-5);
}

TEST(BarrierStacking, SameResultWithThreads) {
  Case one = stacking_case();
  Case four = stacking_case();
  const BarrierResult a = one.run(1).all.barriers;
  const BarrierResult b = four.run(4).all.barriers;
  ASSERT_EQ(a.items.size(), b.items.size());
  for (size_t k = 0; k < a.items.size(); ++k) {
    EXPECT_EQ(a.items[k].customers, b.items[k].customers);
    EXPECT_EQ(a.items[k].comparable_converted, b.items[k].comparable_converted);
    EXPECT_EQ(a.items[k].lost_after, b.items[k].lost_after);
  }
  for (size_t k = 0; k < 4; ++k) EXPECT_EQ(a.by_count[k].customers, b.by_count[k].customers);
}

// Values and scores at the top of their ranges (core/limits.h), many times
// over: the fixed-point sums (1/10000 of a value, 1/1000 of a score) pass
// 2^63 and must neither overflow (UBSan) nor lose the mean, in one aggregator
// and across merged ones.
//   1000 x (look pay buy(V)), 2 x (look pay x(S) y(S)): V = 1e12 as a float.
//   Mean value V; x met by 2, both lost; the 1000 comparable all converted:
//   2 x (1 - 0) = 2 extra conversions, 2V extra value.
//   Scores around x: x and y of both, 4 scores S = 1e6 (mean S).
TEST(BarrierSums, ValuesAndScoresAtTheLimitDoNotOverflow) {
  for (unsigned threads : {1u, 4u}) {
    Case c;
    c.barrier("x", {"x"}, 1);
    const float v = 1e12f, s = 1e6f;
    for (int i = 0; i < 1000; ++i)
      c.journey("z" + std::to_string(i), {"look", "pay", "buy"}, {}, {kNo, kNo, v});
    for (int i = 0; i < 2; ++i)
      c.journey("l" + std::to_string(i), {"look", "pay", "x", "y"}, {kNo, kNo, s, s});
    const BarrierResult r = c.run(threads).all.barriers;
    ASSERT_EQ(r.opportunities.size(), 1u);
    EXPECT_DOUBLE_EQ(r.opportunities[0].extra_conversions, 2);
    EXPECT_DOUBLE_EQ(r.opportunities[0].extra_value, 2 * static_cast<double>(v));
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].mean_score_around, 1e6);
  }
}

TEST(BarrierRanking, ZeroCostFirstThenExtraThenId) {
  // Three barriers in stage pay; customers: 2 meet a, b and c each (not converting),
  // 2 convert without meeting any. Every barrier: met 2, rate 0, comparable 2 of 4 =
  // 0.5 -> extra 1. Costs: a 10 (0.1), b 0 (infinite), c 10 (0.1).
  Case c;
  c.barrier("c", {"x"}, 10);
  c.barrier("a", {"y"}, 10);
  c.barrier("b", {"z"}, 0);
  c.spec.stages[1].events.push_back("z");
  c.journey("p1", {"pay", "x"});
  c.journey("p2", {"pay", "x"});
  c.journey("q1", {"pay", "y"});
  c.journey("q2", {"pay", "y"});
  c.journey("r1", {"pay", "z"});
  c.journey("r2", {"pay", "z"});
  c.journey("s1", {"pay", "buy"});
  c.journey("s2", {"pay", "buy"});
  const BarrierResult r = c.run().all.barriers;
  ASSERT_EQ(r.opportunities.size(), 3u);
  EXPECT_EQ(r.opportunities[0].barrier_id, "b");
  EXPECT_TRUE(std::isinf(r.opportunities[0].gain_per_cost));
  EXPECT_EQ(r.opportunities[1].barrier_id, "a");  // ties on gain and extra: by id
  EXPECT_EQ(r.opportunities[2].barrier_id, "c");
  // No conversion carries a value: extra_value 0.
  EXPECT_DOUBLE_EQ(r.opportunities[1].extra_value, 0);
  // comparable of "c": 6 customers reached pay without x, 2 converted = 1/3
  // -> extra = 2 x 1/3.
  EXPECT_NEAR(r.opportunities[2].extra_conversions, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(r.opportunities[1].gain_per_cost, 2.0 / 3.0 / 10, 1e-12);
}

TEST(BarrierWhere, ChannelPerEventAndAttributePerCustomer) {
  Case c;
  c.barrier("web_x", {"x"}, std::nullopt, {{"channel", {"web"}}});
  c.barrier("vip_x", {"x"}, std::nullopt, {{"tier", {"vip"}}});
  c.barrier("ghost", {"x"}, std::nullopt, {{"no_such_column", {"a"}}});
  c.journey("a", {"pay", "x"}, {}, {}, {"", "web"});                // web_x; tier vip -> vip_x
  c.journey("b", {"pay", "x"}, {}, {}, {"", "app"});                // not web; tier basic
  c.journey("d", {"pay", "x", "buy"}, {}, {}, {"", "web", "web"});  // web_x, converted
  c.attr("tier", "a", "vip");
  c.attr("tier", "b", "basic");
  c.attr("tier", "d", "basic");
  const BarrierResult r = c.run().all.barriers;
  ASSERT_EQ(r.items.size(), 3u);
  EXPECT_EQ(r.items[0].customers, 2u);  // a, d
  EXPECT_EQ(r.items[0].converted, 1u);
  EXPECT_EQ(r.items[0].lost_after, 1u);            // a
  EXPECT_EQ(r.items[0].comparable_customers, 1u);  // b
  EXPECT_EQ(r.items[1].customers, 1u);             // a
  EXPECT_EQ(r.items[2].customers, 0u);
  EXPECT_FALSE(r.items[2].rate.has_value());
  // No fix_cost anywhere: no opportunities.
  EXPECT_TRUE(r.opportunities.empty());
  // by_count: a met 2 distinct (web_x, vip_x), b 0, d 1.
  EXPECT_EQ(r.by_count[0].customers, 1u);
  EXPECT_EQ(r.by_count[1].customers, 1u);
  EXPECT_EQ(r.by_count[2].customers, 1u);
}

TEST(BarrierSegments, PersonasAndNoBarriers) {
  Case c = stacking_case();
  PersonaSpec p;
  p.id = "zs";
  p.name = "zs";
  p.where = {{"group", {"z"}}};
  c.spec.personas.push_back(p);
  for (const char* id : {"z1", "z2", "z3", "z4"}) c.attr("group", id, "z");
  const AnalysisResult r = c.run();
  ASSERT_EQ(r.personas.size(), 1u);
  const BarrierResult& zs = r.personas[0].figures.barriers;
  ASSERT_EQ(zs.by_count.size(), 4u);
  EXPECT_EQ(zs.by_count[0].customers, 4u);
  EXPECT_EQ(zs.by_count[0].converted, 4u);
  EXPECT_EQ(zs.items[0].customers, 0u);
  // Nobody met x: extra 0, still listed.
  ASSERT_EQ(zs.opportunities.size(), 2u);
  EXPECT_DOUBLE_EQ(zs.opportunities[0].extra_conversions, 0);

  Case none;
  none.journey("a", {"look", "pay", "buy"});
  const BarrierResult empty = none.run().all.barriers;
  EXPECT_TRUE(empty.by_count.empty());
  EXPECT_TRUE(empty.items.empty());
  EXPECT_TRUE(empty.opportunities.empty());
}

TEST(BarrierOutput, JsonAndMarkdown) {
  Case c = stacking_case();
  c.spec.barriers[0].fix_cost = 0;  // x becomes a free fix: infinite gain, ranked first
  const AnalysisResult r = c.run();
  const std::string json = render_json(r);
  EXPECT_NE(json.find("\"label\": \"3+\""), std::string::npos);
  EXPECT_NE(json.find("\"rate_ci\": null"), std::string::npos);
  EXPECT_NE(json.find("\"gain_per_cost\": null"), std::string::npos);
  EXPECT_NE(json.find("\"opportunities\": ["), std::string::npos);
  EXPECT_NE(json.find("\"lost_after\": 4"), std::string::npos);
  const std::string md = render_markdown(r);
  EXPECT_NE(md.find("## Barriers"), std::string::npos);
  EXPECT_NE(md.find("## Opportunities"), std::string::npos);
  EXPECT_NE(md.find("| 1 | Barrier x | 0 | 6.0 ("), std::string::npos) << md;
  EXPECT_NE(md.find("free fix"), std::string::npos);
}

}  // namespace
}  // namespace cjm
