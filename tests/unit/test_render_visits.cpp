// The terminal summary and the Markdown report with visits, periods and
// changes: the unit's words, the Visits, Periods and What changed sections,
// and the customer unit left as it was. Expected strings are written by hand
// from the figures set below.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "output/render.h"

namespace cjm {
namespace {

bool has(const std::string& out, const std::string& part) {
  return out.find(part) != std::string::npos;
}

// The terminal summary with each wrapped paragraph joined back into one line
// (continuation lines start with four spaces).
std::string unwrapped(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const bool continuation = line.size() > 4 && line.starts_with("    ") && line[4] != ' ';
    if (continuation && !out.empty()) {
      out.back() = ' ';
      out += line.substr(4);
    } else {
      out += line;
    }
    out += '\n';
  }
  return out;
}

// Three stages; 30 journeys, 6 converted; one persona.
AnalysisResult base(const std::string& unit) {
  AnalysisResult r;
  r.journey_name = "Shop";
  r.unit = unit;
  r.input.path = "events.csv";
  r.input.rows = 100;
  r.input.events = 100;
  r.input.customers = 10;
  r.stages = {{"aware", "Awareness"}, {"search", "Search"}, {"buy", "Purchase"}};
  SegmentResult& a = r.all;
  a.customers = 30;
  a.events = 100;
  a.converted = 6;
  a.stages.resize(3);
  a.stages[0].reached = 30;
  a.stages[1].reached = 20;
  a.stages[2].reached = 6;
  a.funnel.closed = {30, 20, 6};
  a.shape = {30, 30, 0, 0};
  a.stage_variants = {{{"aware", "search", "buy"}, 6, 6, "aware → search → buy", {}}};
  a.touchpoint_paths = {{{"ad", "search", "buy"}, 6, 6, "ad → search → buy", {}}};
  a.barriers.by_count = {{0, "0", 30, 6, 0.2, {0.1, 0.3}}};
  a.barriers.items = {BarrierItem{}};
  a.barriers.items[0].id = "err";
  a.barriers.items[0].name = "Error";
  PersonaResult p;
  p.id = "mobile";
  p.name = "Mobile";
  p.figures.customers = 12;
  p.figures.converted = 3;
  p.figures.stages.resize(3);
  r.personas.push_back(p);
  r.comparisons.push_back({"mobile", "rest", 12, 3, 18, 3, 0.0833, 0.6, 0.55, false, "", {}});
  return r;
}

AnalysisResult visits_result() {
  AnalysisResult r = base("visit");
  r.input.visits = 30;
  return r;
}

// --- Unit wording ---------------------------------------------------------

TEST(RenderVisitUnit, TextSaysVisits) {
  const std::string out = render_text(visits_result(), false);
  EXPECT_EQ(out.substr(0, out.find('\n')), "Shop · 100 events · 10 customers · 30 visits");
  EXPECT_TRUE(has(out, "Conversion  6 of 30 visits (20.0%)"));
  EXPECT_TRUE(has(out, "(of 30 visits)"));
  EXPECT_TRUE(has(out, "      visits   conv.  steps"));  // both path tables
  EXPECT_TRUE(has(out, "Personas                          visits  converted"));
  EXPECT_FALSE(has(out, "customers (")) << out;
  EXPECT_FALSE(has(out, " customers  ")) << out;
}

TEST(RenderVisitUnit, MarkdownSaysVisits) {
  const std::string md = render_markdown(visits_result());
  EXPECT_TRUE(has(md, "- **Customers:** 10\n- **Visits:** 30 (each journey is one visit)\n"));
  EXPECT_TRUE(has(md, "| Reached | % of visits |"));
  EXPECT_TRUE(has(md, "| Visits | Converted | Conversion rate | Steps |"));
  EXPECT_TRUE(has(md, "| Visits | Converted | Rate | Mean time to convert |"));
  EXPECT_TRUE(has(md, "\nVisits by the number of distinct barriers met"));
  EXPECT_TRUE(has(md, "| Barriers met | Visits | Converted |"));
  EXPECT_TRUE(has(md, "|  | All visits | Mobile |"));
  EXPECT_TRUE(has(md, "| Visits | 30 | 12 |"));
  EXPECT_TRUE(has(md, "| Mobile | Rest of visits | 3 / 12 (25.0%) | 3 / 18 (16.7%) |"));
  EXPECT_FALSE(has(md, "ustomers |")) << md;
}

// The customer unit keeps today's words, and no new section appears when
// there are no visits, periods or change scans.
TEST(RenderVisitUnit, CustomerUnitUnchanged) {
  AnalysisResult r = base("customer");
  r.input.visits = 30;  // visits counted, but journeys are customers
  const std::string out = render_text(r, false);
  EXPECT_EQ(out.substr(0, out.find('\n')), "Shop · 100 events · 10 customers");
  EXPECT_TRUE(has(out, "Conversion  6 of 30 customers (20.0%)"));
  EXPECT_TRUE(has(out, "(of 30 journeys)"));
  EXPECT_TRUE(has(out, "   customers   conv.  steps"));
  EXPECT_TRUE(has(out, "Personas                       customers  converted"));
  for (const char* section : {"Visits ", "Periods", "What changed"})
    EXPECT_FALSE(has(out, section)) << section;

  const std::string md = render_markdown(r);
  EXPECT_FALSE(has(md, "**Visits:**"));
  EXPECT_TRUE(has(md, "| Reached | % of customers |"));
  EXPECT_TRUE(has(md, "| Customers | Converted | Conversion rate | Steps |"));
  EXPECT_TRUE(has(md, "\nCustomers by the number of distinct barriers met"));
  EXPECT_TRUE(has(md, "|  | All customers | Mobile |"));
  EXPECT_TRUE(has(md, "| Mobile | Rest of customers |"));
  for (const char* section : {"## Visits", "## Periods", "## What changed"})
    EXPECT_FALSE(has(md, section)) << section;
}

// --- Visits -----------------------------------------------------------------

AnalysisResult with_visit_figures(const std::string& unit) {
  AnalysisResult r = base(unit);
  VisitFigures& v = r.all.visits;
  v.defined = true;
  v.visits = 30;
  v.customers = 10;
  v.visits_per_customer = {10, 3.0, 2, 6};
  v.visits_before_converting = {4, 2.5, 2, 4};
  v.by_visit_number = {{"1", 10, 1}, {"2", 8, 2}, {"3+", 12, 3}};
  return r;
}

TEST(RenderVisits, TextSection) {
  for (const char* unit : {"customer", "visit"}) {
    SCOPED_TRACE(unit);
    const std::string out = render_text(with_visit_figures(unit), false);
    EXPECT_TRUE(has(out,
                    "\nVisits      30 visits by 10 customers · per customer mean 3.0, median 2, "
                    "p90 6\n"
                    "            visits to convert: median 2, p90 4, mean 2.5 (4 customers who "
                    "converted)\n"
                    "  visit no.     visits  converted    rate\n"
                    "          1         10          1   10.0%\n"
                    "          2          8          2   25.0%\n"
                    "         3+         12          3   25.0%\n"))
        << out;
  }
}

TEST(RenderVisits, NobodyConvertedLeavesOutVisitsToConvert) {
  AnalysisResult r = with_visit_figures("visit");
  r.all.visits.visits_before_converting = {};
  const std::string out = render_text(r, false);
  EXPECT_TRUE(has(out, "Visits      30 visits"));
  EXPECT_FALSE(has(out, "visits to convert"));
}

TEST(RenderVisits, MarkdownSection) {
  const std::string md = render_markdown(with_visit_figures("customer"));
  EXPECT_TRUE(has(md,
                  "## Visits\n\n30 visits by 10 customers.\n\n"
                  "|  | Customers | Mean | Median | p90 |\n"
                  "|---|---:|---:|---:|---:|\n"
                  "| Visits per customer | 10 | 3.0 | 2 | 6 |\n"
                  "| Visits to the first conversion (customers who converted) | 4 | 2.5 | 2 | 4 |\n"
                  "\n### Conversion by visit number\n\n"
                  "| Visit | Visits | Converted | Rate |\n"
                  "|---:|---:|---:|---:|\n"
                  "| 1 | 10 | 1 | 10.0% |\n"
                  "| 2 | 8 | 2 | 25.0% |\n"
                  "| 3+ | 12 | 3 | 25.0% |\n"))
      << md;
}

// --- Periods ----------------------------------------------------------------

// One period: 200 visits, 10 converted (5.0%) against 800 and 80 (10.0%);
// Purchase entered by 10 of the 40 that reached Search (25.0%) against 60 of
// 100 (60.0%), significant; Search by 150 of 200 (75.0%) against 640 of 800
// (80.0%), not significant.
AnalysisResult with_period() {
  AnalysisResult r = visits_result();
  PeriodResult p;
  p.id = "incident";
  p.name = "Payment incident";
  p.from = "2025-04-07";
  p.to = "2025-04-27";
  p.figures.customers = 200;
  p.figures.converted = 10;
  r.periods.push_back(p);
  ConversionComparison c{"incident", "rest", 200, 10, 800, 80, -0.05, -2.4, 0.0004, true, "", {}};
  c.stages.push_back(
      {"incident", "rest", 200, 150, 800, 640, -0.05, -1.5, 0.12, false, "search", {}});
  c.stages.push_back({"incident", "rest", 40, 10, 100, 60, -0.35, -4.9, 1e-6, true, "buy", {}});
  r.comparisons.push_back(c);
  return r;
}

TEST(RenderPeriods, TextTableAndStageEntries) {
  const std::string out = render_text(with_period(), false);
  EXPECT_TRUE(has(out,
                  "\nPeriods                  from → to                   visits  converted    "
                  "rate  against the rest\n"
                  "  Payment incident       2025-04-07 → 2025-04-27        200         10    "
                  "5.0%  -5.0 pt, p < 0.001\n"
                  "  Payment incident, stage entry against the rest: Purchase 25.0% vs 60.0% "
                  "(-35.0 pt, p < 0.001)\n"))
      << out;
  EXPECT_FALSE(has(out, "Search 75.0%"));  // not significant
}

// Dates with times are cut in the table and written whole below the row.
TEST(RenderPeriods, LongDatesOnALineOfTheirOwn) {
  AnalysisResult r = with_period();
  r.periods[0].from = "2025-04-07T10:00:00+02:00";
  r.periods[0].to = "2025-04-27T18:30:00+02:00";
  const std::string out = render_text(r, false);
  EXPECT_TRUE(has(out, "  Payment incident       2025-04-07T10:00:00+02…        200"));
  EXPECT_TRUE(has(out, "\n    2025-04-07T10:00:00+02:00 → 2025-04-27T18:30:00+02:00\n")) << out;
}

TEST(RenderPeriods, MarkdownTableAndStageEntries) {
  const std::string md = render_markdown(with_period());
  EXPECT_TRUE(has(md,
                  "| Period | Id | From | To | Visits | Converted | Rate | Rest | Difference | p | "
                  "Significant |\n"
                  "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|\n"
                  "| **Payment incident** | **incident** | **2025-04-07** | **2025-04-27** | "
                  "**200** | **10** | **5.0%** | **80 / 800 (10.0%)** | **-5.0 pt** | "
                  "**p < 0.001** | **yes** |\n"))
      << md;
  EXPECT_TRUE(has(md,
                  "| Payment incident | Purchase | Search | 10 / 40 (25.0%) | 60 / 100 (60.0%) | "
                  "-35.0 pt | p < 0.001 |\n"))
      << md;
  EXPECT_FALSE(has(md, "| Payment incident | Search |"));
  EXPECT_TRUE(has(md, "entry rate (of the visits that reached the stage before) differed"));
  AnalysisResult customers = with_period();
  customers.unit = "customer";
  EXPECT_TRUE(has(render_markdown(customers),
                  "entry rate (of the customers who reached the stage before) differed"));
  // The persona comparisons table leaves the period out.
  const std::string personas = md.substr(md.find("### Conversion differences"));
  EXPECT_FALSE(has(personas.substr(0, personas.find("## Periods")), "incident"));
}

TEST(RenderPeriods, NoSignificantStageEntry) {
  AnalysisResult r = with_period();
  r.comparisons.back().stages.pop_back();
  r.comparisons.back().significant = false;
  r.comparisons.back().p_value = 0.0456;
  EXPECT_TRUE(has(render_markdown(r),
                  "No stage's entry rate differed significantly from the rest in any period."));
  const std::string out = render_text(r, false);
  EXPECT_TRUE(has(out, "5.0%  -5.0 pt, p = 0.046\n"));
  EXPECT_FALSE(has(out, "stage entry against the rest"));
}

// --- What changed -------------------------------------------------------------

Change drop() {
  Change c;
  c.stage = "buy";
  c.from = "2025-04-07";
  c.to = "2025-04-27";
  c.direction = "down";
  c.baseline_rate = 0.86;
  c.rate = 0.332;
  c.p_value = 1e-54;
  c.lost = 120.8;
  c.events = {{"payment_error", 0.49, 0.006, 72.7}, {"support_chat", 0.2, 0.08, 2.44}};
  return c;
}

Change rise() {
  Change c;
  c.stage = "search";
  c.from = c.to = "2025-05-01";
  c.direction = "up";
  c.baseline_rate = 0.3;
  c.rate = 0.386;
  c.p_value = 0.0123;
  c.lost = -102.2;
  return c;
}

TEST(RenderChanges, SentencesDownWithCausesAndUpWithout) {
  AnalysisResult r = visits_result();
  r.all.changes = {drop(), rise()};
  r.all.change_timelines.resize(2);
  const std::string down =
      "Purchase fell from 86.0% to 33.2% of the visits that reached Search, 2025-04-07 → "
      "2025-04-27 (p < 0.001), about 121 fewer visits reached Purchase; likely causes: "
      "payment_error (73× as frequent), support_chat (2.4× as frequent)";
  const std::string up =
      "Search rose from 30.0% to 38.6% of the visits that reached Awareness, on 2025-05-01 "
      "(p = 0.012), about 102 more visits reached Search";
  const std::string md = render_markdown(r);
  EXPECT_TRUE(has(md, "## What changed\n\n"));
  EXPECT_TRUE(has(md, "\n- " + down + "\n- " + up + "\n")) << md;

  const std::string out = render_text(r, false);
  const std::string flat = unwrapped(out);
  EXPECT_TRUE(has(flat, "  ▼ " + down + "\n")) << out;
  EXPECT_TRUE(has(flat, "  ▲ " + up + "\n")) << out;
  // Wrapped at spaces, never inside "p < 0.001" or "a → b".
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    size_t n = 0;
    for (unsigned char ch : line) n += (ch & 0xC0) != 0x80;
    EXPECT_LE(n, 100u) << line;
    EXPECT_FALSE(line.ends_with("<") || line.ends_with("→") || line.ends_with("=")) << line;
  }
}

TEST(RenderChanges, CustomerUnitOneCause) {
  AnalysisResult r = base("customer");
  Change c = drop();
  c.events.resize(1);
  r.all.changes = {c};
  EXPECT_TRUE(has(render_markdown(r),
                  "\n- Purchase fell from 86.0% to 33.2% of the customers who reached Search, "
                  "2025-04-07 → 2025-04-27 (p < 0.001), about 121 fewer customers reached "
                  "Purchase; likely cause: payment_error (73× as frequent)\n"));
}

TEST(RenderChanges, NoneFoundIsOneLine) {
  AnalysisResult r = visits_result();
  r.all.change_timelines.resize(2);  // the scan ran
  const std::string sentence =
      "No change found: no stage's daily entry rate (the share of the visits that reached the "
      "stage before) left its baseline.";
  EXPECT_TRUE(has(render_markdown(r), "## What changed\n\n" + sentence + "\n"));
  EXPECT_TRUE(has(unwrapped(render_text(r, false)), "What changed  " + sentence));
}

TEST(RenderChanges, HostileCauseIsEscaped) {
  AnalysisResult r = visits_result();
  Change c = drop();
  c.events = {{"<img src=x>|`", 0.5, 0.01, 12}};
  r.all.changes = {c};
  const std::string md = render_markdown(r);
  EXPECT_FALSE(has(md, "<img"));
  EXPECT_TRUE(has(md, "likely cause: &lt;img src=x&gt;\\|\\` (12× as frequent)")) << md;
  c.events = {{"\x1b[2Jx", 0.5, 0.01, 12}};
  r.all.changes = {c};
  EXPECT_FALSE(has(render_text(r, false), "\x1b"));
}

// Long names from the spec or the data, and huge counts, stay within 100
// columns in every new section, with or without colour.
TEST(RenderChanges, NewSectionsFitIn100Columns) {
  AnalysisResult r = with_period();
  const std::string long_name(300, 'x');
  r.stages[2].name = long_name;
  r.periods[0].name = long_name;
  r.periods[0].figures.customers = 18446744073709551615ULL;
  VisitFigures& v = r.all.visits;
  v.defined = true;
  v.visits = v.customers = 18446744073709551615ULL;
  v.visits_per_customer = {5, 1e12, 1e12, 1e12};
  v.visits_before_converting = {5, 1e12, 1e12, 1e12};
  v.by_visit_number = {{long_name, 18446744073709551615ULL, 18446744073709551615ULL}};
  Change c = drop();
  c.events = {{long_name, 0.5, 0.01, 1e300}, {long_name + " " + long_name, 0.5, 0.01, 3}};
  r.all.changes = {c, c};
  for (const bool color : {false, true}) {
    std::istringstream lines(render_text(r, color));
    std::string line;
    size_t n = 0;
    while (std::getline(lines, line)) {
      ++n;
      std::string visible;
      for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\x1b') {
          i = line.find('m', i);
          ASSERT_NE(i, std::string::npos) << line;
          continue;
        }
        visible += line[i];
      }
      size_t columns = 0;
      for (unsigned char ch : visible) columns += (ch & 0xC0) != 0x80;
      EXPECT_LE(columns, 100u) << visible;
    }
    EXPECT_GT(n, 30u);
  }
}

}  // namespace
}  // namespace cjm
