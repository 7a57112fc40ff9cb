// Internal: ValueIds, the ids of an attribute column's values as a row
// builder meets them, row after row.
//
// An attribute column holds few distinct values (a plan, a country, a device)
// met over and over in any order, and every row needs the id of its value. A
// value of at most 15 bytes is packed into two words, without hashing its
// bytes, and looked up in a small direct-mapped table of the values met
// recently; only a value not found there is interned in the column's
// Dictionary (hashed), and then takes its slot. A longer value is compared
// with the previous row's before it is interned. Ids are those of the
// Dictionary: in order of first appearance.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/dictionary.h"
#include "core/short_words.h"

namespace cjm::reader {

class ValueIds {
 public:
  // The id of `v` in `dict`, interned if new. `dict` must be the same
  // dictionary at every call, changed by nobody else but by interning.
  uint32_t id(Dictionary& dict, std::string_view v) {
    uint64_t lo, hi;
    if (!pack(v, lo, hi)) {
      if (last_long_ != Dictionary::kMissing && dict.at(last_long_) == v) return last_long_;
      return last_long_ = dict.intern(v);
    }
    Slot& s = slots_[slot_of(lo, hi)];
    if (s.lo == lo && s.hi == hi) return s.id;
    s = Slot{lo, hi, dict.intern(v)};
    return s.id;
  }

 private:
  static constexpr int kBits = 6;  // 64 slots
  struct Slot {
    uint64_t lo = 0;
    uint64_t hi = ~uint64_t{0};  // no packed value: their top byte is at most 15
    uint32_t id = 0;
  };

  // Packs a value of at most 15 bytes into `lo` (bytes 0-7) and `hi` (bytes
  // 8-14, the length in the top byte), reading only its own bytes. False for
  // a longer value.
  static bool pack(std::string_view v, uint64_t& lo, uint64_t& hi) {
    const size_t n = v.size();
    if (n > 15) return false;
    const char* p = v.data();
    short_words(p, n, lo, hi);
    hi |= static_cast<uint64_t>(n) << 56;
    return true;
  }
  static size_t slot_of(uint64_t lo, uint64_t hi) {
    return static_cast<size_t>(((lo ^ (hi * 0x9e3779b97f4a7c15ull)) * 0xbf58476d1ce4e5b9ull) >>
                               (64 - kBits));
  }
  Slot slots_[1 << kBits];
  uint32_t last_long_ = Dictionary::kMissing;  // id of the last value longer than 15 bytes
};

}  // namespace cjm::reader
