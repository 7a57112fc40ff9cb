#include "app/run_analysis.h"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "app/input_limits.h"
#include "app/prepared_input.h"
#include "app/run_paths.h"
#include "core/error.h"
#include "core/progress.h"

namespace cjm {

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
  out.data.customers.insert(out.data.customers.end(), options.customers.begin(),
                            options.customers.end());
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
  PreparedInput prepared = prepare_input(spec, options);
  Progress progress(options.report_to_stderr);
  progress.phase("analysing");

  AnalysisInput in;
  in.table = &prepared.table;
  in.journeys = &prepared.journeys;
  in.map = &prepared.map;
  in.spec = &spec;
  AnalysisResult result = analyze(in, options.analyze);
  progress.done();
  fill_input_summary(result, options, prepared.report);
  result.input.customer_tables = std::move(prepared.joins);
  return result;
}

}  // namespace cjm
