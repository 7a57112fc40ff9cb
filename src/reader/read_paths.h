// Aggregated paths input (`--input-format paths`): one line per distinct path,
//   path;total_conversions;total_conversion_value;total_null
// with the path's touchpoints separated by '>' ("search > email > site"). A
// first line starting with "path" is a header and skipped, as are blank lines.
// The value may be empty (0). Bad lines are rejected with their line number,
// like the event readers (docs/methods.md, "Attribution").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "reader/read_events.h"

namespace cjm {

struct AggregatedPath {
  std::vector<uint32_t> touches;  // ids into PathsInput::touchpoints; empty = direct
  uint64_t conversions = 0;
  int64_t value_e4 = 0;  // total value, ten-thousandths (core/money.h)
  uint64_t nulls = 0;
  uint64_t line = 0;
};

struct PathsInput {
  Dictionary touchpoints;  // distinct touchpoint names
  std::vector<AggregatedPath> paths;
};

// Reads `options.path` ("-" for stdin). Uses options.strict, max_reported and
// rejects_path as read_events does; fills `report` (format "paths"). Throws
// cjm::Error on an unreadable file or, with `strict`, the first bad line.
PathsInput read_paths(const ReadOptions& options, ReadReport& report);

// Parses one data line, interning its touchpoints in `touchpoints` (`line` of
// the result is left 0). Throws cjm::Error with the reason only (the caller
// knows the file and line: Error::placed) if the line cannot be read.
AggregatedPath parse_path_line(const std::string& line, Dictionary& touchpoints);

}  // namespace cjm
