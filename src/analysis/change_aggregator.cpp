#include "analysis/change_aggregator.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <utility>

#include "analysis/change_scan.h"
#include "analysis/result.h"
#include "core/civil_time.h"
#include "core/iso_time.h"

namespace cjm {

namespace {

constexpr int64_t kUsPerDay = 86'400LL * 1'000'000;

// The lag bucket of each lag up to the largest horizon (see Risk).
constexpr auto kBucketOfLag = [] {
  constexpr auto& h = ChangeAggregator::kHorizons;
  std::array<uint8_t, h.back() + 1> bucket{};
  for (size_t lag = 0, b = 0; lag < bucket.size(); ++lag) {
    while (static_cast<int>(lag) > h[b]) ++b;
    bucket[lag] = static_cast<uint8_t>(b);
  }
  return bucket;
}();

std::string iso_day(int64_t day) {
  return iso_date_utc(day * kUsPerDay);
}

// The events over-represented among the units at risk inside a window
// (docs/methods.md, "Likely causes"): had by enough of them, with a share
// inside above the share outside by a one-sided two-proportion z-test at
// 0.05 over the names considered (Bonferroni); most lift first.
std::vector<ChangeEvent> likely_causes(const std::vector<uint64_t>& units_in,
                                       const std::vector<uint64_t>& units_out, uint64_t at_risk_in,
                                       uint64_t at_risk_out, const Dictionary& names) {
  using A = ChangeAggregator;
  const double n_in = static_cast<double>(at_risk_in), n_out = static_cast<double>(at_risk_out);
  std::vector<uint32_t> supported;
  for (uint32_t e = 0; e < units_in.size(); ++e)
    if (units_in[e] >= A::kMinCauseUnits &&
        static_cast<double>(units_in[e]) >= A::kMinCauseShare * n_in)
      supported.push_back(e);
  std::vector<ChangeEvent> out;
  if (supported.empty() || n_out == 0) return out;
  const double level = A::kCauseAlpha / static_cast<double>(supported.size());
  for (uint32_t e : supported) {
    const double in = static_cast<double>(units_in[e]), o = static_cast<double>(units_out[e]);
    const double pooled = (in + o) / (n_in + n_out);
    const double se = std::sqrt(pooled * (1 - pooled) * (1 / n_in + 1 / n_out));
    if (!(se > 0)) continue;  // every unit, or none, has it
    const double z = (in / n_in - o / n_out) / se;
    if (!(0.5 * std::erfc(z / std::sqrt(2.0)) <= level)) continue;
    const double lift = ((in + 1) / (n_in + 2)) / ((o + 1) / (n_out + 2));
    out.push_back(ChangeEvent{names.at(e), in / n_in, o / n_out, lift});
  }
  std::sort(out.begin(), out.end(), [](const ChangeEvent& a, const ChangeEvent& b) {
    if (a.lift != b.lift) return a.lift > b.lift;
    return a.event < b.event;
  });
  if (out.size() > A::kCauses) out.resize(A::kCauses);
  return out;
}

}  // namespace

ChangeAggregator::ChangeAggregator(const AggregatorContext& ctx)
    : scanned_(ctx.stages > 1 ? static_cast<uint32_t>(ctx.stages - 1) : 0),
      names_(static_cast<uint32_t>(ctx.table->events.size())),
      dense_(ctx.table->events.size() <= kDenseEvents),
      first_at_(size_t{scanned_} + 2, kNever),
      seen_(names_, 0) {}

uint32_t ChangeAggregator::find_row(int64_t day) {
  uint32_t& slot = row_of_day_[static_cast<uint64_t>(day)];
  if (slot == 0) {  // rows are stored + 1, so 0 is "new"
    row_day_.push_back(day);
    risk_.resize(risk_.size() + scanned_);
    if (dense_) units_.resize(units_.size() + size_t{scanned_} * names_, 0);
    slot = static_cast<uint32_t>(row_day_.size());
  }
  recent_[static_cast<uint64_t>(day) % kRecentDays] = RecentDay{day, slot};
  return slot - 1;
}

inline uint32_t ChangeAggregator::row(int64_t day) {
  const RecentDay& recent = recent_[static_cast<uint64_t>(day) % kRecentDays];
  if (recent.row != 0 && recent.day == day) return recent.row - 1;
  return find_row(day);
}

void ChangeAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  if (journey.begin == journey.end) return;
  const uint32_t* event = ctx.table->event.data();
  const int64_t* time = ctx.table->time_us.data();
  const int16_t* stage = ctx.map->stage.data();
  // Journeys are time-ordered: the first and last events bound the segment's days.
  const int64_t first_day = utc_day(time[journey.begin]);
  const int64_t last_day = utc_day(time[journey.end - 1]);
  if (!first_day_ || first_day < *first_day_) first_day_ = first_day;
  if (!last_day_ || last_day > *last_day_) last_day_ = last_day;
  if (scanned_ == 0) return;

  // The first position of every stage (slot scanned_ + 1 takes the
  // unmapped events): walking backwards, the last store to a slot is its
  // first position, with neither a branch nor a load per event.
  const size_t stages = size_t{scanned_} + 1;
  uint64_t* first = first_at_.data();
  std::fill(first, first + stages + 1, kNever);
  uint64_t present = 0;  // bit s: stage s occurs (used when stages < 64)
  for (uint64_t i = journey.end; i-- > journey.begin;) {
    const size_t s = static_cast<uint16_t>(stage[event[i]]);
    const size_t slot = s < stages ? s : stages;
    first[slot] = i;
    present |= uint64_t{1} << (slot & 63);
  }

  uint64_t* seen = seen_.data();
  const uint32_t scanned = scanned_, names = names_;
  // The unit is at risk of stage k + 1 (scanned stage k) from first[k].
  // With fewer than 64 stages, k jumps to the next stage that occurs, so a
  // short journey (a visit) costs little.
  for (uint32_t k = 0; k < scanned; ++k) {
    if (stages < 64) {
      const uint64_t rest = present >> k;
      if (rest == 0) break;
      k += static_cast<uint32_t>(std::countr_zero(rest));
      if (k >= scanned) break;
    }
    const uint64_t start = first[k];
    if (start == kNever) continue;
    // The entry: the first event of stage k + 1 after `start`.
    uint64_t entry = first[k + 1];
    if (entry != kNever && entry < start) {
      entry = start + 1;
      while (entry < journey.end && stage[event[entry]] != static_cast<int16_t>(k + 1)) ++entry;
      if (entry == journey.end) entry = kNever;
    }
    const int64_t day = utc_day(time[start]);
    const uint32_t r = row(day);
    Risk& risk = risk_[size_t{r} * scanned + k];
    ++risk.at_risk;
    if (entry != kNever) {
      const int64_t lag = utc_day(time[entry]) - day;
      ++risk.entered[lag < static_cast<int64_t>(kBucketOfLag.size())
                         ? kBucketOfLag[static_cast<size_t>(lag)]
                         : kHorizons.size()];
    }
    // Every event of the segment, once per name.
    const uint64_t end = entry == kNever ? journey.end : entry;
    const uint64_t tag = ++segments_;
    if (dense_) {
      uint32_t* units = units_.data() + (size_t{r} * scanned + k) * names;
      for (uint64_t i = start; i < end; ++i) {
        const uint32_t e = event[i];
        units[e] += seen[e] != tag;
        seen[e] = tag;
      }
    } else {
      for (uint64_t i = start; i < end; ++i) {
        const uint32_t e = event[i];
        if (seen[e] != tag) ++sparse_[CauseKey{r, k, e}];
        seen[e] = tag;
      }
    }
  }
}

void ChangeAggregator::merge(const ChangeAggregator& other) {
  if (!first_day_ || (other.first_day_ && *other.first_day_ < *first_day_))
    first_day_ = other.first_day_;
  if (!last_day_ || (other.last_day_ && *other.last_day_ > *last_day_)) last_day_ = other.last_day_;
  std::vector<uint32_t> mine(other.row_day_.size());
  for (uint32_t r = 0; r < other.row_day_.size(); ++r) {
    mine[r] = row(other.row_day_[r]);
    for (size_t k = 0; k < scanned_; ++k) {
      Risk& to = risk_[size_t{mine[r]} * scanned_ + k];
      const Risk& from = other.risk_[size_t{r} * scanned_ + k];
      to.at_risk += from.at_risk;
      for (size_t b = 0; b < to.entered.size(); ++b) to.entered[b] += from.entered[b];
    }
    if (!dense_) continue;
    const size_t width = size_t{scanned_} * names_;
    uint32_t* to = units_.data() + size_t{mine[r]} * width;
    const uint32_t* from = other.units_.data() + size_t{r} * width;
    for (size_t c = 0; c < width; ++c) to[c] += from[c];
  }
  for (const auto& [key, n] : other.sparse_)
    sparse_[CauseKey{mine[key.row], key.stage, key.event}] += n;
}

void ChangeAggregator::event_units(uint32_t k, const std::vector<int8_t>& side,
                                   std::vector<uint64_t>& in, std::vector<uint64_t>& out) const {
  in.assign(names_, 0);
  out.assign(names_, 0);
  if (dense_) {
    for (uint32_t r = 0; r < row_day_.size(); ++r) {
      if (side[r] < 0) continue;
      std::vector<uint64_t>& to = side[r] == 1 ? in : out;
      const uint32_t* from = units_.data() + (size_t{r} * scanned_ + k) * names_;
      for (uint32_t e = 0; e < names_; ++e) to[e] += from[e];
    }
    return;
  }
  for (const auto& [key, n] : sparse_) {
    if (key.stage != k || side[key.row] < 0) continue;
    (side[key.row] == 1 ? in : out)[key.event] += n;
  }
}

ChangeResult ChangeAggregator::finish(const AggregatorContext& ctx) const {
  ChangeResult result;
  if (scanned_ == 0) return result;
  std::vector<uint32_t> order(row_day_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return row_day_[a] < row_day_[b]; });

  // Per stage: the horizon, then the days scanned.
  std::vector<DailyCounts> counts(scanned_);
  std::vector<int> horizon(scanned_, kHorizons.back());
  for (uint32_t k = 0; k < scanned_; ++k) {
    std::array<uint64_t, kHorizons.size() + 1> by_bucket{};
    for (size_t r = 0; r < row_day_.size(); ++r)
      for (size_t b = 0; b < by_bucket.size(); ++b)
        by_bucket[b] += risk_[r * scanned_ + k].entered[b];
    const uint64_t entries = std::accumulate(by_bucket.begin(), by_bucket.end(), uint64_t{0});
    // Buckets counted as entries. When no horizon covers the share (most
    // entries come weeks later), the longest one still does: entries within
    // it count, and the days it cannot follow to the end are not scanned,
    // so the rate means "entered within that many days" on every day.
    size_t counted = kHorizons.size();
    uint64_t covered = 0;
    for (size_t b = 0; b < kHorizons.size(); ++b) {
      covered += by_bucket[b];
      if (static_cast<double>(covered) >= kHorizonShare * static_cast<double>(entries)) {
        horizon[k] = kHorizons[b];
        counted = b + 1;
        break;
      }
    }
    const int64_t last_scanned = last_day_.value_or(0) - horizon[k];
    for (uint32_t r : order) {
      const Risk& risk = risk_[size_t{r} * scanned_ + k];
      if (risk.at_risk == 0 || row_day_[r] > last_scanned) continue;
      counts[k].day.push_back(row_day_[r]);
      counts[k].at_risk.push_back(risk.at_risk);
      counts[k].entered.push_back(
          std::accumulate(risk.entered.begin(), risk.entered.begin() + counted, uint64_t{0}));
    }
  }

  const std::vector<std::vector<ScanWindow>> found = scan_stages(counts, ChangeScanOptions{});
  std::vector<uint64_t> units_in, units_out;
  std::vector<std::pair<uint32_t, Change>> changes;  // (stage, change)
  for (uint32_t k = 0; k < scanned_; ++k) {
    const std::string& stage_id = ctx.stage_ids[k + 1];
    // Row sides: -1 not compared, 0 baseline, 1 inside the window. The
    // baseline of a window leaves out the stage's windows found before it,
    // as the scan did.
    std::vector<int8_t> side(row_day_.size(), -1);
    const std::vector<int64_t>& days = counts[k].day;
    for (uint32_t r = 0; r < row_day_.size(); ++r)
      if (std::binary_search(days.begin(), days.end(), row_day_[r])) side[r] = 0;
    for (const ScanWindow& w : found[k]) {
      for (uint32_t r = 0; r < row_day_.size(); ++r)
        if (side[r] >= 0 && row_day_[r] >= w.first_day && row_day_[r] <= w.last_day) side[r] = 1;
      Change c;
      c.stage = stage_id;
      c.from = iso_day(w.first_day);
      c.to = iso_day(w.last_day);
      c.direction = w.down ? "down" : "up";
      c.baseline_rate = w.baseline_rate;
      c.rate = w.rate;
      c.p_value = w.p_value;
      c.lost = w.lost;
      c.at_risk = w.at_risk;
      c.entered = w.entered;
      event_units(k, side, units_in, units_out);
      c.events =
          likely_causes(units_in, units_out, w.at_risk, w.baseline_at_risk, ctx.table->events);
      // Later windows of the stage leave this one out of their baseline.
      for (int8_t& s : side)
        if (s == 1) s = -1;
      changes.emplace_back(k, std::move(c));
    }

    StageTimeline t;
    t.stage = stage_id;
    t.horizon_days = horizon[k];
    for (int64_t d : days) t.days.push_back(iso_day(d));
    t.at_risk = counts[k].at_risk;
    t.entered = counts[k].entered;
    result.timelines.push_back(std::move(t));
  }
  std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
    if (a.second.lost != b.second.lost) return a.second.lost > b.second.lost;
    if (a.first != b.first) return a.first < b.first;
    return a.second.from < b.second.from;
  });
  for (auto& [k, c] : changes) result.changes.push_back(std::move(c));
  return result;
}

void ChangeAggregator::place(Result&& figures, SegmentResult& out) {
  out.changes = std::move(figures.changes);
  out.change_timelines = std::move(figures.timelines);
}

}  // namespace cjm
