// What memory costs on this machine the first time a process writes it (the
// kernel supplies and zeroes every page on its first touch), with 4 KiB pages
// and with transparent huge pages, against writing it a second time. On the
// benchmark's virtual machine this price varies with the size asked for and
// with what the host did lately (bench/README.md, "Why 100M costs a little
// more per event").
//
//   cmake --build build --target cjm_first_touch && build/cjm_first_touch [MIB]
//
// Maps MIB mebibytes (default 1024) of anonymous memory twice for each page
// size, unmapping in between, and times a first and a second write of all of
// it each time.
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const long mib = argc > 1 ? std::atol(argv[1]) : 1024;
  if (argc > 2 || mib <= 0) {
    std::fprintf(stderr, "usage: cjm_first_touch [MIB]   (default 1024)\n");
    return 2;
  }
  const size_t bytes = static_cast<size_t>(mib) << 20;
  const double gib = static_cast<double>(bytes) / (1 << 30);
  for (int huge = 0; huge < 2; ++huge)
    for (int map = 1; map <= 2; ++map) {
      void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (m == MAP_FAILED) {
        std::perror("mmap");
        return 1;
      }
      madvise(m, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
      auto t0 = std::chrono::steady_clock::now();
      std::memset(m, 1, bytes);
      const double first = seconds_since(t0);
      t0 = std::chrono::steady_clock::now();
      std::memset(m, 2, bytes);
      const double again = seconds_since(t0);
      std::printf("%s, map %d, %ld MiB: first write %.2f s/GiB, second write %.2f s/GiB\n",
                  huge ? "huge pages" : "4 KiB pages", map, mib, first / gib, again / gib);
      munmap(m, bytes);
    }
  return 0;
}
