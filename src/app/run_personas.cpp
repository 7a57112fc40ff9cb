#include "app/run_personas.h"

#include "app/input_limits.h"
#include "app/prepared_input.h"
#include "core/error.h"
#include "core/progress.h"

namespace cjm {

namespace {

// A CSV field, quoted when it holds a delimiter, a quote, a line break or
// spaces at its ends (which readers trim).
std::string csv_field(const std::string& s) {
  const bool plain = s.find_first_of(",\"\r\n") == std::string::npos && !s.empty() &&
                     s.front() != ' ' && s.back() != ' ' && s.front() != '\t' && s.back() != '\t';
  if (plain) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

PersonasRun run_personas(const PersonasOptions& options) {
  const JourneySpec spec = with_path_question(load_spec(options.run.spec_path), options.run);
  check_spec_limits(spec, options.run.limits);
  if (options.run.format == InputFormat::kPaths)
    throw Error("cjm personas needs an event log: aggregated paths carry no customers",
                ExitCode::kUsage);
  PreparedInput in = prepare_input(spec, options.run, true);

  PersonasRun run;
  std::string column = options.column;
  if (column.empty())
    column = in.table.attribute_index("persona") < 0 ? "persona" : "persona_found";
  else if (in.table.attribute_index(column) >= 0)
    throw Error("--column " + column +
                    ": the events already have a column of that name; choose another, or the "
                    "table could not be joined back",
                ExitCode::kUsage);

  Progress progress(options.run.report_to_stderr);
  progress.phase("finding personas");
  FoundPersonas found = find_personas(in.table, in.journeys, in.map, spec, options.method);
  progress.done();
  run.cards = std::move(found.cards);
  run.cards.column = column;
  run.id_column = spec.data.customer;
  run.table_csv = csv_field(run.id_column) + "," + csv_field(column) + "\n";
  for (uint32_t c = 0; c < found.labels.size(); ++c) {
    run.table_csv += csv_field(in.table.customers.at(c));
    run.table_csv += ',';
    run.table_csv += run.cards.cards[found.labels[c]].id;
    run.table_csv += '\n';
  }
  return run;
}

}  // namespace cjm
