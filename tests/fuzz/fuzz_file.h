// Shared by the fuzz targets: the input bytes as a file that the public
// readers open by path. One memory-backed file per process (memfd), rewritten
// for every input and named /proc/self/fd/N, so no disk is touched.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace cjm::fuzz {

// Replaces the file's content with `data` and returns its path.
inline const std::string& as_file(const uint8_t* data, size_t size) {
  static const int fd = [] {
    const int f = ::memfd_create("cjm-fuzz", MFD_CLOEXEC);
    if (f < 0) std::abort();
    return f;
  }();
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  if (::ftruncate(fd, 0) != 0) std::abort();
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<size_t>(n);
  }
  return path;
}

}  // namespace cjm::fuzz
