#include "app/run_import.h"

#include "app/prepared_input.h"
#include "app/read_progress.h"
#include "app/run_analysis.h"
#include "core/error.h"
#include "core/progress.h"
#include "journey/journeys.h"
#include "spec/journey_spec.h"
#include "storage/store_reader.h"
#include "storage/store_writer.h"

namespace cjm {

ImportSummary run_import(const ImportOptions& options) {
  if (is_store_file(options.events_path))
    throw Error(options.events_path, 0, "is already a cjm store; analyze it directly");
  ReadOptions read;
  read.path = options.events_path;
  read.table = options.table;
  read.query = options.query;
  read.format = options.format;
  // The spec's own customer tables are joined when the store is analysed
  // (as for a log); only --customers are written into the store.
  if (!options.spec_path.empty()) read.data = load_spec(options.spec_path).data;
  read.data.customers = options.customers;
  read.strict = options.strict;
  read.rejects_path = options.rejects_path;
  const std::string name = input_display(read);  // a database's without its password

  ReadReport report;
  ReadProgress counters;  // before progress: its ticker reads them until it stops
  Progress progress(options.report_to_stderr);
  progress.phase("reading " + name);
  read.progress = &counters;
  show_read_progress(progress, counters, options.events_path);
  EventTable table = read_events(read, report);
  progress.done(read_rate(options.events_path, report.rows, progress.elapsed(),
                          is_database_uri(options.events_path) ? counters.bytes.load() : 0));
  if (options.report_to_stderr) report_rejects(name, options.rejects_path, report);
  join_customer_tables(read.data, table, options.report_to_stderr);

  progress.phase("ordering journeys");
  Journeys journeys = build_journeys(table);
  progress.phase("writing " + options.output_path);
  StoreSource source{report.format, report.time_format, report.rows, report.rejected};
  ImportSummary summary;
  summary.bytes = write_store(options.output_path, table, journeys, source);
  progress.done();
  summary.events = table.size();
  summary.customers = table.customers.size();
  return summary;
}

}  // namespace cjm
