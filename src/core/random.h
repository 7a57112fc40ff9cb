// The generator's randomness: xoshiro256** seeded through splitmix64, with
// hand-written distributions, so generated data is identical on every platform
// and standard library (docs/generator.md, "Determinism").
#pragma once

#include <array>
#include <cstdint>

namespace cjm {

// One step of splitmix64: advances `x` and returns the next mixed value.
inline uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// xoshiro256** with its four words seeded from splitmix64(seed).
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& s : s_) s = splitmix64(seed);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // True with probability p.
  bool chance(double p) { return uniform() < p; }
  // Uniform integer in [lo, hi] (hi - lo is small; the modulo bias is negligible).
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_{};
};

// The random stream of customer number `customer` (0-based) for `seed`: every
// customer's journey depends only on the seed and its own number.
inline Rng customer_rng(uint64_t seed, uint64_t customer) {
  uint64_t seed_state = seed;
  const uint64_t seed_mix = splitmix64(seed_state);
  uint64_t cs = seed_mix ^ (customer * 0xD1B54A32D192ED03ULL);
  return Rng(splitmix64(cs));
}

}  // namespace cjm
