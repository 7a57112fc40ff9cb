#include "app/read_progress.h"

#include <fmt/format.h>

#include <filesystem>

namespace cjm {

// "9,899,891 rows, 480 MB/s" for the progress line (MB/s only for a file).
std::string read_rate(const std::string& path, uint64_t rows, double seconds) {
  std::string out = group_thousands(rows) + " rows";
  std::error_code ec;
  const auto bytes = path == "-" ? 0 : std::filesystem::file_size(path, ec);
  if (!ec && bytes > 0 && seconds > 0)
    out += fmt::format(", {:.0f} MB/s", static_cast<double>(bytes) / 1e6 / seconds);
  return out;
}

// While reading: rows so far, MB/s and, for a file, the share read.
void show_read_progress(Progress& progress, const ReadProgress& counters, const std::string& path) {
  std::error_code ec;
  const uint64_t total = path == "-" ? 0 : std::filesystem::file_size(path, ec);
  const uint64_t size = ec ? 0 : total;
  progress.live([&progress, &counters, size] {
    const double bytes = static_cast<double>(counters.bytes.load());
    std::string s = group_thousands(counters.rows.load()) + " rows";
    // The rate would only fall while the parts are joined: say what happens.
    if (counters.joining.load()) return s + ", joining the parts read in parallel";
    const double seconds = progress.elapsed();
    if (seconds > 0) s += fmt::format(", {:.0f} MB/s", bytes / 1e6 / seconds);
    if (size > 0) s += fmt::format(", {:.0f}%", 100.0 * bytes / static_cast<double>(size));
    return s;
  });
}

}  // namespace cjm
