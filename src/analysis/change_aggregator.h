// Change detection: per stage after the first, per day, the units that first
// reached the previous stage that day (at risk), how long they took to enter
// the stage, and the events they had in between; `finish` runs the change
// scan (change_scan.h) and names the likely causes (docs/methods.md, "Change
// detection").
//
// A unit's segment for stage k runs from its first event in stage k-1 up to,
// not including, its first event in stage k after that (or to its end when
// it never enters k). Its day is the UTC day of that first stage k-1 event;
// its lag, the days from there to the entry's day. Counts are kept per day
// in rows found through a hash of days, so stray dates cost one row each:
// per (row, stage) one cache line of the units at risk and their entries by
// lag, and the units having each event name, in a dense array when the data
// has at most kDenseEvents names, else in a hash keyed by (row, stage, event).
// A count is at most the units of one day, so 32 bits hold it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/change_result.h"
#include "analysis/flat_map.h"
#include "analysis/id_hash.h"

namespace cjm {

class ChangeAggregator {
 public:
  using Result = ChangeResult;

  // Entries are counted within a horizon: the smallest of kHorizons (days
  // after the day at risk) that covers kHorizonShare of a stage's entries;
  // the last that many days are not scanned (their units may enter later).
  // When none covers it, every entry counts and every day is scanned.
  static constexpr std::array<int, 12> kHorizons = {0, 1, 2, 3, 4, 5, 6, 7, 9, 13, 20, 27};
  static constexpr double kHorizonShare = 0.95;
  // Most event names counted in the dense array.
  static constexpr size_t kDenseEvents = 128;
  // Likely causes: at most kCauses events, each had by at least
  // kMinCauseUnits units at risk in the window and kMinCauseShare of them,
  // and more often inside than outside (one-sided test at kCauseAlpha over
  // the names considered).
  static constexpr size_t kCauses = 5;
  static constexpr uint64_t kMinCauseUnits = 5;
  static constexpr double kMinCauseShare = 0.02;
  static constexpr double kCauseAlpha = 0.05;

  explicit ChangeAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const ChangeAggregator& other);
  // The scan over every stage after the first, corrected for all of them.
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  // One (day, stage): the units at risk, and the entries by lag bucket: the
  // bucket b holds lags in (kHorizons[b-1], kHorizons[b]]; the last, later ones.
  struct alignas(64) Risk {
    uint32_t at_risk = 0;
    std::array<uint32_t, kHorizons.size() + 1> entered{};
  };

  struct CauseKey {
    uint32_t row = 0, stage = 0, event = 0;
    bool operator==(const CauseKey&) const = default;
  };
  struct CauseKeyHash {
    size_t operator()(const CauseKey& k) const {
      return static_cast<size_t>(mix64(pack_pair(k.row, k.event) ^ (uint64_t{k.stage} << 48)));
    }
  };

  // The row of `day`, created (zeroed) if new: from recent_ when there,
  // else from the hash (find_row).
  uint32_t row(int64_t day);
  uint32_t find_row(int64_t day);
  // Units having each event among the rows `side` marks 1 (`in`) and 0
  // (`out`), for `stage`.
  void event_units(uint32_t stage, const std::vector<int8_t>& side, std::vector<uint64_t>& in,
                   std::vector<uint64_t>& out) const;

  uint32_t scanned_ = 0;                         // stages after the first (0 when fewer than two)
  uint32_t names_ = 0;                           // event names
  bool dense_ = true;                            // event counts in `units_`, else in `sparse_`
  std::optional<int64_t> first_day_, last_day_;  // of any event of the segment

  FlatMap<uint64_t, uint32_t, PairHash> row_of_day_;  // day -> row + 1
  std::vector<int64_t> row_day_;                      // per row
  std::vector<Risk> risk_;                            // rows x scanned_
  std::vector<uint32_t> units_;                       // rows x scanned_ x names_ (dense)
  FlatMap<CauseKey, uint64_t, CauseKeyHash> sparse_;  // (row, stage, event) -> units

  // Scratch of the journey being consumed.
  static constexpr uint64_t kNever = UINT64_MAX;
  std::vector<uint64_t> first_at_;  // per stage (and one for unmapped): first position
  // Per event name: the last segment it was counted in (segments are
  // numbered from 1, so no clearing is needed between them).
  std::vector<uint64_t> seen_;
  uint64_t segments_ = 0;
  // The rows of recent days, by day modulo kRecentDays (days of a span
  // shorter than that never evict each other): most lookups skip the hash.
  static constexpr size_t kRecentDays = 512;
  struct RecentDay {
    int64_t day = 0;
    uint32_t row = 0;  // row + 1; 0: empty
  };
  std::vector<RecentDay> recent_ = std::vector<RecentDay>(kRecentDays);
};

static_assert(Aggregator<ChangeAggregator>);

}  // namespace cjm
