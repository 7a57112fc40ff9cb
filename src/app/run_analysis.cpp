#include "app/run_analysis.h"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "app/input_limits.h"
#include "app/read_progress.h"
#include "app/run_paths.h"
#include "core/error.h"
#include "core/progress.h"
#include "journey/journeys.h"
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
// build_journeys. Fills `report` as the original import did.
EventTable load_store(const std::string& path, ReadReport& report,
                      std::optional<Journeys>& journeys) {
  // The analyses never name a customer: their ids' strings are not loaded.
  StoreContents store = read_store(path, StoreReadOptions{.customer_names = false});
  report.rows = store.source.rows;
  report.rejected = store.source.rejected;
  report.time_format = store.source.time_format;
  report.format = "cjm";
  journeys = std::move(store.journeys);
  return std::move(store.table);
}

}  // namespace

void report_rejects(const std::string& events_path, const std::string& rejects_path,
                    const ReadReport& report) {
  if (report.rejected == 0) return;
  std::cerr << fmt::format("cjm: {} of {} rows rejected", report.rejected, report.rows);
  if (!rejects_path.empty()) std::cerr << fmt::format(" (all listed in {})", rejects_path);
  std::cerr << ":\n";
  for (const auto& r : report.first_rejects)
    std::cerr << "  " << at(events_path, r.line, r.reason) << "\n";
  if (report.rejected > report.first_rejects.size() && rejects_path.empty())
    std::cerr << fmt::format("  ... and {} more (use --rejects FILE to list them all)\n",
                             report.rejected - report.first_rejects.size());
}

void fill_input_summary(AnalysisResult& result, const RunOptions& options,
                        const ReadReport& report) {
  result.input.path = input_display(read_options(JourneySpec{}, options));
  result.input.format = report.format;
  result.input.time_format = report.time_format;
  result.input.rows = report.rows;
  result.input.rejected_rows = report.rejected;
}

AnalysisResult run_analysis(const RunOptions& options) {
  JourneySpec spec = load_spec(options.spec_path);
  return run_analysis(spec, options);
}

ReadOptions read_options(const JourneySpec& spec, const RunOptions& options) {
  ReadOptions read;
  read.path = options.events_path;
  read.table = options.table;
  read.query = options.query;
  read.format = options.format;
  read.data = spec.data;
  read.strict = options.strict;
  read.rejects_path = options.rejects_path;
  read.threads = options.analyze.threads;  // also a database's connections
  return read;
}

JourneySpec with_path_question(const JourneySpec& spec, const RunOptions& options) {
  JourneySpec out = spec;
  if (!options.path_from.empty()) out.paths.from = options.path_from;
  if (!options.path_to.empty()) out.paths.to = options.path_to;
  if (out.paths.from.empty() != out.paths.to.empty())
    throw Error(out.paths.from.empty()
                    ? "--to needs --from (or a spec with paths.from): the paths from which event?"
                    : "--from needs --to (or a spec with paths.to): the paths to which event?",
                ExitCode::kUsage);
  return out;
}

AnalysisResult run_analysis(const JourneySpec& given, const RunOptions& options) {
  const JourneySpec spec = with_path_question(given, options);
  check_spec_limits(spec, options.limits);
  if (options.format == InputFormat::kPaths) return run_paths_analysis(spec, options);
  ReadOptions read = read_options(spec, options);
  const std::string name = input_display(read);  // a database's without its password
  ReadReport report;
  ReadProgress counters;  // before progress: its ticker reads them until it stops
  Progress progress(options.report_to_stderr);
  progress.phase("reading " + name);
  read.progress = &counters;
  if (!is_store_input(options)) show_read_progress(progress, counters, options.events_path);
  std::optional<Journeys> stored;  // set when the input is a .cjm store
  EventTable table = is_store_input(options) ? load_store(options.events_path, report, stored)
                                             : read_events(read, report);
  progress.done(read_rate(options.events_path, report.rows, progress.elapsed(),
                          is_database_uri(options.events_path) ? counters.bytes.load() : 0));
  if (options.report_to_stderr) {
    if (spec.data.time_format == "auto" && !stored)
      std::cerr << fmt::format("cjm: time column '{}' read as {}\n", spec.data.time,
                               report.time_format);
    if (!stored)
      report_rejects(name, options.rejects_path, report);  // a store's were reported at import
    warn_unknown_persona_columns(spec, table);
  }

  progress.phase("ordering journeys");
  EventMap map = map_events(table.events, spec);
  check_name_limits(spec, name, table.events, map.is_conversion, table.channels, options.limits);
  Journeys journeys = stored ? std::move(*stored) : build_journeys(table);
  progress.phase("analysing");

  AnalysisInput in;
  in.table = &table;
  in.journeys = &journeys;
  in.map = &map;
  in.spec = &spec;
  AnalysisResult result = analyze(in, options.analyze);
  progress.done();
  fill_input_summary(result, options, report);
  return result;
}

}  // namespace cjm
