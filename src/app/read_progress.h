// Progress lines for reading an event log: live rows, MB/s and share read
// while it runs, then the totals.
#pragma once

#include <cstdint>
#include <string>

#include "core/progress.h"
#include "reader/read_events.h"

namespace cjm {

// Shows `counters` live on the current phase of `progress` (rows so far,
// MB/s and, for a file, the share read). `counters` must outlive the phase.
void show_read_progress(Progress& progress, const ReadProgress& counters, const std::string& path);

// "9,899,891 rows, 480 MB/s" for the end of the reading phase: MB/s of a
// file's size or, for another source, of the `received` bytes (none: no rate).
std::string read_rate(const std::string& path, uint64_t rows, double seconds,
                      uint64_t received = 0);

}  // namespace cjm
