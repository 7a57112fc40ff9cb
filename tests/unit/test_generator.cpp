// Tests of the synthetic journey generator against docs/generator.md.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "generate/generator.h"
#include "spec/journey_spec.h"
#include "visit_rows.h"

namespace {

struct CsvRow {
  std::string customer, timestamp, event, channel, value, score, persona, region, device;
};

struct Generated {
  std::string text;
  std::string header;
  std::vector<CsvRow> rows;
  cjm::GeneratorStats stats;
};

std::vector<std::string> split(const std::string& line) {
  return cjm::testing::split_commas(line);
}

Generated generate(const cjm::GeneratorOptions& o) {
  Generated g;
  std::ostringstream out;
  g.stats = cjm::generate_events(o, out);
  g.text = out.str();
  std::istringstream in(g.text);
  std::string line;
  std::getline(in, g.header);
  while (std::getline(in, line)) {
    const auto f = split(line);
    EXPECT_EQ(f.size(), 9u) << line;
    if (f.size() != 9) continue;
    g.rows.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]});
  }
  return g;
}

// The stage of each event, written here independently of the generator.
const std::map<std::string, int>& stage_of() {
  static const std::map<std::string, int> m = {
      {"ad_view", 0},         {"social_post", 0},    {"friend_referral", 0}, {"search_query", 1},
      {"site_visit", 1},      {"review_read", 1},    {"compare_view", 2},    {"price_check", 2},
      {"call_centre", 2},     {"price_shock", 2},    {"add_to_cart", 3},     {"checkout_start", 3},
      {"purchase", 3},        {"payment_failed", 3}, {"delivery", 4},        {"product_use", 4},
      {"support_contact", 4}, {"delivery_delay", 4}, {"review_written", 5},  {"recommend", 5},
      {"repeat_visit", 5},
  };
  return m;
}

// Each customer's rows in file (= time) order. Points into `g`, which must
// outlive the result.
using Rows = std::vector<const CsvRow*>;
std::unordered_map<std::string, Rows> by_customer(const Generated& g) {
  std::unordered_map<std::string, Rows> m;
  for (const auto& r : g.rows) m[r.customer].push_back(&r);
  return m;
}
std::unordered_map<std::string, Rows> by_customer(Generated&&) = delete;

// Collapsed stage sequence of one customer.
std::vector<int> stages(const Rows& rows) {
  std::vector<int> s;
  for (const CsvRow* r : rows) {
    const int st = stage_of().at(r->event);
    if (s.empty() || s.back() != st) s.push_back(st);
  }
  return s;
}

bool has_backward(const std::vector<int>& s) {
  for (size_t i = 1; i < s.size(); ++i)
    if (s[i] < s[i - 1]) return true;
  return false;
}

bool has_skip(const std::vector<int>& s) {
  for (size_t i = 1; i < s.size(); ++i)
    if (s[i] > s[i - 1] + 1) return true;
  return false;
}

cjm::GeneratorOptions small(uint64_t customers = 2000) {
  cjm::GeneratorOptions o;
  o.customers = customers;
  return o;
}

TEST(GeneratorTest, DeterministicForSeed) {
  auto o = small(1500);
  const std::string a = generate(o).text;
  const std::string b = generate(o).text;
  EXPECT_EQ(a, b);
  o.seed = 2;
  EXPECT_NE(a, generate(o).text);
}

TEST(GeneratorTest, EarlierCustomersDoNotDependOnCustomerCount) {
  // Each customer has its own random stream: customer c1 is the same whether
  // 100 or 200 customers are generated.
  const auto ga = generate(small(100));
  const auto gb = generate(small(200));
  const auto a = by_customer(ga);
  const auto b = by_customer(gb);
  const auto& ra = a.at("c1");
  const auto& rb = b.at("c1");
  ASSERT_EQ(ra.size(), rb.size());
  for (size_t i = 0; i < ra.size(); ++i) {
    EXPECT_EQ(ra[i]->timestamp, rb[i]->timestamp);
    EXPECT_EQ(ra[i]->event, rb[i]->event);
  }
}

TEST(GeneratorTest, HeaderOrderAndFields) {
  const auto g = generate(small(3000));
  EXPECT_EQ(g.header, "customer_id,timestamp,event,channel,value,score,persona,region,device");
  ASSERT_FALSE(g.rows.empty());
  EXPECT_EQ(g.stats.events, g.rows.size());
  EXPECT_EQ(g.stats.customers, 3000u);

  const std::set<std::string> personas = {"bargain_hunter", "loyal_fan", "busy_pro"};
  const std::set<std::string> regions = {"north", "south", "east", "west"};
  const std::set<std::string> devices = {"mobile", "desktop"};
  const std::set<std::string> channels = {"display",   "social",      "word_of_mouth", "search",
                                          "web",       "review_site", "phone",         "shop",
                                          "logistics", "app"};
  std::set<std::string> customers, buyers;
  int scored = 0;
  for (size_t i = 0; i < g.rows.size(); ++i) {
    const auto& r = g.rows[i];
    customers.insert(r.customer);
    ASSERT_EQ(r.timestamp.size(), 20u) << r.timestamp;
    EXPECT_EQ(r.timestamp[10], 'T');
    EXPECT_EQ(r.timestamp[19], 'Z');
    if (i > 0) {
      EXPECT_LE(g.rows[i - 1].timestamp, r.timestamp) << "row " << i;
    }
    EXPECT_TRUE(stage_of().count(r.event)) << r.event;
    EXPECT_TRUE(channels.count(r.channel)) << r.channel;
    if (r.event == "purchase") {
      buyers.insert(r.customer);
      ASSERT_FALSE(r.value.empty());
      const double v = std::stod(r.value);
      EXPECT_GE(v, 20.0);
      EXPECT_LE(v, 300.0);
      EXPECT_TRUE(r.channel == "web" || r.channel == "shop");
    } else {
      EXPECT_TRUE(r.value.empty()) << r.event << " has value " << r.value;
    }
    if (!r.score.empty()) {
      ++scored;
      ASSERT_EQ(r.score.size(), 1u);
      EXPECT_GE(r.score[0], '1');
      EXPECT_LE(r.score[0], '5');
    }
    EXPECT_TRUE(personas.count(r.persona)) << r.persona;
    EXPECT_TRUE(regions.count(r.region)) << r.region;
    EXPECT_TRUE(devices.count(r.device)) << r.device;
  }
  EXPECT_EQ(customers.size(), 3000u);
  EXPECT_EQ(g.stats.converted, buyers.size());
  // About 30% of events carry a score (barrier events more often).
  const double rate = static_cast<double>(scored) / static_cast<double>(g.rows.size());
  EXPECT_GT(rate, 0.25);
  EXPECT_LT(rate, 0.40);
}

TEST(GeneratorTest, TimesStartAtStartAndSpreadOverDays) {
  auto o = small(2000);
  o.start = "2024-06-01T00:00:00Z";
  o.days = 10;
  const auto g = generate(o);
  EXPECT_GE(g.rows.front().timestamp, "2024-06-01T00:00:00Z");
  EXPECT_LT(g.rows.front().timestamp, "2024-06-02T00:00:00Z");
  // First events (arrivals) fall within the 10 days.
  for (const auto& [c, rows] : by_customer(g)) {
    EXPECT_LT(rows.front()->timestamp, "2024-06-11T00:00:00Z") << c;
  }
}

TEST(GeneratorTest, NoLoopNoSkipIsLinear) {
  auto o = small(3000);
  o.loop_back = 0;
  o.skip = 0;
  o.repeat = 0;
  const auto g = generate(o);
  for (const auto& [c, rows] : by_customer(g)) {
    const auto s = stages(rows);
    ASSERT_FALSE(s.empty());
    EXPECT_LE(s.front(), 1) << c;  // entry: aware or research
    for (size_t i = 1; i < s.size(); ++i) {
      EXPECT_EQ(s[i], s[i - 1] + 1) << c;
    }
  }
}

TEST(GeneratorTest, LoopBackMakesBackwardJourneys) {
  auto o = small(3000);
  o.loop_back = 0.6;
  o.repeat = 0;
  const auto g = generate(o);
  int backward = 0;
  const auto customers = by_customer(g);
  for (const auto& [c, rows] : customers) backward += has_backward(stages(rows)) ? 1 : 0;
  EXPECT_GT(backward, static_cast<int>(customers.size()) / 3);

  o.loop_back = 0;
  int none = 0;
  const auto g1 = generate(o);
  for (const auto& [c, rows] : by_customer(g1)) none += has_backward(stages(rows));
  EXPECT_EQ(none, 0);
}

TEST(GeneratorTest, SkipMakesSkippingJourneys) {
  auto o = small(3000);
  o.skip = 0.5;
  int skipping = 0;
  const auto g2 = generate(o);
  for (const auto& [c, rows] : by_customer(g2)) skipping += has_skip(stages(rows));
  EXPECT_GT(skipping, 3000 / 4);

  o.skip = 0;
  o.loop_back = 0.3;
  int none = 0;
  const auto g3 = generate(o);
  for (const auto& [c, rows] : by_customer(g3)) none += has_skip(stages(rows));
  EXPECT_EQ(none, 0);
}

TEST(GeneratorTest, RepeatGivesSecondPurchases) {
  auto o = small(3000);
  o.repeat = 0;
  const auto g4 = generate(o);
  for (const auto& [c, rows] : by_customer(g4)) {
    int purchases = 0;
    for (const CsvRow* r : rows) purchases += r->event == "purchase";
    EXPECT_LE(purchases, 1) << c;
  }
  o.repeat = 0.8;
  int repeaters = 0;
  const auto g5 = generate(o);
  for (const auto& [c, rows] : by_customer(g5)) {
    int purchases = 0;
    for (const CsvRow* r : rows) purchases += r->event == "purchase";
    EXPECT_LE(purchases, 4) << c;
    repeaters += purchases > 1;
  }
  EXPECT_GT(repeaters, 300);
}

TEST(GeneratorTest, BarriersLowerConversion) {
  auto o = small(20000);
  o.barrier_exit = 0.9;
  const auto g = generate(o);
  int with = 0, with_conv = 0, without = 0, without_conv = 0;
  for (const auto& [c, rows] : by_customer(g)) {
    bool barrier = false, converted = false;
    for (const CsvRow* r : rows) {
      if (r->event == "purchase") {
        converted = true;
        break;
      }
      if (r->event == "price_shock" || r->event == "payment_failed") barrier = true;
    }
    (barrier ? with : without) += 1;
    (barrier ? with_conv : without_conv) += converted;
  }
  ASSERT_GT(with, 500);
  ASSERT_GT(without, 500);
  const double rate_with = static_cast<double>(with_conv) / with;
  const double rate_without = static_cast<double>(without_conv) / without;
  EXPECT_LT(rate_with + 0.25, rate_without) << rate_with << " vs " << rate_without;
}

TEST(GeneratorTest, BarriersLowerScores) {
  const auto g = generate(small(10000));
  double sum_barrier = 0, sum_other = 0;
  int n_barrier = 0, n_other = 0;
  for (const auto& r : g.rows) {
    if (r.score.empty()) continue;
    const int s = r.score[0] - '0';
    if (r.event == "price_shock" || r.event == "payment_failed" || r.event == "delivery_delay") {
      sum_barrier += s;
      ++n_barrier;
    } else {
      sum_other += s;
      ++n_other;
    }
  }
  ASSERT_GT(n_barrier, 100);
  EXPECT_LT(sum_barrier / n_barrier + 1.0, sum_other / n_other);
}

TEST(GeneratorTest, PersonasDiffer) {
  const auto g = generate(small(10000));
  struct Tally {
    int customers = 0, converted = 0, compare_events = 0, skipping = 0;
    double value = 0;
    int purchases = 0;
  };
  std::map<std::string, Tally> t;
  for (const auto& [c, rows] : by_customer(g)) {
    Tally& x = t[rows.front()->persona];
    ++x.customers;
    bool converted = false;
    for (const CsvRow* r : rows) {
      if (stage_of().at(r->event) == 2) ++x.compare_events;
      if (r->event == "purchase") {
        converted = true;
        x.value += std::stod(r->value);
        ++x.purchases;
      }
    }
    x.converted += converted;
    x.skipping += has_skip(stages(rows));
  }
  ASSERT_EQ(t.size(), 3u);
  auto conv = [&](const std::string& p) {
    return static_cast<double>(t[p].converted) / t[p].customers;
  };
  auto per = [&](const std::string& p, int Tally::*f) {
    return static_cast<double>(t[p].*f) / t[p].customers;
  };
  auto mean_value = [&](const std::string& p) { return t[p].value / t[p].purchases; };
  // Loyal fans convert most, bargain hunters compare most, busy pros skip most.
  EXPECT_GT(conv("loyal_fan"), conv("bargain_hunter"));
  EXPECT_GT(conv("loyal_fan"), conv("busy_pro"));
  EXPECT_GT(per("bargain_hunter", &Tally::compare_events),
            per("loyal_fan", &Tally::compare_events));
  EXPECT_GT(per("bargain_hunter", &Tally::compare_events), per("busy_pro", &Tally::compare_events));
  EXPECT_GT(per("busy_pro", &Tally::skipping), per("bargain_hunter", &Tally::skipping));
  EXPECT_GT(per("busy_pro", &Tally::skipping), per("loyal_fan", &Tally::skipping));
  // Bargain hunters spend least.
  EXPECT_LT(mean_value("bargain_hunter"), mean_value("loyal_fan"));
  EXPECT_LT(mean_value("bargain_hunter"), mean_value("busy_pro"));
  // Shares 40/25/35 %.
  EXPECT_NEAR(t["bargain_hunter"].customers / 10000.0, 0.40, 0.02);
  EXPECT_NEAR(t["loyal_fan"].customers / 10000.0, 0.25, 0.02);
  EXPECT_NEAR(t["busy_pro"].customers / 10000.0, 0.35, 0.02);
}

TEST(GeneratorTest, SessionsAndStageGaps) {
  // Within a stage step events are minutes apart (< 30 min); a new stage step
  // starts at least an hour later.
  auto o = small(500);
  o.repeat = 0;
  const auto g = generate(o);
  // ISO seconds of day are enough here: compare via a simple parse.
  auto secs = [](const std::string& ts) {
    const int y = std::stoi(ts.substr(0, 4)), m = std::stoi(ts.substr(5, 2)),
              d = std::stoi(ts.substr(8, 2));
    // Days from civil (Howard Hinnant), enough for ordering and differences.
    const int yy = y - (m <= 2);
    const int era = yy / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const long days = era * 146097L + doe - 719468L;
    return days * 86400 + std::stoi(ts.substr(11, 2)) * 3600 + std::stoi(ts.substr(14, 2)) * 60 +
           std::stoi(ts.substr(17, 2));
  };
  for (const auto& [c, rows] : by_customer(g)) {
    for (size_t i = 1; i < rows.size(); ++i) {
      const long gap = secs(rows[i]->timestamp) - secs(rows[i - 1]->timestamp);
      EXPECT_GT(gap, 0) << c;
      EXPECT_TRUE(gap <= 600 || gap >= 3600) << c << " gap " << gap;
    }
  }
}

TEST(GeneratorTest, ZeroCustomersWritesHeaderOnly) {
  const auto g = generate(small(0));
  EXPECT_EQ(g.text, "customer_id,timestamp,event,channel,value,score,persona,region,device\n");
  EXPECT_EQ(g.stats.events, 0u);
}

TEST(GeneratorTest, RejectsBadOptions) {
  std::ostringstream out;
  auto o = small(10);
  o.loop_back = 1.5;
  EXPECT_THROW(cjm::generate_events(o, out), cjm::Error);
  o = small(10);
  o.days = 0;
  EXPECT_THROW(cjm::generate_events(o, out), cjm::Error);
  o = small(10);
  o.start = "not a time";
  EXPECT_THROW(cjm::generate_events(o, out), cjm::Error);
}

TEST(GeneratorTest, ExampleSpecMatchesGeneratorSpec) {
  std::ifstream in(std::string(CJM_SOURCE_DIR) + "/examples/shop/journey.yaml", std::ios::binary);
  ASSERT_TRUE(in) << "examples/shop/journey.yaml missing";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), cjm::generator_spec_yaml());
}

TEST(GeneratorTest, SpecParsesAndMapsEveryEvent) {
  const cjm::JourneySpec spec = cjm::parse_spec(cjm::generator_spec_yaml(), "journey.yaml");
  ASSERT_EQ(spec.stages.size(), 6u);
  const std::vector<std::string> ids = {"aware",    "research", "compare",
                                        "purchase", "use",      "advocacy"};
  std::map<std::string, int> mapped;
  for (size_t k = 0; k < spec.stages.size(); ++k) {
    EXPECT_EQ(spec.stages[k].id, ids[k]);
    EXPECT_FALSE(spec.stages[k].goal.empty());
    EXPECT_FALSE(spec.stages[k].feeling.empty());
    for (const auto& e : spec.stages[k].events) mapped[e] = static_cast<int>(k);
  }
  EXPECT_EQ(mapped, stage_of());
  EXPECT_EQ(spec.conversion, std::vector<std::string>{"purchase"});
  EXPECT_EQ(spec.conversion_window_us, int64_t{30} * 86400 * 1000000);
  EXPECT_EQ(spec.session_gap_us, int64_t{30} * 60 * 1000000);
  ASSERT_EQ(spec.personas.size(), 3u);
  for (const auto& p : spec.personas) {
    ASSERT_EQ(p.where.size(), 1u);
    EXPECT_EQ(p.where[0].first, "persona");
    EXPECT_EQ(p.where[0].second, std::vector<std::string>{p.id});
  }
}

TEST(GeneratorTest, SpecNamesEveryEvent) {
  const std::string yaml = cjm::generator_spec_yaml();
  for (const auto& [event, stage] : stage_of()) {
    EXPECT_NE(yaml.find(event), std::string::npos) << event;
  }
  EXPECT_NE(yaml.find("conversion: purchase"), std::string::npos);
}

}  // namespace
