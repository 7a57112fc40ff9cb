// The cost of change detection within the analysis, on a .cjm store: the
// change aggregator's consume (one thread over every journey), merge and
// finish (CPU time, one thread), against the whole analysis (every
// aggregator, all threads: wall and CPU time), and
// what it found (each stage's horizon, days scanned, changes).
//
//   cjm generate --customers 1000000 --seed 1 -o g.csv --spec-out g.yaml
//   cjm import --spec g.yaml --events g.csv -o g.cjm
//   cmake --build build --target cjm_change_bench && build/cjm_change_bench g.yaml g.cjm
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/change_aggregator.h"
#include "journey/event_map.h"
#include "spec/journey_spec.h"
#include "storage/store_reader.h"

namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU seconds used so far by the whole process (every thread).
double cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cjm;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s SPEC.yaml EVENTS.cjm [repetitions]\n", argv[0]);
    return 2;
  }
  const int reps = argc > 3 ? std::atoi(argv[3]) : 5;
  const JourneySpec spec = load_spec(argv[1]);
  StoreContents store = read_store(argv[2], StoreReadOptions{.customer_names = false});
  const EventMap map = map_events(store.table.events, spec);
  AggregatorContext ctx;
  ctx.table = &store.table;
  ctx.map = &map;
  ctx.spec = &spec;
  ctx.stages = static_cast<int>(spec.stages.size());
  for (const auto& s : spec.stages) ctx.stage_ids.push_back(s.id);
  ctx.unit = spec.unit;
  ctx.visits = visit_rule(store.table, spec);
  const uint32_t customers = static_cast<uint32_t>(store.journeys.count());
  std::printf("%zu events, %u customers, journeys: %s\n", store.table.size(), customers,
              spec.unit == Unit::kVisit ? "visits" : "customers");
  // Consumes customer c's journeys in the spec's unit (whole, or each visit).
  const auto consume_customer = [&](ChangeAggregator& agg, uint32_t c) {
    if (spec.unit != Unit::kVisit)
      return agg.consume(ctx, JourneyRef{c, store.journeys.begin(c), store.journeys.end(c)});
    for_each_visit(store.table, ctx.visits, store.journeys.begin(c), store.journeys.end(c),
                   [&](uint64_t b, uint64_t e) {
                     agg.consume(ctx, JourneyRef{c, b, e});
                   });
  };

  std::vector<double> consume, merge, finish, whole, whole_cpu;
  ChangeResult result;
  for (int r = 0; r < reps; ++r) {
    // Two halves, as two threads would consume them, then merged.
    ChangeAggregator a(ctx), b(ctx);
    double t0 = cpu_s();
    for (uint32_t c = 0; c < customers / 2; ++c) consume_customer(a, c);
    for (uint32_t c = customers / 2; c < customers; ++c) consume_customer(b, c);
    double t1 = cpu_s();
    a.merge(b);
    double t2 = cpu_s();
    result = a.finish(ctx);
    double t3 = cpu_s();
    consume.push_back(t1 - t0);
    merge.push_back(t2 - t1);
    finish.push_back(t3 - t2);

    AnalysisInput in{&store.table, &store.journeys, &map, &spec};
    double t4 = now_s(), c4 = cpu_s();
    AnalysisResult all = analyze(in, AnalyzeOptions{});
    whole.push_back(now_s() - t4);
    whole_cpu.push_back(cpu_s() - c4);
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf(
      "change aggregator, CPU: consume %.1f ms (least %.1f), merge %.2f ms, finish %.2f ms\n",
      1e3 * median(consume), 1e3 * *std::min_element(consume.begin(), consume.end()),
      1e3 * median(merge), 1e3 * median(finish));
  std::printf("whole analysis (every aggregator and segment, all threads): %.1f ms, CPU %.1f ms\n",
              1e3 * median(whole), 1e3 * median(whole_cpu));
  for (const StageTimeline& t : result.timelines)
    std::printf("  stage %-10s horizon %3d days, %zu days scanned (%s .. %s)\n", t.stage.c_str(),
                t.horizon_days, t.days.size(), t.days.empty() ? "" : t.days.front().c_str(),
                t.days.empty() ? "" : t.days.back().c_str());
  for (const Change& c : result.changes)
    std::printf("  change: %s %s..%s %s rate %.4f baseline %.4f p %.3g lost %.1f\n",
                c.stage.c_str(), c.from.c_str(), c.to.c_str(), c.direction.c_str(), c.rate,
                c.baseline_rate, c.p_value, c.lost);
  return 0;
}
