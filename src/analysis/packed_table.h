// PackedTable: a hash table keyed by short sequences of small ids, each
// sequence packed exactly (no hashing away of information) into 128 bits.
//
// With ids below 2^bits - 1, a sequence of up to packed_capacity(bits) ids is
// stored as id + 1 in `bits`-bit fields, floor(64 / bits) fields per 64-bit
// word, low fields first; the first zero field ends the sequence. Two
// different sequences never share a key, so a lookup compares 16 bytes and
// touches one slot: key and value are stored inline, in one array
// (open addressing, linear probing, power-of-two capacity, load at most 3/4).
// The all-zero key is the empty slot, which is why the empty sequence is not
// a key (pack_ids refuses it).
//
// Sequences that do not fit (too long, or an id too large) are the caller's
// to store elsewhere, such as in a SequenceTable.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "analysis/id_hash.h"

namespace cjm {

// A packed sequence (see above).
struct PackedKey {
  uint64_t lo = 0, hi = 0;
  bool operator==(const PackedKey&) const = default;
};

// Bits per field for ids 0..alphabet-1 (ids are stored + 1, 0 ends a key).
inline unsigned packed_bits(size_t alphabet) {
  return std::max(1u, static_cast<unsigned>(std::bit_width(alphabet)));
}

// Most ids one key holds with `bits`-bit fields.
inline size_t packed_capacity(unsigned bits) {
  return bits > 64 ? 0 : 2 * (64 / bits);
}

// The largest field value with `bits`-bit fields (and the mask of a field).
inline uint64_t field_mask(unsigned bits) {
  return bits >= 64 ? UINT64_MAX : (uint64_t{1} << bits) - 1;
}

// Packs `ids` into `key`; false (key unspecified) when `ids` is empty, longer
// than packed_capacity(bits), or holds an id of 2^bits - 1 or more.
inline bool pack_ids(std::span<const uint32_t> ids, unsigned bits, PackedKey& key) {
  const size_t per_word = 64 / bits;
  if (ids.empty() || ids.size() > 2 * per_word) return false;
  const uint64_t limit = field_mask(bits);
  key = PackedKey{};
  for (size_t i = 0; i < ids.size(); ++i) {
    const uint64_t field = uint64_t{ids[i]} + 1;
    if (field > limit) return false;
    const size_t pos = i < per_word ? i : i - per_word;
    (i < per_word ? key.lo : key.hi) |= field << (pos * bits);
  }
  return true;
}

// Appends the ids of `key` (packed with `bits`-bit fields) to `out`.
inline void unpack_ids(const PackedKey& key, unsigned bits, std::vector<uint32_t>& out) {
  const size_t per_word = 64 / bits;
  const uint64_t mask = field_mask(bits);
  for (uint64_t word : {key.lo, key.hi})
    for (size_t i = 0; i < per_word; ++i, word = bits >= 64 ? 0 : word >> bits) {
      const uint64_t field = word & mask;
      if (field == 0) return;
      out.push_back(static_cast<uint32_t>(field - 1));
    }
}

template <typename V>
class PackedTable {
  static_assert(std::is_trivially_copyable_v<V>, "PackedTable values are copied bytewise");

 public:
  PackedTable() = default;

  // Number of keys stored.
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Number of slots (0 or a power of two); slots are numbered 0..capacity()-1.
  size_t capacity() const { return slots_.size(); }

  // The hash a key is filed under.
  static uint64_t hash(const PackedKey& k) { return mix64(k.lo ^ (k.hi * 0x9e3779b97f4a7c15ULL)); }

  // Makes room for `n` keys without growing on the way.
  void reserve(size_t n) {
    size_t cap = kMinCapacity;
    while (cap * 3 < n * 4) cap *= 2;
    if (cap > capacity()) rehash(cap);
  }

  // Asks the processor to start loading the slot of hash `h`. Only a hint.
  void prefetch(uint64_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<size_t>(h) & mask_]);
  }

  // The value of `key` (a key pack_ids made; `h` == hash(key)),
  // value-initialised and inserted if absent.
  V& at_hash(const PackedKey& key, uint64_t h) {
    if (slots_.empty()) rehash(kMinCapacity);
    size_t i = static_cast<size_t>(h) & mask_;
    for (;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == key) return s.value;
      if (s.key == PackedKey{}) break;
    }
    if ((size_ + 1) * 4 > capacity() * 3) {
      rehash(capacity() * 2);
      i = static_cast<size_t>(h) & mask_;
      while (!(slots_[i].key == PackedKey{})) i = (i + 1) & mask_;
    }
    ++size_;
    slots_[i].key = key;
    slots_[i].value = V{};
    return slots_[i].value;
  }
  V& operator[](const PackedKey& key) { return at_hash(key, hash(key)); }

  // The value of `key`, or null when absent.
  const V* find(const PackedKey& key) const {
    if (size_ == 0) return nullptr;
    for (size_t i = static_cast<size_t>(hash(key)) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return &s.value;
      if (s.key == PackedKey{}) return nullptr;
    }
  }

  // Adds every key of `other` into this table: `combine(into, from)` is
  // called with the value here (value-initialised if the key was absent) and
  // the value in `other`. Into an empty table this is a copy, so
  // combine(V{}, x) must equal x (as a sum does). `other` must not be *this.
  template <typename Combine>
  void merge(const PackedTable& other, Combine combine) {
    if (empty()) {
      *this = other;
      return;
    }
    reserve(size() + other.size());
    // In batches: hash and prefetch a batch's slots, then add them.
    constexpr size_t kBatch = 32;
    size_t from[kBatch];
    uint64_t hashes[kBatch];
    size_t i = 0;
    while (i < other.capacity()) {
      size_t n = 0;
      for (; i < other.capacity() && n < kBatch; ++i) {
        if (!other.occupied(i)) continue;
        from[n] = i;
        prefetch(hashes[n] = hash(other.slots_[i].key));
        ++n;
      }
      for (size_t j = 0; j < n; ++j)
        combine(at_hash(other.slots_[from[j]].key, hashes[j]), other.slots_[from[j]].value);
    }
  }

  // Whether slot `i` holds a key, and that key and its value.
  bool occupied(size_t i) const { return !(slots_[i].key == PackedKey{}); }
  const PackedKey& key(size_t i) const { return slots_[i].key; }
  const V& value(size_t i) const { return slots_[i].value; }
  V& value(size_t i) { return slots_[i].value; }

 private:
  static constexpr size_t kMinCapacity = 16;

  struct Slot {
    PackedKey key;
    V value{};
  };

  void rehash(size_t cap) {
    const Slots old = std::exchange(slots_, Slots(cap));
    mask_ = cap - 1;
    for (const Slot& s : old) {
      if (s.key == PackedKey{}) continue;
      size_t i = static_cast<size_t>(hash(s.key)) & mask_;
      while (!(slots_[i].key == PackedKey{})) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  // Not on huge pages: a path table is looked up once per journey, not per
  // event, and on the benchmark's virtual machine first-touching huge pages
  // costs 4-6x what 4 KiB pages do, more than the page walks they save
  // (bench/HISTORY.md). The dictionaries, looked up once per row, keep them.
  using Slots = std::vector<Slot>;
  Slots slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace cjm
