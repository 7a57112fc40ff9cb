// Errors: one style across the code base. Every failure the user can cause is a
// cjm::Error carrying where it happened (file, line, key or column) and what value
// was wrong; the CLI prints it and exits with the error's exit code.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace cjm {

// Exit codes that mean something: 0 ok, 1 bad input (data or spec), 2 usage.
enum class ExitCode : int { kOk = 0, kBadInput = 1, kUsage = 2 };

// A user-facing error. `what()` is the full message, already formatted as
// "FILE:LINE: message" when a place is known.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::kBadInput)
      : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Formats "file:line: message" (line omitted when 0, file omitted when empty).
std::string at(const std::string& file, uint64_t line, const std::string& message);

// Shortens a value for display in an error message (at most `max` bytes, with
// non-printable bytes shown as \xNN) so binary garbage never floods a terminal.
std::string printable(std::string_view value, size_t max = 60);

}  // namespace cjm
