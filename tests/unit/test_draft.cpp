// cjm init's guesses (src/draft/): columns from names and from contents, the
// event statistics and the stage cut on hand-made inputs with hand-computed
// answers, the conversion choice, and on generator data (known truth) the
// stage order and the stages recovered (Kendall tau and adjusted Rand index
// against the generator's spec), the columns and the conversion, in both
// generator modes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "adjusted_rand.h"
#include "app/run_init.h"
#include "core/error.h"
#include "draft/columns.h"
#include "draft/stages.h"
#include "generate/generator.h"
#include "journey/journeys.h"
#include "reader/read_sample.h"
#include "spec/journey_spec.h"

namespace cjm {
namespace {

namespace fs = std::filesystem;

RawSample sample_of(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows) {
  RawSample s;
  s.columns = std::move(columns);
  s.rows = std::move(rows);
  return s;
}

std::string error_of(const RawSample& s) {
  try {
    guess_columns(s, "log.csv");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Writes `content` to a temporary file named `name`; returns its path.
std::string temp_file(const std::string& name, const std::string& content) {
  const fs::path p = fs::temp_directory_path() / ("cjm_draft_" + std::to_string(::getpid()) + name);
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

// The sample reads fields as the readers do: a byte order mark, CRLF,
// quoted fields with delimiters, quotes and newlines; TSV; JSON Lines with
// keys that appear later, numbers as written, and lines that are not objects
// skipped. It stops at max_rows.
TEST(DraftSampleTest, ReadsFieldsLikeTheReaders) {
  const std::string csv = temp_file(".csv",
                                    "\xEF\xBB\xBF"
                                    "customer_id,timestamp,event\r\n"
                                    "a,2025-01-01,\"x, \"\"quoted\"\"\nline\"\r\n"
                                    "\r\n"
                                    "b,2025-01-02,y\r\n"
                                    "c,2025-01-03,z\r\n");
  RawSample s = read_sample(csv, "x.csv", InputFormat::kAuto, 2);
  fs::remove(csv);
  EXPECT_EQ(s.format, InputFormat::kCsv);
  EXPECT_EQ(s.columns, (std::vector<std::string>{"customer_id", "timestamp", "event"}));
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0][2], "x, \"quoted\"\nline");
  EXPECT_EQ(s.rows[1], (std::vector<std::string>{"b", "2025-01-02", "y"}));

  const std::string tsv = temp_file(".tsv", "user\tts\taction\nu1\t1735689600\topen\n");
  s = read_sample(tsv, "x.tsv", InputFormat::kAuto, 10);
  fs::remove(tsv);
  EXPECT_EQ(s.format, InputFormat::kTsv);
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(s.rows[0][1], "1735689600");

  const std::string jsonl = temp_file(".log",
                                      "{\"u\":\"a\",\"t\":1735689600}\n"
                                      "not json\n"
                                      "[1,2]\n"
                                      "{\"u\":\"b\",\"e\":\"pay\",\"v\":9.5,\"ok\":true}\n");
  s = read_sample(jsonl, "x.log", InputFormat::kAuto, 10);
  fs::remove(jsonl);
  EXPECT_EQ(s.format, InputFormat::kJsonl);
  EXPECT_EQ(s.columns, (std::vector<std::string>{"u", "t", "e", "v", "ok"}));
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0], (std::vector<std::string>{"a", "1735689600", "", "", ""}));
  EXPECT_EQ(s.rows[1], (std::vector<std::string>{"b", "", "pay", "9.5", "true"}));

  const std::string empty = temp_file(".csv", "");
  EXPECT_THROW(read_sample(empty, "e.csv", InputFormat::kAuto, 10), Error);
  fs::remove(empty);
}

TEST(DraftColumnsTest, FindsRolesByTheirCommonNames) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 40; ++i)
    rows.push_back({"u" + std::to_string(i % 7), std::to_string(1735689600000 + i * 1000),
                    i % 3 ? "view" : "buy", "s" + std::to_string(i % 14), i % 2 ? "ads" : "seo",
                    i % 3 ? "" : "12.50", std::to_string(1 + i % 5), i % 2 ? "pro" : "free"});
  const RawSample s =
      sample_of({"userId", "ts", "Action", "sid", "utm_source", "revenue", "CSAT", "plan"}, rows);
  const ColumnGuess g = guess_columns(s, "log.csv");
  EXPECT_EQ(g.data.customer, "userId");
  EXPECT_EQ(g.data.time, "ts");
  EXPECT_EQ(g.data.time_format, "epoch_ms");
  EXPECT_EQ(g.data.event, "Action");
  EXPECT_EQ(g.data.session, "sid");
  EXPECT_EQ(g.data.channel, "utm_source");
  EXPECT_EQ(g.data.value, "revenue");
  EXPECT_EQ(g.data.score, "CSAT");
  EXPECT_NE(g.time.why.find("epoch milliseconds in 40 of 40"), std::string::npos) << g.time.why;
}

// Unnamed columns: the time reads as a time; the customer is the id-like
// column not nested in another (the session is nested in it); the event
// changes between a customer's rows, the attribute (`k`) never does.
TEST(DraftColumnsTest, FindsRolesByContent) {
  std::vector<std::vector<std::string>> rows;
  const char* events[] = {"home", "search", "product", "cart", "pay"};
  for (int i = 0; i < 600; ++i) {
    const int customer = i % 20, visit = (i / 20) % 3;
    rows.push_back({"x" + std::to_string(customer * 10 + visit),
                    "2025-01-01T10:00:" + std::to_string(10 + i % 50) + "Z", events[(i / 20) % 5],
                    "c" + std::to_string(customer), customer % 2 ? "north" : "south"});
  }
  const ColumnGuess g = guess_columns(sample_of({"a", "b", "c", "d", "k"}, rows), "log.csv");
  EXPECT_EQ(g.data.time, "b");
  EXPECT_EQ(g.data.customer, "d");
  EXPECT_EQ(g.data.event, "c");
  EXPECT_EQ(g.data.session, "a");
  EXPECT_NE(g.event.why.find("changes in 100 %"), std::string::npos) << g.event.why;
  // No optional role named: each maps to a column that does not exist.
  EXPECT_EQ(g.channel.column, "");
  EXPECT_NE(g.data.value.find("no value column"), std::string::npos);
}

TEST(DraftColumnsTest, RefusesLogsWithoutTimeCustomerOrRows) {
  EXPECT_NE(error_of(sample_of({"customer_id", "event"}, {})).find("no data rows"),
            std::string::npos);
  // Small numbers are no epoch times; a date that does not exist is no time.
  const std::string no_time = error_of(sample_of(
      {"customer_id", "when", "event", "score"},
      {{"a", "2025-02-30", "x", "4"}, {"b", "yesterday", "y", "5"}, {"a", "z", "x", "3"}}));
  EXPECT_NE(no_time.find("log.csv: no column reads as a time"), std::string::npos) << no_time;
  EXPECT_NE(no_time.find("'when' holds '2025-02-30'"), std::string::npos) << no_time;
  const std::string no_customer =
      error_of(sample_of({"timestamp", "event"}, {{"2025-01-01", "a"}, {"2025-01-02", "b"}}));
  EXPECT_NE(no_customer.find("log.csv: no plausible customer column"), std::string::npos)
      << no_customer;
}

// Hand-computed: a's journey x y x z meets x, y, z first in that order; b's
// y z; c's only z (no pair). x comes before both names it meets (position
// 0); y after x (1) and before z in both shared customers (0): 0.5; z after
// both: 1. A pair whose shares are 50 % counts half.
// Appends an event of customer `who` at `time` to `t`.
void add_event(EventTable& t, const char* who, int64_t time, const char* ev) {
  t.customer.push_back(t.customers.intern(who));
  t.time_us.push_back(time);
  t.event.push_back(t.events.intern(ev));
}

TEST(DraftStatsTest, PositionsComeFromThePrecedenceOfFirstOccurrences) {
  EventTable t;
  auto add = [&](const char* who, int64_t time, const char* ev) { add_event(t, who, time, ev); };
  add("a", 1, "x");
  add("b", 1, "y");
  add("a", 2, "y");
  add("a", 3, "x");
  add("b", 2, "z");
  add("a", 4, "z");
  add("c", 1, "z");
  const Journeys j = build_journeys(t);
  const std::vector<EventStats> s = event_stats(t, j);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].name, "x");
  EXPECT_EQ(s[0].rows, 2u);
  EXPECT_EQ(s[0].journeys, 1u);
  EXPECT_DOUBLE_EQ(s[0].position, 0.0);
  EXPECT_EQ(s[0].positioned, 1u);
  EXPECT_EQ(s[1].positioned, 2u);
  EXPECT_DOUBLE_EQ(s[1].position, 0.5);
  EXPECT_EQ(s[2].journeys, 3u);
  EXPECT_EQ(s[2].positioned, 2u);
  EXPECT_EQ(s[2].last_in, 3u);
  EXPECT_DOUBLE_EQ(s[2].position, 1.0);
  // Two customers meeting p, q in opposite orders: 50 % each way, half a verdict.
  EventTable u;
  auto put = [&](const char* who, int64_t time, const char* ev) { add_event(u, who, time, ev); };
  put("a", 1, "p");
  put("a", 2, "q");
  put("b", 1, "q");
  put("b", 2, "p");
  const std::vector<EventStats> h = event_stats(u, build_journeys(u));
  EXPECT_DOUBLE_EQ(h[0].position, 0.5);
  EXPECT_DOUBLE_EQ(h[1].position, 0.5);
}

EventStats stat(const std::string& name, uint64_t rows, double position) {
  EventStats s;
  s.name = name;
  s.rows = rows;
  s.journeys = rows;
  s.positioned = rows;
  s.position = position;
  return s;
}

// Positions 0, 0.05 | 0.5, 0.55 | 1: three groups, by hand the least sum of
// squares; the rare name (below 0.1 %) joins the nearest stage; K from the
// data is 3 (explains > 90 %: the 3-cut leaves 2 x 0.00125 of 0.673; the best 2-cut leaves 0.153).
TEST(DraftStagesTest, CutsPositionsIntoGroups) {
  std::vector<EventStats> s = {stat("Ad View", 1000, 0.0), stat("search", 900, 0.05),
                               stat("cart", 800, 0.5),     stat("pay", 700, 0.55),
                               stat("review", 600, 1.0),   stat("rare", 1, 0.6)};
  StageOptions o;
  const StagePlan p = plan_stages(s, o);
  ASSERT_EQ(p.stages.size(), 3u);
  EXPECT_EQ(p.stages[0].events, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(p.stages[1].events, (std::vector<size_t>{2, 3, 5}));
  EXPECT_EQ(p.stages[2].events, (std::vector<size_t>{4}));
  EXPECT_EQ(p.stages[0].id, "ad_view");
  EXPECT_EQ(p.stages[0].name, "Ad View, search");
  EXPECT_EQ(p.rare, (std::vector<size_t>{5}));
  o.k = 2;
  EXPECT_EQ(plan_stages(s, o).stages[0].events, (std::vector<size_t>{0, 1}));
  o.k = 9;  // more than the names: one per clustered name
  EXPECT_EQ(plan_stages(s, o).stages.size(), 5u);
  o.k = 0;
  o.max_names = 4;
  EXPECT_EQ(plan_stages(s, o).left_out, (std::vector<size_t>{4, 5}));
}

TEST(DraftConversionTest, PrefersLateOnceValuedEvents) {
  std::vector<EventStats> s = {stat("view", 100, 0.1), stat("pay", 40, 0.7),
                               stat("payment_failed", 10, 0.8), stat("review", 30, 0.95)};
  s[1].valued = 40;
  s[1].last_in = 10;
  s[2].last_in = 5;
  s[3].last_in = 30;
  EXPECT_EQ(choose_conversion(s, 100, true).event, 1);
  // Without values, the review ends every journey it is in.
  EXPECT_EQ(choose_conversion(s, 100, false).event, 3);
  for (auto& e : s) e.position = 0.2;
  const ConversionChoice none = choose_conversion(s, 100, false);
  EXPECT_EQ(none.event, -1);
  EXPECT_NE(none.evidence.find("no event qualifies"), std::string::npos);
}

double adjusted_rand(const std::vector<int>& a, const std::vector<int>& b) {
  return testing::adjusted_rand(a, b);
}

// Kendall's tau-b of two rankings of the same items (ties in either allowed).
double kendall_tau_b(const std::vector<int>& x, const std::vector<double>& y) {
  double concordant = 0, discordant = 0, pairs = 0, ties_x = 0, ties_y = 0;
  for (size_t i = 0; i < x.size(); ++i)
    for (size_t k = i + 1; k < x.size(); ++k) {
      ++pairs;
      const int sx = (x[i] > x[k]) - (x[i] < x[k]);
      const int sy = (y[i] > y[k]) - (y[i] < y[k]);
      ties_x += sx == 0;
      ties_y += sy == 0;
      if (sx * sy > 0) ++concordant;
      if (sx * sy < 0) ++discordant;
    }
  return (concordant - discordant) / std::sqrt((pairs - ties_x) * (pairs - ties_y));
}

TEST(DraftStagesTest, AdjustedRandIndexByHand) {
  EXPECT_DOUBLE_EQ(adjusted_rand({0, 0, 1, 1}, {5, 5, 7, 7}), 1.0);
  // a = 0 0 1 1, b = 0 1 1 1: pairs together in both 1, in a 2, in b 3,
  // expected 2 x 3 / 6 = 1: (1 - 1) / (2.5 - 1) = 0.
  EXPECT_DOUBLE_EQ(adjusted_rand({0, 0, 1, 1}, {0, 1, 1, 1}), 0.0);
  // Tau-b: x = 0 0 1, y = 1 2 3: pairs (0,1) tied in x, (0,2) and (1,2)
  // concordant: 2 / sqrt(2 x 3).
  EXPECT_DOUBLE_EQ(kendall_tau_b({0, 0, 1}, {1, 2, 3}), 2 / std::sqrt(6.0));
}

class DraftGeneratorTest : public ::testing::TestWithParam<bool> {};

// On generator data the draft finds the columns, `purchase` as the
// conversion, and at the true K stages that agree with the generator's
// spec: the names in the generator's stage order (Kendall tau-b >= 0.7) and,
// in the default mode, the stages (adjusted Rand index over the event names
// >= 0.6; 0.745 measured; in the visits mode 0.45, held at >= 0.4).
TEST_P(DraftGeneratorTest, RecoversColumnsStagesAndConversion) {
  GeneratorOptions g;
  g.customers = 20000;
  g.sessions = GetParam();
  const fs::path file = fs::temp_directory_path() / ("cjm_draft_" + std::to_string(::getpid()) +
                                                     (g.sessions ? "_v" : "_d") + ".csv");
  {
    std::ofstream out(file);
    generate_events(g, out);
  }
  const JourneySpec truth = parse_spec(generator_spec_yaml(g), "truth.yaml");
  InitOptions o;
  o.events_path = file.string();
  o.stages = truth.stages.size();
  o.report_to_stderr = false;
  const InitResult r = run_init(o);
  fs::remove(file);
  const Draft& d = r.draft;
  EXPECT_EQ(d.columns.data.customer, "customer_id");
  EXPECT_EQ(d.columns.data.time, "timestamp");
  EXPECT_EQ(d.columns.data.event, "event");
  EXPECT_EQ(d.columns.data.channel, "channel");
  EXPECT_EQ(d.columns.data.value, "value");
  EXPECT_EQ(d.columns.data.score, "score");
  EXPECT_EQ(d.columns.data.session, g.sessions ? "session_id" : "");
  ASSERT_GE(d.conversion.event, 0);
  EXPECT_EQ(d.stats[static_cast<size_t>(d.conversion.event)].name, "purchase");

  std::map<std::string, int> true_stage;
  for (size_t s = 0; s < truth.stages.size(); ++s)
    for (const std::string& e : truth.stages[s].events) true_stage[e] = static_cast<int>(s);
  std::vector<int> a, b;
  std::vector<double> position;
  ASSERT_EQ(d.stages.stages.size(), truth.stages.size());
  for (size_t s = 0; s < d.stages.stages.size(); ++s)
    for (size_t e : d.stages.stages[s].events) {
      ASSERT_TRUE(true_stage.count(d.stats[e].name)) << d.stats[e].name;
      a.push_back(true_stage[d.stats[e].name]);
      b.push_back(static_cast<int>(s));
      position.push_back(d.stats[e].position);
    }
  EXPECT_EQ(a.size(), true_stage.size());  // every event name in a stage
  const double ari = adjusted_rand(a, b), tau = kendall_tau_b(a, position);
  std::cerr << "adjusted Rand index " << ari << ", Kendall tau-b " << tau << "\n";
  // The order of the names follows the generator's stage order in both modes.
  EXPECT_GE(tau, 0.7);
  // The stages themselves in the default mode; in the visits mode each visit
  // runs through several stages, the names' positions are evenly spread, and
  // the cut into stages is weaker (docs/methods.md, "Drafting a spec").
  EXPECT_GE(ari, g.sessions ? 0.4 : 0.6);

  // The persona column of the generator gives one persona per persona.
  int personas = 0;
  for (const auto& p : d.personas.personas) personas += p.column == "persona";
  EXPECT_EQ(personas, 3);
  // The draft is a spec that parses.
  EXPECT_NO_THROW(parse_spec(r.yaml, "draft.yaml"));
}

INSTANTIATE_TEST_SUITE_P(BothModes, DraftGeneratorTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Visits" : "Customers"; });

}  // namespace
}  // namespace cjm
