#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "journey/journeys.h"
#include "spec/journey_spec.h"

namespace cjm {
namespace {

// Appends one row to `t`; score and channel columns are always present here.
void add_row(EventTable& t, const std::string& customer, int64_t time_us, const std::string& event,
             float score = NAN, float value = NAN) {
  t.customer.push_back(t.customers.intern(customer));
  t.time_us.push_back(time_us);
  t.event.push_back(t.events.intern(event));
  t.channel.push_back(kNoChannel);
  t.value.push_back(money_from_double(value));
  t.score.push_back(score);
}

StageSpec stage(const std::string& id, std::vector<std::string> events) {
  StageSpec s;
  s.id = id;
  s.name = id;
  s.events = std::move(events);
  return s;
}

// The event names of the sorted table, in table order.
std::vector<std::string> names(const EventTable& t) {
  std::vector<std::string> out;
  for (uint32_t e : t.event) out.push_back(t.events.at(e));
  return out;
}

TEST(JourneyBuild, GroupsByCustomerKeepingInputOrderOnTies) {
  EventTable t;
  // Customer ids in order of appearance: u=0, v=1. Times tie inside u.
  add_row(t, "u", 5, "u1");
  add_row(t, "v", 1, "v1");
  add_row(t, "u", 5, "u2");
  add_row(t, "v", 2, "v2");
  add_row(t, "u", 5, "u3");
  Journeys j = build_journeys(t);
  ASSERT_EQ(j.count(), 2u);
  EXPECT_EQ(j.offsets, (std::vector<uint64_t>{0, 3, 5}));
  // Equal times: input order kept (u1, u2, u3).
  EXPECT_EQ(names(t), (std::vector<std::string>{"u1", "u2", "u3", "v1", "v2"}));
  EXPECT_EQ(t.customer, (std::vector<uint32_t>{0, 0, 0, 1, 1}));
  EXPECT_EQ(t.time_us, (std::vector<int64_t>{5, 5, 5, 1, 2}));
}

TEST(JourneyBuild, SortsUnsortedCustomersByTimeStably) {
  EventTable t;
  add_row(t, "a", 30, "a30", 3.0f, 30.0f);
  add_row(t, "b", 7, "b7", 7.0f);
  add_row(t, "a", 10, "a10", 1.0f, 10.0f);
  add_row(t, "a", 20, "a20x", 2.0f);
  add_row(t, "a", 20, "a20y");
  add_row(t, "b", 3, "b3");
  add_row(t, "a", 10, "a10b");
  Journeys j = build_journeys(t);
  EXPECT_EQ(j.offsets, (std::vector<uint64_t>{0, 5, 7}));
  // a: 10 (a10 before a10b: input order), 20 (x before y), 30; b: 3, 7.
  EXPECT_EQ(names(t), (std::vector<std::string>{"a10", "a10b", "a20x", "a20y", "a30", "b3", "b7"}));
  EXPECT_EQ(t.time_us, (std::vector<int64_t>{10, 10, 20, 20, 30, 3, 7}));
  EXPECT_EQ(t.customer, (std::vector<uint32_t>{0, 0, 0, 0, 0, 1, 1}));
  // Every optional column moved with its row.
  EXPECT_EQ(t.score[0], 1.0f);
  EXPECT_TRUE(std::isnan(t.score[1]));
  EXPECT_EQ(t.score[2], 2.0f);
  EXPECT_EQ(t.score[4], 3.0f);
  EXPECT_EQ(t.score[6], 7.0f);
  EXPECT_EQ(t.value[0], 100000);  // 10 in ten-thousandths
  EXPECT_EQ(t.value[4], 300000);
  EXPECT_EQ(t.channel.size(), 7u);
}

// Checks build_journeys(t, options) against an independent reference, a
// stable sort of the row indices by (customer, time); `t.value` must hold
// each row's input index, to follow it.
void expect_stable_order(EventTable t, const OrderOptions& options, const std::string& label) {
  const size_t rows = t.size();
  const uint32_t customers = t.customers.size();
  std::vector<size_t> order(rows);
  for (size_t i = 0; i < rows; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (t.customer[a] != t.customer[b]) return t.customer[a] < t.customer[b];
    return t.time_us[a] < t.time_us[b];
  });
  const EventTable before = t;
  const Journeys j = build_journeys(t, options);
  ASSERT_EQ(j.count(), customers) << label;
  ASSERT_EQ(t.size(), rows) << label;
  for (size_t k = 0; k < rows; ++k) {
    const size_t i = order[k];
    ASSERT_EQ(t.customer[k], before.customer[i]) << label << " row " << k;
    ASSERT_EQ(t.time_us[k], before.time_us[i]) << label << " row " << k;
    ASSERT_EQ(t.event[k], before.event[i]) << label << " row " << k;
    ASSERT_EQ(t.value[k], before.value[i]) << label << " row " << k;
    if (!before.channel.empty()) {
      ASSERT_EQ(t.channel[k], before.channel[i]) << label << " row " << k;
    }
    if (!before.score.empty()) {
      ASSERT_EQ(t.score[k], before.score[i]) << label << " row " << k;
    }
  }
  EXPECT_EQ(t.channel.size(), before.channel.size()) << label;
  EXPECT_EQ(t.score.size(), before.score.size()) << label;
  // Offsets: each customer's rows, empty journeys included.
  std::vector<uint64_t> expected(static_cast<size_t>(customers) + 1, 0);
  for (uint32_t c : before.customer) ++expected[c + 1];
  for (uint32_t c = 0; c < customers; ++c) expected[c + 1] += expected[c];
  EXPECT_EQ(j.offsets, expected) << label;
}

// Many customers, interleaved rows, times out of order with ties, and some
// customers without rows, ordered with every split of the work: parts of one
// row (every customer its own part), of a few rows, of many, and the default;
// one to three threads.
TEST(JourneyBuild, ManyCustomersMatchAStableSortByCustomerAndTime) {
  const std::vector<OrderOptions> splits = {{},
                                            {.threads = 1, .rows_per_part = 1},
                                            {.threads = 2, .rows_per_part = 7},
                                            {.threads = 3, .rows_per_part = 1000},
                                            {.threads = 2, .rows_per_part = 1u << 30}};
  for (uint32_t customers : {1u, 4095u, 4097u, 50000u}) {
    EventTable t;
    std::mt19937 rng(customers);
    for (uint32_t c = 0; c < customers; ++c) t.customers.intern("c" + std::to_string(c));
    for (int e = 0; e < 7; ++e) t.events.intern("e" + std::to_string(e));
    const size_t rows = static_cast<size_t>(customers) * 4 + 3;
    for (size_t i = 0; i < rows; ++i) {
      t.customer.push_back(static_cast<uint32_t>(rng() % customers));
      t.time_us.push_back(static_cast<int64_t>(rng() % 50));  // many ties
      t.event.push_back(static_cast<uint32_t>(rng() % 7));
      t.value.push_back(static_cast<int64_t>(i));  // the input row, to follow it
    }
    for (const OrderOptions& o : splits)
      expect_stable_order(t, o,
                          "customers " + std::to_string(customers) + ", threads " +
                              std::to_string(o.threads) + ", part " +
                              std::to_string(o.rows_per_part));
    // With every optional column, each following its row through the
    // scratch column in turn.
    for (size_t i = 0; i < rows; ++i) {
      t.channel.push_back(static_cast<uint32_t>(rng() % 5));
      t.score.push_back(static_cast<float>(rows - i));
    }
    for (const OrderOptions& o : splits)
      expect_stable_order(t, o,
                          "all columns, customers " + std::to_string(customers) + ", part " +
                              std::to_string(o.rows_per_part));
  }
}

// Input already grouped by customer (ids in order of first appearance): in
// time order it is left as it is; with one journey out of time order, that
// journey is sorted like any other.
TEST(JourneyBuild, GroupedInputInAndOutOfTimeOrder) {
  for (bool disorder : {false, true}) {
    EventTable t;
    for (uint32_t c = 0; c < 300; ++c) {
      const uint32_t id = t.customers.intern("c" + std::to_string(c));
      for (int k = 0; k < 1 + static_cast<int>(c % 5); ++k) {
        t.customer.push_back(id);
        t.time_us.push_back(k);
        t.event.push_back(t.events.intern("e"));
        t.value.push_back(static_cast<int64_t>(t.value.size()));
      }
    }
    if (disorder) {  // customer 299 has 5 rows at times 0..4: make them 4..0
      for (size_t k = 0; k < 5; ++k) t.time_us.mutable_data()[t.size() - 1 - k] = k;
    }
    for (const OrderOptions& o : {OrderOptions{}, OrderOptions{.threads = 2, .rows_per_part = 3}})
      expect_stable_order(t, o, disorder ? "disorder" : "grouped");
  }
}

TEST(JourneyBuild, WithoutOptionalColumnsAndEmptyTable) {
  EventTable t;
  for (auto [c, time] :
       std::vector<std::pair<const char*, int64_t>>{{"x", 2}, {"y", 1}, {"x", 1}}) {
    t.customer.push_back(t.customers.intern(c));
    t.time_us.push_back(time);
    t.event.push_back(t.events.intern("e"));
  }
  Journeys j = build_journeys(t);
  EXPECT_EQ(j.offsets, (std::vector<uint64_t>{0, 2, 3}));
  EXPECT_EQ(t.time_us, (std::vector<int64_t>{1, 2, 1}));
  EXPECT_TRUE(t.score.empty());
  EXPECT_TRUE(t.channel.empty());

  EventTable empty;
  Journeys none = build_journeys(empty);
  EXPECT_EQ(none.count(), 0u);
}

TEST(JourneyMap, ExactNameBeatsGlobAcrossStages) {
  Dictionary events;
  for (const char* n : {"search_home", "search_shoes", "view_item", "buy", "other", "search_"})
    events.intern(n);
  JourneySpec spec;
  spec.stages.push_back(stage("discover", {"search_*"}));
  spec.stages.push_back(stage("consider", {"view_*", "search_shoes"}));
  spec.stages.push_back(stage("again", {"search_*", "view_item"}));
  spec.stages.push_back(stage("buy", {"buy"}));
  spec.conversion = {"buy", "search_h*"};
  EventMap map = map_events(events, spec);
  ASSERT_EQ(map.stage.size(), 6u);
  EXPECT_EQ(map.stage[0], 0);  // search_home: first glob in stage order
  EXPECT_EQ(map.stage[1], 1);  // search_shoes: exact in stage 1 beats glob in stage 0
  EXPECT_EQ(map.stage[2], 2);  // view_item: exact in stage 2 beats glob in stage 1
  EXPECT_EQ(map.stage[3], 3);
  EXPECT_EQ(map.stage[4], kNoStage);
  EXPECT_EQ(map.stage[5], 0);  // "*" matches the empty rest
  EXPECT_EQ(map.unmapped, (std::vector<uint32_t>{4}));
  EXPECT_EQ(map.is_conversion, (std::vector<uint8_t>{1, 0, 0, 1, 0, 0}));
}

TEST(JourneyMap, UnknownExactNamesAndNoConversion) {
  Dictionary events;
  events.intern("a");
  events.intern("b");
  JourneySpec spec;
  spec.stages.push_back(stage("s", {"never_seen", "a"}));
  EventMap map = map_events(events, spec);
  EXPECT_EQ(map.stage, (std::vector<int16_t>{0, kNoStage}));
  EXPECT_EQ(map.unmapped, (std::vector<uint32_t>{1}));
  EXPECT_EQ(map.is_conversion, (std::vector<uint8_t>{0, 0}));
}

}  // namespace
}  // namespace cjm
