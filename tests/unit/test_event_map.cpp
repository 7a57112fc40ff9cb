// The event map: what the spec says of each event name, by one rule (an exact
// name beats any glob; among globs the first entry in spec order wins), read
// alike by every aggregator and by the map builder.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "journey/event_map.h"
#include "map/build_map.h"
#include "test_table.h"

namespace cjm {
namespace {

StageSpec stage(const std::string& id, std::vector<std::string> events) {
  StageSpec s;
  s.id = id;
  s.name = id;
  s.events = std::move(events);
  return s;
}

TouchpointSpec touchpoint(const std::string& events, const std::string& control,
                          const std::string& medium, const std::string& channel) {
  TouchpointSpec t;
  t.events = events;
  t.control = control;
  t.medium = medium;
  t.channel = channel;
  return t;
}

BarrierSpec barrier(const std::string& id, std::vector<std::string> events) {
  BarrierSpec b;
  b.id = id;
  b.name = id;
  b.events = std::move(events);
  return b;
}

TEST(EventMap, EveryListFollowsTheOneRule) {
  Dictionary events;
  for (const char* n : {"ad_click", "ad_view", "buy", "review_write", "error_pay", "other"})
    events.intern(n);
  JourneySpec spec;
  spec.stages.push_back(stage("aware", {"ad_*"}));
  spec.stages.push_back(stage("buy", {"buy"}));
  spec.conversion = {"buy"};
  spec.advocacy = {"review_*"};
  // "ad_click" matches the glob of the first entry and the exact name of the
  // second: the exact name wins. "ad_view" only matches the glob.
  spec.touchpoints = {touchpoint("ad_*", "direct", "online", "paid"),
                      touchpoint("ad_click", "indirect", "offline", "organic")};
  // A name may be hit by several barriers.
  spec.barriers = {barrier("pay", {"error_*"}), barrier("any_error", {"error_pay", "ad_view"})};
  const EventMap map = map_events(events, spec);
  EXPECT_EQ(map.stage, (std::vector<int16_t>{0, 0, 1, kNoStage, kNoStage, kNoStage}));
  EXPECT_EQ(map.unmapped, (std::vector<uint32_t>{3, 4, 5}));
  EXPECT_EQ(map.is_conversion, (std::vector<uint8_t>{0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(map.is_advocacy, (std::vector<uint8_t>{0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(map.touchpoint, (std::vector<int32_t>{1, 0, -1, -1, -1, -1}));
  auto hits = [&](uint32_t e) {
    const auto span = map.barriers_of(e);
    return std::vector<uint16_t>(span.begin(), span.end());
  };
  EXPECT_EQ(hits(0), (std::vector<uint16_t>{}));
  EXPECT_EQ(hits(1), (std::vector<uint16_t>{1}));
  EXPECT_EQ(hits(4), (std::vector<uint16_t>{0, 1}));
  EXPECT_EQ(hits(5), (std::vector<uint16_t>{}));
}

TEST(EventMap, OneNameFollowsTheSameRule) {
  const PatternLists lists{{"a_*"}, {"a_b", "c"}, {"*"}};
  EXPECT_EQ(first_match("a_b", lists), 1);  // exact beats the earlier glob
  EXPECT_EQ(first_match("a_c", lists), 0);
  EXPECT_EQ(first_match("c", lists), 1);
  EXPECT_EQ(first_match("zz", lists), 2);
  EXPECT_EQ(first_match("zz", PatternLists{{"a"}}), -1);
}

// The map's touchpoint lane and attribution read the same touchpoint entry
// for a name that matches one entry's glob and another's exact name.
TEST(EventMap, MapAndAttributionAgreeOnTheTouchpointEntry) {
  testing::TestTable t;
  auto row = [&](const char* customer, int64_t time_us, const char* event) {
    t.table.customer.push_back(t.table.customers.intern(customer));
    t.table.time_us.push_back(time_us);
    t.table.event.push_back(t.table.events.intern(event));
  };
  // c1: ad_click then buy; c2: ad_view then buy.
  row("c1", 1, "ad_click");
  row("c1", 2, "buy");
  row("c2", 1, "ad_view");
  row("c2", 2, "buy");
  t.spec.stages = {stage("aware", {"ad_*"}), stage("buy", {"buy"})};
  t.spec.conversion = {"buy"};
  t.spec.touchpoints = {touchpoint("ad_*", "direct", "online", "paid"),
                        touchpoint("ad_click", "indirect", "offline", "organic")};
  const AnalysisResult result = t.run();

  // Attribution: c1's only touch is ad_click (entry 2, organic), c2's is
  // ad_view (entry 1, paid); one conversion each under first touch.
  const auto& first = result.all.attribution.channel.at("first_touch").conversions;
  EXPECT_DOUBLE_EQ(first.at("organic"), 1.0);
  EXPECT_DOUBLE_EQ(first.at("paid"), 1.0);

  // The map: ad_click is indirect / offline (entry 2), ad_view direct / online.
  const JourneyMap map = build_map(result, t.spec);
  const MapStage& aware = map.segments.at(0).stages.at(0);
  ASSERT_EQ(aware.touchpoints.size(), 2u);
  for (const MapTouchpoint& tp : aware.touchpoints) {
    SCOPED_TRACE(tp.name);
    if (tp.name == "ad_click") {
      EXPECT_EQ(tp.control, "indirect");
      EXPECT_EQ(tp.medium, "offline");
    } else {
      EXPECT_EQ(tp.name, "ad_view");
      EXPECT_EQ(tp.control, "direct");
      EXPECT_EQ(tp.medium, "online");
    }
  }
}

}  // namespace
}  // namespace cjm
