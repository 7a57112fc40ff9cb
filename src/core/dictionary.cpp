#include "core/dictionary.h"

#include <stdexcept>

namespace cjm {

namespace {

constexpr size_t kMinCapacity = 16;

uint64_t tag_of(uint64_t hash) {
  return hash & 0xffffffff00000000ull;  // Dictionary::kTagMask
}

}  // namespace

void Dictionary::grow() {
  rehash(slots_.empty() ? kMinCapacity : slots_.size() * 2);
}

uint32_t Dictionary::insert(std::string_view s, uint64_t tag, size_t slot) {
  if (strings_.size() >= kMissing - 1) throw std::length_error("dictionary: too many strings");
  uint32_t id = size();
  strings_.emplace_back(s);
  slots_[slot] = tag | (static_cast<uint64_t>(id) + 1);
  return id;
}

uint32_t Dictionary::find(std::string_view s) const {
  if (slots_.empty()) return kMissing;
  const uint64_t hash = hash_bytes(s);
  const uint64_t tag = tag_of(hash);
  size_t i = static_cast<size_t>(hash) & mask_;
  for (;;) {
    uint64_t slot = slots_[i];
    if (slot == 0) return kMissing;
    if ((slot & kTagMask) == tag) {
      uint32_t id = static_cast<uint32_t>(slot) - 1;
      if (equal(strings_[id], s)) return id;
    }
    i = (i + 1) & mask_;
  }
}

void Dictionary::reserve(size_t n) {
  strings_.reserve(n);
  size_t capacity = kMinCapacity;
  while (capacity < n * 2) capacity *= 2;
  if (capacity > slots_.size()) rehash(capacity);
}

void Dictionary::rehash(size_t capacity) {
  std::vector<uint64_t> slots(capacity, 0);
  const size_t mask = capacity - 1;
  for (uint32_t id = 0; id < strings_.size(); ++id) {
    uint64_t hash = hash_bytes(strings_[id]);
    size_t i = static_cast<size_t>(hash) & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = tag_of(hash) | (static_cast<uint64_t>(id) + 1);
  }
  slots_.swap(slots);
  mask_ = mask;
}

}  // namespace cjm
