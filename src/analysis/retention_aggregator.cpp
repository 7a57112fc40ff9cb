#include "analysis/retention_aggregator.h"

#include <algorithm>
#include <string>

#include "analysis/result.h"
#include "analysis/stats.h"
#include "core/civil_time.h"

namespace cjm {

namespace {

constexpr int64_t kUsPerDay = 86'400LL * 1'000'000;

// Floor division (rounds towards minus infinity), for times before 1970.
int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

int64_t month_index_utc(int64_t time_us) {
  int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(floor_div(time_us, kUsPerDay), y, m, d);
  return (y - 1970) * 12 + static_cast<int64_t>(m) - 1;
}

std::string month_label(int64_t month_index) {
  const int64_t y = 1970 + floor_div(month_index, 12);
  const unsigned m = static_cast<unsigned>(month_index - floor_div(month_index, 12) * 12) + 1;
  std::string out = std::to_string(y);
  if (y >= 0 && y < 1000) out.insert(0, 4 - out.size(), '0');
  out += m < 10 ? "-0" : "-";
  out += std::to_string(m);
  return out;
}

RetentionAggregator::RetentionAggregator(const AggregatorContext& ctx)
    : has_advocacy_(ctx.spec != nullptr && !ctx.spec->advocacy.empty()) {}

void RetentionAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  if (journey.begin == journey.end) return;
  const auto& event = ctx.table->event;
  const auto& time = ctx.table->time_us;
  const auto& is_conversion = ctx.map->is_conversion;

  // Journeys are time-ordered: the last event is the customer's latest.
  const int64_t last = time[journey.end - 1];
  if (!last_time_us_ || last > *last_time_us_) last_time_us_ = last;

  // Every conversion event is a purchase, even two at the same time.
  uint64_t purchases = 0;
  int64_t first_us = 0;
  bool advocate = false;
  months_.clear();
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    const uint32_t e = event[i];
    if (is_conversion[e]) {
      ++purchases;
      if (purchases == 1) {
        first_us = time[i];
      } else if (purchases == 2) {
        second_purchase_us_.push_back(time[i] - first_us);
      }
      const int64_t month = month_index_utc(time[i]);
      // Times are ascending, so months are too: dedupe against the last one.
      if (months_.empty() || months_.back() != month) months_.push_back(month);
    } else if (has_advocacy_ && purchases > 0 && ctx.map->is_advocacy[e]) {
      // Advocacy counts only strictly after the first conversion, in journey order.
      advocate = true;
    }
  }
  if (purchases == 0) return;
  ++buyers_;
  if (purchases >= 2) ++repeat_buyers_;
  if (advocate) ++advocates_;

  Cohort& cohort = cohorts_[months_.front()];
  ++cohort.customers;
  for (int64_t month : months_) {
    const size_t offset = static_cast<size_t>(month - months_.front());
    if (cohort.active.size() <= offset) cohort.active.resize(offset + 1, 0);
    ++cohort.active[offset];
  }
}

void RetentionAggregator::merge(const RetentionAggregator& other) {
  buyers_ += other.buyers_;
  repeat_buyers_ += other.repeat_buyers_;
  advocates_ += other.advocates_;
  second_purchase_us_.append(other.second_purchase_us_);
  for (const auto& [month, theirs] : other.cohorts_) {
    Cohort& mine = cohorts_[month];
    mine.customers += theirs.customers;
    if (mine.active.size() < theirs.active.size()) mine.active.resize(theirs.active.size(), 0);
    for (size_t m = 0; m < theirs.active.size(); ++m) mine.active[m] += theirs.active[m];
  }
  if (other.last_time_us_ && (!last_time_us_ || *other.last_time_us_ > *last_time_us_))
    last_time_us_ = other.last_time_us_;
}

RetentionResult RetentionAggregator::finish(const AggregatorContext&) const {
  RetentionResult r;
  r.buyers = buyers_;
  r.repeat_buyers = repeat_buyers_;
  if (buyers_ > 0)
    r.repeat_rate = static_cast<double>(repeat_buyers_) / static_cast<double>(buyers_);
  r.time_to_second_purchase_s = duration_stats_s(second_purchase_us_.runs());
  // Every cohort runs to the month of the segment's latest event.
  const int64_t last_month = last_time_us_ ? month_index_utc(*last_time_us_) : 0;
  for (const auto& [month, cohort] : cohorts_) {
    CohortRow row;
    row.month = month_label(month);
    row.customers = cohort.customers;
    row.active = cohort.active;
    const size_t span = static_cast<size_t>(std::max<int64_t>(last_month - month, 0)) + 1;
    if (row.active.size() < span) row.active.resize(span, 0);
    r.cohorts.push_back(std::move(row));
  }
  r.advocates = advocates_;
  if (has_advocacy_ && buyers_ > 0)
    r.advocacy_share = static_cast<double>(advocates_) / static_cast<double>(buyers_);
  return r;
}

void RetentionAggregator::place(Result&& figures, SegmentResult& out) {
  out.retention = std::move(figures);
}

}  // namespace cjm
