// Progress on long work: phase lines on stderr, only when stderr is a terminal
// (nothing at all when it is not, so logs and pipes stay clean).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace cjm {

class Progress {
 public:
  // Enabled when `enabled` and stderr is a terminal.
  explicit Progress(bool enabled);
  // Ends the previous phase (printing its duration) and starts `name`.
  void phase(const std::string& name);
  // While the current phase runs, rewrites its line every `every` with the
  // time so far and `status()` (e.g. "4,100,000 rows, 510 MB/s"). `status`
  // is called from another thread: it must only read atomics.
  void live(std::function<std::string()> status,
            std::chrono::milliseconds every = std::chrono::milliseconds(250));
  // Ends the last phase; `detail` (e.g. "9.9M rows, 460 MB/s") follows its time.
  void done(const std::string& detail = "");
  // Seconds since the current phase started.
  double elapsed() const;
  bool enabled() const { return on_; }
  ~Progress() { done(); }

 private:
  void stop_ticker();

  bool on_ = false;
  std::string current_;
  std::chrono::steady_clock::time_point start_;
  std::thread ticker_;
  std::mutex mutex_;  // guards stop_ and the terminal line while ticking
  std::condition_variable wake_;
  bool stop_ = false;
};

// "12,345,678": thousands separated by commas, for progress lines.
std::string group_thousands(uint64_t n);

}  // namespace cjm
