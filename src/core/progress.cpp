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

double Progress::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::done(const std::string& detail) {
  if (current_.empty()) return;
  if (on_) {
    std::string line = fmt::format(" {:.2f} s", elapsed());
    if (!detail.empty()) line += " (" + detail + ")";
    std::fputs((line + "\n").c_str(), stderr);
  }
  current_.clear();
}

}  // namespace cjm
