// Figures of docs/analyses.md on small hand-made tables. Every expected value
// is worked out by hand in the comment next to it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/stats.h"
#include "core/event_table.h"
#include "journey/journeys.h"
#include "test_table.h"

namespace cjm {
namespace {

constexpr int64_t kSec = 1'000'000;

// A table and spec built in code, analysed in one call.
struct Case : cjm::testing::TestTable {
  void persona(const std::string& id,
               std::vector<std::pair<std::string, std::vector<std::string>>> where) {
    TestTable::persona(id, std::move(where), id + " name");
  }

  // One stage per name, whose only event is the same name.
  explicit Case(std::vector<std::string> stages = {"a", "b", "c"}) {
    spec.name = "test";
    for (auto& id : stages) {
      StageSpec s;
      s.id = id;
      s.name = "Stage " + id;
      s.events = {id};
      spec.stages.push_back(std::move(s));
    }
  }
  void row_us(const std::string& customer, int64_t time_us, const std::string& event,
              float score = NAN) {
    table.customer.push_back(table.customers.intern(customer));
    table.time_us.push_back(time_us);
    table.event.push_back(table.events.intern(event));
    table.score.push_back(score);
  }
  void row(const std::string& customer, int64_t time_s, const std::string& event,
           float score = NAN) {
    row_us(customer, time_s * kSec, event, score);
  }
};

using Counts = std::vector<uint64_t>;

std::vector<std::string> strs(std::initializer_list<const char*> l) {
  return std::vector<std::string>(l.begin(), l.end());
}

TEST(FunnelWindow, LatestStartIsKept) {
  // Window 10 s: a@0, a@8, b@12, c@15. The chain restarts at a@8 (latest start);
  // b@12 is 4 s after it, c@15 is 7 s after it -> level 3. Starting at a@0,
  // b@12 would be 12 s > 10 s late.
  Case c;
  c.spec.conversion_window_us = 10 * kSec;
  c.row("u", 0, "a");
  c.row("u", 8, "a");
  c.row("u", 12, "b");
  c.row("u", 15, "c");
  AnalysisResult r = c.run();
  ASSERT_TRUE(r.all.funnel.window_s.has_value());
  EXPECT_EQ(*r.all.funnel.window_s, 10.0);
  EXPECT_EQ(r.all.funnel.closed, (Counts{1, 1, 1}));
  EXPECT_EQ(r.all.funnel.closed_unbounded, (Counts{1, 1, 1}));
  EXPECT_EQ(r.all.funnel.open, (Counts{1, 1, 1}));
}

TEST(FunnelWindow, ExactlyTheWindowPassesOneMicrosecondMoreFails) {
  // Window 10 s. u: a@0, b@10 s -> 10 s <= W, level 2.
  // v: a@0, b@10 s + 1 us -> over W, level 1 windowed, 2 unbounded.
  Case c({"a", "b"});
  c.spec.conversion_window_us = 10 * kSec;
  c.row_us("u", 0, "a");
  c.row_us("u", 10 * kSec, "b");
  c.row_us("v", 0, "a");
  c.row_us("v", 10 * kSec + 1, "b");
  AnalysisResult r = c.run();
  EXPECT_EQ(r.all.funnel.closed, (Counts{2, 1}));
  EXPECT_EQ(r.all.funnel.closed_unbounded, (Counts{2, 2}));
  EXPECT_EQ(r.all.funnel.open, (Counts{2, 1}));
  EXPECT_EQ(r.all.funnel.open_unbounded, (Counts{2, 2}));
}

TEST(FunnelClosed, LoopsSkipsAndEntryStages) {
  // No window: windowed == unbounded and window_s is null.
  // u: a b a b c      -> closed 3; entry a, open steps 0,1,2.
  // v: a c            -> closed 1 (c needs b first); open step 0.
  // w: b c            -> closed 0; entry b, chain b c: open steps 1,2.
  // x: c              -> closed 0; entry c, chain c: open step 2.
  // closed = [u v, u, u] = [2,1,1]; open = [u v, u w, u w x] = [2,2,3].
  // reach = [a: u v, b: u w, c: u v w x] = [2,2,4].
  Case c;
  int t = 0;
  for (const char* e : {"a", "b", "a", "b", "c"}) c.row("u", t++, e);
  c.row("v", 0, "a");
  c.row("v", 1, "c");
  c.row("w", 0, "b");
  c.row("w", 1, "c");
  c.row("x", 0, "c");
  AnalysisResult r = c.run();
  EXPECT_FALSE(r.all.funnel.window_s.has_value());
  EXPECT_EQ(r.all.funnel.closed, (Counts{2, 1, 1}));
  EXPECT_EQ(r.all.funnel.closed_unbounded, (Counts{2, 1, 1}));
  EXPECT_EQ(r.all.funnel.open, (Counts{2, 2, 3}));
  EXPECT_EQ(r.all.funnel.open_unbounded, (Counts{2, 2, 3}));
  ASSERT_EQ(r.all.stages.size(), 3u);
  EXPECT_EQ(r.all.stages[0].reached, 2u);
  EXPECT_EQ(r.all.stages[1].reached, 2u);
  EXPECT_EQ(r.all.stages[2].reached, 4u);
  EXPECT_EQ(r.all.stages[0].events, 3u);  // u: 2, v: 1
  EXPECT_EQ(r.all.stages[1].events, 3u);  // u: 2, w: 1
  EXPECT_EQ(r.all.stages[2].events, 4u);
}

TEST(FunnelClosed, EqualTimestampsFollowInputOrder) {
  // u: b@5 then a@5 (input order): b comes before a in the journey -> level 1.
  // v: a@5 then b@5 -> level 2. closed = [2, 1].
  Case c({"a", "b"});
  c.row("u", 5, "b");
  c.row("u", 5, "a");
  c.row("v", 5, "a");
  c.row("v", 5, "b");
  AnalysisResult r = c.run();
  EXPECT_EQ(r.all.funnel.closed, (Counts{2, 1}));
  // u's entry stage is a (the lowest reached), so open == closed here.
  EXPECT_EQ(r.all.funnel.open, (Counts{2, 1}));
}

TEST(FunnelOpen, EntryAtSecondStageWithWindow) {
  // Window 5 s, stages a b c d. u: b@0, c@3, d@9.
  // Closed: no a -> 0 everywhere. Open: entry b (index 1); c@3 is within 5 s of
  // the start b@0, d@9 is not -> chain b c, L = 2: counted at steps 1 and 2.
  // Unbounded: chain b c d, L = 3: steps 1, 2, 3.
  Case c({"a", "b", "c", "d"});
  c.spec.conversion_window_us = 5 * kSec;
  c.row("u", 0, "b");
  c.row("u", 3, "c");
  c.row("u", 9, "d");
  AnalysisResult r = c.run();
  EXPECT_EQ(r.all.funnel.closed, (Counts{0, 0, 0, 0}));
  EXPECT_EQ(r.all.funnel.open, (Counts{0, 1, 1, 0}));
  EXPECT_EQ(r.all.funnel.open_unbounded, (Counts{0, 1, 1, 1}));
  EXPECT_EQ(r.all.funnel.closed_unbounded, (Counts{0, 0, 0, 0}));
}

TEST(AnalysisTransitions, StagesCollapsedTouchpointsNot) {
  // u: a a x b a c (x unmapped).
  //   stages a a b a c -> collapsed a b a c:
  //   (start)->a, a->b, b->a, a->c, c->(end).
  //   touchpoints: (start)->a, a->a, a->x, x->b, b->a, a->c, c->(end).
  // v: a b -> stages (start)->a, a->b, b->(end); touchpoints the same.
  // w: x only -> no stage transitions; touchpoints (start)->x, x->(end).
  // Stage counts: (start)->a 2, a->b 2 (u and v), others 1; ties sorted by
  // from then to, and "(end)" < "a" because '(' < 'a'.
  // Touchpoint counts: (start)->a 2 (u, v); a->b only 1 (v: u goes a->x->b).
  Case c;
  int t = 0;
  for (const char* e : {"a", "a", "x", "b", "a", "c"}) c.row("u", t++, e);
  c.row("v", 0, "a");
  c.row("v", 1, "b");
  c.row("w", 0, "x");
  AnalysisResult r = c.run();
  std::vector<std::tuple<std::string, std::string, uint64_t>> got;
  for (const auto& tr : r.all.stage_transitions) got.emplace_back(tr.from, tr.to, tr.count);
  EXPECT_EQ(got, (decltype(got){{"(start)", "a", 2},
                                {"a", "b", 2},
                                {"a", "c", 1},
                                {"b", "(end)", 1},
                                {"b", "a", 1},
                                {"c", "(end)", 1}}));
  got.clear();
  for (const auto& tr : r.all.touchpoint_transitions) got.emplace_back(tr.from, tr.to, tr.count);
  EXPECT_EQ(got, (decltype(got){{"(start)", "a", 2},
                                {"(start)", "x", 1},
                                {"a", "a", 1},
                                {"a", "b", 1},
                                {"a", "c", 1},
                                {"a", "x", 1},
                                {"b", "(end)", 1},
                                {"b", "a", 1},
                                {"c", "(end)", 1},
                                {"x", "(end)", 1},
                                {"x", "b", 1}}));
}

TEST(AnalysisShape, LinearBackwardSkip) {
  // u: a b c       -> linear.
  // v: a b a c     -> b->a backward, a->c skip: both.
  // w: a c         -> skip.
  // x: y (unmapped) -> not a journey for shape.
  // z: a a         -> collapsed "a", no pair: linear.
  // journeys 4, linear 2 (u z), backward 1 (v), skip 2 (v w).
  Case c;
  int t = 0;
  for (const char* e : {"a", "b", "c"}) c.row("u", t++, e);
  for (const char* e : {"a", "b", "a", "c"}) c.row("v", t++, e);
  c.row("w", 0, "a");
  c.row("w", 1, "c");
  c.row("x", 0, "y");
  c.row("z", 0, "a");
  c.row("z", 1, "a");
  AnalysisResult r = c.run();
  EXPECT_EQ(r.all.shape.journeys, 4u);
  EXPECT_EQ(r.all.shape.linear, 2u);
  EXPECT_EQ(r.all.shape.backward, 1u);
  EXPECT_EQ(r.all.shape.skip, 2u);
}

TEST(AnalysisPaths, VariantTopNTiesAreLexicographic) {
  // Variants: u1, u2: [a b] (u1 buys); u3: [a]; u4: [a c]; u5: [b]; u6: none
  // (only "buy", unmapped) is not counted. Counts: [a b] 2, then ties at 1
  // ordered [a] < [a c] < [b]. Top 2: [a b] (2 customers, 1 converted), [a].
  // Touchpoint paths collapse consecutive repeats: u3's events a x x y x give
  // the path [a x y x].
  Case c;
  c.spec.conversion = {"buy"};
  c.row("u1", 0, "a");
  c.row("u1", 1, "b");
  c.row("u1", 2, "buy");
  c.row("u2", 0, "a");
  c.row("u2", 1, "b");
  int t = 0;
  for (const char* e : {"a", "x", "x", "y", "x"}) c.row("u3", t++, e);
  c.row("u4", 0, "a");
  c.row("u4", 1, "c");
  c.row("u5", 0, "b");
  c.row("u6", 0, "buy");
  AnalysisResult r = c.run(1, 2);
  ASSERT_EQ(r.all.stage_variants.size(), 2u);
  EXPECT_EQ(r.all.stage_variants[0].steps, strs({"a", "b"}));
  EXPECT_EQ(r.all.stage_variants[0].customers, 2u);
  EXPECT_EQ(r.all.stage_variants[0].converted, 1u);
  EXPECT_EQ(r.all.stage_variants[1].steps, strs({"a"}));
  EXPECT_EQ(r.all.stage_variants[1].customers, 1u);
  EXPECT_EQ(r.all.stage_variants[1].converted, 0u);

  // All variants with a large N: [a b], [a], [a c], [b].
  AnalysisResult full = c.run(1, 20);
  ASSERT_EQ(full.all.stage_variants.size(), 4u);
  EXPECT_EQ(full.all.stage_variants[2].steps, strs({"a", "c"}));
  EXPECT_EQ(full.all.stage_variants[3].steps, strs({"b"}));

  // Touchpoint paths: [a b] 1 (u2), [a b buy] 1 (u1), [a c] 1, [a x y x] 1,
  // [b] 1, [buy] 1 (u6, converted): all ties, lexicographic.
  ASSERT_EQ(full.all.touchpoint_paths.size(), 6u);
  std::vector<std::vector<std::string>> steps;
  for (const auto& p : full.all.touchpoint_paths) steps.push_back(p.steps);
  EXPECT_EQ(steps, (std::vector<std::vector<std::string>>{
                       strs({"a", "b"}), strs({"a", "b", "buy"}), strs({"a", "c"}),
                       strs({"a", "x", "y", "x"}), strs({"b"}), strs({"buy"})}));
  EXPECT_EQ(full.all.touchpoint_paths[1].converted, 1u);
  EXPECT_EQ(full.all.touchpoint_paths[5].converted, 1u);
  EXPECT_EQ(full.all.converted, 2u);
}

TEST(AnalysisStats, NearestRankPercentiles) {
  // {1,2,3,4}: p50 rank ceil(2) = 2 -> 2; p90 rank ceil(3.6) = 4 -> 4; mean 2.5.
  Stats s = duration_stats_s(std::vector<int64_t>{4 * kSec, 1 * kSec, 3 * kSec, 2 * kSec});
  EXPECT_EQ(s.count, 4u);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_DOUBLE_EQ(s.p50, 2.0);
  EXPECT_DOUBLE_EQ(s.p90, 4.0);
  // {1..10}: p50 rank 5 -> 5; p90 rank 9 -> 9.
  std::vector<int64_t> ten;
  for (int64_t v = 10; v >= 1; --v) ten.push_back(v * kSec);
  s = duration_stats_s(ten);
  EXPECT_DOUBLE_EQ(s.p50, 5.0);
  EXPECT_DOUBLE_EQ(s.p90, 9.0);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  // One value: every percentile is it. Empty: all 0.
  s = duration_stats_s(std::vector<int64_t>{1500000});
  EXPECT_DOUBLE_EQ(s.p50, 1.5);
  EXPECT_DOUBLE_EQ(s.p90, 1.5);
  s = duration_stats_s(std::vector<int64_t>{});
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.mean, 0.0);
  EXPECT_EQ(s.p50, 0.0);
  EXPECT_EQ(s.p90, 0.0);
}

TEST(AnalysisStats, LargeSetsMatchASortedReference) {
  // Above the small-set threshold the percentiles come from a histogram and
  // one bucket's selection; the reference sorts a copy and reads the ranks.
  std::mt19937_64 rng(7);
  auto check = [](const std::vector<int64_t>& values) {
    const Stats s = duration_stats_s(values);
    std::vector<int64_t> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(s.count, values.size());
    EXPECT_EQ(s.p50, static_cast<double>(nearest_rank(sorted, 50)) / 1e6);
    EXPECT_EQ(s.p90, static_cast<double>(nearest_rank(sorted, 90)) / 1e6);
  };
  for (size_t n : {size_t{20000}, size_t{100001}}) {
    std::vector<int64_t> wide, narrow, constant, negative, extreme;
    for (size_t i = 0; i < n; ++i) {
      wide.push_back(static_cast<int64_t>(rng() % 1000000000000ULL));  // up to ~11 days
      narrow.push_back(5000000 + static_cast<int64_t>(rng() % 300));   // many repeats
      constant.push_back(42);
      negative.push_back(static_cast<int64_t>(rng() % 2000001) - 1000000);
      extreme.push_back(i % 3 == 0   ? std::numeric_limits<int64_t>::min()
                        : i % 3 == 1 ? std::numeric_limits<int64_t>::max()
                                     : static_cast<int64_t>(rng()));
    }
    // A skewed set: most values in one bucket of a wide range.
    std::vector<int64_t> skewed(n, 1000);
    for (size_t i = 0; i < n / 20; ++i) skewed[i * 20] = static_cast<int64_t>(rng() % (1LL << 50));
    for (const auto* v : {&wide, &narrow, &constant, &negative, &extreme, &skewed}) check(*v);
  }
}

TEST(AnalysisTime, TimeBetweenStages) {
  // u: a@0 b@5 a@7 b@20 c@30: a->b: first a@0, first b after it @5 -> 5 s;
  //    b->c: first b@5, first c after it @30 -> 25 s.
  // v: b@0 a@10 b@15: a->b: first a@10, first b after it @15 -> 5 s.
  // w: b@0 a@3: no b after the first a -> nothing.
  // b: {5, 5}; c: {25}; a: never (stage 0).
  Case c;
  c.row("u", 0, "a");
  c.row("u", 5, "b");
  c.row("u", 7, "a");
  c.row("u", 20, "b");
  c.row("u", 30, "c");
  c.row("v", 0, "b");
  c.row("v", 10, "a");
  c.row("v", 15, "b");
  c.row("w", 0, "b");
  c.row("w", 3, "a");
  AnalysisResult r = c.run();
  EXPECT_EQ(r.all.stages[0].time_from_previous_s.count, 0u);
  EXPECT_EQ(r.all.stages[1].time_from_previous_s.count, 2u);
  EXPECT_DOUBLE_EQ(r.all.stages[1].time_from_previous_s.mean, 5.0);
  EXPECT_DOUBLE_EQ(r.all.stages[1].time_from_previous_s.p50, 5.0);
  EXPECT_EQ(r.all.stages[2].time_from_previous_s.count, 1u);
  EXPECT_DOUBLE_EQ(r.all.stages[2].time_from_previous_s.p90, 25.0);
}

TEST(AnalysisTime, TimeToConvert) {
  // u: x@100 buy@160 buy@200 -> first conversion 60 s after the first event.
  // v: buy@0 -> 0 s. w: no conversion.
  // converted 2; {0, 60}: mean 30, p50 rank 1 -> 0, p90 rank ceil(1.8)=2 -> 60.
  Case c;
  c.spec.conversion = {"buy*"};
  c.row("u", 100, "x");
  c.row("u", 160, "buy");
  c.row("u", 200, "buy_again");
  c.row("v", 0, "buy");
  c.row("w", 0, "a");
  AnalysisResult r = c.run();
  EXPECT_EQ(r.all.converted, 2u);
  EXPECT_EQ(r.all.time_to_convert_s.count, 2u);
  EXPECT_DOUBLE_EQ(r.all.time_to_convert_s.mean, 30.0);
  EXPECT_DOUBLE_EQ(r.all.time_to_convert_s.p50, 0.0);
  EXPECT_DOUBLE_EQ(r.all.time_to_convert_s.p90, 60.0);
}

TEST(AnalysisEmotion, MeanAndDistributionPerStage) {
  // Stage a: scores 2, 4, 4 and one missing -> count 3, mean 10/3, {2:1, 4:2}.
  // Stage b: 1 -> count 1, mean 1. Stage c: none. Unmapped x's 5 is ignored.
  Case c;
  c.row("u", 0, "a", 2.0f);
  c.row("u", 1, "a", 4.0f);
  c.row("v", 0, "a", 4.0f);
  c.row("v", 1, "a");
  c.row("v", 2, "b", 1.0f);
  c.row("v", 3, "x", 5.0f);
  AnalysisResult r = c.run();
  const Emotion& a = r.all.stages[0].emotion;
  EXPECT_EQ(a.count, 3u);
  EXPECT_DOUBLE_EQ(a.mean, 10.0 / 3.0);
  EXPECT_EQ(a.distribution, (std::map<double, uint64_t>{{2.0, 1}, {4.0, 2}}));
  EXPECT_EQ(r.all.stages[1].emotion.count, 1u);
  EXPECT_DOUBLE_EQ(r.all.stages[1].emotion.mean, 1.0);
  EXPECT_EQ(r.all.stages[2].emotion.count, 0u);
  EXPECT_EQ(r.all.stages[2].emotion.mean, 0.0);
  EXPECT_TRUE(r.all.stages[2].emotion.distribution.empty());
}

TEST(AnalysisEmotion, WholeAndFractionalScoresOfAnyRange) {
  // Stage a: -0 and +0 are one score; whole scores at and past the dense
  // range's ends (+-127, 128, -1000) and fractions are each their own value.
  // Scores -0, 0, 0.5, 127, 128, -127, -1000, 2.5, 2.5: count 9, sum -866.5.
  Case c;
  const float scores[] = {-0.0f, 0.0f, 0.5f, 127.0f, 128.0f, -127.0f, -1000.0f, 2.5f, 2.5f};
  int64_t t = 0;
  for (float v : scores) c.row("u", t++, "a", v);
  AnalysisResult r = c.run();
  const Emotion& a = r.all.stages[0].emotion;
  EXPECT_EQ(a.count, 9u);
  EXPECT_DOUBLE_EQ(a.mean, -866.5 / 9.0);
  EXPECT_EQ(a.distribution,
            (std::map<double, uint64_t>{
                {-1000.0, 1}, {-127.0, 1}, {0.0, 2}, {0.5, 1}, {2.5, 2}, {127.0, 1}, {128.0, 1}}));
  const auto zero = a.distribution.find(0.0);
  ASSERT_NE(zero, a.distribution.end());
  EXPECT_FALSE(std::signbit(zero->first));  // reported as 0, not -0
}

TEST(AnalysisPersonas, MembershipByAttributes) {
  // plan/region: u pro/eu, v team/us, w free/eu, x (none)/eu.
  // "paid" = plan in {pro, team}: u v. "eu_paid" = paid and region eu: u.
  // "ghost" filters on a column the table lacks: nobody. "by_event" filters on
  // the event column, which is data, not an attribute: nobody.
  // "no_plan" = plan in {""}: x (a missing value is the empty string).
  Case c;
  c.row("u", 0, "a");
  c.row("u", 1, "b");
  c.row("v", 0, "a");
  c.row("w", 0, "c");
  c.row("w", 1, "x");
  c.row("x", 0, "b");
  c.attr("plan", "u", "pro");
  c.attr("plan", "v", "team");
  c.attr("plan", "w", "free");
  c.attr("region", "u", "eu");
  c.attr("region", "v", "us");
  c.attr("region", "w", "eu");
  c.attr("region", "x", "eu");
  c.persona("paid", {{"plan", {"pro", "team", "unknown_value"}}});
  c.persona("eu_paid", {{"plan", {"pro", "team"}}, {"region", {"eu"}}});
  c.persona("ghost", {{"tier", {"gold"}}});
  c.persona("by_event", {{"event", {"a"}}});
  c.persona("no_plan", {{"plan", {""}}});
  AnalysisResult r = c.run();
  ASSERT_EQ(r.personas.size(), 5u);
  EXPECT_EQ(r.personas[0].id, "paid");
  EXPECT_EQ(r.personas[0].name, "paid name");
  EXPECT_EQ(r.personas[0].figures.customers, 2u);
  EXPECT_EQ(r.personas[0].figures.events, 3u);
  EXPECT_EQ(r.personas[0].figures.stages[0].reached, 2u);  // u v
  EXPECT_EQ(r.personas[0].figures.stages[1].reached, 1u);  // u
  EXPECT_EQ(r.personas[0].figures.funnel.closed, (Counts{2, 1, 0}));
  EXPECT_EQ(r.personas[1].figures.customers, 1u);
  EXPECT_EQ(r.personas[1].figures.funnel.closed, (Counts{1, 1, 0}));
  EXPECT_EQ(r.personas[2].figures.customers, 0u);
  EXPECT_EQ(r.personas[2].figures.stages.size(), 3u);
  EXPECT_EQ(r.personas[3].figures.customers, 0u);
  EXPECT_EQ(r.personas[4].figures.customers, 1u);
  EXPECT_EQ(r.personas[4].figures.stages[1].reached, 1u);  // x: b
  // Unmapped events of the segment's customers only: w's x is not in "paid".
  EXPECT_EQ(r.personas[0].figures.unmapped_events, 0u);
  EXPECT_EQ(r.all.unmapped_events, 1u);
  EXPECT_EQ(r.all.customers, 4u);
}

TEST(AnalysisStageTouchpoints, CustomersAndExits) {
  // Stage a = {a, a2}, stage b = {b}; conversion "buy" (unmapped).
  // u: a a2 b  -> customers a, a2, b; not converted, last mapped event b: exit b.
  // v: a x     -> customers a; last mapped event a (x is unmapped): exit a.
  // w: a buy   -> customers a; converted: no exit.
  // Stage a: a (3 customers, 1 exit), a2 (1, 0). Stage b: b (1, 1).
  Case c({"a", "b"});
  c.spec.stages[0].events = {"a", "a2"};
  c.spec.conversion = {"buy"};
  c.row("u", 0, "a");
  c.row("u", 1, "a2");
  c.row("u", 2, "b");
  c.row("v", 0, "a");
  c.row("v", 1, "x");
  c.row("w", 0, "a");
  c.row("w", 1, "buy");
  AnalysisResult r = c.run();
  const auto& a = r.all.stages[0].touchpoints;
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].name, "a");
  EXPECT_EQ(a[0].customers, 3u);
  EXPECT_EQ(a[0].exits, 1u);
  EXPECT_EQ(a[1].name, "a2");
  EXPECT_EQ(a[1].customers, 1u);
  EXPECT_EQ(a[1].exits, 0u);
  const auto& b = r.all.stages[1].touchpoints;
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].customers, 1u);
  EXPECT_EQ(b[0].exits, 1u);
}

TEST(AnalysisInputSummary, UnmappedNamesAndTimeRange) {
  // Unmapped: zeta x2, beta x2, alpha x1 -> by count desc then name:
  // beta, zeta, alpha. 5 unmapped of 7 events; times span 3 s .. 50 s.
  Case c;
  c.row("u", 10, "zeta");
  c.row("u", 3, "a");
  c.row("v", 50, "beta");
  c.row("v", 20, "zeta");
  c.row("w", 5, "alpha");
  c.row("w", 6, "beta");
  c.row("w", 7, "b");
  AnalysisResult r = c.run(2);
  EXPECT_EQ(r.journey_name, "test");
  ASSERT_EQ(r.stages.size(), 3u);
  EXPECT_EQ(r.stages[1].id, "b");
  EXPECT_EQ(r.stages[1].name, "Stage b");
  EXPECT_EQ(r.input.customers, 3u);
  EXPECT_EQ(r.input.events, 7u);
  EXPECT_EQ(r.input.unmapped_events, 5u);
  EXPECT_EQ(r.input.unmapped_names, strs({"beta", "zeta", "alpha"}));
  EXPECT_EQ(r.input.first_time_us, 3 * kSec);
  EXPECT_EQ(r.input.last_time_us, 50 * kSec);
  EXPECT_EQ(r.all.events, 7u);
}

TEST(AnalysisInputSummary, EmptyTable) {
  Case c;
  AnalysisResult r = c.run(4);
  EXPECT_EQ(r.input.customers, 0u);
  EXPECT_FALSE(r.input.first_time_us.has_value());
  EXPECT_EQ(r.all.funnel.closed, (Counts{0, 0, 0}));
  EXPECT_TRUE(r.all.stage_transitions.empty());
}

}  // namespace
}  // namespace cjm
