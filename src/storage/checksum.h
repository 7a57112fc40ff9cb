// Checksums for the binary store, from the xxHash library: every section of a
// .cjm file and its header carry one (docs/store-format.md).
#pragma once

#include <cstddef>
#include <cstdint>

namespace cjm {

// The checksum of `size` bytes at `data` in store format `version`: XXH3-64
// (seed 0) from version 2, XXH64 (seed 0) in version 1. XXH3 uses the widest
// vector unit the processor has (chosen at run time) and verifies a store
// at about the speed memory delivers it.
uint64_t store_checksum(const void* data, size_t size, uint32_t version);

}  // namespace cjm
