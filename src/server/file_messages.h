// Event files (CSV, TSV, JSON Lines, as the CLI reads them) turned into
// Messages, for `cjm serve --events FILE` and POST /api/v1/events.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "reader/read_events.h"
#include "server/message.h"
#include "spec/journey_spec.h"

namespace cjm::server {

// The events of the file at `path`, read with the spec's column mapping
// `data`, as messages handed to `sink` in file order, `chunk` rows at a time.
// Each gets the id "file:<hash of the file>:<row>", so that taking in the
// same file again stores nothing twice. Rejected rows are counted in
// `report`, as the CLI's reader counts them. Throws cjm::Error as
// read_events does (an unreadable file, a missing column), before `sink` is
// first called. Returns the number of messages.
size_t read_file_messages(const std::string& path, InputFormat format, const DataSpec& data,
                          ReadReport& report,
                          const std::function<void(std::vector<Message>&&)>& sink,
                          size_t chunk = 8192);

}  // namespace cjm::server
