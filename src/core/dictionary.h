// Dictionary: maps distinct strings to dense 32-bit ids in order of first
// appearance. Strings are hashed once, when a row is encoded; every later step
// works on ids only.
//
// The index is a flat open-addressing table (power-of-two capacity, linear
// probing, at most half full). A slot packs the upper 32 bits of the string's
// 64-bit hash with its id + 1 (0 marks an empty slot), so a probe touches one
// 8-byte word and compares the string itself only when the hash bits match.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace cjm {

// A fast 64-bit hash of a byte string (wyhash-style multiply-mix); not
// cryptographic, and not stable across versions: use it for in-memory tables only.
inline uint64_t hash_bytes(const char* p, size_t n) {
  constexpr uint64_t kS0 = 0xa0761d6478bd642full;
  constexpr uint64_t kS1 = 0xe7037ed1a0b428dbull;
  constexpr uint64_t kS2 = 0x8ebc6af09c88c6e3ull;
  auto mix = [](uint64_t a, uint64_t b) {
    __uint128_t r = static_cast<__uint128_t>(a) * b;
    return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
  };
  auto r8 = [](const char* q) {
    uint64_t v;
    std::memcpy(&v, q, 8);
    return v;
  };
  auto r4 = [](const char* q) {
    uint32_t v;
    std::memcpy(&v, q, 4);
    return static_cast<uint64_t>(v);
  };
  uint64_t seed = kS0;
  uint64_t a, b;
  if (n <= 16) {
    if (n >= 4) {
      size_t mid = (n >> 3) << 2;
      a = (r4(p) << 32) | r4(p + mid);
      b = (r4(p + n - 4) << 32) | r4(p + n - 4 - mid);
    } else if (n > 0) {
      a = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
          (static_cast<uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8) |
          static_cast<unsigned char>(p[n - 1]);
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    size_t i = n;
    while (i > 16) {
      seed = mix(r8(p) ^ kS1, r8(p + 8) ^ seed);
      p += 16;
      i -= 16;
    }
    a = r8(p + i - 16);
    b = r8(p + i - 8);
  }
  return mix(kS1 ^ n, mix(a ^ kS1, b ^ seed ^ kS2));
}

inline uint64_t hash_bytes(std::string_view s) {
  return hash_bytes(s.data(), s.size());
}

class Dictionary {
 public:
  // Returns the id of `s`, adding it (id = size() before the call) if new.
  uint32_t intern(std::string_view s) { return intern(s, hash_bytes(s)); }
  // The same with `hash` = hash_bytes(s) already computed.
  uint32_t intern(std::string_view s, uint64_t hash) {
    if ((strings_.size() + 1) * 2 > slots_.size()) grow();
    size_t i = static_cast<size_t>(hash) & mask_;
    const uint64_t tag = hash & kTagMask;
    for (;;) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return insert(s, tag, i);
      if ((slot & kTagMask) == tag) {
        const uint32_t id = static_cast<uint32_t>(slot) - 1;
        if (equal(strings_[id], s)) return id;
      }
      i = (i + 1) & mask_;
    }
  }
  // Returns the id of `s`, or kMissing when it was never interned.
  uint32_t find(std::string_view s) const;
  // The string of id `id` (must be < size()).
  const std::string& at(uint32_t id) const { return strings_[id]; }
  uint32_t size() const { return static_cast<uint32_t>(strings_.size()); }
  const std::vector<std::string>& strings() const { return strings_; }
  // Makes room for `n` strings without rehashing.
  void reserve(size_t n);

  static constexpr uint32_t kMissing = UINT32_MAX;

 private:
  static constexpr uint64_t kTagMask = 0xffffffff00000000ull;
  static bool equal(const std::string& a, std::string_view b) {
    return a.size() == b.size() && (b.empty() || std::memcmp(a.data(), b.data(), b.size()) == 0);
  }
  void grow();
  uint32_t insert(std::string_view s, uint64_t tag, size_t slot);
  void rehash(size_t capacity);

  std::vector<std::string> strings_;
  std::vector<uint64_t> slots_;  // (hash >> 32) << 32 | (id + 1); 0 = empty
  size_t mask_ = 0;              // slots_.size() - 1 (slots_ empty: no index yet)
};

}  // namespace cjm
