// Barriers and opportunities: conversion by the number of barriers met, the
// effect of each barrier against comparable customers, and the estimated gain
// of removing a barrier per unit of its fix cost (docs/methods.md, "Barriers").
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/attribute_filter.h"
#include "analysis/barrier_result.h"

namespace cjm {

// 95 % Wilson score interval of `successes` out of `n` ({0, 0} when n == 0).
Interval wilson_interval(uint64_t successes, uint64_t n);

class BarrierAggregator {
 public:
  using Result = BarrierResult;

  explicit BarrierAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const BarrierAggregator& other);
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  // Resolved once per aggregator from the spec and the table's dictionaries.
  struct Resolved {
    int stage = -1;                   // stage index, -1 = every customer is comparable
    std::vector<uint8_t> channel_ok;  // per channel id; empty = no channel condition
    AttributeFilter attributes;       // the other `where` columns
  };
  struct Counts {
    uint64_t met = 0, met_converted = 0;
    uint64_t comparable = 0, comparable_converted = 0;
    uint64_t lost_after = 0;
    uint64_t scores = 0;
    // Sum of scores x 1000, rounded (exact to merge). 128 bits: scores are at
    // most 1e6 in magnitude (core/limits.h), so no count of events overflows.
    __int128 score_milli = 0;
  };

  bool customer_ok(size_t b, const JourneyRef& journey) const;
  bool hit(size_t b, uint64_t row, const EventTable& table) const;

  std::vector<Resolved> barriers_;

  uint64_t by_count_customers_[4] = {0, 0, 0, 0};
  uint64_t by_count_converted_[4] = {0, 0, 0, 0};
  std::vector<Counts> counts_;
  uint64_t value_count_ = 0;
  // Conversion values in 1/10000 units (exact to merge). 128 bits: values
  // are at most 1e12 in magnitude (core/limits.h), 1e16 units each.
  __int128 value_sum_e4_ = 0;

  // Scratch, per journey.
  std::vector<uint8_t> met_, reached_, customer_ok_;
};

static_assert(Aggregator<BarrierAggregator>);

}  // namespace cjm
