// Dictionary: maps distinct strings to dense 32-bit ids in order of first
// appearance. Strings are hashed once, when a row is encoded; every later step
// works on ids only.
//
// The index is a flat open-addressing table (power-of-two capacity, linear
// probing, at most 5/8 full) of 16-byte slots. A string of at most
// kInlineMax bytes (customer ids usually are) is stored in its slot itself, so
// a lookup touches one cache line and never the string list. A longer string's
// slot holds 56 bits of its hash and its length instead, and the string list is
// compared only when both match.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/huge_pages.h"
#include "core/short_words.h"

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
    if (over_load(strings_.size() + 1, capacity())) grow();
    const Key k = key_of(s, hash);
    size_t i = static_cast<size_t>(hash) & mask_;
    for (;;) {
      const Slot& slot = slots_[i];
      if (slot.id1 == 0) return insert(s, k, i);
      if (slot.lo == k.lo && slot.hi == k.hi &&
          ((k.lo & 0xff) != kLong || equal(strings_[slot.id1 - 1], s)))
        return slot.id1 - 1;
      i = (i + 1) & mask_;
    }
  }
  // Brings the slot where a lookup of a string with hash `hash` starts into the
  // cache, so that a later intern(s, hash) does not wait for memory.
  void prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<size_t>(hash) & mask_]);
  }
  // Returns the id of `s`, or kMissing when it was never interned.
  uint32_t find(std::string_view s) const;
  // The same with `hash` = hash_bytes(s) already computed. Only reads: safe
  // from several threads while nothing interns.
  uint32_t find(std::string_view s, uint64_t hash) const;
  // The string of id `id` (must be < size()).
  const std::string& at(uint32_t id) const { return strings_[id]; }
  uint32_t size() const { return static_cast<uint32_t>(strings_.size()); }
  const std::vector<std::string>& strings() const { return strings_; }
  // Makes room for `n` strings without rehashing.
  void reserve(size_t n);
  // Replaces the contents with `strings` (id i = strings[i]; they must be
  // distinct) without building the index: at(), size() and strings() work at
  // once, the first intern() builds the index, and find() must not be called
  // before build_index(). For large dictionaries that are only read by id.
  void assign_unindexed(std::vector<std::string> strings);
  // Builds the index of an assign_unindexed dictionary (a no-op if built).
  void build_index();

  static constexpr uint32_t kMissing = UINT32_MAX;
  // Strings up to this many bytes are kept in the index itself.
  static constexpr size_t kInlineMax = 11;

 private:
  // A string as the index stores it. Inline (length <= kInlineMax): `lo` holds
  // the length in its low byte and the first 7 bytes above it, `hi` the next 4
  // (zero-padded). Long: `lo` is kLong in the low byte and the top 56 hash bits
  // above it, `hi` the length. The byte layout assumes a little-endian machine.
  static_assert(std::endian::native == std::endian::little);
  struct Key {
    uint64_t lo;
    uint32_t hi;
  };
  struct Slot {
    uint64_t lo;
    uint32_t hi;
    uint32_t id1;  // id + 1; 0 = empty
  };
  static_assert(sizeof(Slot) == 16);
  static constexpr uint64_t kLong = 0xff;

  static Key key_of(std::string_view s, uint64_t hash) {
    const size_t n = s.size();
    // The upper hash bits: the lower ones also pick the slot, so tell less.
    if (n > kInlineMax) return Key{(hash & ~kLong) | kLong, static_cast<uint32_t>(n)};
    const char* p = s.data();
    uint64_t w0, w1;  // bytes 0-7 and 8-10, little-endian
    short_words(p, n, w0, w1);
    return Key{n | (w0 << 8), static_cast<uint32_t>((w0 >> 56) | (w1 << 8))};
  }
  static bool equal(const std::string& a, std::string_view b) {
    return a.size() == b.size() && (b.empty() || std::memcmp(a.data(), b.data(), b.size()) == 0);
  }
  size_t capacity() const { return slots_.size(); }
  // Whether `strings` strings would fill an index of `slots` slots past the
  // load limit, 5/8.
  static bool over_load(size_t strings, size_t slots) { return strings * 8 > slots * 5; }
  void grow();
  uint32_t insert(std::string_view s, Key k, size_t slot);
  void rehash(size_t capacity);

  std::vector<std::string> strings_;
  // Large slot arrays are on huge pages where the system allows it: a table
  // of a million customers spans 32 MB, and with 4 KiB pages nearly every
  // lookup would also miss the TLB.
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  size_t mask_ = 0;  // slots_.size() - 1 (slots_ empty: no index yet)
};

}  // namespace cjm
