// Writing an ordered event table as a .cjm binary store (docs/store-format.md).
#pragma once

#include <string>

#include "core/event_table.h"
#include "journey/journeys.h"
#include "storage/store_format.h"

namespace cjm {

// Writes `table`, already grouped by customer and ordered by time with
// `journeys` its offsets (as left by build_journeys), to `path` as a .cjm
// store: header, then each column, dictionary, attribute and the offsets as a
// checksummed, 8-byte aligned section. The file appears only once complete
// (temporary file in the same folder, flushed, then renamed). Throws
// cjm::Error naming `path` if the table is inconsistent or the file cannot
// be written. Returns the number of bytes written.
uint64_t write_store(const std::string& path, const EventTable& table, const Journeys& journeys,
                     const StoreSource& source);

}  // namespace cjm
