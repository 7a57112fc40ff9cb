// Event files (CSV, TSV, JSON Lines, as the CLI reads them) and PostgreSQL
// tables or queries turned into Messages, for `cjm serve --events SOURCE`
// and POST /api/v1/events.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "reader/read_events.h"
#include "server/message.h"
#include "spec/journey_spec.h"

namespace cjm::server {

// The events of `source` (a file, or a PostgreSQL URI with its table or
// query; read with source.data, the spec's column mapping), as messages
// handed to `sink` in the source's order, `chunk` rows at a time. A file's
// message gets the id "file:<hash of the file>:<row>"; a database row, whose
// order is not fixed, "db:<hash of the row's content>:<n>" for the n-th row
// with that content. Either way, taking in the same source again stores
// nothing twice. Rejected rows are counted in `report`, as the CLI's reader
// counts them. Throws cjm::Error as read_events does (an unreadable file, a
// missing column, a database error), before `sink` is first called.
// Returns the number of messages.
size_t read_source_messages(const ReadOptions& source, ReadReport& report,
                            const std::function<void(std::vector<Message>&&)>& sink,
                            size_t chunk = 8192);

}  // namespace cjm::server
