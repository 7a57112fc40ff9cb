#include "server/seen_ids.h"

#include <xxhash.h>

namespace cjm::server {

SeenIds::Key SeenIds::key_of(std::string_view id) {
  const XXH128_hash_t h = XXH3_128bits(id.data(), id.size());
  return Key{h.low64, h.high64};
}

bool SeenIds::insert(std::string_view id) {
  if (id.empty()) return true;
  return ids_.insert(key_of(id)).second;
}

bool SeenIds::contains(std::string_view id) const {
  return !id.empty() && ids_.count(key_of(id)) > 0;
}

}  // namespace cjm::server
