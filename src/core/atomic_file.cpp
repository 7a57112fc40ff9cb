#include "core/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <streambuf>

#include "core/error.h"

namespace cjm {

namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;

[[noreturn]] void fail(const std::string& path, const std::string& what, int err) {
  throw Error(at(path, 0, what + ": " + std::strerror(err)));
}

std::string folder_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// `path` with every symbolic link followed (the final target may not exist).
std::string resolve_links(const std::string& display, std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
    std::string target(static_cast<size_t>(st.st_size) + 256, '\0');
    const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
    if (n < 0) fail(display, "cannot follow the symbolic link", errno);
    target.resize(static_cast<size_t>(n));
    path = !target.empty() && target[0] == '/' ? target : folder_of(path) + "/" + target;
  }
  fail(display, "cannot write output", ELOOP);
}

// The mode a new file gets from open(..., 0666): 0666 less the umask.
mode_t new_file_mode(mode_t bits) {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return bits & ~mask;
}

// fsync of a folder, so that a rename into it is durable. Folders of file
// systems that cannot sync one (EINVAL) are let be.
void sync_folder(const std::string& display, const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(display, "written, but its folder cannot be opened to sync it", errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL) fail(display, "written, but syncing its folder failed", err);
}

// Flushes `out`, fsyncs and closes `fd`: the errno of the first failure, or 0.
int finish_file(Output& out, int fd) {
  int err = out.flush() ? 0 : out.error();
  if (err == 0 && ::fsync(fd) != 0 && errno != EINVAL) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  return err;
}

}  // namespace

// A put area in front of Output::write, for std::ostream writers.
class Output::Buf : public std::streambuf {
 public:
  explicit Buf(Output& out) : out_(out) { setp(area_, area_ + sizeof area_); }
  bool pending() const { return pptr() != pbase(); }
  // Hands the put area to Output::write (emptied first, so that the write
  // sees nothing pending).
  bool drain() {
    const char* begin = pbase();
    const size_t size = static_cast<size_t>(pptr() - pbase());
    setp(area_, area_ + sizeof area_);
    return out_.write(begin, size);
  }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    return c;
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  Output& out_;
  char area_[1 << 16];
};

Output::Output(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
  buffer_.reserve(kBufferBytes);
}

Output::~Output() {
  delete stream_;
  delete buf_;
}

bool Output::write(const void* data, size_t size) {
  if (buf_ != nullptr && buf_->pending() && !buf_->drain()) return false;  // keep the order
  if (error_ != 0) return false;
  if (buffer_.size() + size > kBufferBytes && !write_buffer()) return false;
  if (size < kBufferBytes) {
    buffer_.append(static_cast<const char*>(data), size);
    return true;
  }
  // Large blocks go out directly, not through the buffer.
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd_, p, std::min<size_t>(size, size_t{1} << 30));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n < 0 ? errno : EIO;
      return false;
    }
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool Output::flush() {
  if (buf_ != nullptr && error_ == 0) buf_->drain();
  return write_buffer();
}

bool Output::write_buffer() {
  if (error_ != 0) return false;
  size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n < 0 ? errno : EIO;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  return true;
}

std::ostream& Output::stream() {
  if (stream_ == nullptr) {
    buf_ = new Buf(*this);
    stream_ = new std::ostream(buf_);
  }
  return *stream_;
}

void write_output(const std::string& path, const std::function<void(Output&)>& write) {
  if (path == "-") {
    std::cout.flush();
    if (!std::cout) throw Error("standard output: cannot write output");
    Output out(STDOUT_FILENO, "standard output");
    write(out);
    if (!out.flush()) fail("standard output", "cannot write output", out.error());
    return;
  }
  const std::string target = resolve_links(path, path);
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) fail(path, "cannot write output", EISDIR);

  if (exists && !S_ISREG(st.st_mode)) {
    // A device or a FIFO: written in place, never replaced by a file.
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) fail(path, "cannot open output", errno);
    Output out(fd, path);
    try {
      write(out);
    } catch (...) {
      ::close(fd);
      throw;
    }
    int err = out.flush() ? 0 : out.error();
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) fail(path, "cannot write output", err);
    return;
  }

  std::string tmp = target + ".tmp.XXXXXX";
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) fail(path, "cannot create a temporary file beside the output", errno);
  ::fchmod(fd, exists ? (st.st_mode & 07777) : new_file_mode(0666));
  Output out(fd, path);
  try {
    write(out);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  int err = finish_file(out, fd);
  if (err == 0 && ::rename(tmp.c_str(), target.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    fail(path, "cannot write output", err);
  }
  sync_folder(path, folder_of(target));
}

void write_file_atomic(const std::string& path, std::string_view content) {
  write_output(path, [&](Output& out) { out.write(content); });
}

void write_folder_atomic(const std::string& dir, const std::vector<FolderFile>& files) {
  namespace fs = std::filesystem;
  const std::string target = resolve_links(dir, dir);
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && !S_ISDIR(st.st_mode)) fail(dir, "cannot write the folder", ENOTDIR);
  if (exists) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(target, ec)) {
      const std::string name = entry.path().filename().string();
      const bool ours = std::any_of(files.begin(), files.end(),
                                    [&](const FolderFile& f) { return f.name == name; });
      if (!ours || !entry.is_regular_file())
        throw Error(at(dir, 0,
                       "holds '" + printable(name) +
                           "', which is not one of the files written there; the folder is "
                           "replaced whole, so give a new or empty folder"));
    }
    if (ec) fail(dir, "cannot read the folder", ec.value());
  }

  std::error_code made;
  fs::create_directories(folder_of(target), made);  // parents, as `mkdir -p`
  if (made) fail(dir, "cannot create the folders above it", made.value());
  std::string tmp = target + ".tmp.XXXXXX";
  if (::mkdtemp(tmp.data()) == nullptr)
    fail(dir, "cannot create a temporary folder beside the output", errno);
  auto discard = [](const std::string& folder) {
    std::error_code ignored;
    fs::remove_all(folder, ignored);
  };
  try {
    ::chmod(tmp.c_str(), exists ? (st.st_mode & 07777) : new_file_mode(0777));
    for (const FolderFile& f : files) {
      const std::string display = (fs::path(dir) / f.name).string();
      const int fd = ::open((tmp + "/" + f.name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                            new_file_mode(0666));
      if (fd < 0) fail(display, "cannot create output", errno);
      Output out(fd, display);
      out.write(f.content);
      if (const int err = finish_file(out, fd); err != 0) fail(display, "cannot write output", err);
    }
    sync_folder(dir, tmp);
    if (!exists) {
      if (::rename(tmp.c_str(), target.c_str()) != 0) fail(dir, "cannot write the folder", errno);
    } else if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
      // tmp now names the previous folder.
    } else if (errno == EINVAL || errno == ENOSYS) {
      // No atomic exchange here: move the old folder aside, then the new
      // one in; put the old one back if that fails.
      std::string old = target + ".old.XXXXXX";
      if (::mkdtemp(old.data()) == nullptr) fail(dir, "cannot write the folder", errno);
      if (::rename(target.c_str(), old.c_str()) != 0) {
        const int err = errno;
        ::rmdir(old.c_str());
        fail(dir, "cannot write the folder", err);
      }
      if (::rename(tmp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::rename(old.c_str(), target.c_str());
        fail(dir, "cannot write the folder", err);
      }
      tmp = old;
    } else {
      fail(dir, "cannot write the folder", errno);
    }
  } catch (...) {
    discard(tmp);
    throw;
  }
  discard(tmp);
  sync_folder(dir, folder_of(target));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(at(path, 0, std::string("cannot open: ") + std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(at(path, 0, "read error"));
  return ss.str();
}

}  // namespace cjm
