#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "analysis/path_aggregator.h"
#include "core/event_table.h"
#include "journey/journeys.h"

namespace cjm {
namespace {

// 100 customers, journey by customer c % 3:
//   0: a a b   -> path [a b],   variant [first second]
//   1: a buy   -> path [a buy], variant [first], converted
//   2: buy     -> path [buy],   variant empty (not counted), converted
// c % 3 == 0 for 34 customers (0, 3, ..., 99), 1 and 2 for 33 each. More
// customers than one batch of the aggregator (32), and not a multiple of it.
struct Fixture {
  EventTable table;
  EventMap map;
  AggregatorContext ctx;
  std::vector<JourneyRef> journeys;
  const std::vector<std::string> stage_ids{"first", "second"};

  Fixture() {
    const uint32_t a = table.events.intern("a");
    const uint32_t b = table.events.intern("b");
    const uint32_t buy = table.events.intern("buy");
    map.stage = {0, 1, kNoStage};
    map.is_conversion = {0, 0, 1};
    for (uint32_t c = 0; c < 100; ++c) {
      JourneyRef j{c, table.event.size(), 0};
      std::vector<uint32_t> events;
      if (c % 3 == 0) events = {a, a, b};
      if (c % 3 == 1) events = {a, buy};
      if (c % 3 == 2) events = {buy};
      for (uint32_t e : events) table.event.push_back(e);
      j.end = table.event.size();
      journeys.push_back(j);
    }
    ctx.table = &table;
    ctx.map = &map;
    ctx.stage_ids = stage_ids;
  }

  // Customers [lo, hi) into a new aggregator, as one block (counted in
  // batches) or one journey at a time.
  PathAggregator consume(size_t lo, size_t hi, bool one_by_one = false) const {
    PathAggregator agg(ctx);
    if (one_by_one) {
      for (size_t c = lo; c < hi; ++c) agg.consume(ctx, journeys[c]);
    } else {
      agg.consume(ctx, std::span<const JourneyRef>(journeys).subspan(lo, hi - lo));
    }
    return agg;
  }
};

std::vector<std::string> strs(std::initializer_list<const char*> list) {
  return std::vector<std::string>(list.begin(), list.end());
}

void expect_full(const PathResult& r) {
  // Paths: [a b] 34 first; [a buy] and [buy] tie at 33, "a" < "buy".
  ASSERT_EQ(r.touchpoint_paths.size(), 3u);
  EXPECT_EQ(r.touchpoint_paths[0].steps, strs({"a", "b"}));
  EXPECT_EQ(r.touchpoint_paths[0].customers, 34u);
  EXPECT_EQ(r.touchpoint_paths[0].converted, 0u);
  EXPECT_EQ(r.touchpoint_paths[1].steps, strs({"a", "buy"}));
  EXPECT_EQ(r.touchpoint_paths[1].customers, 33u);
  EXPECT_EQ(r.touchpoint_paths[1].converted, 33u);
  EXPECT_EQ(r.touchpoint_paths[2].steps, strs({"buy"}));
  EXPECT_EQ(r.touchpoint_paths[2].customers, 33u);
  EXPECT_EQ(r.touchpoint_paths[2].converted, 33u);
  ASSERT_EQ(r.stage_variants.size(), 2u);
  EXPECT_EQ(r.stage_variants[0].steps, strs({"first", "second"}));
  EXPECT_EQ(r.stage_variants[0].customers, 34u);
  EXPECT_EQ(r.stage_variants[0].converted, 0u);
  EXPECT_EQ(r.stage_variants[1].steps, strs({"first"}));
  EXPECT_EQ(r.stage_variants[1].customers, 33u);
  EXPECT_EQ(r.stage_variants[1].converted, 33u);
}

TEST(PathAggregator, CountsEveryJourneyAcrossBatches) {
  const Fixture f;
  const PathAggregator agg = f.consume(0, 100);
  expect_full(agg.finish(f.ctx));
  expect_full(agg.finish(f.ctx));  // finishing twice changes nothing
  expect_full(f.consume(0, 100, true).finish(f.ctx));
}

TEST(PathAggregator, TopNKeepsTheFirst) {
  Fixture f;
  f.ctx.top_n = 2;
  const PathResult r = f.consume(0, 100).finish(f.ctx);
  ASSERT_EQ(r.touchpoint_paths.size(), 2u);
  EXPECT_EQ(r.touchpoint_paths[0].steps, strs({"a", "b"}));
  EXPECT_EQ(r.touchpoint_paths[1].steps, strs({"a", "buy"}));
  EXPECT_EQ(r.stage_variants.size(), 2u);
}

TEST(PathAggregator, AnySplitMergedInEitherOrder) {
  const Fixture f;
  for (size_t split : std::vector<size_t>{0, 1, 31, 32, 33, 64, 65, 99, 100}) {
    SCOPED_TRACE(split);
    PathAggregator left = f.consume(0, split), right = f.consume(split, 100);
    PathAggregator lr = left;
    lr.merge(right);
    expect_full(lr.finish(f.ctx));
    right.merge(left);
    expect_full(right.finish(f.ctx));
  }
}

TEST(PathAggregator, ThreeWayMergeAndConsumeAfterMerge) {
  const Fixture f;
  PathAggregator a = f.consume(0, 10), b = f.consume(10, 50);
  a.merge(b);
  for (size_t c = 50; c < 90; ++c) a.consume(f.ctx, f.journeys[c]);
  a.merge(f.consume(90, 100));
  expect_full(a.finish(f.ctx));
}

// Paths too long to pack (3 names: 2-bit fields, at most 64 per key) are
// counted apart from the short ones; both are ranked together.
//   c % 4 == 0 (5 customers): (a b) x 35, buy -> path of 71 steps, converted;
//                             variant (first second) x 35
//   c % 4 == 1 (5): a b       -> path [a b], variant [first second]
//   c % 4 == 2 (5): (b a) x 35 -> path of 70, variant (second first) x 35
//   c % 4 == 3 (5) and 20..26: buy -> path [buy] (12 customers), no variant
TEST(PathAggregator, LongPathsRankWithShortOnes) {
  EventTable table;
  EventMap map;
  const uint32_t a = table.events.intern("a");
  const uint32_t b = table.events.intern("b");
  const uint32_t buy = table.events.intern("buy");
  map.stage = {0, 1, kNoStage};
  map.is_conversion = {0, 0, 1};
  std::vector<JourneyRef> journeys;
  auto repeat = [](std::vector<uint32_t> unit, int times) {
    std::vector<uint32_t> out;
    for (int i = 0; i < times; ++i) out.insert(out.end(), unit.begin(), unit.end());
    return out;
  };
  std::vector<uint32_t> long_ab = repeat({a, b}, 35);
  long_ab.push_back(buy);
  for (uint32_t c = 0; c < 27; ++c) {
    JourneyRef j{c, table.event.size(), 0};
    std::vector<uint32_t> events{buy};
    if (c < 20 && c % 4 == 0) events = long_ab;
    if (c < 20 && c % 4 == 1) events = {a, b};
    if (c < 20 && c % 4 == 2) events = repeat({b, a}, 35);
    for (uint32_t e : events) table.event.push_back(e);
    j.end = table.event.size();
    journeys.push_back(j);
  }
  AggregatorContext ctx;
  ctx.table = &table;
  ctx.map = &map;
  ctx.stages = 2;
  ctx.stage_ids = {"first", "second"};

  auto names = [](const std::vector<uint32_t>& ids, const std::vector<std::string>& of) {
    std::vector<std::string> out;
    for (uint32_t id : ids) out.push_back(of[id]);
    return out;
  };
  const std::vector<std::string> events{"a", "b", "buy"};
  for (size_t split : std::vector<size_t>{0, 3, 13, 27}) {
    SCOPED_TRACE(split);
    PathAggregator left(ctx), right(ctx);
    for (size_t c = 0; c < journeys.size(); ++c)
      (c < split ? left : right).consume(ctx, journeys[c]);
    left.merge(right);
    const PathResult r = left.finish(ctx);
    ASSERT_EQ(r.touchpoint_paths.size(), 4u);
    EXPECT_EQ(r.touchpoint_paths[0].steps, strs({"buy"}));
    EXPECT_EQ(r.touchpoint_paths[0].customers, 12u);
    EXPECT_EQ(r.touchpoint_paths[0].converted, 12u);
    // Three ties at 5: [a b] is a prefix of the long (a b ...) path, and "a" < "b".
    EXPECT_EQ(r.touchpoint_paths[1].steps, strs({"a", "b"}));
    EXPECT_EQ(r.touchpoint_paths[1].converted, 0u);
    EXPECT_EQ(r.touchpoint_paths[2].steps, names(long_ab, events));
    EXPECT_EQ(r.touchpoint_paths[2].converted, 5u);
    EXPECT_EQ(r.touchpoint_paths[3].steps, names(repeat({b, a}, 35), events));
    for (size_t i = 1; i < 4; ++i) EXPECT_EQ(r.touchpoint_paths[i].customers, 5u);

    ASSERT_EQ(r.stage_variants.size(), 3u);
    EXPECT_EQ(r.stage_variants[0].steps, strs({"first", "second"}));
    EXPECT_EQ(r.stage_variants[1].steps, names(repeat({0, 1}, 35), ctx.stage_ids));
    EXPECT_EQ(r.stage_variants[1].converted, 5u);
    EXPECT_EQ(r.stage_variants[2].steps, names(repeat({1, 0}, 35), ctx.stage_ids));
    EXPECT_EQ(r.stage_variants[2].converted, 0u);
    for (const PathStat& v : r.stage_variants) EXPECT_EQ(v.customers, 5u);
  }
}

// Each step's range of repeats in a row, over the journeys of its row, for a
// key that packs and one that does not (3 names: at most 64 steps packed).
// Customer c (0..59):
//   c even: a x (1 + c % 5), then b x (1 + c % 3)  -> path [a b]
//           (c even: c % 5 takes 0..4, c % 3 takes 0..2, so a: 1-5, b: 1-3);
//           variant [first second], the same ranges
//   c odd:  a x (2 + c % 4), then (b a) x 35, buy   -> path of 72 steps;
//           (c odd: c % 4 is 1 or 3, so the first a: 3-5 times; the rest 1)
TEST(PathAggregator, RepeatRangesPerStepOfEachRow) {
  EventTable table;
  EventMap map;
  const uint32_t a = table.events.intern("a");
  const uint32_t b = table.events.intern("b");
  const uint32_t buy = table.events.intern("buy");
  map.stage = {0, 1, kNoStage};
  map.is_conversion = {0, 0, 1};
  std::vector<JourneyRef> journeys;
  for (uint32_t c = 0; c < 60; ++c) {
    JourneyRef j{c, table.event.size(), 0};
    if (c % 2 == 0) {
      for (uint32_t i = 0; i < 1 + c % 5; ++i) table.event.push_back(a);
      for (uint32_t i = 0; i < 1 + c % 3; ++i) table.event.push_back(b);
    } else {
      for (uint32_t i = 0; i < 2 + c % 4; ++i) table.event.push_back(a);
      for (int i = 0; i < 35; ++i) {
        table.event.push_back(b);
        table.event.push_back(a);
      }
      table.event.push_back(buy);
    }
    j.end = table.event.size();
    journeys.push_back(j);
  }
  AggregatorContext ctx;
  ctx.table = &table;
  ctx.map = &map;
  ctx.stages = 2;
  ctx.stage_ids = {"first", "second"};

  for (size_t split : std::vector<size_t>{0, 1, 7, 32, 59, 60}) {
    SCOPED_TRACE(split);
    PathAggregator left(ctx), right(ctx);
    left.consume(ctx, std::span<const JourneyRef>(journeys).first(split));
    right.consume(ctx, std::span<const JourneyRef>(journeys).subspan(split));
    for (PathAggregator* into : {&left, &right}) {
      PathAggregator merged = *into;
      merged.merge(into == &left ? right : left);
      const PathResult r = merged.finish(ctx);
      ASSERT_EQ(r.touchpoint_paths.size(), 2u);
      const PathStat& short_path = r.touchpoint_paths[0];
      EXPECT_EQ(short_path.steps, strs({"a", "b"}));
      EXPECT_EQ(short_path.customers, 30u);
      EXPECT_EQ(short_path.repeats, (std::vector<RepeatRange>{{1, 5}, {1, 3}}));
      EXPECT_EQ(short_path.label, "a ×1–5 → b ×1–3");
      const PathStat& long_path = r.touchpoint_paths[1];
      ASSERT_EQ(long_path.steps.size(), 72u);
      ASSERT_EQ(long_path.repeats.size(), 72u);
      EXPECT_EQ(long_path.repeats[0], (RepeatRange{3, 5}));
      for (size_t i = 1; i < 72; ++i) EXPECT_EQ(long_path.repeats[i], (RepeatRange{1, 1})) << i;
      // a x3-5 then 71 alternating steps a b a ... b a: one loop of 70 moves, then buy.
      EXPECT_EQ(long_path.label, "a ⇄ b ×70 → buy");
      // Variants: [first second] (the evens) then the 71-step alternation.
      ASSERT_EQ(r.stage_variants.size(), 2u);
      EXPECT_EQ(r.stage_variants[0].repeats, (std::vector<RepeatRange>{{1, 5}, {1, 3}}));
      EXPECT_EQ(r.stage_variants[1].repeats.front(), (RepeatRange{3, 5}));
    }
  }
}

}  // namespace
}  // namespace cjm
