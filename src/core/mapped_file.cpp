#include "core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"
#include "core/release_pages.h"

namespace cjm {

MappedFile::MappedFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(at(path, 0, std::string("cannot open: ") + std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int saved = errno;
    ::close(fd);
    throw Error(at(path, 0, std::string("cannot read: ") + std::strerror(saved)));
  }
  size_ = static_cast<size_t>(st.st_size);
  map(fd);
  ::close(fd);
  if (size_ > 0 && data_ == nullptr)
    throw Error(at(path, 0, std::string("cannot map: ") + std::strerror(error_)));
  if (data_ != nullptr) ::madvise(const_cast<char*>(data_), size_, MADV_WILLNEED);
}

MappedFile::MappedFile(int fd, size_t size) : size_(size) {
  map(fd);
}

void MappedFile::map(int fd) {
  if (size_ == 0) return;
  void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) {
    error_ = errno;
    return;
  }
  data_ = static_cast<const char*>(p);
  ::madvise(p, size_, MADV_SEQUENTIAL);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

void MappedFile::release(size_t offset, size_t n) const {
  if (data_ != nullptr) release_pages(data_ + offset, n);
}

}  // namespace cjm
