// Renderers: JSON keys and values (docs/result-json.md), escaping of hostile
// names in Markdown and on the terminal, width of the terminal summary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "output/format_util.h"
#include "output/render.h"

namespace cjm {
namespace {

using nlohmann::json;

// 2024-03-01T10:00:00Z in microseconds since the epoch.
constexpr int64_t kMarch1 = 1709287200000000;

AnalysisResult sample() {
  AnalysisResult r;
  r.journey_name = "Online shop";
  r.input.path = "examples/shop/events.csv";
  r.input.format = "csv";
  r.input.time_format = "iso8601";
  r.input.rows = 1000;
  r.input.events = 998;
  r.input.customers = 120;
  r.input.rejected_rows = 2;
  r.input.unmapped_events = 5;
  r.input.unmapped_names = {"debug_ping"};
  r.input.first_time_us = kMarch1;
  r.input.last_time_us = kMarch1 + 86400LL * 1000000 * 30 + 500;  // + 30 days + 500 us

  r.stages = {{"aware", "Awareness"}, {"search", "Search"}, {"buy", "Purchase"}};

  SegmentResult& a = r.all;
  a.customers = 120;
  a.events = 998;
  a.stages.resize(3);
  a.stages[0].reached = 120;
  a.stages[0].events = 300;
  a.stages[0].emotion.count = 10;
  a.stages[0].emotion.mean = 3.9;
  a.stages[0].emotion.distribution = {{3.0, 2}, {4.0, 7}, {4.5, 1}};
  a.stages[1].reached = 80;
  a.stages[1].events = 200;
  a.stages[1].time_from_previous_s = {80, 7200.5, 3600, 187200};
  a.stages[2].reached = 30;
  a.stages[2].events = 40;
  a.funnel.closed = {100, 80, 0};
  a.funnel.open = {100, 85, 0};
  a.funnel.closed_unbounded = {100, 80, 0};
  a.funnel.open_unbounded = {100, 85, 0};
  a.stage_transitions = {
      {"(start)", "aware", 120}, {"aware", "search", 80}, {"search", "aware", 20}};
  a.touchpoint_transitions = {{"(start)", "ad_view", 80}};
  a.shape = {120, 90, 20, 15};
  a.stage_variants = {{{"aware", "search"}, 30, 0, "aware → search", {}},
                      {{"aware"}, 40, 10, "aware", {}}};
  a.touchpoint_paths = {{{"ad_view", "search_query"}, 12, 3, "ad_view → search_query", {}}};
  a.converted = 40;
  a.time_to_convert_s = {40, 86400, 72000, 200000};
  a.unmapped_events = 5;

  PersonaResult p;
  p.id = "bargain";
  p.name = "Bargain hunter";
  p.figures.customers = 0;  // an empty persona: every share is null
  p.figures.stages.resize(3);
  p.figures.funnel.closed = {0, 0, 0};
  r.personas.push_back(p);
  return r;
}

size_t code_points(const std::string& line) {
  size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(RenderJson, TopLevelKeysAndValues) {
  const std::string out = render_json(sample());
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  EXPECT_NE(out.find("\n  \"schema\""), std::string::npos);  // 2-space indent
  const json j = json::parse(out);

  EXPECT_EQ(j["schema"], "cjm.result/1");
  EXPECT_EQ(j["journey"], "Online shop");
  for (const char* key :
       {"schema", "journey", "input", "customers", "events", "stages", "funnel", "transitions",
        "shape", "variants", "conversion", "unmapped_events", "personas"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["customers"], 120);
  EXPECT_EQ(j["events"], 998);
  EXPECT_EQ(j["unmapped_events"], 5);

  const json& in = j["input"];
  EXPECT_EQ(in["path"], "examples/shop/events.csv");
  EXPECT_EQ(in["rows"], 1000);
  EXPECT_EQ(in["rejected_rows"], 2);
  EXPECT_EQ(in["unmapped_names"], json::array({"debug_ping"}));
  EXPECT_EQ(in["first_time"], "2024-03-01T10:00:00Z");
  EXPECT_EQ(in["last_time"], "2024-03-31T10:00:00.000500Z");
}

TEST(RenderJson, StagesAndEmotion) {
  const json j = json::parse(render_json(sample()));
  ASSERT_EQ(j["stages"].size(), 3u);
  const json& s0 = j["stages"][0];
  EXPECT_EQ(s0["id"], "aware");
  EXPECT_EQ(s0["name"], "Awareness");
  EXPECT_EQ(s0["reached"], 120);
  EXPECT_EQ(s0["events"], 300);
  EXPECT_EQ(s0["time_from_previous_s"]["count"], 0);
  EXPECT_DOUBLE_EQ(s0["emotion"]["mean"].get<double>(), 3.9);
  const json& dist = s0["emotion"]["distribution"];
  EXPECT_EQ(dist, json({{"3", 2}, {"4", 7}, {"4.5", 1}}));
  EXPECT_DOUBLE_EQ(j["stages"][1]["time_from_previous_s"]["mean"].get<double>(), 7200.5);
  EXPECT_EQ(j["stages"][1]["time_from_previous_s"]["p90"], 187200);
}

TEST(RenderJson, Funnel) {
  const json j = json::parse(render_json(sample()));
  const json& f = j["funnel"];
  EXPECT_TRUE(f["window_s"].is_null());
  ASSERT_EQ(f["closed"].size(), 3u);
  EXPECT_EQ(f["closed"][1], json({{"stage", "search"}, {"customers", 80}}));
  EXPECT_EQ(f["open"][1]["customers"], 85);
  EXPECT_EQ(f["closed_unbounded"][0]["customers"], 100);
  EXPECT_EQ(f["open_unbounded"][2]["stage"], "buy");

  ASSERT_EQ(f["steps"].size(), 2u);
  EXPECT_EQ(f["steps"][0]["from"], "aware");
  EXPECT_EQ(f["steps"][0]["to"], "search");
  EXPECT_DOUBLE_EQ(f["steps"][0]["conversion"].get<double>(), 0.8);
  EXPECT_NEAR(f["steps"][0]["drop_off"].get<double>(), 0.2, 1e-12);
  EXPECT_EQ(f["steps"][1]["conversion"], 0);  // 0 / 80
  EXPECT_EQ(f["steps"][1]["drop_off"], 1);

  // A persona with nobody at a step: conversion undefined.
  const json& pf = j["personas"][0]["funnel"];
  ASSERT_EQ(pf["steps"].size(), 2u);
  EXPECT_TRUE(pf["steps"][0]["conversion"].is_null());
  EXPECT_TRUE(pf["steps"][0]["drop_off"].is_null());

  AnalysisResult r = sample();
  r.all.funnel.window_s = 2592000;
  EXPECT_EQ(json::parse(render_json(r))["funnel"]["window_s"], 2592000);
}

TEST(RenderJson, SharesRatesAndLists) {
  const json j = json::parse(render_json(sample()));
  const json& sh = j["shape"];
  EXPECT_EQ(sh["journeys"], 120);
  EXPECT_DOUBLE_EQ(sh["linear_share"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(sh["backward_share"].get<double>(), 20.0 / 120.0);
  EXPECT_DOUBLE_EQ(sh["skip_share"].get<double>(), 0.125);

  const json& c = j["conversion"];
  EXPECT_EQ(c["customers"], 40);
  EXPECT_DOUBLE_EQ(c["rate"].get<double>(), 40.0 / 120.0);
  EXPECT_EQ(c["time_to_convert_s"],
            json({{"count", 40}, {"mean", 86400}, {"p50", 72000}, {"p90", 200000}}));

  EXPECT_EQ(j["transitions"]["stage"][2],
            json({{"from", "search"}, {"to", "aware"}, {"count", 20}}));
  EXPECT_EQ(j["transitions"]["touchpoint"][0]["to"], "ad_view");
  const json& v = j["variants"]["stage"];
  EXPECT_EQ(v[0]["steps"], json::array({"aware", "search"}));
  EXPECT_EQ(v[0]["conversion_rate"], 0);
  EXPECT_DOUBLE_EQ(v[1]["conversion_rate"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(j["variants"]["touchpoint"][0]["conversion_rate"].get<double>(), 0.25);

  const json& p = j["personas"][0];
  EXPECT_EQ(p["id"], "bargain");
  EXPECT_EQ(p["name"], "Bargain hunter");
  for (const char* key : {"customers", "events", "stages", "funnel", "transitions", "shape",
                          "variants", "conversion", "unmapped_events"}) {
    EXPECT_TRUE(p.contains(key)) << key;
  }
  EXPECT_TRUE(p["conversion"]["rate"].is_null());
  EXPECT_TRUE(p["shape"]["linear_share"].is_null());
}

TEST(RenderJson, MissingTimesAreNull) {
  AnalysisResult r = sample();
  r.input.first_time_us.reset();
  r.input.last_time_us.reset();
  const json j = json::parse(render_json(r));
  EXPECT_TRUE(j["input"]["first_time"].is_null());
  EXPECT_TRUE(j["input"]["last_time"].is_null());
}

TEST(RenderJson, HostileNamesDoNotThrow) {
  AnalysisResult r = sample();
  r.input.unmapped_names = {"bad\xff\xfe utf8", "quote\" back\\slash \x01 ctl", "\xc3"};
  r.all.touchpoint_transitions = {{"(start)", "\xe2\x82", 1}};
  std::string out;
  ASSERT_NO_THROW(out = render_json(r));
  const json j = json::parse(out);
  EXPECT_EQ(j["input"]["unmapped_names"][1], "quote\" back\\slash \x01 ctl");
  EXPECT_NE(j["input"]["unmapped_names"][0].get<std::string>().find("\xEF\xBF\xBD"),
            std::string::npos);
  EXPECT_NO_THROW(render_text(r, true));
  EXPECT_NO_THROW(render_markdown(r));
}

TEST(RenderJson, EmptyResult) {
  const AnalysisResult r;
  const json j = json::parse(render_json(r));
  EXPECT_EQ(j["schema"], "cjm.result/1");
  EXPECT_TRUE(j["stages"].empty());
  EXPECT_TRUE(j["funnel"]["steps"].empty());
  EXPECT_TRUE(j["conversion"]["rate"].is_null());
  EXPECT_NO_THROW(render_text(r, false));
  EXPECT_NO_THROW(render_markdown(r));
}

TEST(RenderMarkdown, Sections) {
  const std::string md = render_markdown(sample());
  EXPECT_EQ(md.rfind("# Online shop\n", 0), 0u);
  for (const char* h : {"\n## Stages\n", "\n## Funnel\n", "\n## Transitions\n", "\n## Paths\n",
                        "\n## Conversion\n", "\n## Personas\n"}) {
    EXPECT_NE(md.find(h), std::string::npos) << h;
  }
  EXPECT_NE(md.find("| Bargain hunter |"), std::string::npos);
  EXPECT_NE(md.find("80.0%"), std::string::npos);
  EXPECT_NE(md.find("**backward**"), std::string::npos);
  EXPECT_EQ(md.back(), '\n');
  EXPECT_NE(md.substr(md.size() - 2), "\n\n");
}

TEST(RenderMarkdown, HostileNameIsEscaped) {
  AnalysisResult r = sample();
  const std::string hostile = "<img src=x onerror=alert(1)>|x";
  r.stages[0].name = hostile;
  r.input.unmapped_names = {hostile, "a`b\nc\\|d"};
  r.all.touchpoint_transitions = {{hostile, "(end)", 3}};
  r.personas[0].name = hostile;
  const std::string md = render_markdown(r);
  EXPECT_EQ(md.find("<img"), std::string::npos);
  EXPECT_EQ(md.find(">|x"), std::string::npos);
  EXPECT_NE(md.find("&lt;img src=x onerror=alert(1)&gt;\\|x"), std::string::npos);
  EXPECT_NE(md.find("a\\`b c\\\\\\|d"), std::string::npos);

  // Every table row keeps its number of columns: no unescaped '|' from the data.
  std::istringstream lines(md);
  std::string line;
  size_t header_cells = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') {
      header_cells = 0;
      continue;
    }
    size_t cells = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\') {
        ++i;
      } else if (line[i] == '|') {
        ++cells;
      }
    }
    if (header_cells == 0) header_cells = cells;
    EXPECT_EQ(cells, header_cells) << line;
  }
}

TEST(RenderText, NoEscapeCodesWithoutColor) {
  AnalysisResult r = sample();
  r.stages[1].name = "Se\x1b[31mrch";
  r.input.unmapped_names = {"\x1b]0;title\x07",
                            "\x9b"
                            "31m"};
  r.personas[0].name = "\x1b[2J";
  const std::string plain = render_text(r, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_EQ(plain.find('\x07'), std::string::npos);
  EXPECT_EQ(plain.find('\x9b'), std::string::npos);
  EXPECT_NE(plain.find("Se?[31mrch"), std::string::npos);
  EXPECT_NE(plain.find("Online shop"), std::string::npos);

  const std::string colored = render_text(r, true);
  EXPECT_NE(colored.find('\x1b'), std::string::npos);
  EXPECT_EQ(colored.find("\x1b[31mrch"), std::string::npos);  // the name's own code is gone
  EXPECT_EQ(colored.find("\x1b[2J"), std::string::npos);
}

TEST(RenderText, LinesFitIn100Columns) {
  AnalysisResult r = sample();
  const std::string long_name(300, 'x');
  r.journey_name = long_name;
  r.input.path = "/very/long/" + long_name;
  r.stages[0].name = long_name + "é";
  r.input.unmapped_names = {long_name, long_name, long_name, long_name, long_name, long_name};
  r.all.stage_variants = {{{"aware", "search", "aware", "search", "aware", "search", "buy",
                            long_name, "aware", "search", "aware", "search"},
                           3,
                           1,
                           "aware ⇄ search ×5 → buy → " + long_name + " → aware ⇄ search ×3",
                           {}}};
  r.all.touchpoint_paths = {{{long_name, "ü"}, 1, 0, long_name + " → ü", {}}};
  r.all.stage_transitions.push_back({long_name, long_name, 1});
  r.personas[0].name = long_name;
  r.personas[0].figures.customers = 18446744073709551615ULL;
  r.all.customers = 18446744073709551615ULL;
  const std::string out = render_text(r, false);
  std::istringstream lines(out);
  std::string line;
  size_t n = 0;
  while (std::getline(lines, line)) {
    ++n;
    EXPECT_LE(code_points(line), 100u) << line;
  }
  EXPECT_GT(n, 10u);
  EXPECT_NE(out.find("…"), std::string::npos);
  EXPECT_NE(out.find("↩ backward"), std::string::npos);  // the marker survives long names

  // With colour, the visible text (escape sequences removed) fits too.
  std::istringstream colored(render_text(r, true));
  while (std::getline(colored, line)) {
    std::string visible;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\x1b') {
        i = line.find('m', i);
        ASSERT_NE(i, std::string::npos) << line;
        continue;
      }
      visible += line[i];
    }
    EXPECT_LE(code_points(visible), 100u) << visible;
  }
}

TEST(RenderText, Content) {
  const std::string out = render_text(sample(), false);
  EXPECT_NE(out.find("998 events"), std::string::npos);
  EXPECT_NE(out.find("2024-03-01 → 2024-03-31"), std::string::npos);
  EXPECT_NE(out.find("2 rejected"), std::string::npos);
  EXPECT_NE(out.find("80.0%"), std::string::npos);  // conversion aware -> search
  EXPECT_NE(out.find("Awareness → Search"), std::string::npos);
  EXPECT_NE(out.find("backward"), std::string::npos);
  EXPECT_NE(out.find("debug_ping"), std::string::npos);
  EXPECT_NE(out.find("Bargain hunter"), std::string::npos);
  EXPECT_NE(out.find("median 20h, p90 2d 7h"), std::string::npos);
}

TEST(RenderFormat, Helpers) {
  EXPECT_EQ(fmtutil::iso8601_utc(kMarch1), "2024-03-01T10:00:00Z");
  EXPECT_EQ(fmtutil::iso8601_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(fmtutil::iso8601_utc(-1), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(fmtutil::iso8601_utc(951782400000000), "2000-02-29T00:00:00Z");
  EXPECT_EQ(fmtutil::shortest(4.0), "4");
  EXPECT_EQ(fmtutil::shortest(4.5), "4.5");
  EXPECT_EQ(fmtutil::duration(0), "0s");
  EXPECT_EQ(fmtutil::duration(0.5), "0.5s");
  EXPECT_EQ(fmtutil::duration(42), "42s");
  EXPECT_EQ(fmtutil::duration(303), "5m 3s");
  EXPECT_EQ(fmtutil::duration(3600), "1h");
  EXPECT_EQ(fmtutil::duration(11520), "3h 12m");
  EXPECT_EQ(fmtutil::duration(187200), "2d 4h");
  EXPECT_EQ(fmtutil::count(0), "0");
  EXPECT_EQ(fmtutil::count(999), "999");
  EXPECT_EQ(fmtutil::count(1234567), "1,234,567");
  EXPECT_EQ(fmtutil::percent(0.75), "75.0%");
  EXPECT_EQ(fmtutil::percent(std::nullopt), "—");
  EXPECT_EQ(fmtutil::clean("a\x1b[1mb\xff\n"), "a?[1mb??");
  EXPECT_EQ(fmtutil::truncate("abcdef", 4), "abc…");
  EXPECT_EQ(fmtutil::truncate("äbc", 3), "äbc");
  EXPECT_EQ(fmtutil::pad_left("é", 3), "  é");
}

// The barrier, channel and retention sections show the figures they are
// given, ranked, rounded to one decimal and grouped by thousands.
TEST(RenderText, FixesChannelsAndRetention) {
  AnalysisResult r = sample();
  Opportunity o;
  o.barrier_id = "price_shock";
  o.barrier_name = "Price shock";
  o.fix_cost = 40000;
  o.extra_conversions = 115.26;
  o.extra_conversions_ci = {85.71, 143.64};
  o.gain_per_cost = 115.26 / 40000;  // 2.88 per 1,000
  o.rank = 1;
  r.all.barriers.opportunities = {o};
  AttributionResult& a = r.all.attribution;
  a.total_conversions = 200;
  a.markov_order = 2;
  a.channel["markov"].conversions = {{"email", 50}, {"web", 150}};
  a.channel["last_touch"].conversions = {{"web", 200}};
  r.all.retention.buyers = 1200;
  r.all.retention.repeat_buyers = 300;
  r.all.retention.repeat_rate = 0.25;
  r.all.retention.time_to_second_purchase_s.count = 300;
  r.all.retention.time_to_second_purchase_s.p50 = 2 * 86400;
  r.all.retention.advocacy_share = 0.5;
  const std::string out = render_text(r, false);
  EXPECT_NE(out.find("Fix first"), std::string::npos);
  EXPECT_NE(out.find("Price shock"), std::string::npos);
  EXPECT_NE(out.find("115.3 (85.7–143.6)"), std::string::npos);
  EXPECT_NE(out.find("40,000"), std::string::npos);
  EXPECT_NE(out.find("2.9"), std::string::npos);
  EXPECT_NE(out.find("Markov, order 2"), std::string::npos);
  // web first (150 of 200 = 75%), then email; last touch gives web all 200.
  const size_t web = out.find("web"), email = out.find("email");
  ASSERT_NE(web, std::string::npos);
  ASSERT_NE(email, std::string::npos);
  EXPECT_LT(web, email);
  EXPECT_NE(out.find("150.0 (75.0%)"), std::string::npos);
  EXPECT_NE(out.find("200.0 (100.0%)"), std::string::npos);
  EXPECT_NE(out.find("0.0 (0.0%)"), std::string::npos);  // email, never last
  EXPECT_NE(out.find("300 of 1,200 buyers (25.0%) bought again, median 2d later"),
            std::string::npos);
  EXPECT_NE(out.find("advocates 50.0%"), std::string::npos);

  // Without those figures the sections are left out.
  const std::string plain = render_text(sample(), false);
  EXPECT_EQ(plain.find("Fix first"), std::string::npos);
  EXPECT_EQ(plain.find("Channels"), std::string::npos);
  EXPECT_EQ(plain.find("Retention"), std::string::npos);
}

}  // namespace
}  // namespace cjm
