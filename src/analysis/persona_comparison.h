// Segment comparison: a two-proportion z-test on conversion, for each persona
// against the rest and for each pair of personas, and for each period against
// the rest of the data, stage by stage (docs/methods.md, "Persona
// comparison").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/result.h"

namespace cjm {

// The test on a_converted / a_customers against b_converted / b_customers.
// `difference`, `z` and `p_value` are null when a side has no customers;
// `z` and `p_value` are also null when the pooled rate is 0 or 1.
ConversionComparison compare_conversion(std::string a, std::string b, uint64_t a_customers,
                                        uint64_t a_converted, uint64_t b_customers,
                                        uint64_t b_converted);

// Every persona against "rest" (`rests[p]`: the journeys outside it), in
// spec order, then every pair (i, j) with i < j, in spec order.
std::vector<ConversionComparison> persona_comparisons(
    const std::vector<PersonaResult>& personas, const std::vector<const SegmentResult*>& rests);

// Every period against "rest" (`rests[q]`: the journeys outside it), with the
// entry rate of each stage compared too: stage 0 from all journeys, stage k
// from those that reached stage k-1 (closed funnel levels).
std::vector<ConversionComparison> period_comparisons(const std::vector<PeriodResult>& periods,
                                                     const std::vector<const SegmentResult*>& rests,
                                                     const std::vector<StageInfo>& stages);

}  // namespace cjm
