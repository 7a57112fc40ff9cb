// The map job: spec + event log -> the analysis and the JourneyMap built from
// it, which every map renderer (output/map_render.h, map_exports.h) draws.
#pragma once

#include "analysis/result.h"
#include "app/run_analysis.h"
#include "map/journey_map.h"

namespace cjm {

struct MapRun {
  AnalysisResult result;  // the figures (for a text summary beside the map)
  JourneyMap map;         // the map built from them and the spec
};

// Loads options.spec_path, runs the analysis and builds the map. Throws
// cjm::Error on bad input (see run_analysis).
MapRun run_map(const RunOptions& options);

}  // namespace cjm
