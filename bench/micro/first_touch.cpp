// What a fresh page costs on this machine: the time to first write 1 GiB of
// newly mapped memory (the kernel zeroes every page on its first touch), with
// 4 KiB pages and with transparent huge pages, against rewriting memory that
// is already mapped. On the benchmark's virtual machine this decides whether
// copying data is cheap (see bench/README.md).
//
//   cmake --build build --target cjm_first_touch && build/cjm_first_touch
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstring>

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
  const size_t bytes = size_t{1} << 30;
  for (int round = 0; round < 3; ++round)
    for (int huge = 0; huge < 2; ++huge) {
      auto t0 = std::chrono::steady_clock::now();
      void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (m == MAP_FAILED) {
        std::perror("mmap");
        return 1;
      }
      char* p = static_cast<char*>(m);
      madvise(p, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
      for (size_t i = 0; i < bytes; i += 4096) p[i] = 1;
      const double first = seconds_since(t0);
      t0 = std::chrono::steady_clock::now();
      std::memset(p, 2, bytes);
      const double again = seconds_since(t0);
      std::printf("round %d, %s: first touch %.2f s/GiB, rewrite %.2f s/GiB\n", round + 1,
                  huge ? "huge pages" : "4 KiB pages", first, again);
      munmap(p, bytes);
    }
  return 0;
}
