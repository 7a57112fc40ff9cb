// build_map: turns a finished AnalysisResult and its spec into the JourneyMap
// that every map renderer reads. It computes no new statistics: it picks,
// orders and words the figures already measured.
#pragma once

#include "analysis/result.h"
#include "map/journey_map.h"
#include "spec/journey_spec.h"

namespace cjm {

// How many touchpoints a stage's touchpoint lane shows.
inline constexpr size_t kMapTopTouchpoints = 5;

// segments[0] is all customers ("all", "All customers"), then one segment per
// persona in result order. Per stage: the spec's qualitative lanes, the top
// touchpoints, the metrics (reach, closed windowed funnel, conversion and
// drop-off from the previous stage, time from the previous stage), the emotion
// and whether it is the critical point (lowest mean score among stages with
// scores). Measured pain points: the biggest funnel drop-off, and the
// touchpoint where most non-converted customers were last seen.
JourneyMap build_map(const AnalysisResult& result, const JourneySpec& spec);

}  // namespace cjm
