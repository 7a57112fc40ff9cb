// Finished retention, advocacy and persona comparison figures.
// Definitions: docs/methods.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/result_stats.h"

namespace cjm {

struct CohortRow {
  std::string month;  // "2025-01": month of first conversion (UTC)
  uint64_t customers = 0;
  // active[m] = customers of the cohort with a conversion in month (cohort + m);
  // active[0] == customers.
  std::vector<uint64_t> active;
};

struct RetentionResult {
  uint64_t buyers = 0;         // customers with >= 1 conversion
  uint64_t repeat_buyers = 0;  // customers with >= 2 conversions
  std::optional<double> repeat_rate;
  Stats time_to_second_purchase_s;
  std::vector<CohortRow> cohorts;        // by month
  uint64_t advocates = 0;                // buyers with an advocacy event after converting
  std::optional<double> advocacy_share;  // advocates / buyers
};

// Two-proportion z-test on conversion between two segments.
struct ConversionComparison {
  std::string a, b;  // persona ids; b may be "rest" (every customer not in a)
  uint64_t a_customers = 0, a_converted = 0, b_customers = 0, b_converted = 0;
  std::optional<double> difference;  // rate(a) - rate(b)
  std::optional<double> z, p_value;
  bool significant = false;  // p < 0.05
  // Periods only: the entry rate of each stage (from the previous stage; the
  // first stage from all journeys) compared the same way, `stage` naming it
  // and the customer counts meaning "reached the previous stage" and
  // "entered this one".
  std::string stage;
  std::vector<ConversionComparison> stages;
};

}  // namespace cjm
