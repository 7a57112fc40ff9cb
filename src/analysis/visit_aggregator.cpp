#include "analysis/visit_aggregator.h"

#include <algorithm>
#include <string>

#include "analysis/stats.h"
#include "journey/visits.h"

namespace cjm {

namespace {

void add_to(std::vector<uint64_t>& histogram, uint64_t value) {
  if (histogram.size() <= value) histogram.resize(value + 1, 0);
  ++histogram[value];
}

void add_all(std::vector<uint64_t>& into, const std::vector<uint64_t>& from) {
  if (into.size() < from.size()) into.resize(from.size(), 0);
  for (size_t i = 0; i < from.size(); ++i) into[i] += from[i];
}

}  // namespace

VisitAggregator::VisitAggregator(const AggregatorContext&)
    : numbered_(kNumbered + 1, 0), numbered_converted_(kNumbered + 1, 0) {}

void VisitAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  if (journey.begin == journey.end) return;
  const EventTable& table = *ctx.table;
  const auto& is_conversion = ctx.map->is_conversion;
  uint64_t number = 0, first_converting = 0;
  for_each_visit(table, ctx.visits, journey.begin, journey.end, [&](uint64_t b, uint64_t e) {
    ++number;
    bool converted = false;
    for (uint64_t i = b; i < e && !converted; ++i) converted = is_conversion[table.event[i]] != 0;
    const size_t slot = std::min<uint64_t>(number, kNumbered + 1) - 1;
    ++numbered_[slot];
    if (converted) {
      ++numbered_converted_[slot];
      if (first_converting == 0) first_converting = number;
    }
  });
  ++customers_;
  visits_ += number;
  add_to(per_customer_, number);
  if (first_converting > 0) add_to(before_converting_, first_converting);
}

void VisitAggregator::merge(const VisitAggregator& other) {
  visits_ += other.visits_;
  customers_ += other.customers_;
  add_all(per_customer_, other.per_customer_);
  add_all(before_converting_, other.before_converting_);
  add_all(numbered_, other.numbered_);
  add_all(numbered_converted_, other.numbered_converted_);
}

VisitFigures VisitAggregator::finish(const AggregatorContext& ctx) const {
  VisitFigures r;
  r.defined = ctx.visits.defined();
  r.visits = visits_;
  r.customers = customers_;
  r.visits_per_customer = count_stats(per_customer_);
  r.visits_before_converting = count_stats(before_converting_);
  for (size_t k = 0; k <= kNumbered; ++k) {
    if (numbered_[k] == 0) continue;
    VisitNumberRow row;
    row.label = k < kNumbered ? std::to_string(k + 1) : std::to_string(kNumbered + 1) + "+";
    row.visits = numbered_[k];
    row.converted = numbered_converted_[k];
    r.by_visit_number.push_back(std::move(row));
  }
  return r;
}

void VisitAggregator::place(Result&& figures, SegmentResult& out) {
  out.visits = std::move(figures);
}

}  // namespace cjm
