#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <stdexcept>
#include <string>

#include "app/run_analysis.h"
#include "core/error.h"
#include "spec/journey_spec.h"

namespace cjm {
namespace {

// Parses `yaml` expecting a cjm::Error; returns its message.
std::string spec_error(const std::string& yaml, const std::string& file = "journey.yaml") {
  try {
    parse_spec(yaml, file);
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << yaml;
  return "";
}

// Asserts that the message starts with "journey.yaml:LINE: " and contains every part.
void expect_error(const std::string& yaml, int line, std::initializer_list<const char*> parts) {
  const std::string message = spec_error(yaml);
  const std::string prefix = "journey.yaml:" + std::to_string(line) + ": ";
  EXPECT_EQ(message.rfind(prefix, 0), 0u) << "expected prefix '" << prefix << "' in: " << message;
  for (const char* part : parts)
    EXPECT_NE(message.find(part), std::string::npos) << "expected '" << part << "' in: " << message;
}

const char* kMinimal = R"(stages:
  - id: only
    events: [visit]
)";

TEST(SpecParse, FullSpecRoundTrip) {
  const std::string yaml = R"(name: Online shop
description: Gift buyers from ad to review
data:
  customer: user
  time: ts
  event: action
  channel: medium
  value: amount
  score: csat
  time_format: epoch_ms
stages:
  - id: aware
    name: Awareness
    events: [ad_view, "search_*"]
    goal: "Find a gift"
    actions: [See an ad, Search]
    thinking: What do they like?
    feeling: [curious, unsure]
    opportunities: Better ads
  - id: buy
    events: purchase
conversion: [purchase, "order_*"]
windows:
  conversion: 30d
  session_gap: 30m
personas:
  - id: bargain
    name: Bargain hunter
    where: {segment: bargain, country: [DE, AT]}
  - id: vip
    where:
      tier: 3
)";
  const JourneySpec spec = parse_spec(yaml, "examples/shop/journey.yaml");
  EXPECT_EQ(spec.file, "examples/shop/journey.yaml");
  EXPECT_EQ(spec.name, "Online shop");
  EXPECT_EQ(spec.description, "Gift buyers from ad to review");
  EXPECT_EQ(spec.data.customer, "user");
  EXPECT_EQ(spec.data.time, "ts");
  EXPECT_EQ(spec.data.event, "action");
  EXPECT_EQ(spec.data.channel, "medium");
  EXPECT_EQ(spec.data.value, "amount");
  EXPECT_EQ(spec.data.score, "csat");
  EXPECT_EQ(spec.data.time_format, "epoch_ms");

  ASSERT_EQ(spec.stages.size(), 2u);
  const StageSpec& aware = spec.stages[0];
  EXPECT_EQ(aware.id, "aware");
  EXPECT_EQ(aware.name, "Awareness");
  EXPECT_EQ(aware.events, (std::vector<std::string>{"ad_view", "search_*"}));
  EXPECT_EQ(aware.goal, (std::vector<std::string>{"Find a gift"}));
  EXPECT_EQ(aware.actions, (std::vector<std::string>{"See an ad", "Search"}));
  EXPECT_EQ(aware.thinking, (std::vector<std::string>{"What do they like?"}));
  EXPECT_EQ(aware.feeling, (std::vector<std::string>{"curious", "unsure"}));
  EXPECT_EQ(aware.opportunities, (std::vector<std::string>{"Better ads"}));
  EXPECT_EQ(aware.line, 12);
  const StageSpec& buy = spec.stages[1];
  EXPECT_EQ(buy.id, "buy");
  EXPECT_EQ(buy.name, "buy");
  EXPECT_EQ(buy.events, (std::vector<std::string>{"purchase"}));
  EXPECT_TRUE(buy.goal.empty());
  EXPECT_TRUE(buy.opportunities.empty());
  EXPECT_EQ(buy.line, 20);

  EXPECT_EQ(spec.conversion, (std::vector<std::string>{"purchase", "order_*"}));
  ASSERT_TRUE(spec.conversion_window_us.has_value());
  EXPECT_EQ(*spec.conversion_window_us, 2'592'000'000'000LL);
  ASSERT_TRUE(spec.session_gap_us.has_value());
  EXPECT_EQ(*spec.session_gap_us, 1'800'000'000LL);

  ASSERT_EQ(spec.personas.size(), 2u);
  const PersonaSpec& bargain = spec.personas[0];
  EXPECT_EQ(bargain.id, "bargain");
  EXPECT_EQ(bargain.name, "Bargain hunter");
  EXPECT_EQ(bargain.line, 27);
  ASSERT_EQ(bargain.where.size(), 2u);
  EXPECT_EQ(bargain.where[0].first, "segment");
  EXPECT_EQ(bargain.where[0].second, (std::vector<std::string>{"bargain"}));
  EXPECT_EQ(bargain.where[1].first, "country");
  EXPECT_EQ(bargain.where[1].second, (std::vector<std::string>{"DE", "AT"}));
  const PersonaSpec& vip = spec.personas[1];
  EXPECT_EQ(vip.id, "vip");
  EXPECT_EQ(vip.name, "vip");
  EXPECT_EQ(vip.line, 30);
  ASSERT_EQ(vip.where.size(), 1u);
  EXPECT_EQ(vip.where[0].first, "tier");
  EXPECT_EQ(vip.where[0].second, (std::vector<std::string>{"3"}));  // numbers kept as text
}

TEST(SpecParse, Defaults) {
  const JourneySpec spec = parse_spec(kMinimal, "examples/shop/journey.yaml");
  EXPECT_EQ(spec.name, "journey");  // the file's stem
  EXPECT_EQ(spec.description, "");
  EXPECT_EQ(spec.data.customer, "customer_id");
  EXPECT_EQ(spec.data.time, "timestamp");
  EXPECT_EQ(spec.data.event, "event");
  EXPECT_EQ(spec.data.channel, "channel");
  EXPECT_EQ(spec.data.value, "value");
  EXPECT_EQ(spec.data.score, "score");
  EXPECT_EQ(spec.data.time_format, "auto");
  ASSERT_EQ(spec.stages.size(), 1u);
  EXPECT_EQ(spec.stages[0].name, "only");
  EXPECT_EQ(spec.stages[0].line, 2);
  EXPECT_TRUE(spec.conversion.empty());
  EXPECT_FALSE(spec.conversion_window_us.has_value());
  EXPECT_FALSE(spec.session_gap_us.has_value());
  EXPECT_TRUE(spec.personas.empty());
}

TEST(SpecParse, PartialDataKeepsOtherDefaults) {
  const JourneySpec spec =
      parse_spec(std::string("data:\n  customer: user_id\n") + kMinimal, "shop.yml");
  EXPECT_EQ(spec.name, "shop");
  EXPECT_EQ(spec.data.customer, "user_id");
  EXPECT_EQ(spec.data.time, "timestamp");
  EXPECT_EQ(spec.data.time_format, "auto");
}

TEST(SpecParse, EmptyValuesMeanNotGiven) {
  const JourneySpec spec = parse_spec(
      std::string("name:\ndata:\nwindows:\npersonas:\nconversion:\n") + kMinimal + "    goal:\n",
      "a/b/my_map.yaml");
  EXPECT_EQ(spec.name, "my_map");
  EXPECT_EQ(spec.data.customer, "customer_id");
  EXPECT_FALSE(spec.conversion_window_us.has_value());
  EXPECT_TRUE(spec.personas.empty());
  EXPECT_TRUE(spec.conversion.empty());
  EXPECT_TRUE(spec.stages[0].goal.empty());
}

TEST(SpecParse, SingleStringsBecomeOneItemLists) {
  const JourneySpec spec = parse_spec(R"(stages:
  - id: a
    events: "view_*"
conversion: purchase
personas:
  - id: p
    where: {plan: pro}
)",
                                      "j.yaml");
  EXPECT_EQ(spec.stages[0].events, (std::vector<std::string>{"view_*"}));
  EXPECT_EQ(spec.conversion, (std::vector<std::string>{"purchase"}));
  EXPECT_EQ(spec.personas[0].where[0].second, (std::vector<std::string>{"pro"}));
}

TEST(SpecParse, PlainNumberWindowIsSeconds) {
  const JourneySpec spec = parse_spec(
      std::string(kMinimal) + "windows:\n  conversion: 3600\n  session_gap: 1.5h\n", "j.yaml");
  EXPECT_EQ(*spec.conversion_window_us, 3'600'000'000LL);
  EXPECT_EQ(*spec.session_gap_us, 5'400'000'000LL);
}

TEST(SpecParse, FlowStyleStages) {
  const JourneySpec spec =
      parse_spec("stages: [{id: a, events: [x]}, {id: b, events: [y, z]}]\n", "j.yaml");
  ASSERT_EQ(spec.stages.size(), 2u);
  EXPECT_EQ(spec.stages[1].events, (std::vector<std::string>{"y", "z"}));
  EXPECT_EQ(spec.stages[1].line, 1);
}

// ---- errors ---------------------------------------------------------------

TEST(SpecErrors, UnknownTopLevelKey) {
  expect_error(std::string(kMinimal) + "stagez: []\n", 4,
               {"unknown key 'stagez' in the top level",
                "(allowed: name, description, data, stages, conversion, windows, personas, "
                "barriers, touchpoints, advocacy, attribution, unit, periods, paths)"});
}

TEST(SpecErrors, UnknownKeyInStage) {
  expect_error(R"(stages:
  - id: a
    events: [x]
    goals: Find a gift
)",
               4, {"unknown key 'goals' in stages[0]", "allowed: id, name, events, goal"});
}

TEST(SpecErrors, UnknownKeyInDataWindowsPersona) {
  expect_error(std::string("data:\n  customer: c\n  timestamp: t\n") + kMinimal, 3,
               {"unknown key 'timestamp' in data", "time_format"});
  expect_error(std::string(kMinimal) + "windows:\n  gap: 30m\n", 5,
               {"unknown key 'gap' in windows", "(allowed: conversion, session_gap)"});
  expect_error(std::string(kMinimal) + "personas:\n  - id: p\n    where: {a: b}\n    when: x\n", 7,
               {"unknown key 'when' in personas[0]", "(allowed: id, name, where, scope, match)"});
}

TEST(SpecErrors, DuplicateKey) {
  expect_error(std::string(kMinimal) + "name: A\nname: B\n", 5,
               {"key 'name' appears twice in the top level (first at line 4)"});
}

TEST(SpecErrors, DuplicateStageId) {
  expect_error(R"(stages:
  - id: aware
    events: [a]
  - id: consider
    events: [b]
  - id: aware
    events: [c]
)",
               6, {"stages[2].id 'aware' is used twice (first at line 2)"});
}

TEST(SpecErrors, DuplicatePersonaId) {
  expect_error(std::string(kMinimal) +
                   "personas:\n  - id: p\n    where: {a: b}\n  - id: p\n    where: {a: c}\n",
               7, {"personas[1].id 'p' is used twice (first at line 5)"});
}

TEST(SpecErrors, EventInTwoStages) {
  expect_error(R"(stages:
  - id: aware
    events: [ad_view, search]
  - id: consider
    events:
      - compare
      - search
)",
               7, {"stages[1].events", "'search'", "'aware' (line 3)", "'consider'"});
}

TEST(SpecErrors, EventTwiceInOneStage) {
  expect_error("stages:\n  - id: a\n    events: [x, y, x]\n", 3,
               {"stages[0].events", "'x' is listed twice"});
}

TEST(SpecErrors, BadDuration) {
  expect_error(std::string(kMinimal) + "windows:\n  conversion: 30 days\n", 5,
               {"windows.conversion: cannot read duration '30 days' "
                "(use e.g. 90s, 90m, 12h, 30d, 2w)"});
  expect_error(std::string(kMinimal) + "windows:\n  session_gap: 0s\n", 5,
               {"windows.session_gap", "greater than zero"});
  expect_error(std::string(kMinimal) + "windows:\n  session_gap: -5m\n", 5,
               {"windows.session_gap", "greater than zero"});
}

TEST(SpecErrors, BadTimeFormat) {
  expect_error(std::string("data:\n  time_format: unix\n") + kMinimal, 2,
               {"data.time_format", "'unix'", "auto, iso8601, epoch_s, epoch_ms, epoch_us"});
}

TEST(SpecErrors, WrongTypes) {
  expect_error("stages:\n  id: a\n  events: [x]\n", 1, {"stages: expected a list"});
  expect_error("stages: aware\n", 1, {"stages: expected a list"});
  expect_error("stages:\n  - aware\n", 2, {"stages[0]: expected a mapping"});
  expect_error("stages:\n  - id: a\n    events: {x: 1}\n", 3, {"stages[0].events: expected"});
  expect_error("stages:\n  - id: a\n    events: [x, [y]]\n", 3,
               {"stages[0].events[1]: expected a text value, got a list"});
  expect_error("stages:\n  - id: [a]\n    events: [x]\n", 2,
               {"stages[0].id: expected a text value, got a list"});
  expect_error(std::string("data: [a]\n") + kMinimal, 1, {"data: expected a mapping"});
  expect_error(std::string(kMinimal) + "windows: 30d\n", 4, {"windows: expected a mapping"});
  expect_error(std::string(kMinimal) + "personas: {id: p}\n", 4, {"personas: expected a list"});
  expect_error(std::string(kMinimal) + "personas:\n  - id: p\n    where: [a, b]\n", 6,
               {"personas[0].where: expected a mapping"});
  expect_error(std::string(kMinimal) + "personas:\n  - id: p\n    where: {a: {b: c}}\n", 6,
               {"personas[0].where.a: expected"});
  expect_error(std::string(kMinimal) + "conversion: {a: b}\n", 4, {"conversion: expected"});
  expect_error(std::string("name: [a, b]\n") + kMinimal, 1, {"name: expected a text value"});
}

TEST(SpecErrors, MissingRequiredKeys) {
  expect_error("name: x\ndescription: y\n", 1, {"missing required key 'stages'"});
  expect_error("stages:\n  - name: A\n    events: [x]\n", 2,
               {"stages[0]: missing required key 'id'"});
  expect_error("stages:\n  - id: a\n", 2, {"stages[0]: missing required key 'events'"});
  expect_error(std::string(kMinimal) + "personas:\n  - id: p\n", 5,
               {"personas[0]: missing required key 'where'"});
  expect_error(std::string(kMinimal) + "personas:\n  - where: {a: b}\n", 5,
               {"personas[0]: missing required key 'id'"});
}

TEST(SpecErrors, EmptyRequiredValues) {
  expect_error("stages: []\n", 1, {"stages: the list is empty"});
  expect_error("stages:\n", 1, {"stages: the list is empty"});
  expect_error("stages:\n  - id: a\n    events: []\n", 3, {"stages[0].events: no events"});
  expect_error("stages:\n  - id: \"\"\n    events: [x]\n", 2, {"stages[0].id: must not be empty"});
  expect_error("stages:\n  - id: a\n    events: [x, \"\"]\n", 3,
               {"stages[0].events: contains an empty name"});
  expect_error(std::string(kMinimal) + "personas:\n  - id: p\n    where: {}\n", 6,
               {"personas[0].where: no conditions"});
  expect_error(std::string(kMinimal) + "personas:\n  - id: p\n    where:\n      plan: []\n", 7,
               {"personas[0].where.plan: the list of values is empty"});
  expect_error(std::string(kMinimal) + "conversion: []\n", 4, {"conversion: the list is empty"});
}

TEST(SpecErrors, YamlSyntaxError) {
  expect_error("stages:\n  - id: a\n    events: [x, y\nname: z\n", 4, {"YAML syntax error"});
}

TEST(SpecErrors, DeepNestingNamesTheLineAndTheDepth) {
  // Lists nested thousands deep, in flow and in block style, on line 3: the
  // YAML reader stops at its depth limit, and the message says so there.
  std::string block = "stages:\n  - id: a\n    events:\n";
  std::string indent = "      ";
  for (int i = 0; i < 3000; ++i, indent += "  ") block += indent + "-\n";
  for (const std::string& yaml :
       {"stages:\n  - id: a\n    events: " + std::string(3000, '[') + std::string(3000, ']') + "\n",
        block}) {
    const std::string message = spec_error(yaml);
    EXPECT_EQ(message.find("bad file"), std::string::npos) << message;
    EXPECT_NE(message.find("nested too deeply"), std::string::npos) << message;
    EXPECT_NE(message.find("levels"), std::string::npos) << message;
  }
  expect_error(
      "stages:\n  - id: a\n    events: " + std::string(3000, '[') + std::string(3000, ']') + "\n",
      3, {"YAML nested too deeply"});
}

// A spec of `n` stages, one per line from line 2: stage i is s<i> with event e<i>.
std::string spec_with_stages(size_t n) {
  std::string yaml = "stages:\n";
  for (size_t i = 0; i < n; ++i)
    yaml += "  - {id: s" + std::to_string(i) + ", events: e" + std::to_string(i) + "}\n";
  return yaml;
}

TEST(SpecErrors, TooManyStagesNamesTheLimitAndTheFirstStagePastIt) {
  // Stage ids are 16-bit (journey/journeys.h): 32767 stages at most. The
  // 32768th stage is on line 32769.
  EXPECT_EQ(kMaxStages, 32767u);
  EXPECT_EQ(parse_spec(spec_with_stages(kMaxStages), "journey.yaml").stages.size(), kMaxStages);
  expect_error(spec_with_stages(kMaxStages + 1), 32769,
               {"stages: 32768 stages, more than the limit of 32767", "docs/spec.md"});
}

TEST(SpecErrors, TooManyStagesFailsBeforeTheEventsAreRead) {
  // The events file does not exist: the spec's error comes first.
  const auto dir =
      std::filesystem::temp_directory_path() / ("cjm_spec_stages_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string spec = (dir / "journey.yaml").string();
  std::ofstream(spec) << spec_with_stages(kMaxStages + 1);
  RunOptions options;
  options.spec_path = spec;
  options.events_path = (dir / "missing.csv").string();
  options.report_to_stderr = false;
  try {
    run_analysis(options);
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), spec);
    EXPECT_EQ(e.line(), 32769u);
    EXPECT_NE(e.reason().find("more than the limit of 32767"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(SpecErrors, EmptyFileAndNonMappingTopLevel) {
  for (const char* empty : {"", "   \n", "# only a comment\n", "---\n"}) {
    const std::string message = spec_error(empty);
    EXPECT_EQ(message.rfind("journey.yaml: ", 0), 0u) << message;
    EXPECT_NE(message.find("empty"), std::string::npos) << message;
  }
  expect_error("- a\n- b\n", 1, {"must be a mapping", "got a list"});
  expect_error("just text\n", 1, {"must be a mapping"});
}

TEST(SpecErrors, SecondDocument) {
  expect_error(std::string(kMinimal) + "---\nname: other\n", 5, {"only one YAML document"});
}

// yaml-cpp's LoadAll never returns on a lone ',' (the parser yields empty
// documents forever, each growing memory): the spec loader must still answer.
TEST(SpecErrors, ALoneCommaIsAnEmptySpecNotAHang) {
  EXPECT_EQ(spec_error(","), "journey.yaml: the spec is empty; it needs at least a 'stages:' list");
  EXPECT_NE(spec_error(std::string(kMinimal) + ",\n").find("YAML syntax error"), std::string::npos);
  EXPECT_NO_THROW(parse_spec(std::string(kMinimal) + "---\n,\n", "journey.yaml"));
}

TEST(SpecErrors, AreCjmErrorsWithBadInputCode) {
  try {
    parse_spec("stagez: 1\n", "x.yaml");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kBadInput);
    EXPECT_EQ(e.file(), "x.yaml");
    EXPECT_EQ(e.line(), 1u);
    EXPECT_EQ(e.reason().rfind("unknown key 'stagez'", 0), 0u) << e.reason();
  }
}

// ---- load_spec ------------------------------------------------------------

TEST(SpecLoad, ReadsFileAndUsesPathInMessagesAndStem) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("cjm_spec_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  const std::string good = (dir / "shop_map.yaml").string();
  const std::string bad = (dir / "bad.yaml").string();
  {
    std::ofstream(good) << kMinimal;
    std::ofstream(bad) << kMinimal << "stagez: 1\n";
  }
  const JourneySpec spec = load_spec(good);
  EXPECT_EQ(spec.file, good);
  EXPECT_EQ(spec.name, "shop_map");
  ASSERT_EQ(spec.stages.size(), 1u);

  try {
    load_spec(bad);
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(bad + ":4: unknown key 'stagez'", 0), 0u) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(SpecLoad, UnreadableFileNamesThePath) {
  const std::string missing = "/nonexistent/dir/journey.yaml";
  try {
    load_spec(missing);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
  }
}

// ---- durations ------------------------------------------------------------

TEST(DurationParse, Units) {
  EXPECT_EQ(parse_duration_us("90s"), 90'000'000LL);
  EXPECT_EQ(parse_duration_us("90m"), 5'400'000'000LL);
  EXPECT_EQ(parse_duration_us("12h"), 43'200'000'000LL);
  EXPECT_EQ(parse_duration_us("30d"), 2'592'000'000'000LL);
  EXPECT_EQ(parse_duration_us("2w"), 1'209'600'000'000LL);
}

TEST(DurationParse, PlainNumberIsSeconds) {
  EXPECT_EQ(parse_duration_us("1"), 1'000'000LL);
  EXPECT_EQ(parse_duration_us("3600"), 3'600'000'000LL);
  EXPECT_EQ(parse_duration_us("0.5"), 500'000LL);
}

TEST(DurationParse, Decimals) {
  EXPECT_EQ(parse_duration_us("1.5h"), 5'400'000'000LL);
  EXPECT_EQ(parse_duration_us("0.25d"), 21'600'000'000LL);
  EXPECT_EQ(parse_duration_us("0.000001s"), 1LL);
  EXPECT_EQ(parse_duration_us("2.0w"), 1'209'600'000'000LL);
}

TEST(DurationParse, LargestValues) {
  // 9223372036854775807 us is the int64 limit;
  // 15250284w = 15250284 * 604800 s = 9223371763200000000 us still fits.
  EXPECT_EQ(parse_duration_us("15250284w"), 9'223'371'763'200'000'000LL);
  EXPECT_EQ(parse_duration_us("9223372036854.775807"), 9'223'372'036'854'775'807LL);
}

void expect_invalid(const std::string& text, const std::string& part) {
  try {
    parse_duration_us(text);
    ADD_FAILURE() << "no error for '" << text << "'";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
        << "'" << text << "' -> " << e.what();
    // The reason only: the spec parser adds the key and the line.
    EXPECT_EQ(e.what(), e.reason());
    EXPECT_EQ(e.line(), 0u);
    EXPECT_EQ(e.code(), ExitCode::kBadInput);
  }
}

TEST(DurationParse, Rejects) {
  const std::string unreadable = "cannot read duration";
  expect_invalid("", unreadable);
  expect_invalid("30 days", "cannot read duration '30 days' (use e.g. 90s, 90m, 12h, 30d, 2w)");
  expect_invalid("30 d", unreadable);
  expect_invalid(" 30d", unreadable);
  expect_invalid("30d ", unreadable);
  expect_invalid("d", unreadable);
  expect_invalid("30x", unreadable);
  expect_invalid("30ms", unreadable);
  expect_invalid("30D", unreadable);
  expect_invalid("1e3s", unreadable);
  expect_invalid(".5h", unreadable);
  expect_invalid("5.h", unreadable);
  expect_invalid("1.2.3s", unreadable);
  expect_invalid("abc", unreadable);
  expect_invalid("0", "greater than zero");
  expect_invalid("0s", "greater than zero");
  expect_invalid("0.0h", "greater than zero");
  expect_invalid("-5m", "greater than zero");
  expect_invalid("0.0000001s", "greater than zero");
  expect_invalid("15250285w", "too long");
  expect_invalid("99999999999999999999999999s", "too long");
  expect_invalid("9223372036854.775808", "too long");
}

// ---- barriers, touchpoints, advocacy, attribution ----------------------------

TEST(SpecBarriers, ParsesAllKeys) {
  const JourneySpec spec = parse_spec(R"(stages:
  - id: browse
    events: [view]
  - id: buy
    events: [checkout, payment_failed, purchase]
barriers:
  - id: pay
    name: Failed payment
    events: [payment_failed, "card_*"]
    where: {channel: [web, app], segment: bargain}
    stage: buy
    fix_cost: 15000
    note: retry + more payment options
  - id: price
    events: price_shock
    fix_cost: 0
touchpoints:
  - events: "ad_*"
    control: direct
    medium: online
    channel: ads
  - events: review
advocacy: [review, "referral_*"]
attribution:
  half_life: 3d
  order: 2
)",
                                      "j.yaml");
  ASSERT_EQ(spec.barriers.size(), 2u);
  const BarrierSpec& pay = spec.barriers[0];
  EXPECT_EQ(pay.id, "pay");
  EXPECT_EQ(pay.name, "Failed payment");
  EXPECT_EQ(pay.events, (std::vector<std::string>{"payment_failed", "card_*"}));
  ASSERT_EQ(pay.where.size(), 2u);
  EXPECT_EQ(pay.where[0].first, "channel");
  EXPECT_EQ(pay.where[0].second, (std::vector<std::string>{"web", "app"}));
  EXPECT_EQ(pay.where[1].second, (std::vector<std::string>{"bargain"}));
  EXPECT_EQ(pay.stage, "buy");
  ASSERT_TRUE(pay.fix_cost.has_value());
  EXPECT_DOUBLE_EQ(*pay.fix_cost, 15000);
  EXPECT_EQ(pay.note, "retry + more payment options");
  EXPECT_EQ(pay.line, 7);
  const BarrierSpec& price = spec.barriers[1];
  EXPECT_EQ(price.name, "price");
  EXPECT_EQ(price.events, (std::vector<std::string>{"price_shock"}));
  EXPECT_TRUE(price.where.empty());
  EXPECT_EQ(price.stage, "");
  ASSERT_TRUE(price.fix_cost.has_value());
  EXPECT_DOUBLE_EQ(*price.fix_cost, 0);

  ASSERT_EQ(spec.touchpoints.size(), 2u);
  EXPECT_EQ(spec.touchpoints[0].events, "ad_*");
  EXPECT_EQ(spec.touchpoints[0].control, "direct");
  EXPECT_EQ(spec.touchpoints[0].medium, "online");
  EXPECT_EQ(spec.touchpoints[0].channel, "ads");
  EXPECT_EQ(spec.touchpoints[1].events, "review");
  EXPECT_EQ(spec.touchpoints[1].control, "");
  EXPECT_EQ(spec.advocacy, (std::vector<std::string>{"review", "referral_*"}));
  EXPECT_EQ(spec.attribution.half_life_us, 3LL * 86400 * 1000000);
  EXPECT_EQ(spec.attribution.order, 2);
}

TEST(SpecBarriers, Defaults) {
  const JourneySpec spec = parse_spec(std::string(kMinimal) + "advocacy: review\n", "j.yaml");
  EXPECT_TRUE(spec.barriers.empty());
  EXPECT_TRUE(spec.touchpoints.empty());
  EXPECT_EQ(spec.advocacy, (std::vector<std::string>{"review"}));
  EXPECT_EQ(spec.attribution.half_life_us, 7LL * 86400 * 1000000);
  EXPECT_EQ(spec.attribution.order, 1);
}

TEST(SpecBarriers, Errors) {
  const std::string base = kMinimal;
  expect_error(base + "barriers:\n  - id: a\n    events: [x]\n    cost: 3\n", 7,
               {"unknown key 'cost' in barriers[0]", "fix_cost"});
  expect_error(base + "barriers:\n  - id: a\n    name: A\n", 5,
               {"barriers[0]: missing required key 'events'"});
  expect_error(base + "barriers:\n  - events: [x]\n", 5,
               {"barriers[0]: missing required key 'id'"});
  expect_error(base + "barriers:\n  - {id: a, events: [x]}\n  - {id: a, events: [y]}\n", 6,
               {"barriers[1].id 'a' is used twice (first at line 5)"});
  expect_error(base + "barriers:\n  - {id: a, events: [x], stage: nope}\n", 5,
               {"barriers[0].stage: no stage with id 'nope'"});
  expect_error(base + "barriers:\n  - {id: a, events: [x], fix_cost: -1}\n", 5,
               {"barriers[0].fix_cost: must not be negative"});
  expect_error(base + "barriers:\n  - {id: a, events: [x], fix_cost: cheap}\n", 5,
               {"barriers[0].fix_cost: expected a number, got 'cheap'"});
  expect_error(base + "barriers:\n  - {id: a, events: [x], where: {}}\n", 5,
               {"barriers[0].where: no conditions given"});
  expect_error(base + "barriers: {id: a}\n", 4, {"barriers: expected a list of barriers"});
  expect_error(base + "barriers:\n  - id: a\n    events: []\n", 6,
               {"barriers[0].events: no events listed"});
}

TEST(SpecTouchpoints, Errors) {
  const std::string base = kMinimal;
  expect_error(base + "touchpoints:\n  - events: ad\n    kind: direct\n", 6,
               {"unknown key 'kind' in touchpoints[0]", "control, medium, channel"});
  expect_error(base + "touchpoints:\n  - events: ad\n    control: owned\n", 6,
               {"touchpoints[0].control: unknown value 'owned' (allowed: direct, indirect)"});
  expect_error(base + "touchpoints:\n  - events: ad\n    medium: tv\n", 6,
               {"touchpoints[0].medium: unknown value 'tv' (allowed: online, offline)"});
  expect_error(base + "touchpoints:\n  - control: direct\n", 5,
               {"touchpoints[0]: missing required key 'events'"});
  expect_error(base + "touchpoints:\n  - events: [a, b]\n", 5,
               {"touchpoints[0].events: expected a text value"});
}

TEST(SpecAttribution, Errors) {
  const std::string base = kMinimal;
  expect_error(base + "attribution:\n  halflife: 3d\n", 5,
               {"unknown key 'halflife' in attribution (allowed: half_life, order)"});
  expect_error(base + "attribution:\n  half_life: soon\n", 5,
               {"attribution.half_life: cannot read duration 'soon'"});
  expect_error(base + "attribution:\n  order: 5\n", 5,
               {"attribution.order: expected a whole number from 1 to 4, got '5'"});
  expect_error(base + "attribution:\n  order: 0\n", 5, {"attribution.order"});
  expect_error(base + "attribution: 3d\n", 4, {"attribution: expected a mapping"});
  expect_error(base + "advocacy: {a: b}\n", 4, {"advocacy: expected event names"});
}

}  // namespace
}  // namespace cjm

namespace cjm {
namespace {

// ---- Visits, persona scope and match, periods, path questions ----

TEST(SpecSegments, UnitScopeMatchPeriodsAndPathsParse) {
  const JourneySpec spec = parse_spec(R"(stages:
  - id: only
    events: [visit]
data:
  session: session_id
unit: visit
personas:
  - id: loyal
    where: {user_lifecycle: loyal}
    match: any
  - id: mobile
    where: {platform: mobile}
    scope: event
periods:
  - id: incident
    name: Payment incident
    from: 2025-03-01
    to: 2025-03-21
  - id: noon
    from: 2025-04-01T12:00:00Z
    to: 2025-04-01T13:00:00Z
paths: {from: search_*, to: purchase}
)",
                                      "journey.yaml");
  EXPECT_EQ(spec.unit, Unit::kVisit);
  EXPECT_EQ(spec.data.session, "session_id");
  ASSERT_EQ(spec.personas.size(), 2u);
  EXPECT_EQ(spec.personas[0].scope, PersonaScope::kCustomer);
  EXPECT_EQ(spec.personas[0].match, AttributeMatch::kAny);
  EXPECT_EQ(spec.personas[1].scope, PersonaScope::kEvent);
  ASSERT_EQ(spec.periods.size(), 2u);
  EXPECT_EQ(spec.periods[0].name, "Payment incident");
  // 2025-03-01T00:00:00Z = 1740787200 s; `to` a date runs to the end of
  // 2025-03-21, the start of 2025-03-22 = 1742601600 s.
  EXPECT_EQ(spec.periods[0].from_us, int64_t{1740787200} * 1000000);
  EXPECT_EQ(spec.periods[0].to_us, int64_t{1742601600} * 1000000);
  // A date-time `to` is inclusive: one microsecond past it.
  EXPECT_EQ(spec.periods[1].to_us - spec.periods[1].from_us, int64_t{3600} * 1000000 + 1);
  EXPECT_EQ(spec.paths.from, "search_*");
  EXPECT_EQ(spec.paths.to, "purchase");
}

TEST(SpecSegments, DefaultsAreCustomerUnitAndLastValue) {
  const JourneySpec spec = parse_spec(std::string(kMinimal) + R"(personas:
  - id: p
    where: {plan: pro}
)",
                                      "journey.yaml");
  EXPECT_EQ(spec.unit, Unit::kCustomer);
  EXPECT_EQ(spec.personas[0].scope, PersonaScope::kCustomer);
  EXPECT_EQ(spec.personas[0].match, AttributeMatch::kLast);
  EXPECT_TRUE(spec.periods.empty());
  EXPECT_TRUE(spec.data.session.empty());
}

TEST(SpecSegments, BadValuesNameTheLineAndTheKey) {
  expect_error(std::string(kMinimal) + "unit: session\n", 4,
               {"unit: unknown value 'session'", "(allowed: customer, visit)"});
  expect_error(std::string(kMinimal) + "unit: visit\n", 4,
               {"unit: visit needs a way to cut visits", "data.session", "windows.session_gap"});
  expect_error(std::string(kMinimal) + R"(personas:
  - id: p
    where: {plan: pro}
    scope: visit
)",
               7, {"personas[0].scope: unknown value 'visit'", "(allowed: customer, event)"});
  expect_error(std::string(kMinimal) + R"(personas:
  - id: p
    where: {plan: pro}
    match: latest
)",
               7, {"personas[0].match: unknown value 'latest'", "(allowed: first, last, any)"});
  expect_error(std::string(kMinimal) + R"(periods:
  - id: p
    from: 2025-03-10
    to: 2025-03-01
)",
               7, {"periods[0].to: 2025-03-01 is before from (2025-03-10)"});
  expect_error(std::string(kMinimal) + R"(periods:
  - id: p
    from: 2025-03-01
    to: 2025-03-02
  - id: p
    from: 2025-04-01
    to: 2025-04-02
)",
               8, {"periods[1].id 'p' is used twice (first at line 5)"});
  expect_error(std::string(kMinimal) + R"(periods:
  - id: p
    from: March
    to: 2025-03-02
)",
               6, {"periods[0].from: expected an ISO-8601 date", "'March'"});
}

}  // namespace
}  // namespace cjm
