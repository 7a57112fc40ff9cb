#include "journey/journeys.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <limits>
#include <string>

#include "core/error.h"
#include "core/parallel.h"
#include "spec/glob.h"

namespace cjm {

namespace {

// Applies `perm` to one column: out[j] = column[perm[j]], split over
// `threads`, and returns the column's previous storage. Empty columns (an
// optional input column that is absent) stay empty, and get `scratch` back.
// `scratch`, if it holds column.size() elements, is used as the output: at
// 100M events, writing to fresh memory costs more than the gather itself on
// some machines (bench/README.md), so callers pass the storage a previous
// step freed.
template <typename T>
std::vector<T> gather(Column<T>& column, const std::vector<uint32_t>& perm, unsigned threads,
                      std::vector<T>&& scratch = {}) {
  if (column.empty()) return std::move(scratch);
  if (column.size() != perm.size())
    throw Error("internal error: event table columns have different lengths");
  std::vector<T> out = std::move(scratch);
  out.resize(column.size());
  parallel_ranges(perm.size(), threads, [&](size_t lo, size_t hi) {
    for (size_t j = lo; j < hi; ++j) out[j] = column[perm[j]];
  });
  column.swap(out);
  return out;
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

namespace {

// Groups the row indices by customer id, stably (rows of one customer keep
// their input order), and fills `offsets` (customers + 1 entries). A two-pass
// radix sort: rows are first spread into buckets of 2^shift consecutive
// customer ids (a few thousand ids each), then each bucket, small enough for
// the caches, is counted and placed. A one-pass counting sort would scatter
// every row to a random place in memory. Both passes run on all threads.
// `scratch` receives the pass-1 array (one 8-byte value per row) for reuse.
std::vector<uint32_t> group_by_customer(std::span<const uint32_t> customer, uint32_t customers,
                                        unsigned threads, std::vector<uint64_t>& offsets,
                                        std::vector<int64_t>& scratch) {
  const size_t n = customer.size();
  offsets.assign(static_cast<size_t>(customers) + 1, 0);
  std::vector<uint32_t> perm(n);
  if (n == 0) return perm;
  const int shift = std::max(0, static_cast<int>(std::bit_width(customers)) - 12);
  const size_t buckets = (static_cast<size_t>(customers) >> shift) + 1;
  // Rows per bucket, per thread; then where each thread writes in each bucket.
  std::vector<std::vector<uint64_t>> pos(threads, std::vector<uint64_t>(buckets, 0));
  parallel_parts(n, threads, [&](unsigned t, size_t lo, size_t hi) {
    uint64_t* h = pos[t].data();
    for (size_t i = lo; i < hi; ++i) {
      if (customer[i] >= customers) throw Error("internal error: customer id out of range");
      ++h[customer[i] >> shift];
    }
  });
  std::vector<uint64_t> bucket_start(buckets + 1, 0);
  for (size_t b = 0; b < buckets; ++b) {
    uint64_t at = bucket_start[b];
    for (unsigned t = 0; t < threads; ++t) {
      const uint64_t count = pos[t][b];
      pos[t][b] = at;
      at += count;
    }
    bucket_start[b + 1] = at;
  }

  // Pass 1: (customer, row) into the buckets, in row order within each.
  // (customer << 32 | row), stored as int64_t so that the array can serve as
  // the gathered time column afterwards.
  std::vector<int64_t> spread(n);
  parallel_parts(n, threads, [&](unsigned t, size_t lo, size_t hi) {
    uint64_t* p = pos[t].data();
    for (size_t i = lo; i < hi; ++i) {
      const uint32_t c = customer[i];
      spread[p[c >> shift]++] = static_cast<int64_t>((static_cast<uint64_t>(c) << 32) | i);
    }
  });
  pos.clear();

  // Pass 2: each bucket counted by customer and placed, inside its own range.
  parallel_ranges(buckets, threads, [&](size_t lo, size_t hi) {
    std::vector<uint64_t> next;
    for (size_t b = lo; b < hi; ++b) {
      const size_t base = b << shift;
      if (base >= customers) continue;
      const size_t ids = std::min<size_t>(customers - base, size_t{1} << shift);
      next.assign(ids + 1, 0);
      const uint64_t from = bucket_start[b], to = bucket_start[b + 1];
      auto id = [&](uint64_t j) { return static_cast<uint64_t>(spread[j]) >> 32; };
      for (uint64_t j = from; j < to; ++j) ++next[id(j) - base + 1];
      next[0] = from;
      for (size_t k = 0; k < ids; ++k) {
        next[k + 1] += next[k];
        offsets[base + k] = next[k];
      }
      for (uint64_t j = from; j < to; ++j)
        perm[next[id(j) - base]++] = static_cast<uint32_t>(spread[j]);
    }
  });
  offsets[customers] = n;
  scratch = std::move(spread);
  return perm;
}

}  // namespace

Journeys build_journeys(EventTable& table) {
  const size_t n = table.size();
  if (n > std::numeric_limits<uint32_t>::max())
    throw Error("too many events (" + std::to_string(n) + "); at most " +
                std::to_string(std::numeric_limits<uint32_t>::max()) + " are supported");
  if (table.customer.size() != n || table.event.size() != n)
    throw Error("internal error: event table columns have different lengths");
  const uint32_t customers = table.customers.size();
  const unsigned threads = worker_count();

  Journeys journeys;
  std::vector<int64_t> scratch;
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> perm =
      group_by_customer(table.customer, customers, threads, offsets, scratch);
  journeys.offsets.swap(offsets);
  bool identity = true;
  for (size_t j = 0; j < n && identity; ++j) identity = perm[j] == j;

  // Time first, so that checking each journey's order reads memory in order;
  // a journey out of time order is sorted (stably: ties keep input order)
  // together with its part of the permutation.
  if (!identity) gather(table.time_us, perm, threads, std::move(scratch));
  std::vector<int64_t>().swap(scratch);
  std::atomic<bool> resorted{false};
  int64_t* const time = table.time_us.mutable_data();  // before the threads: owned
  parallel_ranges(customers, threads, [&](size_t lo, size_t hi) {
    std::vector<std::pair<int64_t, uint32_t>> rows;
    for (size_t c = lo; c < hi; ++c) {
      const uint64_t first = journeys.offsets[c], last = journeys.offsets[c + 1];
      if (std::is_sorted(time + first, time + last)) continue;
      rows.clear();
      for (uint64_t j = first; j < last; ++j) rows.emplace_back(time[j], perm[j]);
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (uint64_t j = first; j < last; ++j) {
        time[j] = rows[j - first].first;
        perm[j] = rows[j - first].second;
      }
      resorted = true;
    }
  });

  if (!identity || resorted) {
    // Each column is written into storage that a previous step freed: the
    // events into the customer column's (its input order is no longer
    // needed), the channels into the events' old storage, the customer ids
    // into the channels'; the scores into the values'.
    std::vector<uint32_t> spare;
    table.customer.swap(spare);
    spare = gather(table.event, perm, threads, std::move(spare));
    spare = gather(table.channel, perm, threads, std::move(spare));
    // The customer column, once sorted, is each id repeated over its journey.
    spare.resize(n);
    uint32_t* const customer = spare.data();
    parallel_ranges(customers, threads, [&](size_t lo, size_t hi) {
      for (size_t c = lo; c < hi; ++c)
        std::fill(customer + journeys.offsets[c], customer + journeys.offsets[c + 1],
                  static_cast<uint32_t>(c));
    });
    table.customer.swap(spare);
    std::vector<float> spare_float = gather(table.value, perm, threads);
    gather(table.score, perm, threads, std::move(spare_float));
  }
  return journeys;
}

}  // namespace cjm
