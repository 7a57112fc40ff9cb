#include "analysis/barrier_aggregator.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/result.h"

namespace cjm {

namespace {

constexpr double kZ = 1.959963984540054;  // two-sided 95 % normal quantile

std::optional<double> ratio(uint64_t a, uint64_t b) {
  if (b == 0) return std::nullopt;
  return static_cast<double>(a) / static_cast<double>(b);
}

}  // namespace

Interval wilson_interval(uint64_t successes, uint64_t n) {
  if (n == 0) return Interval{0, 0};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = kZ * kZ;
  const double denom = 1 + z2 / nn;
  const double center = (p + z2 / (2 * nn)) / denom;
  const double half = kZ / denom * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  return Interval{std::max(0.0, center - half), std::min(1.0, center + half)};
}

BarrierAggregator::BarrierAggregator(const AggregatorContext& ctx) {
  const JourneySpec& spec = *ctx.spec;
  const EventTable& table = *ctx.table;
  const size_t n = spec.barriers.size();
  barriers_.resize(n);
  counts_.resize(n);
  met_.assign(n, 0);
  reached_.assign(static_cast<size_t>(ctx.stages), 0);
  if (n == 0) return;

  // The earliest stage among each barrier's events.
  std::vector<int> event_stage(n, -1);
  for (uint32_t e = 0; e < table.events.size(); ++e) {
    const int s = ctx.map->stage[e];
    if (s == kNoStage) continue;
    for (uint16_t b : ctx.map->barriers_of(e))
      if (event_stage[b] < 0 || s < event_stage[b]) event_stage[b] = s;
  }

  for (size_t b = 0; b < n; ++b) {
    const BarrierSpec& bs = spec.barriers[b];
    Resolved& r = barriers_[b];
    r.stage = event_stage[b];
    for (size_t k = 0; k < spec.stages.size(); ++k)
      if (!bs.stage.empty() && spec.stages[k].id == bs.stage) r.stage = static_cast<int>(k);
    for (const auto& [column, values] : bs.where) {
      if (column == "channel") {
        r.channel_ok.assign(table.channels.size(), 0);
        for (const auto& v : values) {
          const uint32_t id = table.channels.find(v);
          if (id != Dictionary::kMissing) r.channel_ok[id] = 1;
        }
        continue;
      }
      r.attributes.add(table, column, values);
    }
  }
}

bool BarrierAggregator::hit(size_t b, uint64_t row, const EventTable& table) const {
  const Resolved& r = barriers_[b];
  if (!r.attributes.matches_row(table, row)) return false;
  if (r.channel_ok.empty()) return true;
  if (!table.has_channel()) return false;
  const uint32_t ch = table.channel[row];
  return ch < r.channel_ok.size() && r.channel_ok[ch];
}

void BarrierAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  const EventTable& table = *ctx.table;
  const auto& event = table.event;
  const EventMap& map = *ctx.map;
  const auto& stage = map.stage;
  const auto& is_conversion = ctx.map->is_conversion;

  // One pass finds the first conversion and sums the conversion values of
  // the segment (every conversion event).
  uint64_t first_conversion = journey.end;
  const int64_t* value = table.has_value() ? table.value.data() : nullptr;
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    if (!is_conversion[event[i]]) continue;
    if (first_conversion == journey.end) first_conversion = i;
    if (value == nullptr) break;
    if (!is_missing_value(value[i])) {
      ++value_count_;
      value_sum_e4_ += value[i];
    }
  }
  if (barriers_.empty() || journey.begin == journey.end) return;

  // The window: events before the first conversion (or all, if none); stages
  // count as reached up to and including the first conversion.
  const bool converted = first_conversion != journey.end;

  std::fill(met_.begin(), met_.end(), 0);
  std::fill(reached_.begin(), reached_.end(), 0);

  const uint64_t reach_end = converted ? first_conversion + 1 : journey.end;
  for (uint64_t i = journey.begin; i < reach_end; ++i) {
    const uint32_t e = event[i];
    if (stage[e] != kNoStage) reached_[static_cast<size_t>(stage[e])] = 1;
    if (i == first_conversion) break;
    for (const size_t b : map.barriers_of(e)) {
      if (!hit(b, i, table)) continue;
      met_[b] = 1;
      // Scores around the hit: the barrier event and the event right after it.
      if (table.has_score()) {
        for (uint64_t j = i; j < std::min(i + 2, journey.end); ++j)
          if (!std::isnan(table.score[j])) {
            ++counts_[b].scores;
            counts_[b].score_milli += std::llround(static_cast<double>(table.score[j]) * 1000);
          }
      }
    }
  }

  // Last relevant event: the last event that is mapped to a stage or is a hit.
  int64_t last_barrier_hits = -1;  // row of the last relevant event if it is a hit
  if (!converted) {
    for (uint64_t i = journey.end; i-- > journey.begin;) {
      const uint32_t e = event[i];
      bool any_hit = false;
      for (const size_t b : map.barriers_of(e)) {
        if (hit(b, i, table)) any_hit = true;
      }
      if (any_hit) {
        last_barrier_hits = static_cast<int64_t>(i);
        break;
      }
      if (stage[e] != kNoStage) break;
    }
  }
  if (last_barrier_hits >= 0) {
    const uint64_t i = static_cast<uint64_t>(last_barrier_hits);
    const uint32_t e = event[i];
    for (const size_t b : map.barriers_of(e)) {
      if (hit(b, i, table)) ++counts_[b].lost_after;
    }
  }

  size_t distinct = 0;
  for (size_t b = 0; b < barriers_.size(); ++b) {
    Counts& c = counts_[b];
    if (met_[b]) {
      ++distinct;
      ++c.met;
      if (converted) ++c.met_converted;
    } else {
      const int s = barriers_[b].stage;
      if (s < 0 || reached_[static_cast<size_t>(s)]) {
        ++c.comparable;
        if (converted) ++c.comparable_converted;
      }
    }
  }
  const size_t row = std::min<size_t>(distinct, 3);
  ++by_count_customers_[row];
  if (converted) ++by_count_converted_[row];
}

void BarrierAggregator::merge(const BarrierAggregator& other) {
  for (size_t k = 0; k < 4; ++k) {
    by_count_customers_[k] += other.by_count_customers_[k];
    by_count_converted_[k] += other.by_count_converted_[k];
  }
  for (size_t b = 0; b < counts_.size(); ++b) {
    Counts& c = counts_[b];
    const Counts& o = other.counts_[b];
    c.met += o.met;
    c.met_converted += o.met_converted;
    c.comparable += o.comparable;
    c.comparable_converted += o.comparable_converted;
    c.lost_after += o.lost_after;
    c.scores += o.scores;
    c.score_milli += o.score_milli;
  }
  value_count_ += other.value_count_;
  value_sum_e4_ += other.value_sum_e4_;
}

BarrierResult BarrierAggregator::finish(const AggregatorContext& ctx) const {
  BarrierResult r;
  const JourneySpec& spec = *ctx.spec;
  if (spec.barriers.empty()) return r;

  for (int k = 0; k < 4; ++k) {
    BarrierCountRow row;
    row.barriers = k;
    row.label = k >= 3 ? "3+" : std::to_string(k);
    row.customers = by_count_customers_[k];
    row.converted = by_count_converted_[k];
    row.rate = ratio(row.converted, row.customers);
    row.rate_ci = wilson_interval(row.converted, row.customers);
    r.by_count.push_back(row);
  }

  const double mean_value =
      value_count_ == 0 ? 0.0 : static_cast<double>(value_sum_e4_) / 1e4 / value_count_;
  for (size_t b = 0; b < spec.barriers.size(); ++b) {
    const BarrierSpec& bs = spec.barriers[b];
    const Counts& c = counts_[b];
    BarrierItem item;
    item.id = bs.id;
    item.name = bs.name;
    const int s = barriers_[b].stage;
    if (s >= 0) item.stage = spec.stages[static_cast<size_t>(s)].id;
    item.customers = c.met;
    item.converted = c.met_converted;
    item.rate = ratio(c.met_converted, c.met);
    item.rate_ci = wilson_interval(c.met_converted, c.met);
    item.comparable_customers = c.comparable;
    item.comparable_converted = c.comparable_converted;
    item.comparable_rate = ratio(c.comparable_converted, c.comparable);
    item.lost_after = c.lost_after;
    item.scores_around = c.scores;
    if (c.scores > 0)
      item.mean_score_around = static_cast<double>(c.score_milli) / 1000.0 / c.scores;
    item.fix_cost = bs.fix_cost;
    item.note = bs.note;

    if (bs.fix_cost) {
      Opportunity o;
      o.barrier_id = bs.id;
      o.barrier_name = bs.name;
      o.fix_cost = *bs.fix_cost;
      const double met = static_cast<double>(c.met);
      if (item.rate && item.comparable_rate) {
        const Interval comp = wilson_interval(c.comparable_converted, c.comparable);
        o.extra_conversions = std::max(0.0, met * (*item.comparable_rate - *item.rate));
        o.extra_conversions_ci.low = std::max(0.0, met * (comp.low - item.rate_ci.high));
        o.extra_conversions_ci.high = std::max(0.0, met * (comp.high - item.rate_ci.low));
      }
      o.extra_value = o.extra_conversions * mean_value;
      if (o.fix_cost > 0)
        o.gain_per_cost = o.extra_conversions / o.fix_cost;
      else
        o.gain_per_cost = o.extra_conversions > 0 ? std::numeric_limits<double>::infinity() : 0;
      o.method =
          "met x (conversion of comparable customers - conversion of those who met it); "
          "interval from the 95% Wilson bounds of both rates";
      r.opportunities.push_back(std::move(o));
    }
    r.items.push_back(std::move(item));
  }
  std::sort(r.opportunities.begin(), r.opportunities.end(),
            [](const Opportunity& a, const Opportunity& b) {
              if (a.gain_per_cost != b.gain_per_cost) return a.gain_per_cost > b.gain_per_cost;
              if (a.extra_conversions != b.extra_conversions)
                return a.extra_conversions > b.extra_conversions;
              return a.barrier_id < b.barrier_id;
            });
  for (size_t k = 0; k < r.opportunities.size(); ++k)
    r.opportunities[k].rank = static_cast<int>(k) + 1;
  return r;
}

void BarrierAggregator::place(Result&& figures, SegmentResult& out) {
  out.barriers = std::move(figures);
}

}  // namespace cjm
