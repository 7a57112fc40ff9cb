// Reading Segment Tracking API bodies (server/segment_api.h) and turning
// messages into the live table (server/live_events.h): the mapping of ids,
// names, properties and traits, the time rules, the limits, and the errors.
#include <gtest/gtest.h>

#include <string>

#include "core/time_parse.h"
#include "server/live_events.h"
#include "server/segment_api.h"

namespace cjm::server {
namespace {

int64_t t(const char* iso) {
  return *parse_iso8601_us(iso);
}

const int64_t kArrival = t("2024-03-01T12:00:00Z");

TEST(SegmentApi, TrackMapsCustomerEventTimeAndProperties) {
  const Calls c = parse_calls(
      R"({"userId":"u1","anonymousId":"a1","event":"Order Completed","messageId":"m1",
          "timestamp":"2024-03-01T10:00:00.5+01:00","writeKey":"k",
          "properties":{"channel":"email","value":12.5,"vip":true,"tags":["a"],"none":null}})",
      CallType::kTrack, kArrival);
  ASSERT_EQ(c.messages.size(), 1u);
  const Message& m = c.messages[0];
  EXPECT_EQ(c.write_key, "k");
  EXPECT_EQ(m.kind, MessageKind::kEvent);
  EXPECT_EQ(m.customer, "u1") << "userId before anonymousId";
  EXPECT_EQ(m.event, "Order Completed");
  EXPECT_EQ(m.id, "m1");
  EXPECT_EQ(m.time_us, t("2024-03-01T09:00:00.5Z"));
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"channel", "email"}, {"value", "12.5"}, {"vip", "true"}, {"tags", "[\"a\"]"}};
  EXPECT_EQ(m.fields, fields) << "null properties are left out";
}

TEST(SegmentApi, AnonymousPagesScreensAndIdentify) {
  const Calls c = parse_calls(
      R"({"batch":[{"type":"page","anonymousId":"a1","name":"Pricing"},
                   {"type":"screen","anonymousId":"a1"},
                   {"type":"identify","userId":"u9","traits":{"plan":"pro"}},
                   {"type":"alias","userId":"u9","previousId":"a1"}]})",
      CallType::kBatch, kArrival);
  ASSERT_EQ(c.messages.size(), 3u);
  EXPECT_EQ(c.messages[0].customer, "a1");
  EXPECT_EQ(c.messages[0].event, "Pricing");
  EXPECT_EQ(c.messages[0].time_us, kArrival) << "no time given: the arrival time";
  EXPECT_EQ(c.messages[1].event, "screen");
  EXPECT_EQ(c.messages[2].kind, MessageKind::kTraits);
  EXPECT_EQ(c.messages[2].fields,
            (std::vector<std::pair<std::string, std::string>>{{"plan", "pro"}}));
  EXPECT_EQ(c.ignored, 1u);
}

TEST(SegmentApi, ClockCorrectionWithSentAt) {
  // The client's clock is 10 minutes fast: it sent at 12:10 by its clock, the
  // event happened 5 minutes before that; the server received it at 12:00.
  const Calls c = parse_calls(
      R"({"sentAt":"2024-03-01T12:10:00Z","batch":[
           {"type":"track","userId":"u","event":"e","originalTimestamp":"2024-03-01T12:05:00Z"},
           {"type":"track","userId":"u","event":"e","originalTimestamp":"2024-03-01T12:09:00Z",
            "sentAt":"2024-03-01T12:09:30Z"}]})",
      CallType::kBatch, kArrival);
  EXPECT_EQ(c.messages[0].time_us, t("2024-03-01T11:55:00Z"));
  EXPECT_EQ(c.messages[1].time_us, t("2024-03-01T11:59:30Z"));
}

void expect_bad(const std::string& body, CallType type, const std::string& part) {
  try {
    parse_calls(body, type, kArrival);
    ADD_FAILURE() << "accepted: " << body.substr(0, 80);
  } catch (const BadRequest& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

TEST(SegmentApi, RefusesWhatItCannotStore) {
  expect_bad(R"({"userId":"u","event":)", CallType::kTrack, "malformed JSON");
  expect_bad(R"([1,2])", CallType::kTrack, "must be a JSON object");
  expect_bad(R"({"event":"e"})", CallType::kTrack, "neither userId nor anonymousId");
  expect_bad(R"({"userId":"u"})", CallType::kTrack, "needs an 'event'");
  expect_bad(R"({"userId":"u","event":"e","timestamp":"yesterday"})", CallType::kTrack,
             "'timestamp' is not an ISO 8601 time");
  expect_bad(R"({"userId":{"a":1},"event":"e"})", CallType::kTrack, "'userId' must be a string");
  expect_bad(R"({"userId":"u","event":"e","properties":[1]})", CallType::kTrack,
             "'properties' must be an object");
  expect_bad(R"({"batch":{}})", CallType::kBatch, "needs a 'batch' array");
  expect_bad(R"({"batch":[{"type":"track","userId":"u","event":"e"},{"type":"boom"}]})",
             CallType::kBatch, "batch[1]: unknown call type 'boom'");
}

TEST(SegmentApi, Limits) {
  const std::string big(kMaxCallBytes, 'x');
  expect_bad(R"({"userId":"u","event":"e","properties":{"p":")" + big + "\"}}", CallType::kTrack,
             "more than the limit of 32768 (32 KB per call)");
  // In a batch, the one call over 32 KB is named.
  expect_bad(
      R"({"batch":[{"type":"track","userId":"u","event":"e"},{"type":"track","userId":"u","event":"e","properties":{"p":")" +
          big + "\"}}]}",
      CallType::kBatch, "batch[1]: the call is");
  std::string batch = R"({"batch":[)";
  while (batch.size() <= kMaxBatchBytes) batch += R"({"type":"track","userId":"u","event":"e"},)";
  batch += R"({"type":"track","userId":"u","event":"e"}]})";
  expect_bad(batch, CallType::kBatch, "500 KB per batch");
}

TEST(LiveEvents, PropertiesFillTheSpecColumnsAndTraitsBecomeAttributes) {
  DataSpec data;
  data.value = "revenue";
  LiveEvents live(data);
  auto ev = [](std::string c, std::string e, int64_t us,
               std::vector<std::pair<std::string, std::string>> f) {
    Message m;
    m.customer = std::move(c);
    m.event = std::move(e);
    m.time_us = us;
    m.fields = std::move(f);
    return m;
  };
  Message traits;
  traits.kind = MessageKind::kTraits;
  traits.customer = "c1";
  traits.fields = {{"plan", "pro"}, {"country", "DE"}};
  live.add({ev("c1", "view", 10, {{"channel", "web"}, {"country", "FR"}}),
            ev("c2", "buy", 20, {{"revenue", "9.5"}, {"score", "4"}}), traits,
            ev("c1", "buy", 30, {{"revenue", "not a number"}})});
  EXPECT_EQ(live.events(), 2u);
  EXPECT_EQ(live.rejected(), 1u) << "the reader's checks apply";
  const EventTable t = live.snapshot();
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.channels.at(t.channel[0]), "web");
  EXPECT_EQ(t.channel[1], kNoChannel);
  EXPECT_EQ(t.value[1], 95000) << "9.5 in ten-thousandths";
  EXPECT_FLOAT_EQ(t.score[1], 4.0f);
  const int plan = t.attribute_index("plan"), country = t.attribute_index("country");
  ASSERT_GE(plan, 0);
  ASSERT_GE(country, 0);
  const auto& p = t.attributes[static_cast<size_t>(plan)];
  const auto& k = t.attributes[static_cast<size_t>(country)];
  // Traits arrived after c1's event and still apply to it; the event's own
  // property wins over the trait.
  EXPECT_EQ(p.values.at(p.of[0]), "pro");
  EXPECT_EQ(k.values.at(k.of[0]), "FR");
  EXPECT_EQ(p.of[1], 0u) << "c2 has no traits";
}

}  // namespace
}  // namespace cjm::server
