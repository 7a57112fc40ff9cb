// Hashes for id keys used by the aggregators: single ids, packed id pairs and
// id sequences.
// Ids are dense and small, so a plain identity hash would cluster; all mix.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace cjm {

// Finalizer of splitmix64: a cheap, well-mixed 64-bit permutation.
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Packs an ordered pair of 32-bit ids into one key.
inline uint64_t pack_pair(uint32_t from, uint32_t to) {
  return (static_cast<uint64_t>(from) << 32) | to;
}
inline uint32_t pair_from(uint64_t key) {
  return static_cast<uint32_t>(key >> 32);
}
inline uint32_t pair_to(uint64_t key) {
  return static_cast<uint32_t>(key);
}

// Hash of a packed pair.
struct PairHash {
  size_t operator()(uint64_t key) const { return static_cast<size_t>(mix64(key)); }
};

// FNV-1a style combination of the ids and their count, with a final mix.
inline uint64_t hash_ids(std::span<const uint32_t> ids) {
  uint64_t h = 0xcbf29ce484222325ULL ^ ids.size();
  for (uint32_t id : ids) h = (h ^ id) * 0x100000001b3ULL;
  return mix64(h);
}

// Hash of a single id.
struct IdHash {
  size_t operator()(uint32_t id) const { return static_cast<size_t>(mix64(id)); }
};

}  // namespace cjm
