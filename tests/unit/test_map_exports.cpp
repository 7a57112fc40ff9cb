// Exports of a hand-built JourneyMap (Mermaid, Markdown, CSV) compared with the
// golden files in tests/golden/map_small/ (README.md there explains each line).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "map/build_map.h"
#include "map/journey_map.h"
#include "output/map_exports.h"

namespace cjm {
namespace {

const std::string kHostile = "<img src=x onerror=alert(1)>";
const std::string kCallCentre = "Call centre: #1 | hotline";
const std::string kFormula = "=HYPERLINK(\"http://x\",\"sms\")";

std::string golden_path(const std::string& name) {
  return std::string(CJM_SOURCE_DIR) + "/tests/golden/map_small/" + name;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

MapTouchpoint tp(const std::string& name, uint64_t customers) {
  MapTouchpoint t{name, customers, "direct", "online"};
  if (name == kHostile) t.control = t.medium = "";
  if (name == kCallCentre) t.medium = "offline";
  return t;
}

Emotion emotion(std::map<double, uint64_t> distribution) {
  Emotion e;
  double sum = 0;
  for (const auto& [score, n] : distribution) {
    e.count += n;
    sum += score * static_cast<double>(n);
  }
  e.mean = e.count ? sum / static_cast<double>(e.count) : 0;
  e.distribution = std::move(distribution);
  return e;
}

// Two stages with the spec's qualitative lanes; figures are set per segment.
std::vector<MapStage> spec_stages() {
  MapStage aware, buy;
  aware.id = "aware";
  aware.name = "Awareness";
  aware.goal = {"Find shoes"};
  aware.actions = {"Search", "Read reviews"};
  aware.feeling = {"Curious"};
  buy.id = "buy";
  buy.name = "Purchase";
  buy.actions = {"Pay"};
  buy.thinking = {"Is it safe?"};
  buy.opportunities = {"One-click pay (cost 5k)"};
  buy.pain_points = {{"Slow payment page", false}, {"Payment failed for 1 customer", true}};
  return {aware, buy};
}

JourneyMap small_map() {
  JourneyMap map;
  map.title = "Shoe shop & co";
  map.description = "Spring campaign";
  map.first_time_us = int64_t{1709251200} * 1000000;  // 2024-03-01T00:00:00Z
  map.last_time_us = int64_t{1709596800} * 1000000;   // 2024-03-05T00:00:00Z
  map.events = 11;
  map.customers = 4;
  map.unmapped_events = 1;
  map.unmapped_names = {"promo_popup"};
  map.window_s = 7 * 86400.0;
  map.comparisons = {{"new", "rest", 10, 6, 20, 8, 0.2, 1.05, 0.29, false, "", {}}};

  MapSegment all;
  all.id = "all";
  all.kind = "all";
  all.name = "All customers";
  all.customers = 4;
  all.events = 11;
  all.converted = 1;
  all.stages = spec_stages();
  // Barrier, attribution and retention figures for the CSV tables (values chosen
  // by hand; the expected rows in tests/golden/map_small/*.csv follow from the
  // format in output/map_exports.h: shares to 6 significant digits, null empty).
  all.barriers.by_count = {{0, "0", 4, 3, 0.75, {0.3, 0.95}}, {3, "3+", 2, 0, 0.0, {0.0, 0.5}}};
  {
    BarrierItem pay;
    pay.id = "pay";
    pay.name = "Payment, failed";
    pay.stage = "buy";
    pay.customers = 2;
    pay.converted = 1;
    pay.rate = 0.5;
    pay.rate_ci = {0.1, 0.9};
    pay.comparable_customers = 4;
    pay.comparable_converted = 3;
    pay.comparable_rate = 0.75;
    pay.lost_after = 1;
    pay.mean_score_around = 2.5;
    pay.fix_cost = 100;
    all.barriers.items = {pay};
    Opportunity fix;
    fix.barrier_id = "pay";
    fix.barrier_name = "Payment, failed";
    fix.fix_cost = 100;
    fix.extra_conversions = 0.5;
    fix.extra_conversions_ci = {0.0, 1.3};
    fix.extra_value = 25;
    fix.gain_per_cost = 0.005;
    fix.rank = 1;
    fix.method = "=met x gap";  // a leading '=' is defused with a quote
    all.barriers.opportunities = {fix};
  }
  all.attribution.touchpoint["linear"].conversions = {{"ad", 1.5}, {"site", 0.5}};
  all.attribution.touchpoint["linear"].value = {{"ad", 30.0}};
  all.retention.buyers = 3;
  all.retention.repeat_buyers = 1;
  all.retention.repeat_rate = 1.0 / 3;
  all.retention.time_to_second_purchase_s = {1, 86400, 86400, 86400};
  all.retention.advocates = 2;
  all.retention.advocacy_share = 2.0 / 3;
  all.retention.cohorts = {{"2025-01", 3, {3, 1}}};
  {
    MapStage& a = all.stages[0];
    a.touchpoints = {tp("ad_click", 3),         tp(kHostile, 2),     tp(kCallCentre, 1),
                     tp("Section 2 banner", 1), tp("email_open", 1), tp(kFormula, 1)};
    a.reached = 4;
    a.reach_share = 1;
    a.funnel_level = 4;
    a.emotion = emotion({{5, 1}, {8, 1}});
    MapStage& b = all.stages[1];
    b.touchpoints = {tp("checkout", 2), tp("purchase", 1)};
    b.reached = 2;
    b.reach_share = 0.5;
    b.funnel_level = 1;
    b.conversion_from_previous = 0.25;
    b.drop_off = 0.75;
    b.time_from_previous_s = {1, 7200, 7200, 7200};
    b.emotion = emotion({{1, 1}, {3, 1}});
    b.critical = true;
  }
  all.funnel = {7 * 86400.0, {4, 1}, {4, 2}, {4, 2}, {4, 2}};
  all.shape = {4, 4, 0, 0};
  all.stage_transitions = {
      {"(start)", "aware", 4}, {"aware", "(end)", 2}, {"aware", "buy", 2}, {"buy", "(end)", 2}};
  all.touchpoint_transitions = {{"(start)", "ad_click", 3},
                                {kHostile, "(end)", 2},
                                {"(start)", kHostile, 1},
                                {kCallCentre, "Section 2 banner", 1}};
  all.stage_variants = {{{"aware"}, 2, 0, "aware", {}},
                        {{"aware", "buy"}, 2, 1, "aware → buy", {}}};
  all.touchpoint_paths = {{{kHostile}, 1, 0, kHostile, {}},
                          {{"ad_click", kCallCentre, "Section 2 banner"},
                           1,
                           0,
                           "ad_click → " + kCallCentre + " → Section 2 banner",
                           {}}};
  all.time_to_convert_s = {1, 86400, 86400, 86400};

  MapSegment fresh;
  fresh.id = "new";
  fresh.kind = "persona";
  fresh.name = "New visitors";
  fresh.customers = 2;
  fresh.events = 3;
  fresh.stages = spec_stages();
  {
    MapStage& a = fresh.stages[0];
    a.touchpoints = {tp(kHostile, 2), tp("ad_click", 1)};
    a.reached = 2;
    a.reach_share = 1;
    a.funnel_level = 2;
    a.emotion = emotion({{8, 1}});
    a.critical = true;
    MapStage& b = fresh.stages[1];
    b.conversion_from_previous = 0;
    b.drop_off = 1;
  }
  fresh.funnel = {7 * 86400.0, {2, 0}, {2, 0}, {2, 0}, {2, 0}};
  fresh.shape = {2, 2, 0, 0};
  fresh.stage_transitions = {{"(start)", "aware", 2}, {"aware", "(end)", 2}};
  fresh.stage_variants = {{{"aware"}, 2, 0, "aware", {}}};

  MapSegment loyal;
  loyal.id = "ret";
  loyal.kind = "persona";
  loyal.name = "Returning: VIP, EU";
  loyal.customers = 2;
  loyal.events = 8;
  loyal.converted = 1;
  loyal.stages = spec_stages();
  {
    MapStage& a = loyal.stages[0];
    a.touchpoints = {tp("ad_click", 2), tp(kCallCentre, 1), tp("Section 2 banner", 1),
                     tp("email_open", 1), tp(kFormula, 1)};
    a.reached = 2;
    a.reach_share = 1;
    a.funnel_level = 2;
    a.emotion = emotion({{5, 1}});
    MapStage& b = loyal.stages[1];
    b.touchpoints = {tp("checkout", 2), tp("purchase", 1)};
    b.reached = 2;
    b.reach_share = 1;
    b.funnel_level = 1;
    b.conversion_from_previous = 0.5;
    b.drop_off = 0.5;
    b.time_from_previous_s = {1, 7200, 7200, 7200};
    b.emotion = emotion({{1, 1}, {3, 1}});
    b.critical = true;
  }
  loyal.funnel = {7 * 86400.0, {2, 1}, {2, 2}, {2, 2}, {2, 2}};
  loyal.shape = {2, 2, 0, 0};
  loyal.stage_transitions = {{"(start)", "aware", 2}, {"aware", "buy", 2}, {"buy", "(end)", 2}};
  loyal.stage_variants = {{{"aware", "buy"}, 2, 1, "aware → buy", {}}};
  loyal.time_to_convert_s = {1, 86400, 86400, 86400};

  map.segments = {all, fresh, loyal};
  return map;
}

// A small RFC 4180 reader: records of fields; quoted fields may hold commas,
// doubled quotes and line breaks. Lines end with LF or CRLF.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty()) << "quote inside an unquoted field at byte " << i;
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
      field_started = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(field);
      records.push_back(record);
      record.clear();
      field.clear();
      field_started = false;
    } else {
      field += c;
      field_started = true;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  if (field_started || !record.empty()) {
    record.push_back(field);
    records.push_back(record);
  }
  return records;
}

// Pipes that separate cells: '|' not escaped by a backslash.
size_t cell_pipes(const std::string& line) {
  size_t n = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '|') {
      ++n;
    }
  }
  return n;
}

TEST(MapExportMermaid, MatchesGolden) {
  EXPECT_EQ(render_mermaid(small_map()), slurp(golden_path("expected.mmd")));
}

TEST(MapExportMermaid, PersonaSegmentUsesItsNameAndStageTaskWhenNoTouchpoints) {
  EXPECT_EQ(render_mermaid(small_map(), 1),
            "journey\n"
            "  title Shoe shop \uFF06 co\n"
            "  section Awareness\n"
            "    \u2039img src=x onerror=alert(1)\u203A: 4: New visitors\n"
            "    ad_click: 4: New visitors\n"
            "  section Purchase\n"
            "    Purchase: 3: New visitors\n");
}

TEST(MapExportMermaid, NoPersonasMeansAllCustomers) {
  JourneyMap map = small_map();
  map.segments.resize(1);
  map.segments[0].stages.resize(1);
  map.segments[0].stages[0].touchpoints.resize(1);
  EXPECT_EQ(render_mermaid(map),
            "journey\n  title Shoe shop \uFF06 co\n  section Awareness\n"
            "    ad_click: 4: All customers\n");
  map.unit = "visit";  // journeys are visits: the actor says so
  EXPECT_EQ(render_mermaid(map),
            "journey\n  title Shoe shop \uFF06 co\n  section Awareness\n"
            "    ad_click: 4: All visits\n");
}

TEST(MapExportMermaid, ScoreScales) {
  JourneyMap map = small_map();
  map.segments.resize(1);
  map.segments[0].stages.resize(1);
  auto& stage = map.segments[0].stages[0];
  stage.touchpoints.resize(1);
  const auto score_of = [&](std::map<double, uint64_t> distribution) {
    stage.emotion = emotion(std::move(distribution));
    const std::string out = render_mermaid(map);
    const size_t at = out.find("ad_click: ");
    return out.substr(at + 10, 1);
  };
  EXPECT_EQ(score_of({}), "3");                 // no scores: neutral
  EXPECT_EQ(score_of({{4, 1}, {5, 1}}), "5");   // 1..5: round(4.5) = 5
  EXPECT_EQ(score_of({{1, 3}, {2, 1}}), "1");   // 1..5: round(1.25) = 1
  EXPECT_EQ(score_of({{0, 1}}), "1");           // clamped to 1
  EXPECT_EQ(score_of({{10, 1}}), "5");          // 0..10: 1 + 10 * 0.4
  EXPECT_EQ(score_of({{0, 1}, {10, 1}}), "3");  // 0..10: 1 + 5 * 0.4
  EXPECT_EQ(score_of({{6, 1}}), "3");           // 0..10: round(3.4)
}

TEST(MapExportMermaid, HostileNamesStayOneTaskEach) {
  JourneyMap map = small_map();
  map.segments.resize(1);
  map.segments[0].stages.resize(1);
  map.title = "T\n  section injected";
  map.segments[0].stages[0].name = "Stage; one #two";
  map.segments[0].stages[0].touchpoints = {
      tp("a:b;c#d\ne\r\tf", 1), tp("%%{init: {'theme':'dark'}}%%", 1), tp("  \u3000 ", 1),
      tp("title pwned", 1), tp("JOURNEY", 1)};
  const std::string out = render_mermaid(map);
  EXPECT_EQ(out,
            "journey\n"
            "  title T section injected\n"
            "  section Stage\uFF1B one \uFF03two\n"
            "    a\u2236b\uFF1Bc\uFF03d e f: 4: All customers\n"
            "    \uFF05\uFF05{init\u2236 {'theme'\u2236'dark'}}\uFF05\uFF05: 4: All customers\n"
            "    (unnamed): 4: All customers\n"
            "    \u200Btitle pwned: 4: All customers\n"
            "    \u200BJOURNEY: 4: All customers\n");
}

TEST(MapExportMermaid, SegmentOutOfRangeThrows) {
  EXPECT_THROW(render_mermaid(small_map(), 3), Error);
}

TEST(MapExportMarkdown, MatchesGolden) {
  EXPECT_EQ(render_map_markdown(small_map()), slurp(golden_path("expected.md")));
}

TEST(MapExportMarkdown, HostileNamesCannotBreakTables) {
  JourneyMap map = small_map();
  map.segments[0].stages[0].name = "A|B`C";
  map.segments[0].stages[0].goal = {"x | y\n| z |", "<script>alert(1)</script>"};
  map.segments[0].stage_variants[0].steps = {"|||", "\\|"};
  const std::string out = render_map_markdown(map);
  EXPECT_EQ(out.find("<script"), std::string::npos);
  EXPECT_EQ(out.find("<img"), std::string::npos);
  std::istringstream lines(out);
  std::string line;
  size_t expected = 0;  // pipes of the current table's header row
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') {
      expected = 0;
      continue;
    }
    if (expected == 0) {
      expected = cell_pipes(line);
      continue;
    }
    EXPECT_EQ(cell_pipes(line), expected) << line;
  }
}

TEST(MapExportMarkdown, EmptyQualitativeLanesAreHidden) {
  JourneyMap map = small_map();
  for (auto& seg : map.segments) {
    for (auto& stage : seg.stages) {
      stage.goal.clear();
      stage.touchpoints.clear();
    }
  }
  const std::string out = render_map_markdown(map);
  EXPECT_EQ(out.find("| Goal |"), std::string::npos);
  EXPECT_EQ(out.find("| Touchpoints |"), std::string::npos);
  EXPECT_NE(out.find("| Actions |"), std::string::npos);
  EXPECT_NE(out.find("| Reach |"), std::string::npos);
}

TEST(MapExportCsv, MatchesGolden) {
  for (const CsvTable& table : map_csv_tables(small_map())) {
    EXPECT_EQ(table.content, slurp(golden_path(table.file_name))) << table.file_name;
  }
}

TEST(MapExportCsv, RoundTripsThroughRfc4180) {
  JourneyMap map = small_map();
  const std::string nasty = "a,\"b\"\r\nc, -d";
  map.segments[0].stages[0].touchpoints[0].name = nasty;
  map.segments[0].touchpoint_transitions[0].to = "@SUM(A1)";
  for (const CsvTable& table : map_csv_tables(map)) {
    const auto records = parse_csv(table.content);
    ASSERT_FALSE(records.empty()) << table.file_name;
    for (const auto& record : records) {
      EXPECT_EQ(record.size(), records[0].size()) << table.file_name;
    }
    if (table.file_name == "touchpoints.csv") {
      EXPECT_EQ(records[0], (std::vector<std::string>{"segment", "stage", "touchpoint", "customers",
                                                      "control", "medium"}));
      EXPECT_EQ(records[1][2], nasty);
      EXPECT_EQ(records[6][2], "'" + kFormula);
      EXPECT_EQ(records[2][2], kHostile);
    }
    if (table.file_name == "transitions.csv") {
      EXPECT_EQ(records[5][3], "'@SUM(A1)");
    }
    if (table.file_name == "stages.csv") {
      EXPECT_EQ(records.size(), 7u);
      EXPECT_EQ(records[2][6], "0.25");
      EXPECT_EQ(records[1][6], "");
    }
  }
}

TEST(MapExportCsv, SharesHaveSixSignificantDigits) {
  JourneyMap map = small_map();
  map.segments[0].stages[1].reach_share = 2.0 / 3.0;
  map.segments[0].stages[1].emotion.mean = 10.0 / 3.0;
  const auto records = parse_csv(map_csv_tables(map)[0].content);
  EXPECT_EQ(records[2][4], "0.666667");
  EXPECT_EQ(records[2][10], "3.33333");
}

TEST(MapExportCsv, WritesEveryFileIntoANewFolder) {
  std::random_device rd;
  const auto dir =
      std::filesystem::temp_directory_path() / ("cjm_map_csv_" + std::to_string(rd())) / "nested";
  write_map_csv(small_map(), dir.string());
  for (const CsvTable& table : map_csv_tables(small_map())) {
    EXPECT_EQ(slurp((dir / table.file_name).string()), table.content);
  }
  std::filesystem::remove_all(dir.parent_path());
}

// A period segment (2024-03-01 to 2024-03-03), a change in the "all"
// segment and the period's comparison with the rest, stage by stage.
JourneyMap map_with_period_and_change() {
  JourneyMap map = small_map();
  MapSegment period = map.segments[1];
  period.id = "spring";
  period.name = "Spring sale";
  period.kind = "period";
  period.from = "2024-03-01";
  period.to = "2024-03-03";
  map.segments.push_back(period);
  Change c;
  c.stage = "buy";
  c.from = "2024-03-02";
  c.to = "2024-03-03";
  c.direction = "down";
  c.baseline_rate = 0.5;
  c.rate = 0.25;
  c.p_value = 0.002;
  c.lost = 3;
  c.at_risk = 12;
  c.entered = 3;
  c.events = {{"pay_error", 0.5, 0.1, 4.25}};
  map.segments[0].changes = {c};
  ConversionComparison cmp{"spring", "rest", 2, 0, 2, 1, -0.5, -1.2, 0.23, false, "", {}};
  cmp.stages = {{"spring", "rest", 2, 2, 2, 2, 0.0, std::nullopt, std::nullopt, false, "aware", {}},
                {"spring", "rest", 20, 2, 20, 12, -0.5, -3.2, 0.0014, true, "buy", {}}};
  map.comparisons.push_back(cmp);
  return map;
}

TEST(MapExportMarkdown, PeriodsAndChanges) {
  const std::string md = render_map_markdown(map_with_period_and_change());
  EXPECT_NE(md.find("## Spring sale\n\nCustomers: 2 · Converted: 0 (0.0%)\n\n"
                    "Dates: 2024-03-01 to 2024-03-03 (inclusive) · Conversion against the rest: "
                    "-50.0 pt (p = 0.230) · Stage entry against the rest: Purchase 10.0% vs 60.0% "
                    "(-50.0 pt, p = 0.001)\n\n"),
            std::string::npos)
      << md;
  // The change, in the "all" segment only (after its paths).
  const std::string sentence =
      "### What changed\n\n- Purchase fell from 50.0% to 25.0% of the customers who reached "
      "Awareness, 2024-03-02 → 2024-03-03 (p = 0.002), about 3 fewer customers reached Purchase; "
      "likely cause: pay\\_error (4.2× as frequent)\n";
  const size_t at = md.find(sentence);
  ASSERT_NE(at, std::string::npos) << md;
  EXPECT_LT(at, md.find("## New visitors"));
  EXPECT_EQ(md.find("### What changed", at + 1), std::string::npos);
}

TEST(MapExportMarkdown, VisitUnitSaysVisits) {
  JourneyMap map = small_map();
  map.unit = "visit";
  map.visits = 9;
  map.segments[0].name = "All visits";
  const std::string md = render_map_markdown(map);
  EXPECT_NE(md.find("Period: 2024-03-01 to 2024-03-05 · Visits: 9 · Customers: 4 · Events: 11"),
            std::string::npos);
  EXPECT_NE(md.find("## All visits\n\nVisits: 4 · Converted: 1 (25.0%)"), std::string::npos);
  EXPECT_NE(md.find("| # | Stage variant | Visits | Converted | Conversion |"), std::string::npos);
  EXPECT_EQ(md.find("| Customers |"), std::string::npos);
}

TEST(MapExportCsv, PeriodsAndChanges) {
  const JourneyMap map = map_with_period_and_change();
  std::map<std::string, std::string> tables;
  for (const CsvTable& t : map_csv_tables(map)) tables[t.file_name] = t.content;
  EXPECT_EQ(tables["segments.csv"],
            "segment,kind,name,from,to,journeys,events,converted,conversion_rate\n"
            "all,all,All customers,,,4,11,1,0.25\n"
            "new,persona,New visitors,,,2,3,0,0\n"
            "ret,persona,\"Returning: VIP, EU\",,,2,8,1,0.5\n"
            "spring,period,Spring sale,2024-03-01,2024-03-03,2,3,0,0\n");
  EXPECT_EQ(tables["changes.csv"],
            "segment,stage,from,to,direction,baseline_rate,rate,p_value,lost,at_risk,entered\n"
            "all,buy,2024-03-02,2024-03-03,down,0.5,0.25,0.002,3,12,3\n");
  EXPECT_EQ(tables["change_causes.csv"],
            "segment,stage,from,event,lift,share_in,share_out\n"
            "all,buy,2024-03-02,pay_error,4.25,0.5,0.1\n");
  EXPECT_EQ(tables["stage_comparisons.csv"],
            "a,b,stage,a_from,a_entered,b_from,b_entered,difference,z,p_value,significant\n"
            "spring,rest,aware,2,2,2,2,0,,,false\n"
            "spring,rest,buy,20,2,20,12,-0.5,-3.2,0.0014,true\n");
}

// build_map copies each segment's changes from the result into the map.
TEST(MapBuild, CopiesChangesOfEverySegment) {
  AnalysisResult r;
  r.stages = {{"a", "A"}, {"b", "B"}};
  r.all.stages.resize(2);
  Change c;
  c.stage = "b";
  c.from = c.to = "2024-01-02";
  c.direction = "up";
  c.events = {{"x", 0.5, 0.1, 4}};
  r.all.changes = {c};
  PeriodResult p;
  p.id = "q1";
  p.from = "2024-01-01";
  p.to = "2024-03-31";
  p.figures.stages.resize(2);
  c.direction = "down";
  p.figures.changes = {c, c};
  r.periods.push_back(p);
  JourneySpec spec;
  const JourneyMap map = build_map(r, spec);
  ASSERT_EQ(map.segments.size(), 2u);
  ASSERT_EQ(map.segments[0].changes.size(), 1u);
  EXPECT_EQ(map.segments[0].changes[0].direction, "up");
  EXPECT_EQ(map.segments[0].changes[0].events.at(0).event, "x");
  EXPECT_EQ(map.segments[1].kind, "period");
  ASSERT_EQ(map.segments[1].changes.size(), 2u);
  EXPECT_EQ(map.segments[1].changes[1].direction, "down");
}

}  // namespace
}  // namespace cjm
