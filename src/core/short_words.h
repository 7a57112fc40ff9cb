// The bytes of a short string as two 64-bit words, for hash keys that hold
// short strings inline (core/dictionary.h, reader/value_ids.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace cjm {

// Bytes 0-7 of `p[0..n)` (n <= 16) in `w0` and bytes 8-15 in `w1`, both
// little-endian and zero above n, reading only those n bytes (overlapping
// loads for n >= 4, three byte reads below; for n < 8 `w0` holds the
// bytes in an order that depends only on n and them, as a key needs).
inline void short_words(const char* p, size_t n, uint64_t& w0, uint64_t& w1) {
  const auto load64 = [](const char* q) {
    uint64_t v;
    std::memcpy(&v, q, sizeof v);
    return v;
  };
  const auto load32 = [](const char* q) {
    uint32_t v;
    std::memcpy(&v, q, sizeof v);
    return uint64_t{v};
  };
  const auto byte = [](char c) { return uint64_t{static_cast<unsigned char>(c)}; };
  w0 = w1 = 0;
  if (n >= 8) {
    w0 = load64(p);
    if (n > 8) w1 = load64(p + n - 8) >> (8 * (16 - n));
  } else if (n >= 4) {
    w0 = load32(p) | (load32(p + n - 4) << (8 * (n - 4)));
  } else if (n > 0) {
    w0 = byte(p[0]) | (byte(p[n >> 1]) << (8 * (n >> 1))) | (byte(p[n - 1]) << (8 * (n - 1)));
  }
}

}  // namespace cjm
