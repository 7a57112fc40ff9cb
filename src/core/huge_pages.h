// Transparent huge pages for large arrays that are accessed at random (the
// journey permutation, gathered columns, hash tables): one TLB entry covers
// 2 MiB instead of 4 KiB, which removes most page walks at 100M events.
#pragma once

#include <cstddef>
#include <vector>

namespace cjm {

// Asks the kernel to back [p, p + bytes) with huge pages where it can (the
// 2 MiB-aligned part). A hint only: does nothing for small ranges, on systems
// without transparent huge pages, or when it fails. Call it before the pages
// are first written.
void advise_huge_pages(void* p, size_t bytes);

// Reserves room for `n` elements in an empty-or-small `v` and advises huge
// pages for it before any of the new room is touched.
template <typename T>
void reserve_huge(std::vector<T>& v, size_t n) {
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

}  // namespace cjm
