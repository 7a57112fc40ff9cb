#include "analysis/segment_aggregator.h"

#include <functional>
#include <utility>
#include <vector>

#include "core/parallel.h"

namespace cjm {

namespace {

template <typename Tuple, typename F>
void for_each_index(F&& f) {
  [&]<size_t... I>(std::index_sequence<I...>) {
    (f(std::integral_constant<size_t, I>{}), ...);
  }
  (std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

template <typename... A>
std::tuple<A...> construct(const AggregatorContext& ctx, std::tuple<A...>*) {
  return std::tuple<A...>(A(ctx)...);
}

template <typename... A>
std::tuple<typename A::Result...> results_of(std::tuple<A...>*);

}  // namespace

SegmentAggregator::SegmentAggregator(const AggregatorContext& ctx)
    : figures_(construct(ctx, static_cast<Figures*>(nullptr))) {}

void SegmentAggregator::consume(const AggregatorContext& ctx,
                                std::span<const JourneyRef> journeys) {
  std::apply(
      [&](auto&... figure) {
        auto one = [&]<typename A>(A& a) {
          if constexpr (!kPerCustomer<A>) consume_block(a, ctx, journeys);
        };
        (one(figure), ...);
      },
      figures_);
}

void SegmentAggregator::consume_customers(const AggregatorContext& ctx,
                                          std::span<const JourneyRef> customers) {
  std::apply(
      [&](auto&... figure) {
        auto one = [&]<typename A>(A& a) {
          if constexpr (kPerCustomer<A>) consume_block(a, ctx, customers);
        };
        (one(figure), ...);
      },
      figures_);
}

std::vector<std::function<void()>> SegmentAggregator::merge_tasks(const SegmentAggregator& other) {
  std::vector<std::function<void()>> tasks;
  for_each_index<Figures>([&](auto i) {
    tasks.push_back(
        [this, &other, i] { std::get<i>(figures_).merge(std::get<i>(other.figures_)); });
  });
  return tasks;
}

void SegmentAggregator::merge(const SegmentAggregator& other, unsigned threads) {
  run_tasks(merge_tasks(other), threads);
}

SegmentResult SegmentAggregator::finish(const AggregatorContext& ctx) const {
  using Results = decltype(results_of(static_cast<Figures*>(nullptr)));
  Results results;
  std::vector<std::function<void()>> tasks;
  for_each_index<Figures>([&](auto i) {
    tasks.push_back([&, i] { std::get<i>(results) = std::get<i>(figures_).finish(ctx); });
  });
  run_tasks(tasks, ctx.threads);
  SegmentResult r;
  r.stages.resize(static_cast<size_t>(ctx.stages));
  for_each_index<Figures>(
      [&](auto i) { std::tuple_element_t<i, Figures>::place(std::move(std::get<i>(results)), r); });
  return r;
}

}  // namespace cjm
