// SeenIds: the messageIds the server has taken in, so that a message a client
// sends again (a retry after a lost reply, or after a restart) is stored
// once. Kept as 128-bit hashes (XXH3-128): 16 bytes per id whatever its
// length, and a false match is beyond any realistic number of messages. The
// set is rebuilt at start from the ids in the event log's records.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_set>

namespace cjm::server {

class SeenIds {
 public:
  // Records `id`; true if it was new. An empty id is never recorded (a
  // message without an id cannot be recognised again) and counts as new.
  bool insert(std::string_view id);
  // Whether `id` was recorded.
  bool contains(std::string_view id) const;
  size_t size() const { return ids_.size(); }

 private:
  struct Key {
    uint64_t lo, hi;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return static_cast<size_t>(k.lo); }
  };
  static Key key_of(std::string_view id);
  std::unordered_set<Key, KeyHash> ids_;
};

}  // namespace cjm::server
