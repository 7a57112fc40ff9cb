// The whole analysis job: spec + event log -> AnalysisResult.
// source -> EventTable -> Journeys -> analyses -> result, in one direction.
#pragma once

#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/result.h"
#include "core/limits.h"
#include "reader/read_events.h"
#include "spec/journey_spec.h"

namespace cjm {

struct RunOptions {
  std::string spec_path;
  std::string events_path;   // "-" for stdin, or a PostgreSQL URI
  std::string table, query;  // a PostgreSQL URI's events: a table or a query
  InputFormat format = InputFormat::kAuto;
  bool strict = false;
  std::string rejects_path;  // write every rejected row here
  AnalyzeOptions analyze;
  bool report_to_stderr = true;  // first rejects + detected formats on stderr
  InputLimits limits;            // personas, event names, Markov touchpoints
  // --from / --to: the path question, each replacing the spec's `paths.from`
  // / `paths.to` when not "" (docs/spec.md, "paths").
  std::string path_from, path_to;
  // --customers: customer tables joined after the spec's own (data.customers).
  std::vector<CustomerTableSpec> customers;
};

// Runs the whole job. Throws cjm::Error on bad input (see read_events, load_spec).
AnalysisResult run_analysis(const RunOptions& options);

// Same, with a spec already loaded (the path question of `options` applied).
AnalysisResult run_analysis(const JourneySpec& spec, const RunOptions& options);

// `spec` with the path question and the customer tables of `options`
// applied. Throws cjm::Error (usage) when only one of `from` and `to` is then
// given.
JourneySpec with_path_question(const JourneySpec& spec, const RunOptions& options);

// The reader's options for this job: input, format, the spec's column
// mapping, strictness and where rejects go.
ReadOptions read_options(const JourneySpec& spec, const RunOptions& options);

// Prints the rejected rows of a read of `events_path` on stderr: how many, the
// first few with file:line: reason, and where the full list went
// (`rejects_path`, or how to get it when "").
void report_rejects(const std::string& events_path, const std::string& rejects_path,
                    const ReadReport& report);

// Copies what the reader saw (path, format, time format, rows, rejects) into
// `result.input`.
void fill_input_summary(AnalysisResult& result, const RunOptions& options,
                        const ReadReport& report);

}  // namespace cjm
