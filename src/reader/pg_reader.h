// Internal: reading events from PostgreSQL (read_events.h chooses it for a
// postgresql:// URI). The rows of a table or a query stream in with
// COPY ... TO STDOUT (FORMAT binary) and become rows of a RowBuilder as a
// file's do: the same rejects, attributes, values and times. A table is read
// on several connections at once, each a range of its blocks, all in one
// snapshot; the parts join in block order, so the result is that of one
// read. The "line" of a rejected row is its number in that order.
#pragma once

#include <string>

#include "reader/read_events.h"
#include "reader/row_builder.h"

namespace cjm::reader {

// Reads the table `opt.table` or the query `opt.query` (exactly one given)
// of the database at the URI `opt.path` into `b`, on up to `opt.threads`
// connections (a table only). Throws cjm::Error naming the database, the
// table or query and the column, with the server's message, on anything
// that stops the read: no connection, a missing table or column, a column of
// a type its role cannot take, a connection lost on the way (nothing of a
// broken read is kept). A password never appears in a message.
void read_postgres(const ReadOptions& opt, RowBuilder& b, ReadReport& report);

// How messages and results name the source: the URI without its password,
// and the table (or "query").
std::string postgres_display(const ReadOptions& opt);

}  // namespace cjm::reader
