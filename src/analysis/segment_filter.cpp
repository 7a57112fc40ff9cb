#include "analysis/segment_filter.h"

namespace cjm {

SegmentFilter::SegmentFilter(const EventTable& table, const JourneySpec& spec)
    : personas_(spec.personas.size()) {
  const bool visits = spec.unit == Unit::kVisit;
  for (const PersonaSpec& p : spec.personas) {
    Segment s;
    s.kind = p.scope == PersonaScope::kEvent ? Kind::kEventPersona : Kind::kCustomerPersona;
    s.clipped = s.kind == Kind::kEventPersona && !visits;
    s.match = p.match;
    for (const auto& [column, values] : p.where) s.filter.add(table, column, values);
    segments_.push_back(std::move(s));
  }
  for (const PeriodSpec& p : spec.periods) {
    Segment s;
    s.kind = Kind::kPeriod;
    s.clipped = !visits;
    s.from_us = p.from_us;
    s.to_us = p.to_us;
    segments_.push_back(std::move(s));
  }
}

void SegmentFilter::customer_bits(const EventTable& table, uint64_t begin, uint64_t end,
                                  Membership& m) const {
  for (size_t i = 0; i < segments_.size(); ++i) {
    const Segment& s = segments_[i];
    if (s.kind == Kind::kCustomerPersona && s.filter.matches_customer(table, begin, end, s.match))
      set_member(m, i);
  }
}

void SegmentFilter::journey_bits(const EventTable& table, uint64_t begin, uint64_t end,
                                 Membership& m) const {
  if (begin == end) return;
  for (size_t i = 0; i < segments_.size(); ++i) {
    const Segment& s = segments_[i];
    if (s.clipped) continue;
    if (s.kind == Kind::kEventPersona && s.filter.matches_row(table, begin)) set_member(m, i);
    if (s.kind == Kind::kPeriod && table.time_us[begin] >= s.from_us &&
        table.time_us[begin] < s.to_us)
      set_member(m, i);
  }
  (void)end;
}

bool SegmentFilter::keeps(size_t i, const EventTable& table, uint64_t row) const {
  const Segment& s = segments_[i];
  if (s.kind == Kind::kPeriod)
    return table.time_us[row] >= s.from_us && table.time_us[row] < s.to_us;
  return s.filter.matches_row(table, row);
}

bool SegmentFilter::time_range(size_t i, int64_t& from_us, int64_t& to_us) const {
  const Segment& s = segments_[i];
  if (s.kind != Kind::kPeriod) return false;
  from_us = s.from_us;
  to_us = s.to_us;
  return true;
}

}  // namespace cjm
