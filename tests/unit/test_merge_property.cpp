// Property: the finished result does not depend on how customers are split
// into partitions nor on the order partials are merged in.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/segment_aggregator.h"
#include "core/event_table.h"
#include "journey/journeys.h"

namespace cjm {
namespace {

constexpr int64_t kSec = 1'000'000;

// Every field of the result as text; doubles in hex so equality is exact.
void dump(std::ostream& o, const Stats& s) {
  o << "stats " << s.count << ' ' << std::hexfloat << s.mean << ' ' << s.p50 << ' ' << s.p90
    << std::defaultfloat << '\n';
}
void dump(std::ostream& o, const std::vector<uint64_t>& v) {
  for (uint64_t x : v) o << x << ' ';
  o << '\n';
}
void dump(std::ostream& o, const std::vector<Transition>& v) {
  for (const auto& t : v) o << t.from << " -> " << t.to << ' ' << t.count << '\n';
}
void dump(std::ostream& o, const std::vector<PathStat>& v) {
  for (const auto& p : v) {
    for (const auto& s : p.steps) o << s << ',';
    o << ' ' << p.label << ' ' << p.customers << ' ' << p.converted << '\n';
  }
}
void dump(std::ostream& o, const std::vector<PathCount>& v) {
  for (const auto& p : v) {
    for (const auto& s : p.steps) o << s << ',';
    o << ' ' << p.label << ' ' << p.journeys << '\n';
  }
}
void dump(std::ostream& o, const SegmentResult& r) {
  o << "customers " << r.customers << " events " << r.events << " unmapped " << r.unmapped_events
    << " converted " << r.converted << '\n';
  for (const auto& s : r.stages) {
    o << "stage " << s.reached << ' ' << s.events << '\n';
    for (const auto& t : s.touchpoints) o << t.name << ' ' << t.customers << ' ' << t.exits << ';';
    o << '\n';
    dump(o, s.time_from_previous_s);
    o << "emotion " << s.emotion.count << ' ' << std::hexfloat << s.emotion.mean;
    for (const auto& [v, n] : s.emotion.distribution) o << ' ' << v << ':' << n;
    o << std::defaultfloat << '\n';
  }
  o << "window " << (r.funnel.window_s ? std::to_string(*r.funnel.window_s) : "none") << '\n';
  dump(o, r.funnel.closed);
  dump(o, r.funnel.open);
  dump(o, r.funnel.closed_unbounded);
  dump(o, r.funnel.open_unbounded);
  dump(o, r.stage_transitions);
  dump(o, r.touchpoint_transitions);
  o << "shape " << r.shape.journeys << ' ' << r.shape.linear << ' ' << r.shape.backward << ' '
    << r.shape.skip << '\n';
  dump(o, r.stage_variants);
  dump(o, r.touchpoint_paths);
  dump(o, r.time_to_convert_s);
  const PathsBetween& pb = r.paths_between;
  o << "paths between " << pb.asked << ' ' << pb.from << ' ' << pb.to << ' ' << pb.with_from << ' '
    << pb.with_path << '\n';
  dump(o, pb.time_s);
  dump(o, pb.paths);
  o << "last steps " << r.last_steps.steps << ' ' << r.last_steps.journeys << '\n';
  dump(o, r.last_steps.paths);
  const VisitFigures& v = r.visits;
  o << "visits " << v.defined << ' ' << v.visits << ' ' << v.customers << '\n';
  dump(o, v.visits_per_customer);
  dump(o, v.visits_before_converting);
  for (const auto& row : v.by_visit_number)
    o << row.label << ' ' << row.visits << ' ' << row.converted << ';';
  o << '\n';
  o << "retention " << r.retention.buyers << ' ' << r.retention.repeat_buyers << ' '
    << r.retention.advocates << '\n';
}
std::string dump(const AnalysisResult& r) {
  std::ostringstream o;
  o << r.journey_name << '\n';
  const InputSummary& in = r.input;
  o << in.path << ' ' << in.format << ' ' << in.time_format << ' ' << in.rows << ' ' << in.events
    << ' ' << in.customers << ' ' << in.rejected_rows << ' ' << in.unmapped_events << '\n';
  for (const auto& n : in.unmapped_names) o << n << ',';
  o << '\n' << in.first_time_us.value_or(-1) << ' ' << in.last_time_us.value_or(-1) << '\n';
  for (const auto& s : r.stages) o << s.id << '/' << s.name << '\n';
  dump(o, r.all);
  for (const auto& p : r.personas) {
    o << "persona " << p.id << '/' << p.name << '\n';
    dump(o, p.figures);
  }
  for (const auto& p : r.periods) {
    o << "period " << p.id << ' ' << p.from << ' ' << p.to << '\n';
    dump(o, p.figures);
  }
  o << "unit " << r.unit << " visits " << in.visits.value_or(0) << '\n';
  for (const auto& c : r.comparisons) {
    o << "compare " << c.a << ' ' << c.b << ' ' << c.a_customers << ' ' << c.a_converted << ' '
      << c.b_customers << ' ' << c.b_converted << '\n';
    for (const auto& s : c.stages)
      o << "  " << s.stage << ' ' << s.a_customers << ' ' << s.a_converted << ' ' << s.b_customers
        << ' ' << s.b_converted << '\n';
  }
  return o.str();
}

// A random table: loops, skips, ties, unmapped events, scores, attributes.
struct World {
  EventTable table;
  JourneySpec spec;
  EventMap map;
  Journeys journeys;

  explicit World(uint32_t seed) {
    std::mt19937 rng(seed);
    auto pick = [&](uint32_t n) { return std::uniform_int_distribution<uint32_t>(0, n - 1)(rng); };

    const std::vector<std::vector<std::string>> stage_events = {
        {"home", "search_*"}, {"view_*"}, {"cart"}, {"checkout", "pay_*"}, {"buy"}};
    for (size_t k = 0; k < stage_events.size(); ++k) {
      StageSpec s;
      s.id = "s" + std::to_string(k);
      s.name = "Stage " + std::to_string(k);
      s.events = stage_events[k];
      spec.stages.push_back(s);
    }
    spec.name = "random";
    spec.conversion = {"buy", "pay_ok"};
    if (seed % 2) spec.conversion_window_us = static_cast<int64_t>(5 + pick(60)) * kSec;
    // Names per stage (index 5: unmapped).
    const std::vector<std::vector<std::string>> names = {{"home", "search_a", "search_b"},
                                                         {"view_1", "view_2"},
                                                         {"cart"},
                                                         {"checkout", "pay_ok", "pay_fail"},
                                                         {"buy"},
                                                         {"ping", "support", "noise"}};

    struct Row {
      std::string customer, event;
      int64_t time;
      float score;
      std::string session;
    };
    std::vector<Row> rows;
    const uint32_t customers = 200 + pick(200);
    for (uint32_t c = 0; c < customers; ++c) {
      std::string id = "c" + std::to_string(c);
      int64_t t = static_cast<int64_t>(pick(1000)) * kSec;
      int stage = static_cast<int>(pick(3));
      uint32_t length = 1 + pick(20);
      uint32_t session = 0;
      for (uint32_t i = 0; i < length; ++i) {
        if (pick(5) == 0) ++session;  // a new visit by session id
        uint32_t r = pick(10);
        if (r < 5)
          stage = std::min(stage + 1, 4);  // forward
        else if (r < 6)
          stage = std::min(stage + 2, 4);  // skip
        else if (r < 7)
          stage = std::max(stage - 1, 0);  // loop back
        bool unmapped = pick(6) == 0;
        const auto& pool = names[unmapped ? 5 : static_cast<size_t>(stage)];
        float score = pick(3) == 0 ? NAN : static_cast<float>(1 + pick(9)) / 2.0f;
        t += static_cast<int64_t>(pick(4) == 0 ? 0 : pick(20 * kSec));  // ties happen
        if (pick(8) == 0) t += 3600 * kSec;  // a pause longer than the session gap
        rows.push_back(Row{id, pool[pick(static_cast<uint32_t>(pool.size()))], t, score,
                           id + "/" + std::to_string(session)});
      }
    }
    std::shuffle(rows.begin(), rows.end(), rng);  // input not grouped nor sorted
    for (const Row& r : rows) {
      table.customer.push_back(table.customers.intern(r.customer));
      table.time_us.push_back(r.time);
      table.event.push_back(table.events.intern(r.event));
      table.score.push_back(r.score);
      if (seed % 3 != 0) table.session.push_back(table.sessions.intern(r.session));
    }
    // Attributes per event: a customer's value of `tier` mostly stays, and
    // sometimes changes; `region` is drawn per event.
    const std::vector<std::pair<std::string, std::vector<std::string>>> attributes = {
        {"tier", {"", "gold", "silver", "bronze"}}, {"region", {"eu", "us", ""}}};
    for (const auto& [name, values] : attributes) {
      AttributeColumn col;
      col.name = name;
      col.values.intern("");
      std::vector<uint32_t> of_customer(table.customers.size());
      for (uint32_t& v : of_customer) v = pick(static_cast<uint32_t>(values.size()));
      for (size_t i = 0; i < table.size(); ++i) {
        uint32_t& v = of_customer[table.customer[i]];
        if (name == "region" || pick(6) == 0) v = pick(static_cast<uint32_t>(values.size()));
        col.of.push_back(col.values.intern(values[v]));
      }
      table.attributes.push_back(std::move(col));
    }
    spec.session_gap_us = 30 * 60 * kSec;
    if (seed % 2 == 0) spec.unit = Unit::kVisit;
    auto persona = [&](std::string id,
                       std::vector<std::pair<std::string, std::vector<std::string>>> where) {
      PersonaSpec p;
      p.id = id;
      p.name = id;
      p.where = std::move(where);
      spec.personas.push_back(std::move(p));
    };
    persona("premium_eu", {{"tier", {"gold", "silver"}}, {"region", {"eu"}}});
    persona("any_tier", {{"tier", {"gold", "silver", "bronze"}}});
    persona("ghost", {{"missing_column", {"x"}}});
    persona("first_gold", {{"tier", {"gold"}}});
    spec.personas.back().match = AttributeMatch::kFirst;
    persona("ever_bronze", {{"tier", {"bronze"}}});
    spec.personas.back().match = AttributeMatch::kAny;
    persona("eu_events", {{"region", {"eu"}}});
    spec.personas.back().scope = PersonaScope::kEvent;
    // Periods that cut journeys: the middle of the time range, and an open start.
    PeriodSpec mid;
    mid.id = "mid";
    mid.from = "t200";
    mid.to = "t700";
    mid.from_us = 200 * kSec;
    mid.to_us = 700 * kSec;
    spec.periods.push_back(mid);
    PeriodSpec early = mid;
    early.id = "early";
    early.from_us = 0;
    early.to_us = 300 * kSec + static_cast<int64_t>(pick(100)) * kSec;
    spec.periods.push_back(early);
    // A path question (every other seed): from a search to the cart.
    if (seed % 4 < 2) spec.paths = PathQuerySpec{"search_*", "cart", 0};

    map = map_events(table.events, spec);
    journeys = build_journeys(table);
  }

  AnalysisInput input() const { return AnalysisInput{&table, &journeys, &map, &spec}; }
};

AnalyzeOptions options() {
  AnalyzeOptions o;
  o.top_n = 5;  // small: the cut falls among ties
  return o;
}

std::string one_partition(const World& w) {
  std::vector<uint32_t> all(w.journeys.count());
  std::iota(all.begin(), all.end(), 0u);
  PartialPtr p = analyze_partition(w.input(), all, options());
  return dump(finish_partial(w.input(), *p, options()));
}

// Splits the customers into `parts` random subsets (non-contiguous, maybe
// empty), analyses each and merges them in a random order.
std::string random_split(const World& w, std::mt19937& rng, uint32_t parts, bool contiguous) {
  const uint32_t n = static_cast<uint32_t>(w.journeys.count());
  std::vector<std::vector<uint32_t>> subsets(parts);
  if (contiguous) {
    std::vector<uint32_t> cuts;
    for (uint32_t i = 0; i + 1 < parts; ++i) cuts.push_back(rng() % (n + 1));
    cuts.push_back(0);
    cuts.push_back(n);
    std::sort(cuts.begin(), cuts.end());
    for (uint32_t i = 0; i < parts; ++i)
      for (uint32_t c = cuts[i]; c < cuts[i + 1]; ++c) subsets[i].push_back(c);
  } else {
    for (uint32_t c = 0; c < n; ++c) subsets[rng() % parts].push_back(c);
    for (auto& s : subsets) std::shuffle(s.begin(), s.end(), rng);  // any consumption order
  }
  std::vector<PartialPtr> partials;
  for (const auto& s : subsets) partials.push_back(analyze_partition(w.input(), s, options()));
  std::shuffle(partials.begin(), partials.end(), rng);
  // Merge as a random tree: repeatedly fold a random partial into another.
  while (partials.size() > 1) {
    size_t from = rng() % partials.size();
    size_t into = rng() % (partials.size() - 1);
    if (into >= from) ++into;
    merge_partial(*partials[into], *partials[from]);
    partials.erase(partials.begin() + static_cast<ptrdiff_t>(from));
  }
  return dump(finish_partial(w.input(), *partials[0], options()));
}

TEST(MergeProperty, AnyPartitioningGivesTheSameResult) {
  for (uint32_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    World w(seed);
    const std::string expected = one_partition(w);
    std::mt19937 rng(seed * 7919u);
    for (int round = 0; round < 6; ++round) {
      uint32_t parts = 2 + rng() % 6;  // 2..7
      EXPECT_EQ(random_split(w, rng, parts, round % 2 == 0), expected)
          << "parts " << parts << " round " << round;
    }
  }
}

TEST(MergeProperty, ThreadCountDoesNotChangeTheResult) {
  for (uint32_t seed : {11u, 12u}) {
    World w(seed);
    AnalyzeOptions one = options(), two = options(), five = options();
    one.threads = 1;
    two.threads = 2;
    five.threads = 5;
    const std::string expected = dump(analyze(w.input(), one));
    EXPECT_EQ(dump(analyze(w.input(), two)), expected);
    EXPECT_EQ(dump(analyze(w.input(), five)), expected);
    EXPECT_EQ(one_partition(w), expected);
  }
}

// Attribution credits in hex: sums of doubles, exact only in one order.
std::string dump_attribution(const AttributionResult& r) {
  std::ostringstream o;
  o << std::hexfloat << r.converting_paths << ' ' << r.non_converting_paths << ' '
    << r.total_conversions << ' ' << r.total_value << '\n';
  for (const auto* models : {&r.touchpoint, &r.channel})
    for (const auto& [model, credit] : *models) {
      o << model << ':';
      for (const auto& [name, x] : credit.conversions) o << ' ' << name << '=' << x;
      for (const auto& [name, x] : credit.value) o << ' ' << name << '=' << x;
      o << '\n';
    }
  return o.str();
}

TEST(MergeProperty, BlocksConsumeLikeOneByOne) {
  // Consuming a block of journeys figure by figure leaves the same state as
  // consuming them one at a time, to the last bit of every double.
  const World w(21);
  AggregatorContext ctx;
  ctx.table = &w.table;
  ctx.map = &w.map;
  ctx.spec = &w.spec;
  ctx.stages = static_cast<int>(w.spec.stages.size());
  ctx.window_us = w.spec.conversion_window_us;
  ctx.top_n = 5;
  for (const StageSpec& s : w.spec.stages) ctx.stage_ids.push_back(s.id);
  std::vector<JourneyRef> refs;
  for (uint32_t c = 0; c < w.journeys.count(); ++c)
    refs.push_back(JourneyRef{c, w.journeys.begin(c), w.journeys.end(c)});
  ASSERT_GT(refs.size(), 100u);

  SegmentAggregator one(ctx);
  for (const JourneyRef& r : refs) one.consume_all(ctx, r);
  const SegmentResult expected = one.finish(ctx);
  ASSERT_GT(expected.attribution.converting_paths, 0u);
  for (size_t block : {size_t{2}, size_t{7}, size_t{64}, refs.size()}) {
    SCOPED_TRACE(block);
    SegmentAggregator blocks(ctx);
    const std::span<const JourneyRef> all(refs);
    for (size_t lo = 0; lo < refs.size(); lo += block)
      blocks.consume_all(ctx, all.subspan(lo, std::min(block, refs.size() - lo)));
    const SegmentResult got = blocks.finish(ctx);
    std::ostringstream a, b;
    dump(a, expected);
    dump(b, got);
    EXPECT_EQ(b.str(), a.str());
    EXPECT_EQ(dump_attribution(got.attribution), dump_attribution(expected.attribution));
  }
}

TEST(MergeProperty, InvariantsHold) {
  // Sanity over random data: closed <= open <= reach, windowed <= unbounded,
  // closed is non-increasing, personas are subsets of all customers.
  for (uint32_t seed : {21u, 22u, 23u}) {
    World w(seed);
    AnalysisResult r = analyze(w.input(), options());
    const SegmentResult& a = r.all;
    // Visits counted here, independently: a new visit at a change of session
    // id or after a pause of more than 30 minutes.
    uint64_t visits = 0;
    for (uint32_t c = 0; c < w.journeys.count(); ++c)
      for (uint64_t i = w.journeys.begin(c); i < w.journeys.end(c); ++i)
        visits += i == w.journeys.begin(c) ||
                  (w.table.has_session() && w.table.session[i] != w.table.session[i - 1]) ||
                  w.table.time_us[i] - w.table.time_us[i - 1] > 30 * 60 * kSec;
    ASSERT_TRUE(r.input.visits.has_value());
    EXPECT_EQ(*r.input.visits, visits);
    EXPECT_EQ(a.visits.visits, visits);
    EXPECT_EQ(a.visits.customers, w.journeys.count());
    EXPECT_EQ(a.customers, w.spec.unit == Unit::kVisit ? visits : w.journeys.count());
    EXPECT_EQ(r.unit, w.spec.unit == Unit::kVisit ? "visit" : "customer");
    for (const auto& p : r.periods) EXPECT_LE(p.figures.events, a.events);
    EXPECT_EQ(a.events, w.table.size());
    for (size_t k = 0; k < a.stages.size(); ++k) {
      EXPECT_LE(a.funnel.closed[k], a.funnel.open[k]);
      EXPECT_LE(a.funnel.open[k], a.stages[k].reached);
      EXPECT_LE(a.funnel.closed[k], a.funnel.closed_unbounded[k]);
      EXPECT_LE(a.funnel.open[k], a.funnel.open_unbounded[k]);
      if (k > 0) {
        EXPECT_LE(a.funnel.closed[k], a.funnel.closed[k - 1]);
      }
    }
    EXPECT_GE(a.shape.linear + a.shape.backward + a.shape.skip, a.shape.journeys);
    EXPECT_LE(a.stage_variants.size(), 5u);
    for (size_t i = 1; i < a.stage_variants.size(); ++i)
      EXPECT_GE(a.stage_variants[i - 1].customers, a.stage_variants[i].customers);
    for (const auto& p : r.personas) EXPECT_LE(p.figures.customers, a.customers);
    EXPECT_EQ(r.personas[2].figures.customers, 0u);  // ghost: unknown column
    EXPECT_GT(r.personas[0].figures.customers, 0u);
    if (!w.spec.conversion_window_us) {
      EXPECT_EQ(a.funnel.closed, a.funnel.closed_unbounded);
    }
  }
}

}  // namespace
}  // namespace cjm
