#include "core/error.h"

#include <fmt/format.h>

#include <cstdio>
#include <utility>

namespace cjm {

Error::Error(std::string file, uint64_t line, std::string reason, ExitCode code)
    : std::runtime_error(at(file, line, reason)),
      file_(std::move(file)),
      line_(line),
      reason_(std::move(reason)),
      code_(code) {}

std::string at(const std::string& file, uint64_t line, const std::string& message) {
  if (file.empty()) return message;
  if (line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}: {}", file, line, message);
}

std::string printable(std::string_view value, size_t max) {
  std::string out;
  for (unsigned char c : value) {
    if (out.size() >= max) {
      out += "...";
      break;
    }
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace cjm
