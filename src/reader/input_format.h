// Internal: names of the event-log formats, for reports and messages.
#pragma once

#include <string>

#include "reader/read_events.h"

namespace cjm::reader {

// "csv", "tsv" or "jsonl" (ReadReport::format); "csv" for any other format.
const char* format_name(InputFormat f);

// "a text CSV file", "a text TSV file" or "a text JSON Lines file", for
// "does not look like ..." messages.
const char* format_description(InputFormat f);

// The format of a file by its extension: .tsv and .tab are TSV; .jsonl,
// .ndjson and .json are JSON Lines; anything else (or none) is CSV.
InputFormat format_from_extension(const std::string& path);

}  // namespace cjm::reader
