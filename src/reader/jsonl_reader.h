// Internal: JSON Lines. Each non-blank line is one JSON object, one row: its
// keys are matched to the spec's columns by name, every other key becomes an
// attribute column the first time it is seen. A line that is not a JSON
// object is rejected.
#pragma once

#include <string>

#include "reader/block_input.h"
#include "reader/row_builder.h"

namespace cjm::reader {

// Reads JSON Lines from `in` block by block into `b`; `display` names the
// input in messages.
void read_jsonl(BlockInput& in, const std::string& display, RowBuilder& b);

}  // namespace cjm::reader
