// Tests of the generator's planted incident (docs/generator.md, "Planted
// incident") and of the bundled clickstream example, from the CSV read back
// with plain string handling.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "generate/generator.h"
#include "spec/journey_spec.h"
#include "visit_rows.h"

namespace {

using cjm::testing::epoch_seconds;
using cjm::testing::generate_visit_data;
using cjm::testing::visit_stage;
using cjm::testing::VisitData;
using cjm::testing::VisitRows;

cjm::GeneratorOptions incident_options(uint64_t customers = 8000) {
  cjm::GeneratorOptions o;
  o.sessions = true;
  o.customers = customers;
  o.days = 180;
  o.incident_start = "2025-03-10";
  o.incident_days = 21;
  o.incident_stage = "purchase";
  o.incident_drop = 0.5;
  return o;
}

// Visits that reached the stage before `stage`, split by whether their step
// into `stage` (its first event; else the marker that ended the visit; else
// the visit's last event) falls inside [from, to): how many, and how many
// entered `stage`.
struct EntryCounts {
  double in_n = 0, in_k = 0, out_n = 0, out_k = 0;
  double in_rate() const { return in_k / in_n; }
  double out_rate() const { return out_k / out_n; }
};

EntryCounts entries(const VisitData& g, int stage, const std::string& marker, int64_t from,
                    int64_t to) {
  EntryCounts c;
  for (const auto& [id, v] : g.visits) {
    bool prev = false;
    std::optional<int64_t> entry, marked;
    for (const auto* r : v.rows) {
      const int s = visit_stage(r->event);
      if (!prev) {
        prev = s == stage - 1;
        continue;
      }
      if (!entry && s == stage) entry = r->t;
      if (r->event == marker) marked = r->t;
    }
    if (!prev) continue;
    const int64_t t = entry ? *entry : (marked ? *marked : v.rows.back()->t);
    const bool inside = t >= from && t < to;
    (inside ? c.in_n : c.out_n) += 1;
    (inside ? c.in_k : c.out_k) += entry.has_value();
  }
  return c;
}

TEST(GeneratorIncidentTest, PlantedIncidentIsTheOptionsTruth) {
  cjm::GeneratorOptions o = incident_options();
  const std::optional<cjm::PlantedIncident> inc = cjm::planted_incident(o);
  ASSERT_TRUE(inc);
  EXPECT_EQ(inc->stage, "purchase");
  EXPECT_EQ(inc->previous, "checkout");
  EXPECT_EQ(inc->from_us, epoch_seconds("2025-03-10T00:00:00Z") * 1000000);
  EXPECT_EQ(inc->to_us, epoch_seconds("2025-03-31T00:00:00Z") * 1000000);
  EXPECT_EQ(inc->first_day, "2025-03-10");
  EXPECT_EQ(inc->last_day, "2025-03-30");
  EXPECT_EQ(inc->drop, 0.5);
  EXPECT_EQ(inc->event, "payment_error");
  EXPECT_EQ(inc->base_rate, 0.01);
  o.incident_start.clear();
  EXPECT_FALSE(cjm::planted_incident(o));
}

TEST(GeneratorIncidentTest, EntryRateDropsByThePlantedShareInsideTheWindowOnly) {
  const auto g = generate_visit_data(incident_options());
  const int64_t from = epoch_seconds("2025-03-10T00:00:00Z");
  const int64_t to = epoch_seconds("2025-03-31T00:00:00Z");
  const EntryCounts c = entries(*g, 4, "payment_error", from, to);
  ASSERT_GT(c.in_n, 600);
  // Inside: the rate outside times (1 - drop).
  EXPECT_NEAR(c.in_rate() / c.out_rate(), 0.5, 0.06) << c.in_rate() << " vs " << c.out_rate();
  // Outside: as without the incident (0.85 of the visits at checkout pay).
  auto flat = incident_options();
  flat.incident_start.clear();
  const auto h = generate_visit_data(flat);
  const EntryCounts f = entries(*h, 4, "payment_error", from, to);
  EXPECT_NEAR(c.out_rate(), f.out_rate(), 0.015);
  EXPECT_NEAR(f.in_rate(), f.out_rate(), 0.03);
  EXPECT_NEAR(f.out_rate(), 0.85, 0.02);
  // The ground truth counts agree with the data.
  EXPECT_NEAR(static_cast<double>(g->stats.incident_failed) / g->stats.incident_entries, 0.5, 0.04);
  EXPECT_EQ(g->stats.incident_entries, static_cast<uint64_t>(c.in_k) + g->stats.incident_failed);
}

TEST(GeneratorIncidentTest, MarkerEndsTheFailingVisitsAndIsRareOutside) {
  const auto g = generate_visit_data(incident_options());
  const int64_t from = epoch_seconds("2025-03-10T00:00:00Z");
  const int64_t to = epoch_seconds("2025-03-31T00:00:00Z");
  std::set<std::string> failed_truth;
  for (const cjm::VisitTruth& t : g->truth)
    if (t.incident_failed) failed_truth.insert(std::string(t.session_id));
  uint64_t markers = 0, failed = 0, harmless_outside = 0;
  for (const auto& [id, v] : g->visits) {
    for (size_t i = 0; i < v.rows.size(); ++i) {
      const auto* r = v.rows[i];
      if (r->event != "payment_error") continue;
      ++markers;
      EXPECT_EQ(visit_stage(v.rows[i - 1]->event), 3) << id << ": marker not after checkout";
      const bool last = i + 1 == v.rows.size();
      if (last) {
        ++failed;
        EXPECT_TRUE(r->t >= from && r->t < to) << id << ": a failure outside the window";
        EXPECT_TRUE(failed_truth.count(id)) << id;
      } else {
        EXPECT_EQ(v.rows[i + 1]->event, "purchase") << id << ": a harmless marker, then paid";
        harmless_outside += r->t < from || r->t >= to;
      }
    }
  }
  EXPECT_EQ(markers, g->stats.marker_events);
  EXPECT_EQ(failed, g->stats.incident_failed);
  EXPECT_EQ(failed, failed_truth.size());
  // Outside the window the marker shows on about 1 % of the payments.
  const EntryCounts c = entries(*g, 4, "payment_error", from, to);
  EXPECT_GT(harmless_outside, 0u);
  EXPECT_NEAR(harmless_outside / c.out_k, 0.01, 0.005);
}

// The incident's decisions have their own random stream: a customer it never
// touched has exactly the rows it would have without the incident.
TEST(GeneratorIncidentTest, UntouchedCustomersAreUnchanged) {
  auto o = incident_options(3000);
  const auto with = generate_visit_data(o);
  o.incident_start.clear();
  const auto without = generate_visit_data(o);
  auto rows_of = [](const std::vector<const VisitRows*>& visits) {
    std::string text;
    for (const VisitRows* v : visits) {
      for (const auto* r : v->rows) {
        text += r->session + "," + r->timestamp + "," + r->event + "," + r->value + "," + r->score +
                "," + r->platform + "," + r->lifecycle + "\n";
      }
    }
    return text;
  };
  int touched = 0, same = 0;
  for (const auto& [c, visits] : with->customers) {
    bool marker = false;
    for (const VisitRows* v : visits) marker |= v->has("payment_error");
    if (marker) {
      ++touched;
      continue;
    }
    EXPECT_EQ(rows_of(visits), rows_of(without->customers.at(c))) << c;
    ++same;
  }
  EXPECT_GT(touched, 20);
  EXPECT_GT(same, 2500);
}

TEST(GeneratorIncidentTest, AnyStageAndMarker) {
  auto o = incident_options(6000);
  o.incident_stage = "cart";
  o.incident_drop = 0.8;
  o.incident_event = "cart_error";
  o.incident_base_rate = 0;
  o.incident_start = "2025-04-01T12:00:00Z";
  o.incident_days = 14;
  const auto g = generate_visit_data(o);
  const int64_t from = epoch_seconds("2025-04-01T12:00:00Z");
  const int64_t to = epoch_seconds("2025-04-15T12:00:00Z");
  const EntryCounts c = entries(*g, 2, "cart_error", from, to);
  EXPECT_NEAR(c.in_rate() / c.out_rate(), 0.2, 0.05) << c.in_rate() << " vs " << c.out_rate();
  for (const auto& r : g->rows) {
    EXPECT_NE(r.event, "payment_error");
    if (r.event == "cart_error") {
      EXPECT_TRUE(r.t >= from && r.t < to) << r.timestamp << ": no marker outside at base rate 0";
    }
  }
  const std::optional<cjm::PlantedIncident> inc = cjm::planted_incident(o);
  ASSERT_TRUE(inc);
  EXPECT_EQ(inc->previous, "consider");
  EXPECT_EQ(inc->last_day, "2025-04-15");
  // The spec puts the marker in the stage the failing visits were in, and
  // names it as a barrier there.
  const cjm::JourneySpec spec = cjm::parse_spec(cjm::generator_spec_yaml(o), "journey.yaml");
  ASSERT_EQ(spec.stages.size(), 6u);
  const auto& consider = spec.stages[1].events;
  EXPECT_NE(std::find(consider.begin(), consider.end(), "cart_error"), consider.end());
  ASSERT_EQ(spec.barriers.size(), 1u);
  EXPECT_EQ(spec.barriers[0].stage, "consider");
}

// examples/clickstream is this generator's output; its README states the truth.
TEST(GeneratorIncidentTest, ClickstreamExampleIsGenerated) {
  cjm::GeneratorOptions o;
  o.sessions = true;
  o.customers = 1750;
  o.seed = 7;
  o.days = 182;
  o.incident_start = "2025-04-07";
  o.incident_days = 21;
  o.incident_drop = 0.6;
  auto read = [](const std::string& name) {
    std::ifstream in(std::string(CJM_SOURCE_DIR) + "/examples/clickstream/" + name,
                     std::ios::binary);
    EXPECT_TRUE(in) << name << " missing";
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  std::ostringstream out;
  cjm::generate_events(o, out);
  EXPECT_TRUE(read("events.csv") == out.str()) << "examples/clickstream/events.csv differs";
  EXPECT_EQ(read("journey.yaml"), cjm::generator_spec_yaml(o));
}

}  // namespace
