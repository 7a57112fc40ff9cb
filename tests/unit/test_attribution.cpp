// Attribution (docs/methods.md, "Attribution"): heuristic models, the Markov
// removal effect (orders 1 and 2), merge safety, and the aggregated paths reader.
// Every expected figure is computed by hand in the comments.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "analysis/attribution_aggregator.h"
#include "analysis/pair_counts.h"
#include "app/run_analysis.h"
#include "app/run_paths.h"
#include "core/error.h"
#include "core/limits.h"
#include "journey/journeys.h"
#include "reader/read_paths.h"

namespace cjm {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Row {
  std::string customer;
  int64_t time;
  std::string event;
  std::string channel;  // "" = none
  float value = kNaN;
};

// An event table, its journeys and map, ready for the aggregator.
struct Fixture {
  JourneySpec spec;
  EventTable table;
  EventMap map;
  Journeys journeys;
  AggregatorContext ctx;

  Fixture(const std::vector<Row>& rows, JourneySpec s) : spec(std::move(s)) {
    for (const Row& r : rows) {
      table.customer.push_back(table.customers.intern(r.customer));
      table.time_us.push_back(r.time);
      table.event.push_back(table.events.intern(r.event));
      table.channel.push_back(r.channel.empty() ? kNoChannel : table.channels.intern(r.channel));
      table.value.push_back(money_from_double(r.value));
    }
    journeys = build_journeys(table);
    map = map_events(table.events, spec);
    ctx.table = &table;
    ctx.map = &map;
    ctx.spec = &spec;
  }

  JourneyRef journey(uint32_t c) const { return JourneyRef{c, journeys.begin(c), journeys.end(c)}; }

  AttributionResult run() const {
    AttributionAggregator agg(ctx);
    for (uint32_t c = 0; c < journeys.count(); ++c) agg.consume(ctx, journey(c));
    return agg.finish(ctx);
  }
};

JourneySpec base_spec() {
  JourneySpec spec;
  spec.name = "t";
  spec.conversion = {"buy"};
  return spec;
}

PathsInput paths_of(const std::vector<std::string>& lines) {
  PathsInput in;
  for (const std::string& line : lines) in.paths.push_back(parse_path_line(line, in.touchpoints));
  return in;
}

double get(const std::map<std::string, double>& m, const std::string& k) {
  const auto it = m.find(k);
  return it == m.end() ? 0.0 : it->second;
}

// The classic three-channel example, as aggregated paths:
//   C1 > C2 > C3 -> conversion (value 10);  C1 -> null;  C2 > C3 -> null.
// Transition counts: (start)->C1 2, (start)->C2 1; C1->C2 1, C1->(null) 1;
// C2->C3 2; C3->(conversion) 1, C3->(null) 1. So
//   p(start,C1)=2/3 p(start,C2)=1/3; p(C1,C2)=1/2 p(C1,null)=1/2; p(C2,C3)=1;
//   p(C3,conv)=1/2 p(C3,null)=1/2.
// x_C3 = 1/2, x_C2 = x_C3 = 1/2, x_C1 = 1/2 * x_C2 = 1/4,
// P_full = x_start = 2/3 * 1/4 + 1/3 * 1/2 = 1/3.
// Without C1: (start)->C1 goes to null: P = 1/3 * 1/2 = 1/6, effect 1 - (1/6)/(1/3) = 1/2.
// Without C2: every path to C3 passes C2: P = 0, effect 1. Without C3: P = 0, effect 1.
// Sum = 5/2; credit C1 = (1/2)/(5/2) = 1/5, C2 = C3 = 2/5 (of 1 conversion; value 10 ->
// 2, 4, 4).
// The removal effects and Markov credits worked out above.
void expect_three_channel_markov(const AttributionResult& r) {
  EXPECT_NEAR(get(r.removal_effect_touchpoint, "C1"), 0.5, 1e-12);
  EXPECT_NEAR(get(r.removal_effect_touchpoint, "C2"), 1.0, 1e-12);
  EXPECT_NEAR(get(r.removal_effect_touchpoint, "C3"), 1.0, 1e-12);
  const AttributionModel& m = r.touchpoint.at("markov");
  EXPECT_NEAR(get(m.conversions, "C1"), 0.2, 1e-12);
  EXPECT_NEAR(get(m.conversions, "C2"), 0.4, 1e-12);
  EXPECT_NEAR(get(m.conversions, "C3"), 0.4, 1e-12);
  EXPECT_NEAR(get(m.value, "C1"), 2.0, 1e-12);
  EXPECT_NEAR(get(m.value, "C3"), 4.0, 1e-12);
}

TEST(MarkovAttribution, ThreeChannelRemovalEffectsByHand) {
  const PathsInput in = paths_of({"C1 > C2 > C3;1;10;0", "C1;0;;1", "C2 > C3;0;;1"});
  const AttributionResult r = attribute_paths(base_spec(), in);
  EXPECT_EQ(r.converting_paths, 1u);
  EXPECT_EQ(r.non_converting_paths, 2u);
  expect_three_channel_markov(r);
  // No touch times in aggregated paths: time decay is omitted, and said so.
  EXPECT_FALSE(r.touchpoint.contains("time_decay"));
  EXPECT_NE(r.note.find("time_decay"), std::string::npos);
}

// The same example with 300 other touchpoint names known first: C1..C3 get
// ids above 300, past the dense order-1 count matrix (at most 256 ids), so
// the counts go to the sparse table. The hand values above must not change.
TEST(MarkovAttribution, ThreeChannelWithManyNamesCountsSparsely) {
  PathsInput in;
  for (int i = 0; i < 300; ++i) in.touchpoints.intern("unused_" + std::to_string(i));
  for (const std::string line : {"C1 > C2 > C3;1;10;0", "C1;0;;1", "C2 > C3;0;;1"})
    in.paths.push_back(parse_path_line(line, in.touchpoints));
  ASSERT_GT(in.touchpoints.size(), PairCounts::kDenseLimit);
  const AttributionResult r = attribute_paths(base_spec(), in);
  expect_three_channel_markov(r);
  EXPECT_FALSE(r.removal_effect_touchpoint.contains("unused_0"));
}

// Order 2 on paths  A > B -> conv;  B > A -> null;  B > B -> 1 conv and 1 null.
// States are the last two touches, padded with s = (start):
//   (s,s)->(s,A) 1, (s,s)->(s,B) 3; (s,A)->(A,B) 1; (A,B)->conv 1;
//   (s,B)->(B,A) 1, (s,B)->(B,B) 2; (B,A)->null 1; (B,B)->conv 1, ->null 1.
// x(A,B)=1, x(s,A)=1, x(B,A)=0, x(B,B)=1/2, x(s,B)=1/3*0+2/3*1/2=1/3,
// P_full = 1/4*1 + 3/4*1/3 = 1/2.
// Without A ((s,A), (A,B), (B,A) removed): P = 3/4 * 1/3 = 1/4, effect 1/2.
// Without B ((s,B), (A,B), (B,A), (B,B) removed): P = 0, effect 1.
// Credit of the 2 conversions: A = (1/2)/(3/2)*2 = 2/3, B = 4/3.
TEST(MarkovAttribution, OrderTwoByHand) {
  JourneySpec spec = base_spec();
  spec.attribution.order = 2;
  const PathsInput in = paths_of({"A > B;1;;0", "B > A;0;;1", "B > B;1;;1"});
  const AttributionResult r = attribute_paths(spec, in);
  EXPECT_EQ(r.markov_order, 2);
  EXPECT_NEAR(get(r.removal_effect_touchpoint, "A"), 0.5, 1e-12);
  EXPECT_NEAR(get(r.removal_effect_touchpoint, "B"), 1.0, 1e-12);
  EXPECT_NEAR(get(r.touchpoint.at("markov").conversions, "A"), 2.0 / 3, 1e-12);
  EXPECT_NEAR(get(r.touchpoint.at("markov").conversions, "B"), 4.0 / 3, 1e-12);
}

// C only appears on non-converting paths. Removing it sends A->C to null, but
// A->C->... never converted anyway (C->null only): P unchanged, effect 0.
TEST(MarkovAttribution, StateUnusedByConvertingPathsHasZeroEffect) {
  const PathsInput in = paths_of({"A > B;1;;0", "A > C;0;;1", "C;0;;2"});
  const AttributionResult r = attribute_paths(base_spec(), in);
  EXPECT_NEAR(get(r.removal_effect_touchpoint, "C"), 0.0, 1e-12);
  EXPECT_NEAR(get(r.touchpoint.at("markov").conversions, "C"), 0.0, 1e-12);
  EXPECT_GT(get(r.removal_effect_touchpoint, "A"), 0.0);
}

// No conversion at all: P_full = 0, every credit and effect is zero.
TEST(MarkovAttribution, NoConversionGivesZeros) {
  const PathsInput in = paths_of({"A > B;0;;3"});
  const AttributionResult r = attribute_paths(base_spec(), in);
  EXPECT_EQ(get(r.removal_effect_touchpoint, "A"), 0.0);
  EXPECT_EQ(get(r.touchpoint.at("markov").conversions, "B"), 0.0);
}

// Counts that sum past 2^64 used to wrap (converting paths 8.5e18 while
// total conversions were 2.7e19): such an input is refused with file and line.
TEST(AggregatedPaths, CountsSummingPast2To64AreRefused) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("cjm_paths_" + std::to_string(::getpid())))
          .string();
  {
    std::ofstream out(path);
    // Each line: 9e15 conversions and 9e15 nulls over 2 steps = 3.6e16
    // transitions; 513 lines pass 2^64 (1.8e19), at line 513.
    for (int i = 0; i < 600; ++i) out << "a;9000000000000000;;9000000000000000\n";
  }
  ReadOptions options;
  options.path = path;
  ReadReport report;
  try {
    read_paths(options, report);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":513: "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("more than 2^64"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

// The reason parse_path_line throws for `line`, or "" if it reads it.
std::string path_line_error(const std::string& line, Dictionary& names) {
  try {
    parse_path_line(line, names);
  } catch (const Error& e) {
    return e.reason();
  }
  return "";
}

// A path longer than kMaxPathTouches is a rejected line.
TEST(AggregatedPaths, OverlongPathIsRejected) {
  Dictionary names;
  std::string line = "a";
  for (size_t i = 0; i < kMaxPathTouches; ++i) line += " > a";
  EXPECT_NE(path_line_error(line + ";1;;0", names).find("more than 10000 touchpoints"),
            std::string::npos);
  line.resize(line.size() - 4);
  EXPECT_EQ(parse_path_line(line + ";1;;0", names).touches.size(), kMaxPathTouches);
}

// A touchpoint named "(direct)" was reported merged with the (direct) of
// empty paths, with a removal effect above 1 (found by fuzz_paths):
// rejected.
TEST(AggregatedPaths, TheReservedNameDirectIsRejected) {
  Dictionary names;
  EXPECT_NE(path_line_error("a > (direct);1;;0", names).find("'(direct)' is reserved"),
            std::string::npos);
  EXPECT_TRUE(parse_path_line(";1;;0", names).touches.empty());
}

// Dense solve of (I - Q) x = b by Gaussian elimination with partial pivoting:
// the reference the iterative solver is checked against.
std::vector<double> solve_dense(std::vector<std::vector<double>> a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r)
      if (std::fabs(a[r][col]) > std::fabs(a[pivot][col])) pivot = r;
    std::swap(a[pivot], a[col]);
    std::swap(b[pivot], b[col]);
    for (size_t r = col + 1; r < n; ++r) {
      const double f = a[r][col] / a[col][col];
      for (size_t c = col; c < n; ++c) a[r][c] -= f * a[col][c];
      b[r] -= f * b[col];
    }
  }
  std::vector<double> x(n, 0.0);
  for (size_t i = n; i-- > 0;) {
    double s = b[i];
    for (size_t c = i + 1; c < n; ++c) s -= a[i][c] * x[c];
    x[i] = s / a[i][i];
  }
  return x;
}

// A random chain with loops and self-loops in which every state leaks to
// (null), so that I - Q is non-singular over all states.
markov::Chain random_chain(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  markov::Chain chain;
  chain.out.resize(n);
  for (size_t s = 0; s < n; ++s) {
    std::vector<double> w;
    std::vector<int64_t> t;
    for (int k = 0; k < 4; ++k) {
      t.push_back(static_cast<int64_t>(k == 0 ? s : rng() % n));
      w.push_back(1 + rng() % 5);
    }
    t.push_back(markov::kConversion);
    w.push_back(rng() % 2);
    t.push_back(markov::kNull);
    w.push_back(1);
    double sum = 0;
    for (double x : w) sum += x;
    for (size_t i = 0; i < t.size(); ++i)
      if (w[i] > 0) chain.out[s].emplace_back(t[i], w[i] / sum);
  }
  return chain;
}

// The dense reference, with every transition into a `removed` state sent to
// (null) instead.
double dense_probability(const markov::Chain& chain, const std::vector<uint8_t>& removed = {}) {
  const size_t n = chain.out.size();
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0.0));
  std::vector<double> b(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    a[i][i] += 1;
    for (const auto& [t, p] : chain.out[i]) {
      if (t == markov::kConversion) b[i] += p;
      if (t >= 0 && (removed.empty() || !removed[static_cast<size_t>(t)]))
        a[i][static_cast<size_t>(t)] -= p;
    }
  }
  return solve_dense(std::move(a), std::move(b))[chain.start];
}

// The iterative solver agrees with dense elimination on random chains with
// loops, and its bracket holds the exact value and is narrower than the
// tolerance.
TEST(MarkovAttribution, IterativeSolveMatchesDenseSolve) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const markov::Chain chain = random_chain(60, seed);
    const double dense = dense_probability(chain);
    const markov::Bracket iter = markov::conversion_probability(chain);
    EXPECT_GT(dense, 0);
    EXPECT_NEAR(dense, iter.value(), 1e-13);
    EXPECT_LE(iter.low, dense * (1 + 1e-14));
    EXPECT_GE(iter.high, dense * (1 - 1e-14));
    EXPECT_LE(iter.high - iter.low, markov::kTolerance * iter.low);
  }
}

// Every removal, warm-started from the whole chain, agrees with the dense
// reference; the brackets are exact to the tolerance.
TEST(MarkovAttribution, RemovalsMatchDenseSolves) {
  const markov::Chain chain = random_chain(50, 11);
  std::mt19937 rng(3);
  std::vector<std::vector<size_t>> removals;
  for (size_t k = 0; k < 20; ++k) {
    std::vector<size_t> set;
    for (size_t s = 1; s < 50; ++s)
      if (rng() % 10 == 0) set.push_back(s);
    removals.push_back(set);
  }
  const markov::Removals r = markov::removal_probabilities(chain, removals, markov::kWorkBudget);
  EXPECT_NEAR(r.full.value(), dense_probability(chain), 1e-13);
  for (size_t k = 0; k < removals.size(); ++k) {
    std::vector<uint8_t> removed(50, 0);
    for (size_t s : removals[k]) removed[s] = 1;
    const double dense = dense_probability(chain, removed);
    EXPECT_NEAR(r.without[k].value(), dense, 1e-13) << k;
    EXPECT_LE(r.without[k].high - r.without[k].low, markov::kTolerance * r.without[k].low) << k;
  }
}

// A chain that converges slowly (a two-state loop left once in 10^9 steps)
// stops at the work budget with an honest bracket, in bounded time.
TEST(MarkovAttribution, SlowChainStopsAtTheBudgetWithABracket) {
  markov::Chain chain;
  chain.out = {{{1, 1.0}},
               {{2, 1 - 1e-9}, {markov::kConversion, 1e-9}},
               {{1, 1 - 1e-9}, {markov::kNull, 1e-9}}};
  const markov::Bracket b = markov::conversion_probability(chain, nullptr, nullptr, 1'000'000);
  const double exact = 1 / (2 - 1e-9);  // x1 = 1e-9 + (1 - 1e-9)^2 x1
  EXPECT_LE(b.low, exact);
  EXPECT_GE(b.high, exact);
  EXPECT_LT(b.low, b.high);
}

// Four converting paths and one non-converting, from journeys (half-life 10 us):
//   c1: A@0 (search), B@10 (email), C@20 (no channel; spec: C -> social), buy@30 value 100
//       -> path [A,B,C]
//   c2: B@0 (email), buy@10 value 50                    -> path [B]
//   c3: A@0, D@10 (no channel), buy@20 (no value -> 0), C@30
//       -> converting [A,D], then non-converting [C]
//   c4: buy@5 value 20                                   -> empty path: (direct)
// Totals: 4 conversions, value 170; 4 converting paths, 1 non-converting.
// first_touch: A 2, B 1, (direct) 1.   last_touch: C 1, B 1, D 1, (direct) 1.
// linear: A 1/3+1/2=5/6, B 1/3+1=4/3, C 1/3, D 1/2, (direct) 1.
// position_based: [A,B,C] 0.4/0.2/0.4, [A,D] 0.5/0.5: A 0.9, B 1.2, C 0.4, D 0.5.
// time_decay on [A,B,C]: dt 30,20,10 -> 2^-3, 2^-2, 2^-1 -> 1/7, 2/7, 4/7;
//   on [A,D]: dt 20,10 -> 1/4, 1/2 -> 1/3, 2/3. A 1/7+1/3=10/21, B 2/7+1=9/7, C 4/7, D 2/3.
// Values: linear A = 100/3 + 0/2 = 33.33..; time_decay C = 4/7*100; first_touch A = 100.
// Channels (last_touch): social 1 (C), email 1 (B), (none) 1 (D), (direct) 1.
TEST(Attribution, HeuristicModelsOnFourPaths) {
  JourneySpec spec = base_spec();
  spec.attribution.half_life_us = 10;
  spec.touchpoints.push_back(TouchpointSpec{"C", "", "", "social", 0});
  const Fixture f({{"c1", 0, "A", "search"},
                   {"c1", 10, "B", "email"},
                   {"c1", 20, "C", ""},
                   {"c1", 30, "buy", "", 100},
                   {"c2", 0, "B", "email"},
                   {"c2", 10, "buy", "", 50},
                   {"c3", 0, "A", ""},
                   {"c3", 10, "D", ""},
                   {"c3", 20, "buy", ""},
                   {"c3", 30, "C", ""},
                   {"c4", 5, "buy", "", 20}},
                  spec);
  const AttributionResult r = f.run();
  EXPECT_EQ(r.converting_paths, 4u);
  EXPECT_EQ(r.non_converting_paths, 1u);
  EXPECT_DOUBLE_EQ(r.total_conversions, 4);
  EXPECT_DOUBLE_EQ(r.total_value, 170);
  const auto& ft = r.touchpoint.at("first_touch").conversions;
  EXPECT_DOUBLE_EQ(get(ft, "A"), 2);
  EXPECT_DOUBLE_EQ(get(ft, "B"), 1);
  EXPECT_DOUBLE_EQ(get(ft, "(direct)"), 1);
  const auto& lt = r.touchpoint.at("last_touch").conversions;
  EXPECT_DOUBLE_EQ(get(lt, "C"), 1);
  EXPECT_DOUBLE_EQ(get(lt, "B"), 1);
  EXPECT_DOUBLE_EQ(get(lt, "D"), 1);
  EXPECT_DOUBLE_EQ(get(lt, "(direct)"), 1);
  const auto& li = r.touchpoint.at("linear").conversions;
  EXPECT_NEAR(get(li, "A"), 5.0 / 6, 1e-12);
  EXPECT_NEAR(get(li, "B"), 4.0 / 3, 1e-12);
  EXPECT_NEAR(get(li, "C"), 1.0 / 3, 1e-12);
  EXPECT_NEAR(get(li, "D"), 0.5, 1e-12);
  const auto& pb = r.touchpoint.at("position_based").conversions;
  EXPECT_NEAR(get(pb, "A"), 0.9, 1e-12);
  EXPECT_NEAR(get(pb, "B"), 1.2, 1e-12);
  EXPECT_NEAR(get(pb, "C"), 0.4, 1e-12);
  EXPECT_NEAR(get(pb, "D"), 0.5, 1e-12);
  const auto& td = r.touchpoint.at("time_decay").conversions;
  EXPECT_NEAR(get(td, "A"), 10.0 / 21, 1e-12);
  EXPECT_NEAR(get(td, "B"), 9.0 / 7, 1e-12);
  EXPECT_NEAR(get(td, "C"), 4.0 / 7, 1e-12);
  EXPECT_NEAR(get(td, "D"), 2.0 / 3, 1e-12);
  EXPECT_NEAR(get(td, "(direct)"), 1, 1e-12);
  EXPECT_NEAR(get(r.touchpoint.at("linear").value, "A"), 100.0 / 3, 1e-9);
  EXPECT_NEAR(get(r.touchpoint.at("time_decay").value, "C"), 400.0 / 7, 1e-9);
  EXPECT_NEAR(get(r.touchpoint.at("first_touch").value, "A"), 100, 1e-12);
  const auto& ch = r.channel.at("last_touch").conversions;
  EXPECT_DOUBLE_EQ(get(ch, "social"), 1);
  EXPECT_DOUBLE_EQ(get(ch, "email"), 1);
  EXPECT_DOUBLE_EQ(get(ch, "(none)"), 1);
  EXPECT_DOUBLE_EQ(get(ch, "(direct)"), 1);
  EXPECT_TRUE(r.note.empty());

  // Markov on the same paths: (start)->A 2, ->B 1, ->C 1, ->(direct) 1; A->B 1, A->D 1;
  // B->C 1, B->conv 1; C->conv 1, C->null 1; D->conv 1; (direct)->conv 1.
  // x_C = 1/2, x_B = 3/4, x_D = x_(direct) = 1, x_A = 1/2*3/4 + 1/2 = 7/8,
  // P = 2/5*7/8 + 1/5*(3/4 + 1/2 + 1) = 4/5.
  // Without A: P = 9/20, RE 7/16. Without B: x_A = 1/2, P = 1/2, RE 3/8.
  // Without C: x_B = 1/2, x_A = 3/4, P = 3/5, RE 1/4. Without D: x_A = 3/8, P = 3/5,
  // RE 1/4. Without (direct): P = 3/5, RE 1/4. Sum 25/16; of 4 conversions:
  // A 7/25*4 = 1.12, B 0.96, C = D = (direct) = 0.64.
  EXPECT_NEAR(get(r.removal_effect_touchpoint, "A"), 7.0 / 16, 1e-12);
  EXPECT_NEAR(get(r.removal_effect_touchpoint, "B"), 3.0 / 8, 1e-12);
  EXPECT_NEAR(get(r.removal_effect_touchpoint, "(direct)"), 0.25, 1e-12);
  const auto& mk = r.touchpoint.at("markov").conversions;
  EXPECT_NEAR(get(mk, "A"), 1.12, 1e-12);
  EXPECT_NEAR(get(mk, "B"), 0.96, 1e-12);
  EXPECT_NEAR(get(mk, "C"), 0.64, 1e-12);
  EXPECT_NEAR(get(mk, "D"), 0.64, 1e-12);
  EXPECT_NEAR(get(r.touchpoint.at("markov").value, "A"), 7.0 / 25 * 170, 1e-9);
}

std::vector<Row> random_rows(std::mt19937& rng, int customers) {
  const std::vector<std::string> names{"a", "b", "c", "d", "e", "buy"};
  const std::vector<std::string> channels{"", "x", "y"};
  std::vector<Row> rows;
  for (int c = 0; c < customers; ++c) {
    const int n = static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i)
      rows.push_back(Row{"c" + std::to_string(c), static_cast<int64_t>(rng() % 1000),
                         names[rng() % names.size()], channels[rng() % channels.size()],
                         static_cast<float>(rng() % 50)});
  }
  return rows;
}

double sum(const std::map<std::string, double>& m) {
  double s = 0;
  for (const auto& [k, v] : m) s += v;
  return s;
}

// Every model hands out exactly the total conversions and value, per touchpoint
// and per channel, at every order.
TEST(Attribution, EveryModelSumsToTotals) {
  std::mt19937 rng(11);
  for (int order = 1; order <= 3; ++order) {
    JourneySpec spec = base_spec();
    spec.attribution.order = order;
    spec.attribution.half_life_us = 100;
    const Fixture f(random_rows(rng, 200), spec);
    const AttributionResult r = f.run();
    ASSERT_GT(r.total_conversions, 0);
    ASSERT_EQ(r.touchpoint.size(), 6u);
    for (const auto* models : {&r.touchpoint, &r.channel})
      for (const auto& [name, m] : *models) {
        EXPECT_NEAR(sum(m.conversions), r.total_conversions, 1e-9) << name << " order " << order;
        EXPECT_NEAR(sum(m.value), r.total_value, 1e-6) << name << " order " << order;
      }
  }
}

// Markov credit does not depend on the order customers are consumed in, nor on
// how they are split into partial aggregators merged in any order.
TEST(MarkovAttribution, IndependentOfOrderAndPartitioning) {
  std::mt19937 rng(3);
  JourneySpec spec = base_spec();
  spec.attribution.order = 2;
  const Fixture f(random_rows(rng, 300), spec);
  const AttributionResult whole = f.run();
  for (int trial = 0; trial < 5; ++trial) {
    std::vector<uint32_t> order(f.journeys.count());
    for (uint32_t c = 0; c < order.size(); ++c) order[c] = c;
    std::shuffle(order.begin(), order.end(), rng);
    const size_t parts = 1 + rng() % 5;
    std::vector<AttributionAggregator> partial(parts, AttributionAggregator(f.ctx));
    for (uint32_t c : order) partial[rng() % parts].consume(f.ctx, f.journey(c));
    std::shuffle(partial.begin(), partial.end(), rng);
    AttributionAggregator merged(f.ctx);
    for (const auto& p : partial) merged.merge(p);
    const AttributionResult r = merged.finish(f.ctx);
    for (const auto& [name, x] : whole.touchpoint.at("markov").conversions)
      EXPECT_NEAR(get(r.touchpoint.at("markov").conversions, name), x, 1e-12) << name;
    for (const auto& [name, x] : whole.removal_effect_channel)
      EXPECT_NEAR(get(r.removal_effect_channel, name), x, 1e-12) << name;
    EXPECT_NEAR(get(r.touchpoint.at("linear").conversions, "a"),
                get(whole.touchpoint.at("linear").conversions, "a"), 1e-9);
  }
}

// `analyze --input-format paths`: the early branch of run_analysis fills only
// the attribution of all customers.
TEST(AttributionPaths, RunAnalysisWithPathsFormat) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto spec = dir / "cjm_attribution_spec.yaml";
  const auto paths = dir / "cjm_attribution_run_paths.txt";
  {
    std::ofstream out(spec);
    out << "stages:\n  - id: s\n    events: [C1]\nconversion: buy\n";
    std::ofstream p(paths);
    p << "C1 > C2 > C3;1;10;0\nC1;0;;1\nC2 > C3;0;;1\n";
  }
  RunOptions options;
  options.spec_path = spec.string();
  options.events_path = paths.string();
  options.format = parse_input_format("paths");
  options.report_to_stderr = false;
  const AnalysisResult r = run_analysis(options);
  EXPECT_EQ(r.input.format, "paths");
  EXPECT_EQ(r.input.rows, 3u);
  EXPECT_EQ(r.all.customers, 0u);
  EXPECT_NEAR(get(r.all.attribution.touchpoint.at("markov").conversions, "C1"), 0.2, 1e-12);
  EXPECT_EQ(r.all.attribution.converting_paths, 1u);
  std::filesystem::remove(spec);
  std::filesystem::remove(paths);
}

TEST(AttributionPaths, ParsesGoodLines) {
  Dictionary names;
  AggregatedPath p = parse_path_line(" search > email>site ;3;12.5;7", names);
  ASSERT_EQ(p.touches.size(), 3u);
  EXPECT_EQ(names.at(p.touches[0]), "search");
  EXPECT_EQ(names.at(p.touches[2]), "site");
  EXPECT_EQ(p.conversions, 3u);
  EXPECT_EQ(p.value_e4, 125000);
  EXPECT_EQ(p.nulls, 7u);
  p = parse_path_line("search;0;;4\r", names);  // empty value = 0, CRLF
  EXPECT_EQ(p.value_e4, 0);
  EXPECT_EQ(p.nulls, 4u);
  p = parse_path_line(";2;5;0", names);  // empty path: direct
  EXPECT_TRUE(p.touches.empty());
}

TEST(AttributionPaths, RejectsBadLines) {
  Dictionary names;
  // The reason of the error a line gives (the caller adds file and line).
  const auto reason = [&](const std::string& line) -> std::string {
    try {
      parse_path_line(line, names);
    } catch (const Error& e) {
      EXPECT_EQ(e.line(), 0u) << line;
      return e.reason();
    }
    return "(no error)";
  };
  EXPECT_EQ(reason("a > b;1;2"), "3 fields, expected 4 (path;conversions;value;null)");
  EXPECT_EQ(reason("a > > b;1;2;0"), "empty touchpoint in path 'a > > b'");
  EXPECT_EQ(reason("a;x;2;0"), "bad total_conversions 'x' (expected a whole number >= 0)");
  EXPECT_EQ(reason("a;1.5;2;0"), "bad total_conversions '1.5' (expected a whole number >= 0)");
  EXPECT_EQ(reason("a;1;abc;0"), "bad total_conversion_value 'abc'");
  EXPECT_EQ(reason("a;1;2;-1"), "bad total_null '-1' (expected a whole number >= 0)");
}

TEST(AttributionPaths, ReaderReportsRejectedLineNumbers) {
  const auto file = std::filesystem::temp_directory_path() / "cjm_attribution_paths.txt";
  {
    std::ofstream out(file);
    out << "path;total_conversions;total_conversion_value;total_null\n"
        << "a > b;1;10;2\n"
        << "\n"
        << "b;oops;;1\n"
        << "a;0;;3\n"
        << "a > b > c\n";
  }
  ReadOptions options;
  options.path = file.string();
  ReadReport report;
  const PathsInput in = read_paths(options, report);
  EXPECT_EQ(in.paths.size(), 2u);
  EXPECT_EQ(report.rows, 4u);
  EXPECT_EQ(report.rejected, 2u);
  ASSERT_EQ(report.first_rejects.size(), 2u);
  EXPECT_EQ(report.first_rejects[0].line, 4u);
  EXPECT_EQ(report.first_rejects[1].line, 6u);
  EXPECT_EQ(report.format, "paths");

  EXPECT_EQ(report.first_rejects[0].reason,
            "bad total_conversions 'oops' (expected a whole number >= 0)");

  options.strict = true;
  try {
    read_paths(options, report);
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), file.string());
    EXPECT_EQ(e.line(), 4u);
    EXPECT_EQ(std::string(e.what()),
              file.string() + ":4: bad total_conversions 'oops' (expected a whole number >= 0)");
  }
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace cjm
