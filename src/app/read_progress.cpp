#include "app/read_progress.h"

#include <fmt/format.h>

#include <filesystem>

namespace cjm {

namespace {

// Size of the input file, 0 for stdin or when it cannot be known.
uint64_t input_bytes(const std::string& path) {
  std::error_code ec;
  const uint64_t size = path == "-" ? 0 : std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

// ", 480 MB/s".
std::string rate(double bytes, double seconds) {
  return fmt::format(", {:.0f} MB/s", bytes / 1e6 / seconds);
}

}  // namespace

std::string read_rate(const std::string& path, uint64_t rows, double seconds, uint64_t received) {
  std::string out = group_thousands(rows) + " rows";
  const uint64_t size = input_bytes(path);
  const uint64_t bytes = size > 0 ? size : received;
  if (bytes > 0 && seconds > 0) out += rate(static_cast<double>(bytes), seconds);
  return out;
}

// While reading: rows so far, MB/s and, for a file, the share read.
void show_read_progress(Progress& progress, const ReadProgress& counters, const std::string& path) {
  const uint64_t size = input_bytes(path);
  progress.live([&progress, &counters, size] {
    const double bytes = static_cast<double>(counters.bytes.load());
    std::string s = group_thousands(counters.rows.load()) + " rows";
    // The rate would only fall while the parts are joined: say what happens.
    if (counters.joining.load()) return s + ", joining the parts read in parallel";
    const double seconds = progress.elapsed();
    if (seconds > 0) s += rate(bytes, seconds);
    if (size > 0) s += fmt::format(", {:.0f}%", 100.0 * bytes / static_cast<double>(size));
    return s;
  });
}

}  // namespace cjm
