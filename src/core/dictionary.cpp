#include "core/dictionary.h"

#include <stdexcept>

#include "core/huge_pages.h"

namespace cjm {

namespace {

constexpr size_t kMinCapacity = 16;

}  // namespace

void Dictionary::grow() {
  size_t capacity = slots_.empty() ? kMinCapacity : slots_.size() * 2;
  while (over_load(strings_.size() + 1, capacity)) capacity *= 2;  // unindexed strings too
  rehash(capacity);
}

void Dictionary::assign_unindexed(std::vector<std::string> strings) {
  if (strings.size() >= kMissing) throw std::length_error("dictionary: too many strings");
  strings_ = std::move(strings);
  slots_ = {};
  mask_ = 0;
}

void Dictionary::build_index() {
  if (slots_.empty()) reserve(strings_.size());
}

uint32_t Dictionary::insert(std::string_view s, Key k, size_t slot) {
  if (strings_.size() >= kMissing - 1) throw std::length_error("dictionary: too many strings");
  uint32_t id = size();
  strings_.emplace_back(s);
  slots_[slot] = Slot{k.lo, k.hi, id + 1};
  return id;
}

uint32_t Dictionary::find(std::string_view s) const {
  return find(s, hash_bytes(s));
}

uint32_t Dictionary::find(std::string_view s, uint64_t hash) const {
  if (slots_.empty()) {
    if (!strings_.empty()) throw std::logic_error("dictionary: find() before build_index()");
    return kMissing;
  }
  const Key k = key_of(s, hash);
  size_t i = static_cast<size_t>(hash) & mask_;
  for (;;) {
    const Slot& slot = slots_[i];
    if (slot.id1 == 0) return kMissing;
    if (slot.lo == k.lo && slot.hi == k.hi &&
        ((k.lo & 0xff) != kLong || equal(strings_[slot.id1 - 1], s)))
      return slot.id1 - 1;
    i = (i + 1) & mask_;
  }
}

void Dictionary::reserve(size_t n) {
  strings_.reserve(n);
  size_t capacity = kMinCapacity;
  while (over_load(n, capacity)) capacity *= 2;
  if (capacity > slots_.size()) rehash(capacity);
}

void Dictionary::rehash(size_t capacity) {
  std::vector<Slot, HugePageAllocator<Slot>> slots(capacity, Slot{0, 0, 0});
  const size_t mask = capacity - 1;
  // Hashes run a few strings ahead of the inserts, whose slots are prefetched:
  // in a large table each insert would otherwise wait for memory.
  constexpr size_t kAhead = 8;
  uint64_t hashes[kAhead];
  const size_t n = strings_.size();
  for (size_t j = 0; j < n + kAhead; ++j) {
    if (j >= kAhead) {
      const uint32_t id = static_cast<uint32_t>(j - kAhead);
      const uint64_t hash = hashes[j % kAhead];
      const Key k = key_of(strings_[id], hash);
      size_t i = static_cast<size_t>(hash) & mask;
      while (slots[i].id1 != 0) i = (i + 1) & mask;
      slots[i] = Slot{k.lo, k.hi, id + 1};
    }
    if (j < n) {
      hashes[j % kAhead] = hash_bytes(strings_[j]);
      __builtin_prefetch(&slots[static_cast<size_t>(hashes[j % kAhead]) & mask], 1);
    }
  }
  slots_.swap(slots);
  mask_ = mask;
}

}  // namespace cjm
