#include "reader/block_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.h"
#include "reader/input_format.h"

namespace cjm::reader {

namespace {

constexpr size_t kBlockSize = size_t{16} << 20;       // bytes read per block
constexpr size_t kMaxRecordSize = size_t{512} << 20;  // longest row accepted

}  // namespace

BlockInput::BlockInput(const std::string& path, const std::string& display) : display_(display) {
  if (path == "-") {
    fd_ = 0;
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
      throw Error(display_, 0, std::string("cannot open events file: ") + std::strerror(errno));
    owned_ = true;
  }
  struct stat st;
  if (::fstat(fd_, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      close();
      throw Error(display_, 0, "cannot read events file: it is a directory");
    }
    if (S_ISREG(st.st_mode)) file_size_ = static_cast<uint64_t>(st.st_size);
  }
  // A regular file smaller than a block gets a buffer of its own size.
  capacity_ = file_size_ > 0 ? std::clamp<size_t>(file_size_ + 1, 4096, kBlockSize) : kBlockSize;
  buf_.reset(new char[capacity_ + kPadding]);
}

BlockInput::~BlockInput() {
  close();
}

void BlockInput::consume(size_t n) {
  std::memmove(buf_.get(), buf_.get() + n, size_ - n);
  size_ -= n;
  parsed_ = true;
}

void BlockInput::fill(uint64_t line_for_message) {
  if (size_ == capacity_ && parsed_) {
    if (capacity_ >= kMaxRecordSize)
      throw Error(display_, line_for_message,
                  "a row longer than " + std::to_string(kMaxRecordSize >> 20) +
                      " MiB starts here (an unterminated quote?)");
    size_t cap = capacity_ * 2;
    std::unique_ptr<char[]> bigger(new char[cap + kPadding]);
    std::memcpy(bigger.get(), buf_.get(), size_);
    buf_ = std::move(bigger);
    capacity_ = cap;
  }
  const size_t old_size = size_;
  while (size_ < capacity_ && !eof_) {
    ssize_t n = ::read(fd_, buf_.get() + size_, capacity_ - size_);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(display_, 0, std::string("read error: ") + std::strerror(errno));
    }
    if (n == 0) eof_ = true;
    size_ += static_cast<size_t>(n);
  }
  if (!filled_) cr_lines_ = has_cr_line_endings(buf_.get(), size_);
  filled_ = true;
  if (cr_lines_) std::replace(buf_.get() + old_size, buf_.get() + size_, '\r', '\n');
  std::memset(buf_.get() + size_, 0, kPadding);
  parsed_ = false;
}

void BlockInput::close() {
  if (owned_ && fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

size_t check_start(const char* d, size_t size, InputFormat fmt, const std::string& display) {
  size_t skip = 0;
  if (size >= 3 && static_cast<unsigned char>(d[0]) == 0xEF &&
      static_cast<unsigned char>(d[1]) == 0xBB && static_cast<unsigned char>(d[2]) == 0xBF)
    skip = 3;
  d += skip;
  size -= skip;
  size_t probe = std::min<size_t>(size, 4096);
  if (size >= 2 && static_cast<unsigned char>(d[0]) == 0x1F &&
      static_cast<unsigned char>(d[1]) == 0x8B)
    throw Error(display, 0,
                std::string("does not look like ") + format_description(fmt) +
                    " (it looks gzip-compressed; decompress it first)");
  if (std::memchr(d, '\0', probe))
    throw Error(display, 0,
                std::string("does not look like ") + format_description(fmt) +
                    " (it contains NUL bytes; binary or UTF-16?)");
  return skip;
}

void check_start(BlockInput& in, InputFormat fmt, const std::string& display) {
  size_t skip = check_start(in.data(), in.size(), fmt, display);
  if (skip) in.consume(skip);
}

bool has_cr_line_endings(const char* data, size_t size) {
  const size_t probe = std::min(size, kBlockSize);
  return std::memchr(data, '\n', probe) == nullptr && std::memchr(data, '\r', probe) != nullptr;
}

size_t estimate_rows(uint64_t file_size, size_t block_bytes, uint64_t block_rows) {
  if (file_size == 0 || block_bytes == 0 || block_rows == 0) return 0;
  double per_row = static_cast<double>(block_bytes) / static_cast<double>(block_rows);
  return static_cast<size_t>(static_cast<double>(file_size) / per_row * 1.05) + 16;
}

bool looks_like_jsonl(BlockInput& in) {
  const char* d = in.data();
  size_t i = 0;
  if (in.size() >= 3 && static_cast<unsigned char>(d[0]) == 0xEF) i = 3;
  while (i < in.size() && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) ++i;
  return i < in.size() && d[i] == '{';
}

}  // namespace cjm::reader
