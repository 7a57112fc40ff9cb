// SegmentFilter: which journeys belong to each persona and period
// (docs/analyses.md, "Segments"), resolved against the table once.
//
// Segments are numbered personas first, then periods (spec order). A segment
// is either *whole*: it takes whole journeys of the unit (a customer-scoped
// persona; with unit: visit, an event-scoped persona by the visit's first
// event and a period by the visit's start), decided per journey by a
// membership bit; or *clipped* (unit: customer only): it takes part of each
// customer's events (an event-scoped persona: the events that carry its
// values; a period: the events inside it), and its complement (the rest)
// is a segment of its own, for comparisons.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/attribute_filter.h"
#include "core/event_table.h"
#include "spec/journey_spec.h"

namespace cjm {

// Bit s: member of segment s.
using Membership = std::vector<uint64_t>;

class SegmentFilter {
 public:
  SegmentFilter(const EventTable& table, const JourneySpec& spec);

  size_t size() const { return segments_.size(); }
  size_t personas() const { return personas_; }
  bool clipped(size_t s) const { return segments_[s].clipped; }
  // An empty membership of the right width.
  Membership empty() const { return Membership((segments_.size() + 63) / 64, 0); }

  // Sets the bits of the whole segments decided by the customer (customer
  // scope), whose events are rows [begin, end) of `table`.
  void customer_bits(const EventTable& table, uint64_t begin, uint64_t end, Membership& m) const;
  // Sets the bits of the whole segments decided by the journey [begin, end)
  // itself (unit: visit: its first event and its start time).
  void journey_bits(const EventTable& table, uint64_t begin, uint64_t end, Membership& m) const;

  // Clipped segment `s`: whether row `row` of `table` belongs to it (its
  // rest takes the other rows).
  bool keeps(size_t s, const EventTable& table, uint64_t row) const;
  // Clipped period `s`: its time range [from, to); false for other segments.
  bool time_range(size_t s, int64_t& from_us, int64_t& to_us) const;

 private:
  enum class Kind { kCustomerPersona, kEventPersona, kPeriod };
  struct Segment {
    Kind kind;
    bool clipped = false;
    AttributeFilter filter;  // personas
    AttributeMatch match = AttributeMatch::kLast;
    int64_t from_us = 0, to_us = 0;  // periods
  };
  std::vector<Segment> segments_;
  size_t personas_ = 0;
};

inline bool member(const Membership& m, size_t s) {
  return (m[s / 64] >> (s % 64)) & 1;
}
inline void set_member(Membership& m, size_t s) {
  m[s / 64] |= uint64_t{1} << (s % 64);
}

}  // namespace cjm
