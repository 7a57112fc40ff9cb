// SequenceCounter: a small value per distinct sequence of ids (a path), kept
// in a PackedTable when the sequence packs (most do) and in a SequenceTable
// otherwise; a sequence is in exactly one of the two. And `top_sequences`:
// its first N sequences by a weight, ties broken by the sequences' names.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "analysis/packed_table.h"
#include "analysis/sequence_table.h"

namespace cjm {

template <typename V>
struct SequenceCounter {
  unsigned bits = 1;  // field width of packed keys: packed_bits(number of distinct ids)
  PackedTable<V> packed;
  SequenceTable<V> table;

  size_t size() const { return packed.size() + table.size(); }

  // The value of `key` (not empty), value-initialised and inserted if absent.
  V& operator[](std::span<const uint32_t> key) {
    PackedKey k;
    if (pack_ids(key, bits, k)) return packed[k];
    return table[key];
  }

  // Adds every sequence of `other` (same `bits`): `combine(into, from)` as in
  // PackedTable::merge. `other` must not be *this.
  template <typename Combine>
  void merge(const SequenceCounter& other, Combine combine) {
    packed.merge(other.packed, combine);
    table.merge(other.table, combine);
  }
};

// Whether the named sequence of `a` sorts before that of `b` (as
// std::vector<std::string> compares: element by element, a prefix first).
inline bool names_before(std::span<const uint32_t> a, std::span<const uint32_t> b,
                         const std::vector<std::string>& names) {
  return std::lexicographical_compare(
      a.begin(), a.end(), b.begin(), b.end(),
      [&](uint32_t x, uint32_t y) { return x != y && names[x] < names[y]; });
}

// Sorts `v` by `before` and keeps the first `top_n` (a partial sort when
// that is fewer than all).
template <typename T, typename Before>
void sort_top(std::vector<T>& v, size_t top_n, Before before) {
  if (v.size() > top_n) {
    std::partial_sort(v.begin(), v.begin() + static_cast<ptrdiff_t>(top_n), v.end(), before);
    v.resize(top_n);
  } else {
    std::sort(v.begin(), v.end(), before);
  }
}

// A sequence chosen by top_sequences: its value and its ids.
template <typename V>
struct RankedSequence {
  const V* value = nullptr;
  std::vector<uint32_t> ids;
};

// The first `top_n` sequences of `c` by weight(value) descending, then by
// their ids named by `names` (as strings). The order is decided on the ids
// (names looked up while comparing), and only among the sequences that can
// make the top: those with at least the top_n-th largest weight.
template <typename V, typename Weight>
std::vector<RankedSequence<V>> top_sequences(const SequenceCounter<V>& c,
                                             const std::vector<std::string>& names, size_t top_n,
                                             Weight weight) {
  uint64_t threshold = 0;
  if (c.size() > top_n && top_n > 0) {
    std::vector<uint64_t> weights;
    weights.reserve(c.size());
    for (size_t i = 0; i < c.packed.capacity(); ++i)
      if (c.packed.occupied(i)) weights.push_back(weight(c.packed.value(i)));
    for (size_t i = 0; i < c.table.size(); ++i) weights.push_back(weight(c.table.value(i)));
    std::nth_element(weights.begin(), weights.begin() + static_cast<ptrdiff_t>(top_n - 1),
                     weights.end(), std::greater<>());
    threshold = weights[top_n - 1];
  }
  struct Ref {
    const V* value;
    uint64_t weight;
    size_t index;  // slot of `packed`, or entry of `table`
    bool in_packed;
  };
  std::vector<Ref> refs;
  for (size_t i = 0; i < c.packed.capacity(); ++i)
    if (c.packed.occupied(i) && weight(c.packed.value(i)) >= threshold)
      refs.push_back(Ref{&c.packed.value(i), weight(c.packed.value(i)), i, true});
  for (size_t i = 0; i < c.table.size(); ++i)
    if (weight(c.table.value(i)) >= threshold)
      refs.push_back(Ref{&c.table.value(i), weight(c.table.value(i)), i, false});

  std::vector<uint32_t> buf_a, buf_b;
  auto ids = [&](const Ref& r, std::vector<uint32_t>& buf) -> std::span<const uint32_t> {
    if (!r.in_packed) return c.table.sequence(r.index);
    buf.clear();
    unpack_ids(c.packed.key(r.index), c.bits, buf);
    return buf;
  };
  auto before = [&](const Ref& a, const Ref& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return names_before(ids(a, buf_a), ids(b, buf_b), names);
  };
  sort_top(refs, top_n, before);
  std::vector<RankedSequence<V>> out(refs.size());
  for (size_t i = 0; i < refs.size(); ++i) {
    out[i].value = refs[i].value;
    const std::span<const uint32_t> key = ids(refs[i], buf_a);
    out[i].ids.assign(key.begin(), key.end());
  }
  return out;
}

}  // namespace cjm
