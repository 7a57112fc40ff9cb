// Tests of the generator's visits mode (docs/generator.md, "Visits") against
// the CSV it writes, read back with plain string handling.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "generate/generator.h"
#include "generate/visit_generator.h"
#include "spec/journey_spec.h"
#include "visit_rows.h"

namespace {

using cjm::testing::generate_visit_data;
using cjm::testing::visit_stage;
using cjm::testing::VisitRows;

cjm::GeneratorOptions visit_options(uint64_t customers = 3000) {
  cjm::GeneratorOptions o;
  o.sessions = true;
  o.customers = customers;
  o.days = 120;
  return o;
}

std::string write(const cjm::GeneratorOptions& o) {
  std::ostringstream out;
  cjm::generate_events(o, out);
  return out.str();
}

TEST(VisitGeneratorTest, DeterministicForSeed) {
  auto o = visit_options(1000);
  const std::string a = write(o);
  EXPECT_EQ(a, write(o));
  o.seed = 2;
  EXPECT_NE(a, write(o));
}

TEST(VisitGeneratorTest, VisitOptionsLeaveTheDefaultModeAlone) {
  cjm::GeneratorOptions plain;
  plain.customers = 500;
  cjm::GeneratorOptions tuned = plain;
  tuned.platform_switch = 0.9;
  tuned.warmup_days = 5;
  tuned.incident_stage = "cart";
  tuned.incident_drop = 0.9;
  EXPECT_EQ(write(plain), write(tuned));
  EXPECT_EQ(cjm::generator_spec_yaml(tuned), cjm::generator_spec_yaml());
}

TEST(VisitGeneratorTest, HeaderFieldsAndStats) {
  const auto g = generate_visit_data(visit_options());
  EXPECT_EQ(g->header,
            "customer_id,session_id,timestamp,event,channel,value,score,persona,region,device,"
            "platform,user_lifecycle");
  const std::set<std::string> channels = {"direct", "search", "social", "email", "ads", "referral"};
  const std::set<std::string> platforms = {"mobile", "desktop", "app"};
  const std::set<std::string> lifecycles = {"new", "returning", "loyal"};
  const std::set<std::string> personas = {"bargain_hunter", "loyal_fan", "busy_pro"};
  int64_t previous = 0;
  for (const auto& r : g->rows) {
    EXPECT_GE(r.t, previous) << r.timestamp;
    previous = r.t;
    EXPECT_NE(visit_stage(r.event), -1) << r.event;
    EXPECT_TRUE(channels.count(r.channel)) << r.channel;
    EXPECT_TRUE(platforms.count(r.platform)) << r.platform;
    EXPECT_TRUE(lifecycles.count(r.lifecycle)) << r.lifecycle;
    EXPECT_TRUE(personas.count(r.persona)) << r.persona;
    EXPECT_TRUE(r.device == "mobile" || r.device == "desktop") << r.device;
    EXPECT_EQ(r.value.empty(), r.event != "purchase") << r.event << " " << r.value;
    EXPECT_TRUE(r.score.empty() || (r.score.size() == 1 && r.score[0] >= '1' && r.score[0] <= '5'));
    ASSERT_EQ(r.session.size(), 10u);
    EXPECT_EQ(r.session.find_first_not_of("0123456789abcdef"), std::string::npos) << r.session;
  }
  // The whole observed period: first rows on the first day, none after the end
  // except the tail of a visit begun on the last day.
  EXPECT_LT(g->rows.front().t, cjm::testing::epoch_seconds("2025-01-02T00:00:00Z"));
  EXPECT_LT(g->rows.back().t, cjm::testing::epoch_seconds("2025-05-01T06:00:00Z"));
  EXPECT_EQ(g->stats.customers, 3000u);
  EXPECT_EQ(g->customers.size(), 3000u);
  EXPECT_EQ(g->stats.events, g->rows.size());
  EXPECT_EQ(g->stats.visits, g->visits.size());
  int converted_visits = 0;
  std::set<std::string> buyers;
  for (const auto& [id, v] : g->visits) {
    converted_visits += v.has("purchase");
    if (v.has("purchase")) buyers.insert(v.rows.front()->customer);
  }
  EXPECT_EQ(g->stats.converted_visits, static_cast<uint64_t>(converted_visits));
  EXPECT_EQ(g->stats.converted, buyers.size());
  EXPECT_EQ(g->stats.marker_events, 0u);
}

TEST(VisitGeneratorTest, ThirtyMinuteGapRecoversTheSessionIds) {
  const auto g = generate_visit_data(visit_options());
  std::set<std::string> seen;
  size_t cut_visits = 0;
  for (const auto& [customer, visits] : g->customers) {
    // All the customer's rows in time order, cut where the pause exceeds 30 min.
    std::vector<const cjm::testing::VisitRow*> rows;
    for (const VisitRows* v : visits) rows.insert(rows.end(), v->rows.begin(), v->rows.end());
    std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->t < b->t; });
    std::string current;
    for (size_t i = 0; i < rows.size(); ++i) {
      const bool cut = i == 0 || rows[i]->t - rows[i - 1]->t > 30 * 60;
      if (i > 0) {
        const int64_t gap = rows[i]->t - rows[i - 1]->t;
        EXPECT_GT(gap, 0) << customer;
        // Within a visit at most 5 minutes, between visits at least an hour.
        EXPECT_TRUE(cut ? gap >= 3600 : gap <= 300) << customer << " gap " << gap;
      }
      if (cut) {
        ++cut_visits;
        current = rows[i]->session;
        EXPECT_TRUE(seen.insert(current).second) << "session id reused: " << current;
      }
      EXPECT_EQ(rows[i]->session, current) << customer << " row at " << rows[i]->timestamp;
    }
  }
  EXPECT_EQ(cut_visits, g->visits.size());
}

TEST(VisitGeneratorTest, SessionIdsAreABijection) {
  std::set<std::string> ids;
  char sid[10];
  for (uint32_t c = 0; c < 4096; ++c) {
    for (unsigned v = 0; v < 200; v += 7) {
      cjm::session_id(3, c * 1048573u, static_cast<uint8_t>(v), sid);
      EXPECT_TRUE(ids.insert(std::string(sid, 10)).second);
    }
  }
}

TEST(VisitGeneratorTest, SinkReportsEveryVisitAsWritten) {
  const auto g = generate_visit_data(visit_options());
  ASSERT_EQ(g->truth.size(), g->visits.size());
  std::map<std::string, uint32_t> per_customer;
  for (const cjm::VisitTruth& t : g->truth) {
    const auto it = g->visits.find(std::string(t.session_id));
    ASSERT_NE(it, g->visits.end()) << t.session_id;
    const VisitRows& v = it->second;
    const std::string customer = "c" + std::to_string(t.customer + 1);
    EXPECT_EQ(v.rows.front()->customer, customer);
    EXPECT_EQ(v.rows.size(), t.events);
    EXPECT_EQ(v.rows.front()->t, t.first_us / 1000000);
    EXPECT_EQ(v.rows.back()->t, t.last_us / 1000000);
    EXPECT_EQ(v.has("purchase"), t.converted);
    EXPECT_EQ(v.rows.front()->platform, t.platform);
    EXPECT_EQ(v.rows.front()->lifecycle, t.lifecycle);
    EXPECT_EQ(v.rows.front()->channel, t.channel);
    int deepest = 0;
    for (const auto* r : v.rows) deepest = std::max(deepest, visit_stage(r->event));
    EXPECT_EQ(deepest, t.deepest);
    // Visit numbers increase by customer (warm-up visits are not written).
    EXPECT_GT(t.number, per_customer[customer]);
    per_customer[customer] = t.number;
  }
}

TEST(VisitGeneratorTest, AttributesAreConstantWithinAVisit) {
  const auto g = generate_visit_data(visit_options());
  for (const auto& [id, v] : g->visits) {
    for (const auto* r : v.rows) {
      EXPECT_EQ(r->customer, v.rows.front()->customer);
      EXPECT_EQ(r->platform, v.rows.front()->platform) << id;
      EXPECT_EQ(r->lifecycle, v.rows.front()->lifecycle) << id;
      EXPECT_EQ(r->channel, v.rows.front()->channel) << id;
    }
  }
  // persona, region and device stay fixed per customer.
  for (const auto& [c, visits] : g->customers) {
    const auto* first = visits.front()->rows.front();
    for (const VisitRows* v : visits) {
      for (const auto* r : v->rows) {
        EXPECT_EQ(r->persona, first->persona) << c;
        EXPECT_EQ(r->region, first->region) << c;
        EXPECT_EQ(r->device, first->device) << c;
      }
    }
  }
}

// Without warm-up every customer is seen from the first visit: new on it,
// returning from the second, loyal on every visit after the second purchase.
TEST(VisitGeneratorTest, LifecycleFollowsVisitsAndPurchases) {
  auto o = visit_options();
  o.warmup_days = 0;
  const auto g = generate_visit_data(o);
  int loyal_customers = 0;
  for (const auto& [c, visits] : g->customers) {
    int purchases = 0;
    for (size_t k = 0; k < visits.size(); ++k) {
      const std::string& life = visits[k]->rows.front()->lifecycle;
      const char* expected = k == 0 ? "new" : (purchases >= 2 ? "loyal" : "returning");
      EXPECT_EQ(life, expected) << c << " visit " << k + 1;
      for (const auto* r : visits[k]->rows) purchases += r->event == "purchase";
    }
    loyal_customers += visits.back()->rows.front()->lifecycle == "loyal";
  }
  EXPECT_EQ(g->stats.loyal, static_cast<uint64_t>(loyal_customers));
  EXPECT_GT(loyal_customers, 100);
}

// With warm-up a customer may be first seen as returning or loyal, but the
// lifecycle never goes back.
TEST(VisitGeneratorTest, LifecycleIsMonotoneWithinACustomer) {
  const auto g = generate_visit_data(visit_options());
  const std::map<std::string, int> rank = {{"new", 0}, {"returning", 1}, {"loyal", 2}};
  int first_seen_returning = 0;
  for (const auto& [c, visits] : g->customers) {
    int last = 0;
    for (size_t k = 0; k < visits.size(); ++k) {
      const int r = rank.at(visits[k]->rows.front()->lifecycle);
      EXPECT_GE(r, last) << c;
      if (k > 0) {
        EXPECT_GT(r, 0) << c << ": new after the first visit";
      }
      last = r;
    }
    first_seen_returning += rank.at(visits.front()->rows.front()->lifecycle) > 0;
  }
  EXPECT_GT(first_seen_returning, 0);
}

int customers_with_two_platforms(const cjm::testing::VisitData& g, int* with_two_visits) {
  int multi = 0;
  *with_two_visits = 0;
  for (const auto& [c, visits] : g.customers) {
    std::set<std::string> p;
    for (const VisitRows* v : visits) p.insert(v->rows.front()->platform);
    multi += p.size() > 1;
    *with_two_visits += visits.size() > 1;
  }
  return multi;
}

TEST(VisitGeneratorTest, PlatformSwitchSetsTheShareOfCustomersOnTwoPlatforms) {
  auto o = visit_options();
  o.warmup_days = 0;
  int two_visits = 0;
  o.platform_switch = 0;
  EXPECT_EQ(customers_with_two_platforms(*generate_visit_data(o), &two_visits), 0);
  // Every switcher comes back on the second platform.
  o.platform_switch = 1;
  const auto all = generate_visit_data(o);
  EXPECT_EQ(customers_with_two_platforms(*all, &two_visits), two_visits);
  EXPECT_EQ(all->stats.multi_platform, static_cast<uint64_t>(two_visits));
  // The default: a quarter of the customers switch, those seen twice show it.
  o.platform_switch = 0.25;
  const auto quarter = generate_visit_data(o);
  const int multi = customers_with_two_platforms(*quarter, &two_visits);
  EXPECT_EQ(quarter->stats.multi_platform, static_cast<uint64_t>(multi));
  EXPECT_NEAR(static_cast<double>(multi) / two_visits, 0.25, 0.03);
}

TEST(VisitGeneratorTest, MostVisitsBrowseBuyingVisitsAreFocusedCustomersReturn) {
  const auto g = generate_visit_data(visit_options(5000));
  int shallow = 0, shop_visits = 0;
  double views_buying = 0, views_browsing = 0;
  int buying = 0, browsing = 0;
  for (const auto& [id, v] : g->visits) {
    int deepest = -1, views = 0;
    for (const auto* r : v.rows) {
      if (visit_stage(r->event) < 5) deepest = std::max(deepest, visit_stage(r->event));
      views += r->event == "product_view";
    }
    if (deepest < 0) continue;  // an after-sales visit
    ++shop_visits;
    shallow += deepest <= 1;
    if (deepest < 1) continue;
    if (v.has("purchase")) {
      views_buying += views;
      ++buying;
    } else {
      views_browsing += views;
      ++browsing;
    }
  }
  // Most visits never reach the cart.
  EXPECT_GT(static_cast<double>(shallow) / shop_visits, 0.7);
  // A buying visit looks at fewer products than a browsing one.
  EXPECT_LT(views_buying / buying + 0.5, views_browsing / browsing);
  // Buyers come back to buy again, in a later visit.
  int buyers = 0, repeat_buyers = 0;
  for (const auto& [c, visits] : g->customers) {
    int buying_visits = 0;
    for (const VisitRows* v : visits) buying_visits += v->has("purchase");
    buyers += buying_visits > 0;
    repeat_buyers += buying_visits > 1;
  }
  EXPECT_GT(static_cast<double>(repeat_buyers) / buyers, 0.15);
  EXPECT_GT(static_cast<double>(g->visits.size()) / g->customers.size(), 4.0);
}

TEST(VisitGeneratorTest, LoyalAndDesktopVisitsConvertMore) {
  const auto g = generate_visit_data(visit_options(5000));
  std::map<std::string, std::pair<int, int>> by;  // value -> visits, converted
  for (const auto& [id, v] : g->visits) {
    for (const std::string& key : {v.rows.front()->lifecycle, v.rows.front()->platform}) {
      ++by[key].first;
      by[key].second += v.has("purchase");
    }
  }
  auto rate = [&](const std::string& k) { return static_cast<double>(by[k].second) / by[k].first; };
  EXPECT_GT(rate("loyal"), rate("returning"));
  EXPECT_GT(rate("returning"), 2 * rate("new"));
  EXPECT_GT(rate("desktop"), rate("mobile") + 0.02);
  EXPECT_GT(rate("app"), rate("mobile") + 0.02);
}

// With no incident every stage's entry rate (per visit, from the stage before)
// is flat over the period, from the first weeks on (the warm-up).
TEST(VisitGeneratorTest, StageEntryRatesAreFlatWithoutAnIncident) {
  auto o = visit_options(8000);
  o.days = 180;
  const auto g = generate_visit_data(o);
  const int64_t split = cjm::testing::epoch_seconds("2025-01-31T00:00:00Z");
  for (int stage = 1; stage <= 4; ++stage) {
    double n[2] = {0, 0}, k[2] = {0, 0};
    for (const auto& [id, v] : g->visits) {
      bool prev = false, in = false;
      for (const auto* r : v.rows) {
        prev |= visit_stage(r->event) == stage - 1;
        in |= prev && visit_stage(r->event) == stage;
      }
      if (!prev) continue;
      const int half = v.rows.front()->t >= split;
      n[half] += 1;
      k[half] += in;
    }
    const double p0 = k[0] / n[0], p1 = k[1] / n[1], p = (k[0] + k[1]) / (n[0] + n[1]);
    const double z = (p0 - p1) / std::sqrt(p * (1 - p) * (1 / n[0] + 1 / n[1]));
    EXPECT_LT(std::abs(z), 3.5) << "stage " << stage << ": first 30 days " << p0 << ", rest " << p1;
  }
}

TEST(VisitGeneratorTest, SpecParsesAndMapsEveryEvent) {
  const auto o = visit_options(2000);
  const cjm::JourneySpec spec = cjm::parse_spec(cjm::generator_spec_yaml(o), "journey.yaml");
  const std::vector<std::string> ids = {"discover", "consider", "cart",
                                        "checkout", "purchase", "service"};
  ASSERT_EQ(spec.stages.size(), ids.size());
  std::set<std::string> mapped;
  for (size_t k = 0; k < ids.size(); ++k) {
    EXPECT_EQ(spec.stages[k].id, ids[k]);
    for (const auto& e : spec.stages[k].events) {
      EXPECT_EQ(visit_stage(e), static_cast<int>(k)) << e;
      mapped.insert(e);
    }
  }
  EXPECT_EQ(spec.conversion, std::vector<std::string>{"purchase"});
  EXPECT_EQ(spec.session_gap_us, int64_t{30} * 60 * 1000000);
  EXPECT_TRUE(spec.barriers.empty());
  const auto g = generate_visit_data(o);
  for (const auto& r : g->rows) EXPECT_TRUE(mapped.count(r.event)) << r.event;
}

TEST(VisitGeneratorTest, RejectsBadOptions) {
  auto bad = [](auto change) {
    cjm::GeneratorOptions o = visit_options(10);
    change(o);
    std::ostringstream out;
    try {
      cjm::generate_events(o, out);
    } catch (const cjm::Error& e) {
      EXPECT_EQ(e.code(), cjm::ExitCode::kUsage) << e.what();
      EXPECT_TRUE(out.str().empty());
      return std::string(e.what());
    }
    ADD_FAILURE() << "accepted";
    return std::string();
  };
  EXPECT_NE(bad([](auto& o) { o.platform_switch = 1.5; }).find("--platform-switch"),
            std::string::npos);
  EXPECT_NE(bad([](auto& o) { o.warmup_days = -1; }).find("--warmup-days"), std::string::npos);
  EXPECT_NE(bad([](auto& o) {
              o.sessions = false;
              o.incident_start = "2025-02-01";
            }).find("--sessions"),
            std::string::npos);
  auto incident = [&](auto change) {
    return bad([&](auto& o) {
      o.incident_start = "2025-02-01";
      change(o);
    });
  };
  EXPECT_NE(incident([](auto& o) { o.incident_stage = "service"; }).find("--incident-stage"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_stage = "discover"; }).find("--incident-stage"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_drop = -0.1; }).find("--incident-drop"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_base_rate = 2; }).find("--incident-base-rate"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_days = 0; }).find("--incident-days"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_event = "pay,err"; }).find("--incident-event"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_event = ""; }).find("--incident-event"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_event = "purchase"; }).find("--incident-event"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_start = "soon"; }).find("--incident-start"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_start = "2024-12-31"; }).find("period"),
            std::string::npos);
  EXPECT_NE(incident([](auto& o) { o.incident_days = 200; }).find("period"), std::string::npos);
}

}  // namespace
