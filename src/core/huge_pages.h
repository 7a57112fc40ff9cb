// Transparent huge pages for large arrays that are accessed at random (the
// dictionary's index): one TLB entry covers 2 MiB instead of 4 KiB, which
// removes most page walks at 100M events. First-touching a huge page can cost
// more than the page walks it saves when the kernel must compact memory for
// it (bench/README.md), so this is used sparingly.
#pragma once

#include <cstddef>

namespace cjm {

// Asks the kernel to back [p, p + bytes) with huge pages where it can (the
// 2 MiB-aligned part). A hint only: does nothing for small ranges, on systems
// without transparent huge pages, or when it fails. Call it before the pages
// are first written.
void advise_huge_pages(void* p, size_t bytes);

}  // namespace cjm
