// Emotion: per stage, the count, mean and distribution of scores
// (docs/analyses.md, "Emotion").
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/flat_map.h"
#include "analysis/id_hash.h"
#include "analysis/result.h"

namespace cjm {

class EmotionAggregator {
 public:
  using Result = std::vector<Emotion>;

  explicit EmotionAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const EmotionAggregator& other);
  // One Emotion per stage. The mean is computed from the distribution in value
  // order, so it does not depend on how customers were partitioned.
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  // Whole scores in [-kSmall, kSmall] (most scales: 1-5, 0-10, -100..100)
  // are counted in a dense array per stage; any other score in a table.
  static constexpr int kSmall = 127;
  static constexpr size_t kWidth = 2 * kSmall + 1;
  std::vector<uint64_t> small_;  // stage * kWidth + score + kSmall -> events
  // Per stage: any other score (its float bits) -> events.
  std::vector<FlatMap<uint32_t, uint64_t, IdHash>> distribution_;
};

static_assert(Aggregator<EmotionAggregator>);

}  // namespace cjm
