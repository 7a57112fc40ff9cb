// Errors: one style across the code base.
//
// - A failure the user can cause (bad data, a bad spec, a missing or unreadable
//   file, a wrong option) is a cjm::Error. It says where (file and line; the
//   key, column or value in its reason) and carries the exit code (1 bad input,
//   2 usage). The CLI prints what() and exits with code().
// - A row of an event log that cannot be read is not a failure of the run: it
//   is a Reject (reader/read_events.h), a line and a reason counted in the
//   read's report. With --strict the first one becomes a cjm::Error.
// - A function that tests a value ("is this a timestamp?") may answer with
//   std::optional or bool when "no" is an ordinary answer; its contract says
//   so, and its caller turns the "no" into a Reject or a cjm::Error.
// - An internal invariant (broken only by a bug, never by input) is an assert,
//   not an exception.
// Convert at the boundaries: a helper that does not know the place throws a
// cjm::Error with its reason only; the caller that knows the file and line
// rethrows it there (Error::placed).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace cjm {

// Exit codes that mean something: 0 ok, 1 bad input (data or spec), 2 usage.
enum class ExitCode : int { kOk = 0, kBadInput = 1, kUsage = 2 };

// A user-facing error. `what()` is the full message, formatted as
// "FILE:LINE: reason" when a place is known.
class Error : public std::runtime_error {
 public:
  // An error whose `message` is the whole text (with its place, if any, already
  // in it); reason() is the message, file() and line() are unknown.
  explicit Error(const std::string& message, ExitCode code = ExitCode::kBadInput)
      : std::runtime_error(message), reason_(message), code_(code) {}
  // An error at `line` of `file` (line 0: the file as a whole; file "": no
  // place): what() is at(file, line, reason).
  Error(std::string file, uint64_t line, std::string reason, ExitCode code = ExitCode::kBadInput);

  ExitCode code() const { return code_; }
  const std::string& file() const { return file_; }      // "" when not known
  uint64_t line() const { return line_; }                // 0 when not known
  const std::string& reason() const { return reason_; }  // the message without the place

  // The same reason and exit code at `line` of `file`.
  Error placed(const std::string& file, uint64_t line) const {
    return Error(file, line, reason_, code_);
  }

 private:
  std::string file_;
  uint64_t line_ = 0;
  std::string reason_;
  ExitCode code_;
};

// Formats "file:line: message" (line omitted when 0, file omitted when empty).
std::string at(const std::string& file, uint64_t line, const std::string& message);

// Shortens a value for display in an error message (at most `max` bytes, with
// non-printable bytes shown as \xNN) so binary garbage never floods a terminal.
std::string printable(std::string_view value, size_t max = 60);

}  // namespace cjm
