#include "app/run_map.h"

#include "map/build_map.h"
#include "spec/journey_spec.h"

namespace cjm {

MapRun run_map(const RunOptions& options) {
  const JourneySpec spec = load_spec(options.spec_path);
  MapRun run;
  run.result = run_analysis(spec, options);
  run.map = build_map(run.result, spec);
  return run;
}

}  // namespace cjm
