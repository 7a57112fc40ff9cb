// Google Benchmark micro benchmarks of the analyses over journeys already in
// memory: events consumed per second by the funnel, transition, path and
// last-steps aggregators (one thread), and of the dictionary that the reader
// interns every row into.
//
//   cmake --build build-perf --target cjm_micro_bench && build-perf/cjm_micro_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/funnel_aggregator.h"
#include "analysis/last_steps_aggregator.h"
#include "analysis/path_aggregator.h"
#include "analysis/transition_aggregator.h"
#include "core/dictionary.h"
#include "generate/generator.h"
#include "journey/journeys.h"
#include "reader/read_events.h"
#include "spec/journey_spec.h"

namespace cjm {
namespace {

// Generated journeys (about 11 events per customer), read, sorted and mapped.
struct Fixture {
  JourneySpec spec;
  EventTable table;
  Journeys journeys;
  EventMap map;
  AggregatorContext ctx;

  explicit Fixture(uint64_t customers) {
    spec = parse_spec(generator_spec_yaml(), "generated.yaml");
    GeneratorOptions g;
    g.customers = customers;
    std::string path = "/tmp/cjm_micro_bench_" + std::to_string(customers) + ".csv";
    {
      std::ofstream out(path, std::ios::binary);
      generate_events(g, out);
    }
    ReadOptions o;
    o.path = path;
    o.data = spec.data;
    ReadReport report;
    table = read_events(o, report);
    std::remove(path.c_str());
    map = map_events(table.events, spec);
    journeys = build_journeys(table);
    ctx.table = &table;
    ctx.map = &map;
    ctx.spec = &spec;
    ctx.stages = static_cast<int>(spec.stages.size());
    ctx.window_us = spec.conversion_window_us;
  }
};

const Fixture& fixture() {
  static const Fixture f(100000);
  return f;
}

template <typename Aggregator>
void consume_all(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state) {
    Aggregator a(f.ctx);
    for (uint32_t c = 0; c < f.journeys.count(); ++c)
      a.consume(f.ctx, JourneyRef{c, f.journeys.begin(c), f.journeys.end(c)});
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(f.table.size()));
  state.counters["events/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(f.table.size()),
      benchmark::Counter::kIsRate);
}

// The same, in blocks of journeys as the analysis driver consumes them.
template <typename Aggregator>
void consume_blocks(benchmark::State& state) {
  const Fixture& f = fixture();
  std::vector<JourneyRef> all;
  for (uint32_t c = 0; c < f.journeys.count(); ++c)
    all.push_back(JourneyRef{c, f.journeys.begin(c), f.journeys.end(c)});
  constexpr size_t kBlock = 1024;
  for (auto _ : state) {
    Aggregator a(f.ctx);
    for (size_t lo = 0; lo < all.size(); lo += kBlock)
      consume_block(
          a, f.ctx,
          std::span<const JourneyRef>(all).subspan(lo, std::min(kBlock, all.size() - lo)));
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(f.table.size()));
}

void BM_Funnel(benchmark::State& state) {
  consume_all<FunnelAggregator>(state);
}
BENCHMARK(BM_Funnel)->Unit(benchmark::kMillisecond);

void BM_Transitions(benchmark::State& state) {
  consume_all<TransitionAggregator>(state);
}
BENCHMARK(BM_Transitions)->Unit(benchmark::kMillisecond);

void BM_Paths(benchmark::State& state) {
  consume_blocks<PathAggregator>(state);
}
BENCHMARK(BM_Paths)->Unit(benchmark::kMillisecond);

void BM_LastSteps(benchmark::State& state) {
  consume_all<LastStepsAggregator>(state);
}
BENCHMARK(BM_LastSteps)->Unit(benchmark::kMillisecond);

// Interning keys shaped like customer ids: a fresh dictionary of `range(0)`
// distinct keys, each seen ten times in a scattered order.
void BM_DictionaryIntern(benchmark::State& state) {
  const size_t distinct = static_cast<size_t>(state.range(0));
  std::vector<std::string> keys;
  for (size_t i = 0; i < distinct * 10; ++i)
    keys.push_back("c" + std::to_string((i * 2654435761u) % distinct));
  for (auto _ : state) {
    Dictionary d;
    for (const std::string& k : keys) benchmark::DoNotOptimize(d.intern(k));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(keys.size()));
}
BENCHMARK(BM_DictionaryIntern)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cjm

BENCHMARK_MAIN();
