// Dictionary: maps distinct strings to dense 32-bit ids in order of first
// appearance. Strings are hashed once, when a row is encoded; every later step
// works on ids only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cjm {

class Dictionary {
 public:
  // Returns the id of `s`, adding it (id = size() before the call) if new.
  uint32_t intern(std::string_view s);
  // Returns the id of `s`, or kMissing when it was never interned.
  uint32_t find(std::string_view s) const;
  // The string of id `id` (must be < size()).
  const std::string& at(uint32_t id) const { return strings_[id]; }
  uint32_t size() const { return static_cast<uint32_t>(strings_.size()); }
  const std::vector<std::string>& strings() const { return strings_; }

  static constexpr uint32_t kMissing = UINT32_MAX;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Eq {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
  };
  std::vector<std::string> strings_;
  std::unordered_map<std::string, uint32_t, Hash, Eq> index_;
};

}  // namespace cjm
