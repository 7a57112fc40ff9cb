// Finished figures about barriers and the opportunities to remove them.
// Definitions: docs/methods.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cjm {

// A 95 % interval (Wilson score interval for proportions).
struct Interval {
  double low = 0, high = 0;
};

// Customers by the number of distinct barrier events met before converting
// (or, for those who never converted, over the whole journey).
struct BarrierCountRow {
  int barriers = 0;   // 0, 1, 2, or 3 meaning "3 or more"
  std::string label;  // how every output names the row: "0", "1", "2", "3+"
  uint64_t customers = 0;
  uint64_t converted = 0;
  std::optional<double> rate;  // converted / customers
  Interval rate_ci;
};

struct BarrierItem {
  std::string id, name, stage;
  uint64_t customers = 0;  // customers who met it
  uint64_t converted = 0;  // of those, converted after meeting it
  std::optional<double> rate;
  Interval rate_ci;
  // Comparable customers: reached the barrier's stage without meeting it.
  uint64_t comparable_customers = 0;
  uint64_t comparable_converted = 0;
  std::optional<double> comparable_rate;
  uint64_t lost_after = 0;  // no conversion and the barrier is their last mapped event
  uint64_t scores_around = 0;
  std::optional<double> mean_score_around;
  std::optional<double> fix_cost;
  std::string note;
};

struct Opportunity {
  std::string barrier_id, barrier_name;
  double fix_cost = 0;
  double extra_conversions = 0;
  Interval extra_conversions_ci;
  double extra_value = 0;
  double gain_per_cost = 0;  // extra conversions per unit of cost
  int rank = 0;              // 1 = fix first
  std::string method;        // how it was estimated, for the reader
};

struct BarrierResult {
  std::vector<BarrierCountRow> by_count;   // rows for 0, 1, 2, 3+
  std::vector<BarrierItem> items;          // spec order
  std::vector<Opportunity> opportunities;  // by rank
};

}  // namespace cjm
