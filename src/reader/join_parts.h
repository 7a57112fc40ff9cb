// Internal: the join of a parallel read's parts into one EventTable, for
// every reader that splits its input (csv_parallel.h, pg_reader.h).
#pragma once

#include <vector>

#include "core/event_table.h"
#include "reader/column_windows.h"
#include "reader/row_builder.h"

namespace cjm::reader {

// Appends the columns of `parts` (the tables of worker builders, in input
// order, each after `t`'s rows) to `t`, mapping their dictionary ids with
// `remaps` (one per part, from RowBuilder::absorb of `b`); `windows`, if not
// null, are the shared buffers the parts were read into. One task per
// column, on `threads` threads, so that their copies run in parallel. Frees
// the parts' columns.
void join_parts(EventTable& t, const RowBuilder& b, const std::vector<EventTable*>& parts,
                const std::vector<RowBuilder::Remap>& remaps, const Windows* windows,
                unsigned threads);

}  // namespace cjm::reader
