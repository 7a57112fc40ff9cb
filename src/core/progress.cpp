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

void Progress::live(std::function<std::string()> status, std::chrono::milliseconds every) {
  if (!on_ || current_.empty()) return;
  stop_ticker();
  stop_ = false;
  ticker_ = std::thread([this, status = std::move(status), every] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, every, [this] { return stop_; })) {
      // \r and "erase to end of line": the phase line is rewritten in place.
      std::fputs(
          fmt::format("\rcjm: {} ... {:.1f} s, {}\x1b[K", current_, elapsed(), status()).c_str(),
          stderr);
      std::fflush(stderr);
    }
  });
}

void Progress::stop_ticker() {
  if (!ticker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  ticker_.join();
  // Back to the bare phase line, which done() completes.
  std::fputs(fmt::format("\rcjm: {} ...\x1b[K", current_).c_str(), stderr);
}

double Progress::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::done(const std::string& detail) {
  stop_ticker();
  if (current_.empty()) return;
  if (on_) {
    std::string line = fmt::format(" {:.2f} s", elapsed());
    if (!detail.empty()) line += " (" + detail + ")";
    std::fputs((line + "\n").c_str(), stderr);
  }
  current_.clear();
}

std::string group_thousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace cjm
