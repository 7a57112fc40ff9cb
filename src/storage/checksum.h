// Checksums for the binary store: XXH64 (seed 0), implemented here so the
// store needs no extra library. Every section of a .cjm file and its header
// carry one (docs/store-format.md).
#pragma once

#include <cstddef>
#include <cstdint>

namespace cjm {

// XXH64 of `size` bytes at `data` (seed 0). Identical to the reference
// xxHash implementation's XXH64(data, size, 0) on little-endian hosts; runs at
// several GB/s, so verifying a whole store costs little next to reading it.
uint64_t checksum64(const void* data, size_t size);

}  // namespace cjm
