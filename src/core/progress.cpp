#include "core/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace cjm {

Progress::Progress(bool enabled) : on_(enabled && ::isatty(STDERR_FILENO)) {}

void Progress::phase(const std::string& name) {
  done();
  current_ = name;
  start_ = std::chrono::steady_clock::now();
  if (on_) std::fputs(fmt::format("cjm: {} ...", name).c_str(), stderr);
}

void Progress::done() {
  if (current_.empty()) return;
  if (on_) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fputs(fmt::format(" {:.2f} s\n", s).c_str(), stderr);
  }
  current_.clear();
}

}  // namespace cjm
