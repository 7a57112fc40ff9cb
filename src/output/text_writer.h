// The terminal summary's building blocks (internal to src/output): ANSI
// styles that are off when not writing to a terminal, and a writer of lines
// at most kMaxColumns wide.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "output/format_util.h"

namespace cjm::text {

constexpr size_t kMaxColumns = 100;

// ANSI SGR styles, or the text unchanged when `on` is false.
class Style {
 public:
  explicit Style(bool on) : on_(on) {}
  std::string bold(std::string_view s) const { return wrap("1", s); }
  std::string dim(std::string_view s) const { return wrap("2", s); }
  std::string red(std::string_view s) const { return wrap("31", s); }
  std::string green(std::string_view s) const { return wrap("32", s); }
  std::string yellow(std::string_view s) const { return wrap("33", s); }
  std::string cyan(std::string_view s) const { return wrap("36", s); }
  bool on() const { return on_; }

 private:
  std::string wrap(std::string_view code, std::string_view s) const {
    if (!on_ || s.empty()) return std::string(s);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
  }
  bool on_;
};

// Collects the summary's lines.
class Writer {
 public:
  explicit Writer(const Style& style) : style_(style) {}
  // Adds one line, cut to kMaxColumns (escape sequences are kept whole).
  void line(std::string_view text = {}) {
    if (fmtutil::width(text) > kMaxColumns) {
      out_ += fmtutil::truncate(text, kMaxColumns);
      if (style_.on()) out_ += "\x1b[0m";
    } else {
      out_ += text;
    }
    out_ += '\n';
  }
  // Adds `text` (clean, no escape sequences) as lines of at most kMaxColumns,
  // broken at spaces but never next to "<", "=" or "→": the first line starts
  // with `first` (which may be styled; end it with a space), the others with
  // `indent` (spaces).
  void paragraph(std::string_view first, std::string_view text, std::string_view indent);
  std::string take() { return std::move(out_); }

 private:
  const Style& style_;
  std::string out_;
};

}  // namespace cjm::text
