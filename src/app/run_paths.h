// Attribution from aggregated paths (`--input-format paths`): no journeys, so
// only the attribution figures are computed; every other figure stays empty.
#pragma once

#include "analysis/result.h"
#include "app/run_analysis.h"
#include "reader/read_paths.h"
#include "spec/journey_spec.h"

namespace cjm {

// Reads options.events_path as aggregated paths and fills result.all.attribution.
AnalysisResult run_paths_analysis(const JourneySpec& spec, const RunOptions& options);

// The attribution of already read paths (time decay omitted: no touch times).
AttributionResult attribute_paths(const JourneySpec& spec, const PathsInput& input);

}  // namespace cjm
