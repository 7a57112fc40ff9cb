// The shape shared by every analysis: a mergeable aggregator.
//
//   struct XAggregator {
//     explicit XAggregator(const AggregatorContext&);   // sized for the spec
//     void consume(const AggregatorContext&, const JourneyRef&);
//     void merge(const XAggregator& other);            // any order, same result
//     XResult finish(const AggregatorContext&) const;
//   };
//
// One implementation per figure; the driver (analyze.h) composes them per
// segment, per thread, and merges.
#pragma once

#include <cstdint>
#include <optional>

#include "core/event_table.h"
#include "journey/journeys.h"

namespace cjm {

// Read-only facts every aggregator may use.
struct AggregatorContext {
  const EventTable* table = nullptr;
  const EventMap* map = nullptr;
  // The journey spec (barriers, advocacy, ...).
  const JourneySpec* spec = nullptr;
  int stages = 0;                    // number of stages in the spec
  std::optional<int64_t> window_us;  // conversion window
  size_t top_n = 20;
};

// One customer's journey: events [begin, end) of the sorted table.
struct JourneyRef {
  uint32_t customer = 0;
  uint64_t begin = 0, end = 0;
};

}  // namespace cjm
