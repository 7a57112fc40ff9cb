#include "storage/checksum.h"

#include <xxhash.h>
#if defined(__x86_64__)
#include <xxh_x86dispatch.h>
#endif

namespace cjm {

uint64_t store_checksum(const void* data, size_t size, uint32_t version) {
  if (version <= 1) return XXH64(data, size, 0);
#if defined(__x86_64__)
  return XXH3_64bits_dispatch(data, size);
#else
  return XXH3_64bits(data, size);
#endif
}

}  // namespace cjm
