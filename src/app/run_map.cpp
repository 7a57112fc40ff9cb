#include "app/run_map.h"

#include <fmt/format.h>

#include <iostream>

#include "core/atomic_file.h"
#include "map/build_map.h"
#include "map/persona_cards_map.h"
#include "personas/persona_cards_json.h"
#include "spec/journey_spec.h"

namespace cjm {

MapRun run_map(const RunOptions& options, const std::vector<std::string>& cards) {
  const JourneySpec spec = load_spec(options.spec_path);
  MapRun run;
  run.result = run_analysis(spec, options);
  run.map = build_map(run.result, spec);
  std::vector<std::string> files;
  for (const CustomerTableSpec& t : spec.data.customers)
    if (!t.cards.empty()) files.push_back(t.cards);
  files.insert(files.end(), cards.begin(), cards.end());
  for (const std::string& file : files) {
    const PersonaCards read = persona_cards_from_json(read_file(file), file);
    if (attach_persona_cards(run.map, spec, read) == 0 && options.report_to_stderr)
      std::cerr << fmt::format(
          "cjm: warning: {}: no persona of the spec is one of these cards (a persona "
          "with where: {{{}: <card id>}})\n",
          file, read.column);
  }
  return run;
}

}  // namespace cjm
