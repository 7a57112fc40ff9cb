// The synthetic journey generator (`cjm generate`): realistic, time-ordered
// events with known behaviour, the bundled example's source and the benchmarks'
// input. Parameters and their meaning: docs/generator.md.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace cjm {

struct GeneratorOptions {
  uint64_t customers = 10000;
  uint64_t seed = 1;
  std::string start = "2025-01-01T00:00:00Z";  // first possible arrival (ISO-8601)
  int days = 90;                               // arrivals spread uniformly over this many days
  double barrier_exit = 0.35;  // extra chance of leaving right after a barrier event
  double base_exit = 0.10;     // chance of leaving after any stage step
  double loop_back = 0.15;     // chance of going back one stage to compare again
  double skip = 0.08;          // chance of skipping one stage forward
  double repeat = 0.30;        // chance a converted customer buys again
  double score_rate = 0.30;    // chance a touchpoint event carries a CSAT score (1-5)
};

// Counts of what was written (for tests and progress).
struct GeneratorStats {
  uint64_t events = 0;
  uint64_t customers = 0;
  uint64_t converted = 0;
};

// Writes CSV (header: customer_id,timestamp,event,channel,value,score,
// persona,region,device) ordered by timestamp, not grouped by customer.
// Deterministic for a given options.seed.
GeneratorStats generate_events(const GeneratorOptions& options, std::ostream& out);

// The journey spec (YAML text) that matches generated events: six stages,
// conversion on `purchase`, personas by the `persona` column.
std::string generator_spec_yaml();

}  // namespace cjm
