// CustomerJoin: what joining a customer table (a CRM export, `--customers`)
// to an event log found: which rows matched a customer of the log, which did
// not, and which of the log's customers have no row (docs/spec.md,
// "Customer tables").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cjm {

struct CustomerJoin {
  std::string path;                  // the table's file, as given
  std::string id_column;             // its customer id column
  std::vector<std::string> columns;  // the attribute columns it added, in file order
  uint64_t rows = 0;                 // data rows of the table
  uint64_t matched = 0;              // rows whose id is a customer of the log
  // Rows whose id no event carries: customers with no events, counted but not
  // mapped. The first few, with their line in the table.
  uint64_t without_events = 0;
  struct Example {
    std::string id;
    uint64_t line = 0;
  };
  std::vector<Example> without_events_examples;
  // The log's customers with no row in the table: their attributes from it are
  // missing ("").
  uint64_t customers_without_row = 0;
};

}  // namespace cjm
