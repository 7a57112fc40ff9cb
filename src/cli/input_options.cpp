#include "cli/input_options.h"

#include "core/error.h"
#include "reader/read_events.h"

namespace cjm::cli {

void add_database_options(CLI::App* cmd, std::string& table, std::string& query) {
  auto* t = cmd->add_option("--table", table,
                            "With a PostgreSQL --events: the table (or view) of the events, as "
                            "SQL names it (events, analytics.events)");
  cmd->add_option("--query", query, "With a PostgreSQL --events: a query whose rows are the events")
      ->excludes(t);
}

void check_database_source(const std::string& events, const std::string& input_format) {
  if (is_database_uri(events) && input_format != "auto")
    throw Error("--input-format " + input_format +
                    " reads a file; a PostgreSQL --events is read as a database",
                ExitCode::kUsage);
}

void add_input_options(CLI::App* cmd, InputArgs& in) {
  // A spec that cannot be read is bad input (exit 1), like an events file
  // that cannot be read: the command itself was well formed.
  cmd->add_option("--spec", in.spec, "Journey spec (YAML); format in docs/spec.md")->required();
  cmd->add_option("--events", in.events,
                  "Event log: .csv, .tsv, .jsonl, a .cjm store (cjm import), - for stdin, or a "
                  "PostgreSQL URI (postgresql://...; docs/sources.md)")
      ->required();
  add_database_options(cmd, in.table, in.query);
  cmd->add_option("--input-format", in.input_format,
                  "Input format: auto (by extension; a .cjm store by its content), csv, tsv, "
                  "jsonl, cjm, paths (aggregated paths: attribution only)")
      ->check(CLI::IsMember({"auto", "csv", "tsv", "jsonl", "ndjson", "json", "cjm", "paths"}));
  cmd->add_flag("--strict", in.strict, "Fail (exit 1) on the first row that cannot be read");
  cmd->add_option("--rejects", in.rejects, "Write every rejected row (line, reason) here");
  cmd->add_option("--threads", in.threads, "Worker threads (default: all cores)");
  cmd->add_option("--top", in.top, "How many variants and paths to report (default 20)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--from", in.from,
                  "Paths from this event (name or glob pattern; overrides the spec's paths.from)");
  cmd->add_option("--to", in.to,
                  "... to this event (name or glob pattern; overrides the spec's paths.to)");
  cmd->add_option("--max-personas", in.limits.max_personas,
                  "Most personas a spec may have (default 100; docs/spec.md, Limits)");
  cmd->add_option("--max-event-names", in.limits.max_event_names,
                  "Most distinct event names the events may hold (default 100000)");
  cmd->add_option("--max-markov-touchpoints", in.limits.max_markov_touchpoints,
                  "Most touchpoints (or channels) in Markov attribution (default by order "
                  "1-4: 2000, 500, 200, 100)");
  add_customer_options(cmd, in.customers, in.customers_id);
}

void add_customer_options(CLI::App* cmd, std::vector<std::string>& files, std::string& id) {
  cmd->add_option("--customers", files,
                  "Customer table (CSV, TSV or JSON Lines: an id column and attribute columns, "
                  "as a CRM export or cjm personas --customers-out) joined to the events for "
                  "personas; may be repeated (docs/spec.md, Customer tables)");
  cmd->add_option("--customers-id", id,
                  "The customer id column of --customers tables (default: the spec's "
                  "data.customer, customer_id)");
}

std::vector<CustomerTableSpec> customer_tables(const std::vector<std::string>& files,
                                               const std::string& id) {
  std::vector<CustomerTableSpec> tables;
  for (const std::string& f : files) tables.push_back(CustomerTableSpec{f, id, "", 0});
  return tables;
}

RunOptions run_options(const InputArgs& in) {
  RunOptions options;
  options.spec_path = in.spec;
  check_database_source(in.events, in.input_format);
  options.events_path = in.events;
  options.table = in.table;
  options.query = in.query;
  options.format = parse_input_format(in.input_format);
  options.strict = in.strict;
  options.rejects_path = in.rejects;
  options.analyze.threads = in.threads;
  options.analyze.top_n = in.top;
  options.limits = in.limits;
  options.path_from = in.from;
  options.path_to = in.to;
  options.customers = customer_tables(in.customers, in.customers_id);
  return options;
}

}  // namespace cjm::cli
