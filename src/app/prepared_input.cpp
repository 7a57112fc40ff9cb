#include "app/prepared_input.h"

#include <fmt/format.h>

#include <iostream>

#include "app/input_limits.h"
#include "app/read_progress.h"
#include "core/error.h"
#include "core/progress.h"
#include "reader/customer_table.h"
#include "reader/join_customers.h"
#include "storage/store_reader.h"

namespace cjm {

namespace {

// Warns about persona filters that name a column the data does not have: such a
// persona matches nobody, which is almost always a typo in the spec.
void warn_unknown_persona_columns(const JourneySpec& spec, const EventTable& table) {
  for (const auto& persona : spec.personas)
    for (const auto& [column, values] : persona.where)
      if (table.attribute_index(column) < 0)
        std::cerr << "cjm: warning: "
                  << at(spec.file, static_cast<uint64_t>(persona.line),
                        fmt::format("persona '{}' filters on column '{}', which the events do "
                                    "not have; it will match no customer",
                                    persona.id, column))
                  << "\n";
}

// Whether the input is a .cjm store: by --input-format cjm, or by its magic
// bytes whatever the extension.
bool is_store_input(const RunOptions& options) {
  return !is_database_uri(options.events_path) &&
         (options.format == InputFormat::kCjm ||
          (options.format == InputFormat::kAuto && is_store_file(options.events_path)));
}

// A store is loaded already ordered: its journey offsets replace
// build_journeys. Fills `report` as the original import did. The analyses
// never name a customer, so the ids' strings are loaded only to join
// customer tables.
EventTable load_store(const std::string& path, bool customer_names, ReadReport& report,
                      std::optional<Journeys>& journeys) {
  StoreContents store = read_store(path, StoreReadOptions{.customer_names = customer_names});
  report.rows = store.source.rows;
  report.rejected = store.source.rejected;
  report.time_format = store.source.time_format;
  report.format = "cjm";
  journeys = std::move(store.journeys);
  return std::move(store.table);
}

// One line on what joining a customer table found.
void report_join(const CustomerJoin& j) {
  std::cerr << fmt::format("cjm: customers {}: {} of {} rows matched a customer of the log", j.path,
                           j.matched, j.rows);
  if (j.without_events > 0) {
    std::cerr << fmt::format("; {} customers have no events (not mapped), e.g.", j.without_events);
    for (const auto& e : j.without_events_examples)
      std::cerr << fmt::format(" '{}' (line {})", printable(e.id), e.line);
  }
  if (j.customers_without_row > 0)
    std::cerr << fmt::format("; {} customers of the log have no row", j.customers_without_row);
  std::cerr << "\n";
}

}  // namespace

std::vector<CustomerJoin> join_customer_tables(const DataSpec& data, EventTable& table,
                                               bool report_to_stderr) {
  std::vector<CustomerJoin> joins;
  for (const CustomerTableSpec& t : data.customers) {
    const CustomerTable customers =
        read_customer_table(t.file, t.id.empty() ? data.customer : t.id);
    joins.push_back(join_customers(table, customers));
    if (report_to_stderr) report_join(joins.back());
  }
  return joins;
}

PreparedInput prepare_input(const JourneySpec& spec, const RunOptions& options,
                            bool customer_names) {
  PreparedInput in;
  ReadOptions read = read_options(spec, options);
  const std::string name = input_display(read);  // a database's without its password
  ReadProgress counters;  // before progress: its ticker reads them until it stops
  Progress progress(options.report_to_stderr);
  progress.phase("reading " + name);
  read.progress = &counters;
  const bool store = is_store_input(options);
  if (!store) show_read_progress(progress, counters, options.events_path);
  std::optional<Journeys> stored;  // set when the input is a .cjm store
  in.table = store ? load_store(options.events_path, customer_names || !spec.data.customers.empty(),
                                in.report, stored)
                   : read_events(read, in.report);
  progress.done(read_rate(options.events_path, in.report.rows, progress.elapsed(),
                          is_database_uri(options.events_path) ? counters.bytes.load() : 0));
  if (options.report_to_stderr) {
    if (spec.data.time_format == "auto" && !stored)
      std::cerr << fmt::format("cjm: time column '{}' read as {}\n", spec.data.time,
                               in.report.time_format);
    if (!stored)
      report_rejects(name, options.rejects_path, in.report);  // a store's were reported at import
  }
  in.joins = join_customer_tables(spec.data, in.table, options.report_to_stderr);
  if (options.report_to_stderr) warn_unknown_persona_columns(spec, in.table);

  progress.phase("ordering journeys");
  in.map = map_events(in.table.events, spec);
  check_name_limits(spec, name, in.table.events, in.map.is_conversion, in.table.channels,
                    options.limits);
  in.journeys = stored ? std::move(*stored) : build_journeys(in.table);
  return in;
}

}  // namespace cjm
