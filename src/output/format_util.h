// Formatting helpers shared by the renderers (internal to src/output). One
// implementation of every human-facing number format, so the terminal summary
// and the Markdown report always agree.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/result.h"
#include "core/iso_time.h"

namespace cjm::fmtutil {

// num / den, or nullopt when den is 0.
std::optional<double> ratio(uint64_t num, uint64_t den);

// ISO-8601 UTC timestamps and dates (core/iso_time.h).
using cjm::iso8601_utc;
using cjm::iso_date_utc;

// Shortest round-trip form of a double ("4", "4.5", "0.1").
std::string shortest(double value);

// A duration in seconds for people: "42s", "0.5s", "5m 3s", "3h 12m", "2d 4h".
std::string duration(double seconds);

// A fraction as a percentage with one decimal ("75.0%"); "—" when absent.
std::string percent(std::optional<double> fraction);

// An integer with thousands separators ("1,234,567").
std::string count(uint64_t value);

// A mean score with two decimals ("3.90").
std::string score(double value);

// Makes a string from the data safe to print: invalid UTF-8 bytes and control
// characters (C0, DEL and C1) become `replacement`, so a name can neither
// carry terminal escape sequences nor break a line.
std::string clean(std::string_view text, std::string_view replacement = "?");

// Display columns of a (clean) UTF-8 string: its number of code points.
// ANSI SGR sequences ("\x1b[...m") count as zero columns.
size_t width(std::string_view text);

// Cuts a (clean) UTF-8 string to at most `max` columns, ending with "…" when
// something was cut.
std::string truncate(std::string_view text, size_t max);

// Pads (or truncates) to exactly `columns` columns, text on the left / right.
std::string pad_right(std::string_view text, size_t columns);
std::string pad_left(std::string_view text, size_t columns);

// Escapes a string from the data for a Markdown table cell or paragraph:
// `|`, backticks, `\`, `<`, `>`, `&`, `[`, `]` are escaped, line breaks become
// spaces, other control characters and invalid UTF-8 are replaced.
std::string markdown_escape(std::string_view text);

// Stage ids -> display names (made safe by `escape`) and positions, for the
// renderers that print stage names and mark backward transitions.
class StageNames {
 public:
  StageNames(const AnalysisResult& r, std::function<std::string(std::string_view)> escape);
  // Display name of the k-th stage ("?" past the end).
  std::string name(size_t k) const { return k < names_.size() ? names_[k] : std::string("?"); }
  // Display name of a stage id, or the escaped id itself ("(start)", "(end)").
  std::string name_of(const std::string& id) const;
  // True when `t` goes from a stage to an earlier one.
  bool backward(const Transition& t) const;

 private:
  std::function<std::string(std::string_view)> escape_;
  std::map<std::string, size_t> index_;
  std::vector<std::string> names_;
};

}  // namespace cjm::fmtutil
