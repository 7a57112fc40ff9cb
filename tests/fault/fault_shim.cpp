// An LD_PRELOAD library for the I/O fault tests (tests/unit/test_output.cpp):
// makes one system call fail on demand, as a full disk, a failing device or a
// refused rename would. Built only with the tests.
//
//   CJM_FAULT=CALL:N   calls of CALL after the first N fail, every one of them
//
// CALL is write (ENOSPC; writes to stderr are spared, so the error message
// still gets out), fsync (EIO), rename (EIO; also renameat and renameat2) or
// mmap (ENOMEM; file mappings only, never anonymous memory).
#include <dlfcn.h>
#include <errno.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace {

struct Fault {
  char call[16] = {};
  long after = -1;  // -1: no fault
  std::atomic<long> seen{0};

  Fault() {
    const char* spec = std::getenv("CJM_FAULT");
    const char* colon = spec == nullptr ? nullptr : std::strchr(spec, ':');
    if (colon == nullptr || colon - spec >= static_cast<long>(sizeof call)) return;
    std::memcpy(call, spec, static_cast<size_t>(colon - spec));
    after = std::strtol(colon + 1, nullptr, 10);
  }
};

Fault& fault() {
  static Fault f;
  return f;
}

// True if this call of `call` is to fail.
bool fails(const char* call) {
  Fault& f = fault();
  if (f.after < 0 || std::strcmp(f.call, call) != 0) return false;
  return f.seen.fetch_add(1) >= f.after;
}

template <typename F>
F next(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* data, size_t size) {
  static const auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
  if (fd != STDERR_FILENO && fails("write")) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, data, size);
}

int fsync(int fd) {
  static const auto real = next<int (*)(int)>("fsync");
  if (fails("fsync")) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}

int rename(const char* from, const char* to) {
  static const auto real = next<int (*)(const char*, const char*)>("rename");
  if (fails("rename")) {
    errno = EIO;
    return -1;
  }
  return real(from, to);
}

int renameat(int from_dir, const char* from, int to_dir, const char* to) {
  static const auto real = next<int (*)(int, const char*, int, const char*)>("renameat");
  if (fails("rename")) {
    errno = EIO;
    return -1;
  }
  return real(from_dir, from, to_dir, to);
}

int renameat2(int from_dir, const char* from, int to_dir, const char* to, unsigned flags) {
  static const auto real = next<int (*)(int, const char*, int, const char*, unsigned)>("renameat2");
  if (fails("rename")) {
    errno = EIO;
    return -1;
  }
  return real(from_dir, from, to_dir, to, flags);
}

void* mmap(void* addr, size_t length, int prot, int flags, int fd, off_t offset) {
  static const auto real = next<void* (*)(void*, size_t, int, int, int, off_t)>("mmap");
  if (fd >= 0 && !(flags & MAP_ANONYMOUS) && fails("mmap")) {
    errno = ENOMEM;
    return MAP_FAILED;
  }
  return real(addr, length, prot, flags, fd, offset);
}

}  // extern "C"
