// Measures what this machine charges for memory a process writes for the
// first time, against writing it again: the cost that grows faster than the
// events at 100M (bench/README.md, "Where the rest of the 100M time goes").
//
//   g++ -O2 -o /tmp/first_touch bench/first_touch.cpp && /tmp/first_touch 6000
//
// Maps MIB mebibytes of anonymous memory twice in a row (unmapping in
// between) and times a first and a second write of all of it each time.
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  if (argc != 2 || std::atol(argv[1]) <= 0) {
    std::fprintf(stderr, "usage: first_touch MIB\n");
    return 2;
  }
  const size_t bytes = static_cast<size_t>(std::atol(argv[1])) << 20;
  const double gib = static_cast<double>(bytes) / (1 << 30);
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
  };
  for (int round = 1; round <= 2; ++round) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
      std::perror("mmap");
      return 1;
    }
    const auto t0 = Clock::now();
    std::memset(p, 1, bytes);
    const auto t1 = Clock::now();
    std::memset(p, 2, bytes);
    const auto t2 = Clock::now();
    std::printf("map %d, %zu MiB: first write %.2f s/GiB, second write %.2f s/GiB\n", round,
                bytes >> 20, seconds(t0, t1) / gib, seconds(t1, t2) / gib);
    ::munmap(p, bytes);
  }
  return 0;
}
