// Times read_events alone on one file and prints a checksum of the resulting
// EventTable, so reader changes can be checked for identical output.
//
//   cjm_read_bench SPEC EVENTS [THREADS] [REPEAT]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/dictionary.h"
#include "reader/read_events.h"
#include "spec/journey_spec.h"

namespace {

uint64_t fold(uint64_t h, const void* p, size_t n) {
  return (h ^ cjm::hash_bytes(static_cast<const char*>(p), n)) * 0x9e3779b97f4a7c15ull + n;
}

// A std::vector or a cjm::Column: anything with data() and size().
template <typename V>
uint64_t fold_vec(uint64_t h, const V& v) {
  return fold(h, v.data(), v.size() * sizeof(*v.data()));
}

uint64_t fold_dict(uint64_t h, const cjm::Dictionary& d) {
  for (const std::string& s : d.strings()) h = fold(h, s.data(), s.size());
  return fold(h, "|", 1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: cjm_read_bench SPEC EVENTS [THREADS] [REPEAT]\n");
    return 2;
  }
  cjm::JourneySpec spec = cjm::load_spec(argv[1]);
  cjm::ReadOptions opt;
  opt.path = argv[2];
  opt.data = spec.data;
  if (argc > 3) opt.threads = static_cast<unsigned>(std::atoi(argv[3]));
  int repeat = argc > 4 ? std::atoi(argv[4]) : 1;
  for (int r = 0; r < repeat; ++r) {
    cjm::ReadReport report;
    auto t0 = std::chrono::steady_clock::now();
    cjm::EventTable t = cjm::read_events(opt, report);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    uint64_t h = 0;
    h = fold_vec(h, t.customer);
    h = fold_vec(h, t.time_us);
    h = fold_vec(h, t.event);
    h = fold_vec(h, t.channel);
    h = fold_vec(h, t.value);
    h = fold_vec(h, t.score);
    h = fold_vec(h, t.session);
    h = fold_dict(h, t.customers);
    h = fold_dict(h, t.events);
    h = fold_dict(h, t.channels);
    h = fold_dict(h, t.sessions);
    for (const auto& a : t.attributes) {
      h = fold(h, a.name.data(), a.name.size());
      h = fold_dict(h, a.values);
      h = fold_vec(h, a.of);
    }
    std::printf(
        "read %zu events (%llu rows, %llu rejected) in %.3f s = %.1f M events/s; checksum "
        "%016llx\n",
        t.size(), static_cast<unsigned long long>(report.rows),
        static_cast<unsigned long long>(report.rejected), s, t.size() / s / 1e6,
        static_cast<unsigned long long>(h));
  }
  return 0;
}
