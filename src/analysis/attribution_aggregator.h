// Attribution of conversions and conversion value to touchpoints (event names)
// and channels: first touch, last touch, linear, position based, time decay and
// the Markov chain removal effect (docs/methods.md, "Attribution").
//
// Journeys are cut at each conversion event: the touches strictly before it
// (since the previous conversion) form a converting path; the touches after the
// last conversion form a non-converting path. Heuristic credits are additive per
// path; the Markov chain keeps additive transition counts keyed by the underlying
// event-name / channel ids, so partial aggregators merge in any order.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/attribution_result.h"
#include "analysis/flat_map.h"
#include "analysis/id_hash.h"
#include "analysis/markov_chain.h"
#include "analysis/pair_counts.h"

namespace cjm {

class AttributionAggregator {
 public:
  using Result = AttributionResult;

  // Ids that are never real event-name or channel ids.
  static constexpr uint32_t kPad = UINT32_MAX;         // unused slot of a state key
  static constexpr uint32_t kStart = UINT32_MAX - 1;   // (start)
  static constexpr uint32_t kConv = UINT32_MAX - 2;    // (conversion)
  static constexpr uint32_t kNullId = UINT32_MAX - 3;  // (null)
  static constexpr uint32_t kDirect = UINT32_MAX - 4;  // (direct): converting path with no touch
  static constexpr int kMaxOrder = 4;

  // Touchpoint ids are ctx.table->events ids; channel ids index the channel
  // names built here (the table's channels, then the spec touchpoints'
  // channels, then "(none)"), identical for every aggregator of one context.
  explicit AttributionAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  // Adds `conversions` converting paths (with `value_e4` in total, in
  // ten-thousandths: core/money.h) and `nulls`
  // non-converting paths, all with these touches (event-name ids). `channels`:
  // the channel id of each touch, or empty to take the spec touchpoints'
  // channel of each name. `times` (touch times, same length) and
  // `conversion_time_us` feed time decay; pass an empty `times` when there are
  // none (aggregated paths input): time decay is then not reported.
  void add_path(std::span<const uint32_t> touches, std::span<const uint32_t> channels,
                std::span<const int64_t> times, int64_t conversion_time_us, uint64_t conversions,
                int64_t value_e4, uint64_t nulls);
  void merge(const AttributionAggregator& other);
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

  // Whether time decay is reported (false once a path without times was added,
  // or after disable_time_decay()).
  bool has_times() const { return has_times_; }
  void disable_time_decay() { has_times_ = false; }

 private:
  static constexpr size_t kModels = 5;              // heuristic models
  using Key = std::array<uint32_t, kMaxOrder + 1>;  // state tuple + next symbol
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  // Equality without a call to memcmp, and without early exits.
  struct KeyEq {
    bool operator()(const Key& a, const Key& b) const {
      uint32_t diff = 0;
      for (size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
      return diff == 0;
    }
  };
  // Markov transition counts keyed by (state tuple, next symbol). Order 1 keys
  // are id pairs, counted in a PairCounts (a dense matrix when the ids are
  // few); higher orders in a FlatMap of tuples.
  struct ChainCounts {
    int order = 1;
    PairCounts pairs;                               // order 1
    FlatMap<Key, uint64_t, KeyHash, KeyEq> tuples;  // order > 1
    void add(const Key& key, uint64_t n) {
      if (order == 1)
        pairs.add(key[0], key[1], n);
      else
        tuples[key] += n;
    }
    void merge(const ChainCounts& other);
    // Every (key, count) counted, in no particular order.
    std::vector<std::pair<Key, uint64_t>> entries() const;
  };
  using Counts = ChainCounts;
  struct Credit {
    double conversions = 0, value = 0;
  };
  // The credit of one id under every heuristic model; bit m of `seen` is set
  // once model m gave the id a non-zero weight (only those ids are reported).
  struct ModelCredits {
    std::array<Credit, kModels> model;
    uint8_t seen = 0;
  };
  // Credits by id, dense: slot 0 is (direct), slot id + 1 the id (touch and
  // channel ids are dense: event-name and channel-name indexes).
  struct Credits {
    std::vector<ModelCredits> slots;
    ModelCredits& operator[](uint32_t id) {
      const size_t s = id == kDirect ? 0 : size_t{id} + 1;
      if (s >= slots.size()) slots.resize(s + 1);
      return slots[s];
    }
    // Calls f(id, credits) for every id credited by some model, by id
    // ascending, (direct) last.
    template <typename F>
    void for_each(F&& f) const {
      for (size_t s = 1; s < slots.size(); ++s)
        if (slots[s].seen != 0) f(static_cast<uint32_t>(s - 1), slots[s]);
      if (!slots.empty() && slots[0].seen != 0) f(kDirect, slots[0]);
    }
  };

  uint32_t channel_of(uint32_t touch) const;
  void count_chain(Counts& counts, std::span<const uint32_t> symbols, uint64_t conversions,
                   uint64_t nulls) const;

  int order_ = 1;
  int64_t half_life_us_ = 0;
  std::vector<std::string> channel_names_;
  std::vector<uint32_t> channel_of_event_;  // per event id: spec channel id or none
  uint32_t none_channel_ = 0;

  uint64_t converting_ = 0, non_converting_ = 0;
  // The total value in units: the exact sum, rounded once.
  double total_value() const {
    return static_cast<double>(total_value_e4_) / static_cast<double>(kValueScale);
  }

  double total_conversions_ = 0;
  __int128 total_value_e4_ = 0;  // ten-thousandths, summed exactly
  bool has_times_ = true;
  Credits touch_credit_, channel_credit_;
  Counts touch_counts_, channel_counts_;

  // Scratch buffers for consume (not part of the state).
  std::vector<uint32_t> path_;
  std::vector<uint32_t> channels_;
  std::vector<int64_t> times_;
  std::vector<double> decay_;  // time-decay weight per touch
};

static_assert(Aggregator<AttributionAggregator>);

}  // namespace cjm
