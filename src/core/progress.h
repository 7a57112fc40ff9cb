// Progress on long work: phase lines on stderr, only when stderr is a terminal
// (nothing at all when it is not, so logs and pipes stay clean).
#pragma once

#include <chrono>
#include <string>

namespace cjm {

class Progress {
 public:
  // Enabled when `enabled` and stderr is a terminal.
  explicit Progress(bool enabled);
  // Ends the previous phase (printing its duration) and starts `name`.
  void phase(const std::string& name);
  // Ends the last phase.
  void done();
  ~Progress() { done(); }

 private:
  bool on_ = false;
  std::string current_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace cjm
