// RepeatRanges: for each distinct collapsed path, how often each of its steps
// repeated in a row, as the smallest and largest count over the journeys
// that took the path (docs/analyses.md, "Paths"). A path's ranges live in
// one arena, found by the offset its counter keeps; merging two arenas is
// exact, so the ranges are mergeable like the counts beside them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace cjm {

// How often one step of a path repeated in a row: at least `min`, at most
// `max` times (1 and 1 for a step that never repeated). Counts saturate at
// kMaxRepeat.
struct RepeatRange {
  uint32_t min = 1, max = 1;
  bool operator==(const RepeatRange&) const = default;
};

// The largest repeat count kept; a longer run of one step counts as this.
inline constexpr uint32_t kMaxRepeat = std::numeric_limits<uint16_t>::max();

// Appends step `e` to a collapsed path with its repeat count: a step equal to
// the last one adds to that step's count (saturating), another starts a new
// step with count 1.
template <typename Id>
inline void append_counted(std::vector<Id>& path, std::vector<uint16_t>& repeats, Id e) {
  if (!path.empty() && path.back() == e) {
    if (repeats.back() < kMaxRepeat) ++repeats.back();
    return;
  }
  path.push_back(e);
  repeats.push_back(1);
}

class RepeatRanges {
 public:
  // The offset of "no ranges kept" (the arena is full).
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

  // Keeps `counts` as the ranges of a new path; its offset.
  uint32_t add(std::span<const uint16_t> counts) {
    if (arena_.size() + counts.size() + 1 >= kNone) return kNone;
    const auto at = static_cast<uint32_t>(arena_.size());
    arena_.push_back(static_cast<uint32_t>(counts.size()));
    for (uint16_t c : counts) arena_.push_back(pack(c, c));
    return at;
  }

  // Widens the ranges at `at` (a path of counts.size() steps) by `counts`.
  void widen(uint32_t at, std::span<const uint16_t> counts) {
    if (at == kNone) return;
    uint32_t* r = &arena_[at + 1];
    for (size_t i = 0; i < counts.size(); ++i)
      r[i] =
          pack(std::min<uint32_t>(low(r[i]), counts[i]), std::max<uint32_t>(high(r[i]), counts[i]));
  }

  // Copies the ranges at `from` of `other` as a new path; its offset.
  uint32_t copy(const RepeatRanges& other, uint32_t from) {
    if (from == kNone) return kNone;
    const uint32_t n = other.arena_[from];
    if (arena_.size() + n + 1 >= kNone) return kNone;
    const auto at = static_cast<uint32_t>(arena_.size());
    arena_.insert(arena_.end(), other.arena_.begin() + from, other.arena_.begin() + from + n + 1);
    return at;
  }

  // Widens the ranges at `at` by those at `from` of `other` (the same path);
  // a path without kept ranges in either stays without.
  uint32_t widen(uint32_t at, const RepeatRanges& other, uint32_t from) {
    if (at == kNone || from == kNone) return kNone;
    const uint32_t n = arena_[at];
    for (uint32_t i = 1; i <= n; ++i) {
      const uint32_t a = arena_[at + i], b = other.arena_[from + i];
      arena_[at + i] = pack(std::min(low(a), low(b)), std::max(high(a), high(b)));
    }
    return at;
  }

  // The ranges at `at`, one per step; empty when none were kept.
  std::vector<RepeatRange> get(uint32_t at) const {
    std::vector<RepeatRange> out;
    if (at == kNone) return out;
    const uint32_t n = arena_[at];
    out.reserve(n);
    for (uint32_t i = 1; i <= n; ++i) out.push_back({low(arena_[at + i]), high(arena_[at + i])});
    return out;
  }

  bool empty() const { return arena_.empty(); }

 private:
  static uint32_t pack(uint32_t lo, uint32_t hi) { return lo | (hi << 16); }
  static uint32_t low(uint32_t v) { return v & 0xffffu; }
  static uint32_t high(uint32_t v) { return v >> 16; }

  // Per path: its number of steps, then one packed (min, max) per step.
  std::vector<uint32_t> arena_;
};

}  // namespace cjm
