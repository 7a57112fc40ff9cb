// PairCounts: counts of ordered (from, to) id pairs, for transition matrices.
//
// Ids are the dense ids 0..ids-1 plus `reserved` marker ids, the highest
// uint32 values (by default two: the frame ids kStart and kEnd). With up to
// kDenseLimit ids the counts are a dense (ids+reserved)^2 matrix, so counting
// a pair is one increment; above that, or for an id outside the range, they
// go to a FlatMap keyed by the packed pair. Only pairs counted at least once
// are reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/flat_map.h"
#include "analysis/id_hash.h"

namespace cjm {

class PairCounts {
 public:
  static constexpr uint32_t kStart = UINT32_MAX - 1;
  static constexpr uint32_t kEnd = UINT32_MAX;
  // Most ids kept in the dense matrix (258 x 258 counters, about 520 KB).
  static constexpr size_t kDenseLimit = 256;

  PairCounts() = default;
  // Counts over the ids 0..ids-1 and the `reserved` highest ids (at least
  // the two frame ids).
  explicit PairCounts(size_t ids, uint32_t reserved = 2)
      : ids_(ids), reserved_(reserved < 2 ? 2 : reserved) {
    if (ids <= kDenseLimit) {
      width_ = ids + reserved_;
      cells_.assign(width_ * width_, 0);
    }
  }

  // Adds `n` to the count of (from, to).
  void add(uint32_t from, uint32_t to, uint64_t n = 1) {
    const size_t f = slot(from), t = slot(to);
    if (f < width_ && t < width_)
      cells_[f * width_ + t] += n;
    else
      sparse_[pack_pair(from, to)] += n;
  }

  // Counts the framed path of `ids`: (kStart, first), each consecutive pair,
  // (last, kEnd). An empty path counts nothing.
  void add_framed(std::span<const uint32_t> ids) {
    if (ids.empty()) return;
    uint32_t top = 0;
    for (uint32_t id : ids) top = id > top ? id : top;
    if (top < ids_ && width_ != 0) {
      uint64_t* cells = cells_.data();
      size_t prev = slot(kStart);
      for (uint32_t id : ids) {
        ++cells[prev * width_ + id];
        prev = id;
      }
      ++cells[prev * width_ + slot(kEnd)];  // (last, kEnd)
      return;
    }
    uint32_t prev = kStart;
    for (uint32_t id : ids) {
      add(prev, id);
      prev = id;
    }
    add(prev, kEnd);
  }

  // Adds every count of `other`.
  void merge(const PairCounts& other) {
    if (other.width_ == width_ && other.ids_ == ids_ && other.reserved_ == reserved_) {
      for (size_t i = 0; i < cells_.size(); ++i) cells_[i] += other.cells_[i];
      for (const auto& [key, n] : other.sparse_) sparse_[key] += n;
      return;
    }
    other.for_each([&](uint32_t from, uint32_t to, uint64_t n) { add(from, to, n); });
  }

  // Calls f(from, to, count) for every pair counted at least once, in no
  // particular order.
  template <typename F>
  void for_each(F&& f) const {
    for (size_t i = 0; i < cells_.size(); ++i)
      if (cells_[i] != 0) f(id_of(i / width_), id_of(i % width_), cells_[i]);
    for (const auto& [key, n] : sparse_) f(pair_from(key), pair_to(key), n);
  }

  // Number of distinct pairs counted.
  size_t size() const {
    size_t n = sparse_.size();
    for (uint64_t c : cells_) n += c != 0;
    return n;
  }

 private:
  // Matrix slot of an id: the id itself, then the reserved ids from the
  // highest down (kEnd, kStart, ...); SIZE_MAX when the id has no slot.
  size_t slot(uint32_t id) const {
    if (id < ids_) return id;
    if (id > UINT32_MAX - reserved_) return ids_ + (UINT32_MAX - id);
    return SIZE_MAX;
  }
  uint32_t id_of(size_t slot) const {
    return slot < ids_ ? static_cast<uint32_t>(slot)
                       : UINT32_MAX - static_cast<uint32_t>(slot - ids_);
  }

  size_t ids_ = 0;
  uint32_t reserved_ = 2;
  size_t width_ = 0;             // ids_ + reserved_ when dense, else 0
  std::vector<uint64_t> cells_;  // width_ x width_, row = from
  FlatMap<uint64_t, uint64_t, PairHash> sparse_;
};

}  // namespace cjm
