// Reading a .cjm binary store (docs/store-format.md) back into an EventTable
// and its Journeys, without re-sorting.
#pragma once

#include <string>

#include "core/event_table.h"
#include "journey/journeys.h"
#include "storage/store_format.h"

namespace cjm {

// True if the file at `path` starts with the store magic "CJMSTORE",
// whatever its extension. False for "-", pipes and other non-regular files
// (never consumes their input), unreadable or shorter files.
bool is_store_file(const std::string& path);

// Everything a store holds: the table (grouped by customer, ordered by time),
// its journey offsets, and where the events came from.
struct StoreContents {
  EventTable table;
  Journeys journeys;
  StoreSource source;
};

// What to load beyond what every reader needs.
struct StoreReadOptions {
  // The customer ids' strings (the customers dictionary). Without them
  // `table.customers` is left empty while `customer` still holds ids below the
  // store's customer count (journeys.count()): enough for the analyses, which
  // never name a customer, and 8.8M strings fewer to build at 100M events.
  // The section is checksummed and its layout checked either way.
  bool customer_names = true;
};

// Memory-maps `path`, verifies the header, the size and every section's
// checksum, checks that ids, offsets and time order are consistent, and makes
// the per-event columns of `table`, the journey offsets and the attributes'
// value ids views of the map, which they keep alive (the dictionaries are
// copied). Throws cjm::Error naming `path` (and the section and its offset
// where one is at fault) on a file that is not a store, of a newer version,
// truncated, corrupted or inconsistent: never returns garbage.
StoreContents read_store(const std::string& path, const StoreReadOptions& options = {});

}  // namespace cjm
