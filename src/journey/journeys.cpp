#include "journey/journeys.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "core/error.h"
#include "core/parallel.h"
#include "spec/glob.h"

namespace cjm {

namespace {

// Applies `perm` to one column: out[j] = column[perm[j]], split over
// `threads`. Empty columns (an optional input column that is absent) stay empty.
template <typename T>
void gather(std::vector<T>& column, const std::vector<uint32_t>& perm, unsigned threads) {
  if (column.empty()) return;
  if (column.size() != perm.size())
    throw Error("internal error: event table columns have different lengths");
  std::vector<T> out(column.size());
  parallel_ranges(perm.size(), threads, [&](size_t lo, size_t hi) {
    for (size_t j = lo; j < hi; ++j) out[j] = column[perm[j]];
  });
  column.swap(out);
}

}  // namespace

EventMap map_events(const Dictionary& events, const JourneySpec& spec) {
  if (spec.stages.size() > static_cast<size_t>(std::numeric_limits<int16_t>::max()))
    throw Error("too many stages in the spec (" + std::to_string(spec.stages.size()) + ")");
  const uint32_t n = events.size();
  EventMap map;
  map.stage.assign(n, kNoStage);
  map.is_conversion.assign(n, 0);

  // Exact names first, across all stages: an exact name beats any glob. When the
  // same exact name is listed twice, the first stage in spec order keeps it.
  for (size_t s = 0; s < spec.stages.size(); ++s)
    for (const auto& pattern : spec.stages[s].events) {
      if (is_glob(pattern)) continue;
      uint32_t id = events.find(pattern);
      if (id != Dictionary::kMissing && map.stage[id] == kNoStage)
        map.stage[id] = static_cast<int16_t>(s);
    }
  // Then globs, by stage order, once per distinct name still unmapped.
  for (uint32_t id = 0; id < n; ++id) {
    if (map.stage[id] != kNoStage) continue;
    const std::string& name = events.at(id);
    for (size_t s = 0; s < spec.stages.size() && map.stage[id] == kNoStage; ++s)
      for (const auto& pattern : spec.stages[s].events)
        if (is_glob(pattern) && glob_match(pattern, name)) {
          map.stage[id] = static_cast<int16_t>(s);
          break;
        }
  }
  for (uint32_t id = 0; id < n; ++id)
    if (map.stage[id] == kNoStage) map.unmapped.push_back(id);

  // Conversion: exact names, then globs, once per distinct name.
  for (const auto& pattern : spec.conversion) {
    if (is_glob(pattern)) continue;
    uint32_t id = events.find(pattern);
    if (id != Dictionary::kMissing) map.is_conversion[id] = 1;
  }
  for (uint32_t id = 0; id < n; ++id) {
    if (map.is_conversion[id]) continue;
    const std::string& name = events.at(id);
    for (const auto& pattern : spec.conversion)
      if (is_glob(pattern) && glob_match(pattern, name)) {
        map.is_conversion[id] = 1;
        break;
      }
  }
  return map;
}

Journeys build_journeys(EventTable& table) {
  const size_t n = table.size();
  if (n > std::numeric_limits<uint32_t>::max())
    throw Error("too many events (" + std::to_string(n) + "); at most " +
                std::to_string(std::numeric_limits<uint32_t>::max()) + " are supported");
  if (table.customer.size() != n || table.event.size() != n)
    throw Error("internal error: event table columns have different lengths");
  const uint32_t customers = table.customers.size();

  // Stable counting sort by dense customer id.
  Journeys journeys;
  journeys.offsets.assign(static_cast<size_t>(customers) + 1, 0);
  for (uint32_t c : table.customer) {
    if (c >= customers) throw Error("internal error: customer id out of range");
    ++journeys.offsets[c + 1];
  }
  for (uint32_t c = 0; c < customers; ++c) journeys.offsets[c + 1] += journeys.offsets[c];

  std::vector<uint32_t> perm(n);
  {
    std::vector<uint64_t> next(journeys.offsets.begin(), journeys.offsets.end() - 1);
    for (size_t i = 0; i < n; ++i) perm[next[table.customer[i]]++] = static_cast<uint32_t>(i);
  }

  // Inside each customer: stable sort by time, only where needed.
  const unsigned threads = worker_count();
  const auto& time = table.time_us;
  parallel_ranges(customers, threads, [&](size_t lo, size_t hi) {
    for (size_t c = lo; c < hi; ++c) {
      auto first = perm.begin() + static_cast<ptrdiff_t>(journeys.offsets[c]);
      auto last = perm.begin() + static_cast<ptrdiff_t>(journeys.offsets[c + 1]);
      auto by_time = [&](uint32_t a, uint32_t b) { return time[a] < time[b]; };
      if (!std::is_sorted(first, last, by_time)) std::stable_sort(first, last, by_time);
    }
  });

  bool identity = true;
  for (size_t j = 0; j < n && identity; ++j) identity = perm[j] == j;
  if (!identity) {
    // The customer column, once sorted, is each id repeated over its journey.
    parallel_ranges(customers, threads, [&](size_t lo, size_t hi) {
      for (size_t c = lo; c < hi; ++c)
        std::fill(table.customer.begin() + static_cast<ptrdiff_t>(journeys.offsets[c]),
                  table.customer.begin() + static_cast<ptrdiff_t>(journeys.offsets[c + 1]),
                  static_cast<uint32_t>(c));
    });
    gather(table.time_us, perm, threads);
    gather(table.event, perm, threads);
    gather(table.channel, perm, threads);
    gather(table.value, perm, threads);
    gather(table.score, perm, threads);
  }
  return journeys;
}

}  // namespace cjm
