// Transparent huge pages for large arrays that are read at random once per
// row (the dictionaries' index): one TLB entry covers 2 MiB instead of 4 KiB,
// which removes most page walks at 100M events. First-touching a huge page
// can cost more than the page walks it saves when the kernel must compact
// memory for it (bench/HISTORY.md), so this is used sparingly: the path
// tables, looked up once per journey, do without.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

namespace cjm {

// Size of a (2 MiB) huge page on x86-64.
inline constexpr size_t kHugePage = size_t{2} << 20;

// Asks the kernel to back [p, p + bytes) with huge pages where it can (the
// 2 MiB-aligned part). A hint only: does nothing for small ranges, on systems
// without transparent huge pages, or when it fails. Call it before the pages
// are first written.
void advise_huge_pages(void* p, size_t bytes);

// An allocator for std::vector: allocations of at least kHugePage bytes are
// huge-page aligned and advised (advise_huge_pages); smaller ones come from
// operator new.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
    advise_huge_pages(p, rounded);  // a hint: failure only costs speed
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePage)
      ::operator delete(p);
    else
      std::free(p);
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace cjm
