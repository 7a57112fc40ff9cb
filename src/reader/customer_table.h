// CustomerTable: a table of customers (a CRM export: one row per customer, a
// customer id column and attribute columns such as age band, region, plan),
// read whole from CSV, TSV or JSON Lines (docs/spec.md, "Customer tables").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reader/read_events.h"

namespace cjm {

struct CustomerTable {
  std::string path;                  // as given, for messages
  std::string id_column;             // the customer id column
  std::vector<std::string> columns;  // the attribute columns: every other one, in file order
  std::vector<std::string> ids;      // per row: the customer id
  std::vector<std::vector<std::string>> values;  // per row: one value per attribute column
  std::vector<uint64_t> lines;                   // per row: its 1-based line in the file
};

// Reads `path` (format by content or extension unless `format` says; kCsv,
// kTsv, kJsonl or kAuto). Field text is trimmed as the event readers trim it.
// Throws cjm::Error with the file and line on an unreadable file, a missing
// id column (line 1, naming the columns there are), a row with another field
// count than the header (CSV/TSV), a line that is not a JSON object (JSON
// Lines), an empty id, or an id given twice (both lines named).
CustomerTable read_customer_table(const std::string& path, const std::string& id_column,
                                  InputFormat format = InputFormat::kAuto);

}  // namespace cjm
