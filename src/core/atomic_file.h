// Writing outputs so that nothing is ever half-written.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace cjm {

// Writes `content` to `path` through a temporary file in the same folder that
// is renamed over `path` only once fully written and flushed. `path` "-"
// writes to stdout. Throws cjm::Error naming the path on failure.
void write_file_atomic(const std::string& path, std::string_view content);

// The same for content written piece by piece: `write` writes to the
// (buffered) temporary file and returns false if a write failed. `path` must
// be a file (not "-").
void write_file_atomic(const std::string& path, const std::function<bool(std::FILE*)>& write);

// Reads a whole file. Throws cjm::Error naming the path if it cannot.
std::string read_file(const std::string& path);

}  // namespace cjm
