// The import job: an event log -> a .cjm store, already in journey order,
// that analyze and map then load without parsing or sorting
// (storage/store_writer.h, docs/store-format.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reader/read_events.h"
#include "spec/journey_spec.h"

namespace cjm {

struct ImportOptions {
  std::string spec_path;     // spec whose data: block maps the columns; "": default names
  std::string events_path;   // "-" for stdin, or a PostgreSQL URI
  std::string table, query;  // a PostgreSQL URI's events: a table or a query
  InputFormat format = InputFormat::kAuto;
  bool strict = false;
  std::string rejects_path;      // write every rejected row here
  std::string output_path;       // the .cjm file to write
  bool report_to_stderr = true;  // progress and the rejected rows on stderr
  // --customers: tables joined into the store as attribute columns (the
  // spec's data.customers are not: they are joined when the store is read).
  std::vector<CustomerTableSpec> customers;
};

// What an import wrote.
struct ImportSummary {
  uint64_t events = 0;     // events in the store
  uint64_t customers = 0;  // distinct customers
  uint64_t bytes = 0;      // size of the store file
};

// Reads the events, reports the rejected rows (report_rejects), orders the
// journeys and writes the store, which records the rows read and rejected.
// Throws cjm::Error on bad input, naming the file: an events file that is
// already a store, a bad spec, an unreadable log, or a bad row with `strict`.
ImportSummary run_import(const ImportOptions& options);

}  // namespace cjm
