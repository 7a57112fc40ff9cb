// Visits across customers: visits per customer, the visit in which customers
// first converted, and conversion by visit number (docs/analyses.md,
// "Visits"). A figure about customers across their visits: it consumes whole
// customer journeys whatever the unit.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/result.h"

namespace cjm {

class VisitAggregator {
 public:
  using Result = VisitFigures;
  static constexpr bool kPerCustomer = true;
  // Visit numbers reported one by one; later visits are counted together.
  static constexpr size_t kNumbered = 10;

  explicit VisitAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const VisitAggregator& other);
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  uint64_t visits_ = 0, customers_ = 0;
  // Histograms: customers by their number of visits; converting customers by
  // the number of the visit of their first conversion.
  std::vector<uint64_t> per_customer_, before_converting_;
  // By visit number (1 .. kNumbered, then "more"): visits, and those with a conversion.
  std::vector<uint64_t> numbered_, numbered_converted_;
};

static_assert(Aggregator<VisitAggregator>);

}  // namespace cjm
