#include "analysis/emotion_aggregator.h"

#include <algorithm>
#include <bit>

#include "analysis/result.h"

namespace cjm {

EmotionAggregator::EmotionAggregator(const AggregatorContext& ctx)
    : small_(static_cast<size_t>(ctx.stages) * kWidth, 0),
      distribution_(static_cast<size_t>(ctx.stages)) {}

void EmotionAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  if (!ctx.table->has_score()) return;
  const auto& event = ctx.table->event;
  const auto& score = ctx.table->score;
  const auto& stage = ctx.map->stage;
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    float v = score[i];
    if (is_missing(v)) continue;
    int16_t s = stage[event[i]];
    if (s == kNoStage) continue;
    if (v >= -kSmall && v <= kSmall) {
      const int whole = static_cast<int>(v);
      if (static_cast<float>(whole) == v) {  // -0 and +0 are one score, 0
        ++small_[static_cast<size_t>(s) * kWidth + static_cast<size_t>(whole + kSmall)];
        continue;
      }
    }
    ++distribution_[s][std::bit_cast<uint32_t>(v)];
  }
}

void EmotionAggregator::merge(const EmotionAggregator& other) {
  for (size_t i = 0; i < small_.size(); ++i) small_[i] += other.small_[i];
  for (size_t k = 0; k < distribution_.size(); ++k)
    for (const auto& [v, n] : other.distribution_[k]) distribution_[k][v] += n;
}

std::vector<Emotion> EmotionAggregator::finish(const AggregatorContext&) const {
  std::vector<Emotion> out(distribution_.size());
  std::vector<std::pair<float, uint64_t>> sorted;
  for (size_t k = 0; k < distribution_.size(); ++k) {
    Emotion& e = out[k];
    sorted.clear();
    for (const auto& [bits, n] : distribution_[k])
      sorted.emplace_back(std::bit_cast<float>(bits), n);
    for (size_t i = 0; i < kWidth; ++i)
      if (const uint64_t n = small_[k * kWidth + i]; n != 0)
        sorted.emplace_back(static_cast<float>(static_cast<int>(i) - kSmall), n);
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (const auto& [v, n] : sorted) {
      e.distribution[static_cast<double>(v)] = n;
      e.count += n;
      sum += static_cast<double>(v) * static_cast<double>(n);
    }
    if (e.count > 0) e.mean = sum / static_cast<double>(e.count);
  }
  return out;
}

void EmotionAggregator::place(Result&& figures, SegmentResult& out) {
  for (size_t k = 0; k < out.stages.size(); ++k) out.stages[k].emotion = std::move(figures[k]);
}

}  // namespace cjm
