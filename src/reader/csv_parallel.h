// Internal: the parallel read of a large mapped CSV/TSV file.
//
// The rest of the file is split into byte ranges at newlines and parsed on
// several threads, each into its own table, whose columns are windows of
// shared buffers sized from a sample (column_windows.h). A range is only
// guessed to start at a record (the newline may sit inside a quoted field):
// the record that the previous range actually ends at is the check, and a
// range that started elsewhere is parsed again from there. The tables are
// then merged in input order, which gives exactly the single-threaded result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/mapped_file.h"
#include "reader/csv_reader.h"
#include "reader/read_events.h"

namespace cjm::reader {

// Reads the records of `map` from `pos` (a record start at line `line`) to
// the end on `threads` threads (>= 2) into `reader`'s builder. The header and
// the time format must be known already.
void read_csv_parallel(const MappedFile& map, CsvReader& reader, const ReadOptions& opt,
                       const std::string& display, unsigned threads, size_t pos, uint64_t line);

}  // namespace cjm::reader
