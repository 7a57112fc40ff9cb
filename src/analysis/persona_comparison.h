// Persona comparison: a two-proportion z-test on conversion, for each persona
// against the rest of the customers and for each pair of personas
// (docs/methods.md, "Persona comparison").
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

// Every persona against "rest" (all customers minus the persona's), in spec
// order, then every pair (i, j) with i < j, in spec order.
std::vector<ConversionComparison> persona_comparisons(const SegmentResult& all,
                                                      const std::vector<PersonaResult>& personas);

}  // namespace cjm
