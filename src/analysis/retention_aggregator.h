// Retention and advocacy: buyers, repeat buyers, time to the second purchase,
// monthly cohorts by month of first conversion, and advocates
// (docs/methods.md, "Retention and advocacy").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/duration_list.h"
#include "analysis/retention_result.h"

namespace cjm {

class RetentionAggregator {
 public:
  using Result = RetentionResult;
  // Repeat purchase and cohorts are about customers, whatever the unit.
  static constexpr bool kPerCustomer = true;

  // Resolves the spec's advocacy names and patterns once per distinct event
  // name (`ctx.spec` may be null: no advocacy).
  explicit RetentionAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const RetentionAggregator& other);
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  // Month index: months since 1970-01 (UTC), negative before 1970.
  struct Cohort {
    uint64_t customers = 0;
    std::vector<uint64_t> active;  // by months since the cohort month
  };

  bool has_advocacy_ = false;
  uint64_t buyers_ = 0, repeat_buyers_ = 0, advocates_ = 0;
  DurationList second_purchase_us_;      // second conversion - first, per repeat buyer
  std::map<int64_t, Cohort> cohorts_;    // by month of first conversion
  std::optional<int64_t> last_time_us_;  // latest event of the segment
  std::vector<int64_t> months_;          // scratch: conversion months of one journey
};

static_assert(Aggregator<RetentionAggregator>);

// Months since 1970-01 of a UTC timestamp in microseconds (floor for negative times).
int64_t month_index_utc(int64_t time_us);

// "YYYY-MM" of a month index (see month_index_utc).
std::string month_label(int64_t month_index);

}  // namespace cjm
