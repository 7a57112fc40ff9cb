// The first rows of an event log as raw text, before anything says which
// column is which: what `cjm init` looks at to find the customer, time and
// event columns (draft/columns.h) before the real read maps them. Uses the
// same tokenisers as the readers (csv_block.h, simdjson), so a field reads
// here exactly as it will in read_events.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "reader/read_events.h"

namespace cjm {

struct RawSample {
  InputFormat format = InputFormat::kCsv;  // kCsv, kTsv or kJsonl
  // Column names: the CSV/TSV header (trimmed), or JSON Lines keys in the
  // order they were first seen.
  std::vector<std::string> columns;
  // rows[i][c]: the text of column c in sampled row i ("" when missing).
  // Lines that are not JSON objects are skipped; blank records too.
  std::vector<std::vector<std::string>> rows;
  // lines[i]: the 1-based line where row i starts.
  std::vector<uint64_t> lines;
};

// Reads the header and at most `max_rows` data rows of `path` (a file; not
// stdin), in `format` (kCsv, kTsv or kJsonl; kAuto: by the first non-blank
// byte, '{' for JSON Lines, else by extension). `display` names it in
// messages. Throws cjm::Error naming the file if it cannot be read, looks
// binary or compressed, or (CSV/TSV) has no header row. With `strict`, a
// CSV/TSV row whose field count differs from the header's, or a JSON Lines
// line that is not an object, is a cjm::Error naming the file and line
// instead of being padded or skipped.
RawSample read_sample(const std::string& path, const std::string& display, InputFormat format,
                      size_t max_rows, bool strict = false);

}  // namespace cjm
