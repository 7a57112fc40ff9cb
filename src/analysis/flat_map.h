// FlatMap: an open-addressing hash map for small trivially copyable keys and
// values, used for the per-journey counters of the analyses (transition
// counts, Markov chain counts, attribution credits).
//
// Keys and values live inline in one array of slots; the capacity is a power
// of two, collisions probe linearly, and one control byte per slot holds
// "empty" or seven bits of the hash so most mismatching slots are rejected
// without comparing keys. Inserting never allocates except when the table
// grows (at 3/4 load). There is no erase: the counters only ever grow.
//
// Iteration order depends on the hashes and the insertion history; callers
// that need a deterministic order sort what they read out.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <type_traits>
#include <utility>
#include <vector>

namespace cjm {

// `Eq` compares keys; the default is operator==.
template <typename K, typename V, typename Hash, typename Eq = std::equal_to<K>>
class FlatMap {
  static_assert(std::is_trivially_copyable_v<K>, "FlatMap keys are copied bytewise");

 public:
  using key_type = K;
  using mapped_type = V;
  using value_type = std::pair<K, V>;

  // Forward iterator over the occupied slots, as (key, value) pairs.
  template <bool Const>
  class Iter {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::pair<K, V>;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<Const, const value_type*, value_type*>;
    using reference = std::conditional_t<Const, const value_type&, value_type&>;

    Iter() = default;
    Iter(pointer slot, const uint8_t* ctrl, const uint8_t* ctrl_end)
        : slot_(slot), ctrl_(ctrl), end_(ctrl_end) {
      skip();
    }
    reference operator*() const { return *slot_; }
    pointer operator->() const { return slot_; }
    Iter& operator++() {
      ++slot_;
      ++ctrl_;
      skip();
      return *this;
    }
    Iter operator++(int) {
      Iter old = *this;
      ++*this;
      return old;
    }
    bool operator==(const Iter& o) const { return ctrl_ == o.ctrl_; }

   private:
    void skip() {
      while (ctrl_ != end_ && *ctrl_ == 0) {
        ++slot_;
        ++ctrl_;
      }
    }
    pointer slot_ = nullptr;
    const uint8_t* ctrl_ = nullptr;
    const uint8_t* end_ = nullptr;
  };
  using iterator = Iter<false>;
  using const_iterator = Iter<true>;

  FlatMap() = default;

  // Number of keys stored.
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Number of slots (0 or a power of two).
  size_t capacity() const { return ctrl_.size(); }

  // Makes room for `n` keys without growing on the way.
  void reserve(size_t n) {
    size_t cap = kMinCapacity;
    while (cap * 3 < n * 4) cap *= 2;
    if (cap > capacity()) rehash(cap);
  }

  // Removes every key; keeps the capacity.
  void clear() {
    std::fill(ctrl_.begin(), ctrl_.end(), uint8_t{0});
    std::fill(slots_.begin(), slots_.end(), value_type{});
    size_ = 0;
  }

  // The value of `key`, value-initialised and inserted if absent. Only an
  // insertion can grow the table (and move the other values).
  V& operator[](const K& key) {
    if (capacity() == 0) rehash(kMinCapacity);
    const size_t h = Hash{}(key);
    const uint8_t tag = tag_of(h);
    size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const uint8_t c = ctrl_[i];
      if (c == 0) break;
      if (c == tag && Eq{}(slots_[i].first, key)) return slots_[i].second;
    }
    if ((size_ + 1) * 4 > capacity() * 3) {
      rehash(capacity() * 2);
      i = h & mask_;
      while (ctrl_[i] != 0) i = (i + 1) & mask_;
    }
    ctrl_[i] = tag;
    slots_[i].first = key;
    slots_[i].second = V{};
    ++size_;
    return slots_[i].second;
  }

  // The value of `key`, or null when absent.
  const V* find(const K& key) const {
    if (size_ == 0) return nullptr;
    const size_t h = Hash{}(key);
    const uint8_t tag = tag_of(h);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const uint8_t c = ctrl_[i];
      if (c == 0) return nullptr;
      if (c == tag && Eq{}(slots_[i].first, key)) return &slots_[i].second;
    }
  }
  V* find(const K& key) { return const_cast<V*>(std::as_const(*this).find(key)); }

  iterator begin() { return iterator(slots_.data(), ctrl_.data(), ctrl_.data() + ctrl_.size()); }
  iterator end() {
    return iterator(slots_.data() + slots_.size(), ctrl_.data() + ctrl_.size(),
                    ctrl_.data() + ctrl_.size());
  }
  const_iterator begin() const {
    return const_iterator(slots_.data(), ctrl_.data(), ctrl_.data() + ctrl_.size());
  }
  const_iterator end() const {
    return const_iterator(slots_.data() + slots_.size(), ctrl_.data() + ctrl_.size(),
                          ctrl_.data() + ctrl_.size());
  }

 private:
  static constexpr size_t kMinCapacity = 16;

  // Control byte of an occupied slot: high bit set, seven hash bits not used
  // by the slot index (as long as the table has under 2^57 slots).
  static uint8_t tag_of(size_t h) { return static_cast<uint8_t>(0x80 | (h >> 57)); }

  void rehash(size_t cap) {
    std::vector<value_type> old_slots = std::exchange(slots_, std::vector<value_type>(cap));
    std::vector<uint8_t> old_ctrl = std::exchange(ctrl_, std::vector<uint8_t>(cap, 0));
    mask_ = cap - 1;
    for (size_t j = 0; j < old_ctrl.size(); ++j) {
      if (old_ctrl[j] == 0) continue;
      const size_t h = Hash{}(old_slots[j].first);
      size_t i = h & mask_;
      while (ctrl_[i] != 0) i = (i + 1) & mask_;
      ctrl_[i] = old_ctrl[j];
      slots_[i] = old_slots[j];
    }
  }

  std::vector<value_type> slots_;
  std::vector<uint8_t> ctrl_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace cjm
