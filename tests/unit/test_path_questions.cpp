// The path questions: paths between two events and the last steps before
// leaving (docs/analyses.md, "Path questions"). Hand-computed journeys, the
// merge of partials, and a check against a direct implementation on random
// journeys.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "analysis/last_steps_aggregator.h"
#include "analysis/paths_between_aggregator.h"
#include "core/event_table.h"
#include "journey/event_map.h"

namespace cjm {
namespace {

constexpr int64_t kSec = 1'000'000;

struct Journey {
  std::vector<std::string> events;
  std::vector<int64_t> seconds;
};

// Journeys laid out one after another in a table, mapped by a spec with
// conversion `buy` and the path question from -> to.
struct Fixture {
  EventTable table;
  JourneySpec spec;
  EventMap map;
  AggregatorContext ctx;
  std::vector<JourneyRef> refs;

  Fixture(const std::vector<Journey>& journeys, std::string from, std::string to,
          size_t top_n = 20) {
    for (const Journey& j : journeys) {
      JourneyRef r{static_cast<uint32_t>(refs.size()), table.event.size(), 0};
      for (size_t i = 0; i < j.events.size(); ++i) {
        table.event.push_back(table.events.intern(j.events[i]));
        table.time_us.push_back(j.seconds[i] * kSec);
      }
      r.end = table.event.size();
      refs.push_back(r);
    }
    spec.conversion = {"buy"};
    spec.paths = PathQuerySpec{std::move(from), std::move(to), 0};
    map = map_events(table.events, spec);
    ctx.table = &table;
    ctx.map = &map;
    ctx.spec = &spec;
    ctx.top_n = top_n;
  }

  // Journeys [lo, hi) consumed into a new aggregator.
  template <typename A>
  A consume(size_t lo, size_t hi) const {
    A a(ctx);
    for (size_t i = lo; i < hi; ++i) a.consume(ctx, refs[i]);
    return a;
  }
};

// Seconds 0, 10, 20, ... for `events`.
Journey every_ten(std::vector<std::string> events) {
  Journey j{std::move(events), {}};
  for (size_t i = 0; i < j.events.size(); ++i) j.seconds.push_back(static_cast<int64_t>(i) * 10);
  return j;
}

// The hand-computed example (the same journeys as tests/cases/paths_collapsed,
// README.md there).
std::vector<Journey> example() {
  return {
      every_ten({"home", "search", "view", "view", "cart", "buy"}),                    // J0
      {{"search", "view", "cart", "home", "exit"}, {0, 5, 20, 30, 40}},                // J1
      every_ten({"home", "view", "search", "search", "view", "cart", "cart"}),         // J2
      every_ten({"home", "search", "view"}),                                           // J3
      every_ten({"cart", "search"}),                                                   // J4
      every_ten({"home", "view", "buy"}),                                              // J5
      every_ten({"view", "cart", "view", "cart", "view", "cart", "exit"}),             // J6
      {{"search", "view", "home", "view", "home", "cart"}, {0, 10, 20, 30, 40, 100}},  // J7
      every_ten({"home", "view", "cart", "exit"}),                                     // J8
  };
}

std::vector<std::string> strs(std::initializer_list<const char*> list) {
  return std::vector<std::string>(list.begin(), list.end());
}

void expect_paths_between(const PathsBetween& r) {
  EXPECT_TRUE(r.asked);
  EXPECT_EQ(r.from, "search");
  EXPECT_EQ(r.to, "cart");
  EXPECT_EQ(r.with_from, 6u);  // J0 J1 J2 J3 J4 J7
  EXPECT_EQ(r.with_path, 4u);  // J0 J1 J2 J7
  // 30, 20, 30, 100 s: mean 45, p50 = 2nd of 4 = 30, p90 = 4th = 100.
  EXPECT_EQ(r.time_s.count, 4u);
  EXPECT_DOUBLE_EQ(r.time_s.mean, 45);
  EXPECT_DOUBLE_EQ(r.time_s.p50, 30);
  EXPECT_DOUBLE_EQ(r.time_s.p90, 100);
  ASSERT_EQ(r.paths.size(), 2u);
  EXPECT_EQ(r.paths[0].steps, strs({"search", "view", "cart"}));
  EXPECT_EQ(r.paths[0].label, "search → view → cart");
  EXPECT_EQ(r.paths[0].journeys, 3u);  // J0 J1 J2
  EXPECT_EQ(r.paths[1].steps, strs({"search", "view", "home", "view", "home", "cart"}));
  EXPECT_EQ(r.paths[1].label, "search → view ⇄ home ×3 → cart");
  EXPECT_EQ(r.paths[1].journeys, 1u);  // J7
}

TEST(PathsBetween, HandComputedExample) {
  const Fixture f(example(), "search", "cart");
  expect_paths_between(f.consume<PathsBetweenAggregator>(0, f.refs.size()).finish(f.ctx));
}

TEST(PathsBetween, PartialsMergeToTheSameResult) {
  const Fixture f(example(), "search", "cart");
  for (size_t cut = 0; cut <= f.refs.size(); ++cut) {
    SCOPED_TRACE(cut);
    auto a = f.consume<PathsBetweenAggregator>(0, cut);
    a.merge(f.consume<PathsBetweenAggregator>(cut, f.refs.size()));
    expect_paths_between(a.finish(f.ctx));
  }
}

TEST(PathsBetween, NotAskedIsEmptyAndCountsNothing) {
  const Fixture f(example(), "", "");
  const PathsBetween r = f.consume<PathsBetweenAggregator>(0, f.refs.size()).finish(f.ctx);
  EXPECT_FALSE(r.asked);
  EXPECT_EQ(r.with_from, 0u);
  EXPECT_TRUE(r.paths.empty());
}

TEST(PathsBetween, PatternsAndAnEventMatchingBoth) {
  // from s* to s*: the path ends at the first match strictly after the first.
  const Fixture f(
      {every_ten({"x", "s1", "y", "s1", "s2"}), every_ten({"s2"}), every_ten({"s1", "s1", "t"})},
      "s*", "s*");
  const PathsBetween r = f.consume<PathsBetweenAggregator>(0, f.refs.size()).finish(f.ctx);
  EXPECT_EQ(r.with_from, 3u);
  EXPECT_EQ(r.with_path, 2u);
  ASSERT_EQ(r.paths.size(), 2u);
  // Repeats collapse: s1 s1 is one step.
  EXPECT_EQ(r.paths[0].steps, strs({"s1"}));
  EXPECT_EQ(r.paths[0].journeys, 1u);
  EXPECT_EQ(r.paths[1].steps, strs({"s1", "y", "s1"}));
  EXPECT_EQ(r.time_s.p90, 20);
}

void expect_last_steps(const LastSteps& r) {
  EXPECT_EQ(r.steps, 3u);
  EXPECT_EQ(r.journeys, 7u);                                    // all but J0 and J5, which bought
  ASSERT_EQ(r.paths.size(), 3u);                                // top 3 of 6
  EXPECT_EQ(r.paths[0].steps, strs({"view", "cart", "exit"}));  // J6 J8
  EXPECT_EQ(r.paths[0].label, "view → cart → exit");
  EXPECT_EQ(r.paths[0].journeys, 2u);
  // Ties by steps: [cart home exit] < [cart search] < [home search view].
  EXPECT_EQ(r.paths[1].steps, strs({"cart", "home", "exit"}));  // J1
  EXPECT_EQ(r.paths[1].journeys, 1u);
  EXPECT_EQ(r.paths[2].steps, strs({"cart", "search"}));  // J4: a journey of two steps
}

TEST(LastSteps, HandComputedExample) {
  const Fixture f(example(), "search", "cart", 3);
  expect_last_steps(f.consume<LastStepsAggregator>(0, f.refs.size()).finish(f.ctx));
}

TEST(LastSteps, PartialsMergeToTheSameResult) {
  const Fixture f(example(), "search", "cart", 3);
  for (size_t cut = 0; cut <= f.refs.size(); ++cut) {
    SCOPED_TRACE(cut);
    auto a = f.consume<LastStepsAggregator>(cut, f.refs.size());
    a.merge(f.consume<LastStepsAggregator>(0, cut));
    expect_last_steps(a.finish(f.ctx));
  }
}

TEST(LastSteps, RepeatsAtTheEndCountAsOneStep) {
  // J2 ends search view cart cart: its last steps are [search view cart].
  const Fixture f(example(), "search", "cart");
  const LastSteps r = f.consume<LastStepsAggregator>(2, 3).finish(f.ctx);
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].steps, strs({"search", "view", "cart"}));
}

// A direct implementation over strings, for random journeys: every path with
// its journeys (no top cut), keyed by its steps.
std::map<std::vector<std::string>, uint64_t> direct_between(const std::vector<Journey>& js,
                                                            uint64_t& with_from) {
  std::map<std::vector<std::string>, uint64_t> out;
  with_from = 0;
  for (const Journey& j : js) {
    auto from = std::find(j.events.begin(), j.events.end(), "b");
    if (from == j.events.end()) continue;
    ++with_from;
    auto to = std::find(from + 1, j.events.end(), "d");
    if (to == j.events.end()) continue;
    std::vector<std::string> steps(from, to + 1);
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    ++out[steps];
  }
  return out;
}

std::map<std::vector<std::string>, uint64_t> direct_last(const std::vector<Journey>& js) {
  std::map<std::vector<std::string>, uint64_t> out;
  for (const Journey& j : js) {
    if (j.events.empty() || std::count(j.events.begin(), j.events.end(), "buy") > 0) continue;
    std::vector<std::string> steps = j.events;
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    if (steps.size() > 3) steps.erase(steps.begin(), steps.end() - 3);
    ++out[steps];
  }
  return out;
}

template <typename List>
std::map<std::vector<std::string>, uint64_t> as_map(const List& paths) {
  std::map<std::vector<std::string>, uint64_t> out;
  for (const auto& p : paths) out[p.steps] = p.journeys;
  return out;
}

TEST(PathQuestions, AgreeWithADirectImplementation) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    const std::vector<std::string> names = {"a", "b", "c", "d", "buy"};
    std::vector<Journey> js(300);
    for (Journey& j : js) {
      const size_t n = rng() % 12;
      for (size_t i = 0; i < n; ++i) {
        j.events.push_back(names[rng() % (rng() % 9 == 0 ? 5 : 4)]);
        j.seconds.push_back(static_cast<int64_t>(i));
      }
    }
    const Fixture f(js, "b", "d", 100000);
    auto between = f.consume<PathsBetweenAggregator>(0, 150);
    between.merge(f.consume<PathsBetweenAggregator>(150, js.size()));
    const PathsBetween pb = between.finish(f.ctx);
    uint64_t with_from = 0;
    const auto expected_between = direct_between(js, with_from);
    EXPECT_EQ(pb.with_from, with_from);
    EXPECT_EQ(as_map(pb.paths), expected_between);
    auto last = f.consume<LastStepsAggregator>(0, 100);
    last.merge(f.consume<LastStepsAggregator>(100, js.size()));
    EXPECT_EQ(as_map(last.finish(f.ctx).paths), direct_last(js));
  }
}

}  // namespace
}  // namespace cjm
