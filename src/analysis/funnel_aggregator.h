// Funnels: closed and open, windowed and unbounded, with ClickHouse
// `windowFunnel` semantics in its default mode (docs/analyses.md, "Funnels").
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/result.h"

namespace cjm {

class FunnelAggregator {
 public:
  using Result = Funnel;

  explicit FunnelAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const FunnelAggregator& other);
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  // One chain of the one-pass algorithm: start_[i] is the start time of the
  // latest chain that reached step i (kNone if none).
  static constexpr int64_t kNone = INT64_MIN;  // no chain reached the step
  struct Chain {
    std::vector<int64_t> start;
    void reset();
    // Feeds an event at funnel step `step` (0-based) and time `t` to the
    // chain whose starts are `start`: a step continues the latest chain that
    // reached the step before it, if within `window` of that chain's start.
    static void feed(int64_t* start, int step, int64_t t, uint64_t window) {
      if (step == 0) {
        start[0] = t;  // the latest start is kept: it leaves the most room
        return;
      }
      const int64_t s = start[step - 1];
      if (s == kNone) return;
      // t - s for t >= s, without signed overflow.
      if (static_cast<uint64_t>(t) - static_cast<uint64_t>(s) > window) return;
      start[step] = s;
    }
    // Number of steps reached (the level).
    int level() const;
  };

  std::vector<uint64_t> closed_, open_, closed_unbounded_, open_unbounded_;
  Chain closed_w_, closed_u_, open_w_, open_u_;  // scratch, per journey
};

static_assert(Aggregator<FunnelAggregator>);

}  // namespace cjm
