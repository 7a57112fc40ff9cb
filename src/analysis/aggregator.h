// The shape shared by every analysis: a mergeable aggregator, stated as the
// concept `Aggregator` below and checked with static_assert beside each one.
//
//   struct XAggregator {
//     using Result = XResult;
//     static constexpr bool kPerCustomer = true;           // optional, see below
//     explicit XAggregator(const AggregatorContext&);       // sized for the spec
//     void consume(const AggregatorContext&, const JourneyRef&);
//     void merge(const XAggregator& other);                // any order, same result
//     Result finish(const AggregatorContext&) const;      // does not modify
//     static void place(Result&&, SegmentResult&);         // where its figures go
//   };
//
// An aggregator may also consume a block of journeys at once
// (`consume(ctx, std::span<const JourneyRef>)`), with the same result as
// consuming them one by one; work it defers inside a block is done before
// the call returns, so merge and finish always see every journey consumed.
// One implementation per figure; the segment aggregator (segment_aggregator.h)
// holds them all in one tuple and folds over it.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "journey/event_map.h"
#include "journey/visits.h"

namespace cjm {

struct SegmentResult;

// Read-only facts every aggregator may use.
struct AggregatorContext {
  const EventTable* table = nullptr;
  const EventMap* map = nullptr;
  // The journey spec (barriers, advocacy, ...).
  const JourneySpec* spec = nullptr;
  int stages = 0;                      // number of stages in the spec
  std::vector<std::string> stage_ids;  // the spec's stage ids, the names stages are reported by
  std::optional<int64_t> window_us;    // conversion window
  size_t top_n = 20;
  unsigned threads = 1;         // threads `finish` may use (the result is the same)
  Unit unit = Unit::kCustomer;  // what a journey is
  VisitRule visits;             // how a customer's events are cut into visits
};

// One customer's journey: events [begin, end) of the sorted table.
struct JourneyRef {
  uint32_t customer = 0;
  uint64_t begin = 0, end = 0;
};

// The contract every figure's aggregator meets.
template <typename A>
concept Aggregator = std::constructible_from<A, const AggregatorContext&> &&
    std::copy_constructible<A> &&
    requires(A a, const A& other, const AggregatorContext& ctx, const JourneyRef& journey,
             typename A::Result result, SegmentResult& out) {
  a.consume(ctx, journey);
  a.merge(other);
  { other.finish(ctx) } -> std::same_as<typename A::Result>;
  A::place(std::move(result), out);
};

// Whether `A` is a figure about customers across their visits (it declares
// `static constexpr bool kPerCustomer = true`): it consumes whole customer
// journeys, whatever the unit; every other figure consumes journeys in the
// spec's unit.
template <typename A>
inline constexpr bool kPerCustomer = requires {
  requires A::kPerCustomer;
};

// Consumes `journeys` in order into `a`: by its own block consume when it has
// one, else one journey at a time.
template <Aggregator A>
void consume_block(A& a, const AggregatorContext& ctx, std::span<const JourneyRef> journeys) {
  if constexpr (requires { a.consume(ctx, journeys); }) {
    a.consume(ctx, journeys);
  } else {
    for (const JourneyRef& j : journeys) a.consume(ctx, j);
  }
}

}  // namespace cjm
