// Giving memory that is no longer needed back to the system without freeing
// its allocation.
#pragma once

#include <cstddef>

namespace cjm {

// Releases the whole pages inside [p, p + bytes) (MADV_DONTNEED): a private
// mapping's pages read as zeros if touched again, a file mapping's are read
// from the file again. The partial pages at either end are left alone.
void release_pages(const void* p, size_t bytes);

}  // namespace cjm
