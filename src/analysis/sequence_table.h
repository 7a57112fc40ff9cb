// SequenceTable: a hash table keyed by sequences of 32-bit ids (paths of
// event-name or stage ids), with a small trivially copyable value per
// distinct sequence.
//
// Every distinct sequence is copied once into one arena of ids; an entry
// records where (offset, length), the low half of its hash and the value. An
// open-addressing index (power-of-two capacity, linear probing) maps the hash
// to the entry and keeps the high half of the hash as a tag, so probing mostly
// touches the index alone. Nothing is allocated per sequence: the arena, the
// entries and the index grow geometrically.
//
// Entries are numbered 0..size()-1 in insertion order. The empty sequence is
// a key like any other.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "analysis/id_hash.h"

namespace cjm {

template <typename V>
class SequenceTable {
  static_assert(std::is_trivially_copyable_v<V>, "SequenceTable values are copied bytewise");

 public:
  SequenceTable() = default;

  // Number of distinct sequences stored.
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // Number of ids stored in the arena, over all distinct sequences.
  size_t arena_size() const { return arena_.size(); }

  // Makes room for `sequences` distinct sequences of `ids` ids in total.
  void reserve(size_t sequences, size_t ids) {
    arena_.reserve(ids);
    entries_.reserve(sequences);
    size_t cap = kMinCapacity;
    while (cap < sequences * 2) cap *= 2;
    if (cap > index_.size()) rehash(cap);
  }

  // The hash the table files `seq` under.
  static uint64_t hash(std::span<const uint32_t> seq) { return hash_ids(seq); }

  // Asks the processor to start loading the index slot of hash `h`, for a
  // lookup of that hash shortly after. Only a hint.
  void prefetch(uint64_t h) const {
    if (!index_.empty()) __builtin_prefetch(&index_[static_cast<size_t>(h) & mask_]);
  }

  // The value of `seq`, value-initialised and inserted (the ids copied into
  // the arena) if absent. When `seq` is absent it must not point into this
  // table's arena.
  V& operator[](std::span<const uint32_t> seq) { return at_hash(seq, hash_ids(seq)); }

  // operator[] with the hash of `seq` already computed: `h` == hash(seq).
  V& at_hash(std::span<const uint32_t> seq, uint64_t h) {
    if (index_.empty()) rehash(kMinCapacity);
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    size_t i = static_cast<size_t>(h) & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot s = index_[i];
      if (s.entry == 0) break;
      if (s.tag == tag && equal(entries_[s.entry - 1], seq)) return entries_[s.entry - 1].value;
    }
    if ((entries_.size() + 1) * 2 > index_.size()) {
      rehash(index_.size() * 2);
      i = static_cast<size_t>(h) & mask_;
      while (index_[i].entry != 0) i = (i + 1) & mask_;
    }
    Entry e;
    e.offset = arena_.size();
    e.length = static_cast<uint32_t>(seq.size());
    e.hash = static_cast<uint32_t>(h);
    e.value = V{};
    arena_.insert(arena_.end(), seq.begin(), seq.end());
    entries_.push_back(e);
    index_[i] = Slot{tag, static_cast<uint32_t>(entries_.size())};
    return entries_.back().value;
  }

  // Asks the processor to start loading what a lookup of `seq` (hash `h`)
  // compares against, once the index slot of `h` is in cache (see prefetch):
  // the entry whose tag matches first. Call again after that entry is in
  // cache to prefetch its ids too (`depth` 2). Only a hint.
  void prefetch_match(uint64_t h, int depth) const {
    if (index_.empty()) return;
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = static_cast<size_t>(h) & mask_;; i = (i + 1) & mask_) {
      const Slot s = index_[i];
      if (s.entry == 0) return;
      if (s.tag != tag) continue;
      const Entry& e = entries_[s.entry - 1];
      if (depth == 1)
        __builtin_prefetch(&e);
      else
        __builtin_prefetch(arena_.data() + e.offset);
      return;
    }
  }

  // Adds every sequence of `other` into this table: `combine(into, from)` is
  // called with the value here (value-initialised if the sequence was absent)
  // and the value in `other`. Into an empty table this is a copy, so
  // combine(V{}, x) must equal x (as a sum does). `other` must not be *this.
  template <typename Combine>
  void merge(const SequenceTable& other, Combine combine) {
    if (empty()) {
      *this = other;
      return;
    }
    reserve(size() + other.size(), arena_size() + other.arena_size());
    // Lookups in batches: hash a batch (reading `other` in order), prefetch
    // the slots, then the matching entries and their ids, then add.
    constexpr size_t kBatch = 32;
    uint64_t hashes[kBatch];
    for (size_t lo = 0; lo < other.size(); lo += kBatch) {
      const size_t n = std::min(kBatch, other.size() - lo);
      for (size_t j = 0; j < n; ++j) prefetch(hashes[j] = hash_ids(other.sequence(lo + j)));
      for (size_t j = 0; j < n; ++j) prefetch_match(hashes[j], 1);
      for (size_t j = 0; j < n; ++j) prefetch_match(hashes[j], 2);
      for (size_t j = 0; j < n; ++j)
        combine(at_hash(other.sequence(lo + j), hashes[j]), other.value(lo + j));
    }
  }

  // The value of `seq`, or null when absent.
  const V* find(std::span<const uint32_t> seq) const {
    if (entries_.empty()) return nullptr;
    const uint64_t h = hash_ids(seq);
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = static_cast<size_t>(h) & mask_;; i = (i + 1) & mask_) {
      const Slot s = index_[i];
      if (s.entry == 0) return nullptr;
      if (s.tag == tag && equal(entries_[s.entry - 1], seq)) return &entries_[s.entry - 1].value;
    }
  }

  // The ids of entry `i` (valid until the next insertion).
  std::span<const uint32_t> sequence(size_t i) const {
    const Entry& e = entries_[i];
    return std::span<const uint32_t>(arena_.data() + e.offset, e.length);
  }
  // The value of entry `i`.
  const V& value(size_t i) const { return entries_[i].value; }
  V& value(size_t i) { return entries_[i].value; }

 private:
  static constexpr size_t kMinCapacity = 16;

  struct Entry {
    uint64_t offset = 0;  // into arena_
    uint32_t length = 0;
    uint32_t hash = 0;  // low half of the hash: the home slot at any capacity up to 2^32
    V value{};
  };
  struct Slot {
    uint32_t tag = 0;    // high half of the hash
    uint32_t entry = 0;  // entry index + 1; 0 = empty slot
  };

  bool equal(const Entry& e, std::span<const uint32_t> seq) const {
    return e.length == seq.size() &&
           (seq.empty() ||
            std::memcmp(arena_.data() + e.offset, seq.data(), seq.size() * sizeof(uint32_t)) == 0);
  }

  void rehash(size_t cap) {
    const std::vector<Slot> old = std::exchange(index_, std::vector<Slot>(cap));
    mask_ = cap - 1;
    for (const Slot& s : old) {
      if (s.entry == 0) continue;
      size_t i = entries_[s.entry - 1].hash & mask_;
      while (index_[i].entry != 0) i = (i + 1) & mask_;
      index_[i] = s;
    }
  }

  std::vector<uint32_t> arena_;
  std::vector<Entry> entries_;
  std::vector<Slot> index_;
  size_t mask_ = 0;
};

}  // namespace cjm
