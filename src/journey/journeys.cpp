#include "journey/journeys.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/parallel.h"

namespace cjm {

namespace {

// Uninitialised storage for up to `elements` values of up to 8 bytes: the
// scratch column that every column in turn is scattered into. Its pages are
// first touched by the first scatter, not by a fill.
class Scratch {
 public:
  explicit Scratch(size_t elements)
      : p_(elements == 0 ? nullptr : std::malloc(elements * sizeof(int64_t))) {
    if (elements != 0 && p_ == nullptr) throw std::bad_alloc();
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() { std::free(p_); }
  // The storage as n values of T, whose lifetimes begin here (a no-op for
  // these trivial types).
  template <typename T>
  T* as(size_t n) {
    static_assert(sizeof(T) <= sizeof(int64_t) && std::is_trivial_v<T>);
    return std::uninitialized_default_construct_n(static_cast<T*>(p_), n), static_cast<T*>(p_);
  }

 private:
  void* p_;
};

// The table's rows split into parts by customer id: part p holds customers
// [p << shift, (p + 1) << shift). Parts hold about OrderOptions::rows_per_part
// rows (256K by default: a few megabytes per column), so that ordering the
// rows of one part reads memory that stays in the caches; ordering the whole
// table at once would read it at random. Rows are moved
// part by part in a stable scatter: thread t writes the rows of its share of
// the input in input order from cursor[t][p] on, after the earlier threads'.
struct Parts {
  int shift = 0;
  size_t count = 1;
  std::vector<uint64_t> start;                // count + 1 entries: where each part begins
  std::vector<std::vector<uint64_t>> cursor;  // [thread][part]

  uint32_t part_of(uint32_t customer) const { return customer >> shift; }
};

Parts plan_parts(std::span<const uint32_t> customer, uint32_t customers, unsigned threads,
                 size_t rows_per_part) {
  const size_t n = customer.size();
  Parts parts;
  if (customers > 0) {
    const size_t per_part = std::max<size_t>(1, rows_per_part);
    const size_t wanted = std::max<size_t>(1, (n + per_part - 1) / per_part);
    const size_t ids_per_part = (customers + wanted - 1) / wanted;
    parts.shift = static_cast<int>(std::bit_width(ids_per_part - 1));
    parts.count = ((static_cast<size_t>(customers) - 1) >> parts.shift) + 1;
  }
  parts.cursor.assign(threads, std::vector<uint64_t>(parts.count, 0));
  parallel_parts(n, threads, [&](unsigned t, size_t lo, size_t hi) {
    uint64_t* h = parts.cursor[t].data();
    for (size_t i = lo; i < hi; ++i) {
      if (customer[i] >= customers) throw Error("internal error: customer id out of range");
      ++h[parts.part_of(customer[i])];
    }
  });
  parts.start.assign(parts.count + 1, 0);
  uint64_t at = 0;
  for (size_t p = 0; p < parts.count; ++p) {
    parts.start[p] = at;
    for (unsigned t = 0; t < threads; ++t) {
      const uint64_t rows = parts.cursor[t][p];
      parts.cursor[t][p] = at;
      at += rows;
    }
  }
  parts.start[parts.count] = at;
  return parts;
}

// Moves the rows of `in` into `out` grouped by part, stably.
template <typename T>
void scatter(const Parts& parts, std::span<const uint32_t> customer, const T* in, T* out,
             unsigned threads) {
  parallel_parts(customer.size(), threads, [&](unsigned t, size_t lo, size_t hi) {
    std::vector<uint64_t> at = parts.cursor[t];
    for (size_t i = lo; i < hi; ++i) out[at[parts.part_of(customer[i])]++] = in[i];
  });
}

// Orders one column: scatters it by part into `scratch`, then writes it back
// in journey order, out[j] = scattered[perm[j]] (perm[j] lies in j's part).
template <typename T>
void reorder(Column<T>& column, const Parts& parts, std::span<const uint32_t> customer,
             std::span<const uint32_t> perm, Scratch& scratch, unsigned threads) {
  if (column.empty()) return;  // an optional column the input does not have
  if (column.size() != perm.size())
    throw Error("internal error: event table columns have different lengths");
  T* const data = column.mutable_data();
  T* const scattered = scratch.as<T>(perm.size());
  scatter(parts, customer, data, scattered, threads);
  parallel_ranges(perm.size(), threads, [&](size_t lo, size_t hi) {
    for (size_t j = lo; j < hi; ++j) data[j] = scattered[perm[j]];
  });
}

// True when the rows are already journeys: customer ids never decrease (ids
// are numbered by first appearance, so grouped input has them in order) and
// each journey is in time order. Fills `offsets` then.
bool already_ordered(const EventTable& table, uint32_t customers, unsigned threads,
                     std::vector<uint64_t>& offsets) {
  const size_t n = table.size();
  const uint32_t* const customer = table.customer.data();
  const int64_t* const time = table.time_us.data();
  std::atomic<bool> ordered{true};
  parallel_ranges(n, threads, [&](size_t lo, size_t hi) {
    for (size_t i = std::max<size_t>(lo, 1); i < hi; ++i)
      if (customer[i] < customer[i - 1] ||
          (customer[i] == customer[i - 1] && time[i] < time[i - 1])) {
        ordered = false;
        return;
      }
  });
  if (!ordered) return false;
  offsets.assign(static_cast<size_t>(customers) + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    if (customer[i] >= customers) throw Error("internal error: customer id out of range");
    ++offsets[customer[i] + 1];
  }
  for (size_t c = 0; c < customers; ++c) offsets[c + 1] += offsets[c];
  return true;
}

}  // namespace

Journeys build_journeys(EventTable& table, const OrderOptions& options) {
  const size_t n = table.size();
  if (n > std::numeric_limits<uint32_t>::max())
    throw Error("too many events (" + std::to_string(n) + "); at most " +
                std::to_string(std::numeric_limits<uint32_t>::max()) + " are supported");
  if (table.customer.size() != n || table.event.size() != n)
    throw Error("internal error: event table columns have different lengths");
  const uint32_t customers = table.customers.size();
  const unsigned threads = worker_count(options.threads);

  Journeys journeys;
  std::vector<uint64_t> offsets;
  if (already_ordered(table, customers, threads, offsets)) {
    journeys.offsets.swap(offsets);
    return journeys;
  }

  // The customer column, in input order, decides every row's part; it is
  // overwritten last.
  const std::span<const uint32_t> customer = table.customer;
  const Parts parts = plan_parts(customer, customers, threads, options.rows_per_part);
  Scratch scratch(n);

  // Inside each part, a counting sort by customer of the scattered rows:
  // perm[j] is the scattered row that goes to place j (every place is
  // written, so the storage starts uninitialised).
  const std::unique_ptr<uint32_t[]> perm_storage = std::make_unique_for_overwrite<uint32_t[]>(n);
  const std::span<uint32_t> perm(perm_storage.get(), n);
  offsets.assign(static_cast<size_t>(customers) + 1, 0);
  {
    uint32_t* const scattered = scratch.as<uint32_t>(n);
    scatter(parts, customer, customer.data(), scattered, threads);
    parallel_ranges(parts.count, threads, [&](size_t lo, size_t hi) {
      std::vector<uint64_t> next;
      for (size_t p = lo; p < hi; ++p) {
        const size_t base = p << parts.shift;
        if (base >= customers) continue;
        const size_t ids = std::min<size_t>(customers - base, size_t{1} << parts.shift);
        const uint64_t from = parts.start[p], to = parts.start[p + 1];
        next.assign(ids + 1, 0);
        for (uint64_t j = from; j < to; ++j) ++next[scattered[j] - base + 1];
        next[0] = from;
        for (size_t k = 0; k < ids; ++k) {
          next[k + 1] += next[k];
          offsets[base + k] = next[k];
        }
        for (uint64_t j = from; j < to; ++j)
          perm[next[scattered[j] - base]++] = static_cast<uint32_t>(j);
      }
    });
  }
  offsets[customers] = n;
  journeys.offsets.swap(offsets);

  // Time first: a journey out of time order is then sorted (stably: ties keep
  // input order) together with its part of the permutation, before the other
  // columns follow it.
  reorder(table.time_us, parts, customer, perm, scratch, threads);
  int64_t* const time = table.time_us.mutable_data();  // owned by now
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
    }
  });
  reorder(table.event, parts, customer, perm, scratch, threads);
  reorder(table.channel, parts, customer, perm, scratch, threads);
  reorder(table.value, parts, customer, perm, scratch, threads);
  reorder(table.score, parts, customer, perm, scratch, threads);
  reorder(table.session, parts, customer, perm, scratch, threads);
  for (AttributeColumn& a : table.attributes)
    reorder(a.of, parts, customer, perm, scratch, threads);

  // The customer column, once ordered, is each id repeated over its journey.
  uint32_t* const ids = table.customer.mutable_data();
  parallel_ranges(customers, threads, [&](size_t lo, size_t hi) {
    for (size_t c = lo; c < hi; ++c)
      std::fill(ids + journeys.offsets[c], ids + journeys.offsets[c + 1], static_cast<uint32_t>(c));
  });
  return journeys;
}

}  // namespace cjm
