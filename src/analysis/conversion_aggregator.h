// Conversion and time: converted customers, time to convert, and time between
// consecutive stages (docs/analyses.md, "Conversion and time").
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/duration_list.h"
#include "analysis/result.h"

namespace cjm {

struct ConversionResult {
  uint64_t converted = 0;
  Stats time_to_convert_s;
  std::vector<Stats> time_from_previous_s;  // per stage; stage 0 is always empty
};

class ConversionAggregator {
 public:
  using Result = ConversionResult;

  explicit ConversionAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const ConversionAggregator& other);
  // With ctx.threads > 1 the duration statistics are computed in parallel.
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  uint64_t converted_ = 0;
  DurationList to_convert_us_;
  std::vector<DurationList> from_previous_us_;  // per stage
  // Scratch, per journey: time of the first event of each stage, and whether
  // the stage's duration from the previous stage was recorded.
  std::vector<int64_t> first_time_;
  std::vector<uint8_t> seen_, done_;
};

static_assert(Aggregator<ConversionAggregator>);

}  // namespace cjm
