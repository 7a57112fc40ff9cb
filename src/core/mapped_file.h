// MappedFile: a read-only memory map of a whole file, read front to back,
// unmapped on destruction. Used by the CSV reader and the .cjm store reader.
#pragma once

#include <cstddef>
#include <string>

namespace cjm {

class MappedFile {
 public:
  // Opens and maps the file at `path`, asking the kernel to read it ahead.
  // Throws cjm::Error naming the path if it cannot be opened or mapped.
  explicit MappedFile(const std::string& path);
  // Maps `size` bytes of the open file `fd` (the caller keeps and closes the
  // descriptor). Never throws: data() is null if the map failed.
  MappedFile(int fd, size_t size);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const char* data() const { return data_; }
  const unsigned char* bytes() const { return reinterpret_cast<const unsigned char*>(data_); }
  size_t size() const { return size_; }

  // Drops the pages of [offset, offset + n) (rounded inwards to whole pages)
  // from this process once read, so that the resident size does not grow
  // with the file; they are read again from the page cache if used.
  void release(size_t offset, size_t n) const;

 private:
  void map(int fd);

  const char* data_ = nullptr;
  size_t size_ = 0;
  int error_ = 0;  // errno of a failed map
};

}  // namespace cjm
