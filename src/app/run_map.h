// The map job: spec + event log -> the analysis and the JourneyMap built from
// it, which every map renderer (output/map_render.h, map_exports.h) draws.
#pragma once

#include <string>
#include <vector>

#include "analysis/result.h"
#include "app/run_analysis.h"
#include "map/journey_map.h"

namespace cjm {

struct MapRun {
  AnalysisResult result;  // the figures (for a text summary beside the map)
  JourneyMap map;         // the map built from them and the spec
};

// Loads options.spec_path, runs the analysis and builds the map, with the
// persona cards of the spec's customer tables (data.customers[].cards) and
// of `cards` (files that cjm personas --format json wrote) on the personas
// they describe (map/persona_cards_map.h). Throws cjm::Error on bad input
// (see run_analysis; a cards file that cannot be read).
MapRun run_map(const RunOptions& options, const std::vector<std::string>& cards = {});

}  // namespace cjm
