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
  // Ends the last phase; `detail` (e.g. "9.9M rows, 460 MB/s") follows its time.
  void done(const std::string& detail = "");
  // Seconds since the current phase started.
  double elapsed() const;
  ~Progress() { done(); }

 private:
  bool on_ = false;
  std::string current_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace cjm
