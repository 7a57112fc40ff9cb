// The analysis driver: runs every mergeable aggregator over the journeys, for
// all customers and per persona, on all cores (customers are partitioned,
// partials merged), and finishes them into an AnalysisResult.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "analysis/result.h"
#include "core/event_table.h"
#include "journey/journeys.h"
#include "journey/visits.h"
#include "spec/journey_spec.h"

namespace cjm {

struct AnalyzeOptions {
  unsigned threads = 0;  // 0 = hardware concurrency
  size_t top_n = 20;     // variants / paths reported
};

// Everything the aggregators read; immutable while they run.
struct AnalysisInput {
  const EventTable* table = nullptr;  // sorted by build_journeys
  const Journeys* journeys = nullptr;
  const EventMap* map = nullptr;
  const JourneySpec* spec = nullptr;
};

// Partial state of all analyses over some customers (all segments). Opaque;
// mergeable in any order with the same finished result.
struct AnalysisPartial;
struct AnalysisPartialDeleter {
  void operator()(AnalysisPartial* p) const;
};
using PartialPtr = std::unique_ptr<AnalysisPartial, AnalysisPartialDeleter>;

// Consumes the journeys of `customers` (ids into the table) into a new partial.
PartialPtr analyze_partition(const AnalysisInput& in, std::span<const uint32_t> customers,
                             const AnalyzeOptions& options);

// Folds `other` into `into`.
void merge_partial(AnalysisPartial& into, const AnalysisPartial& other);

// Finishes a partial that has seen every customer into the result (names
// resolved, top-N cut, statistics computed). `result.input`'s reader fields
// (path, format, rows, rejects) are the caller's to set. The partial is
// spent: its state is merged in place, and it must not be merged or finished
// again.
AnalysisResult finish_partial(const AnalysisInput& in, AnalysisPartial& partial,
                              const AnalyzeOptions& options);

// How the table's events are cut into visits: at a change of its session
// column, if it has one, and at pauses longer than the spec's session gap.
VisitRule visit_rule(const EventTable& table, const JourneySpec& spec);

// Partitions all customers over `options.threads` threads, runs
// analyze_partition on each, merges and finishes.
AnalysisResult analyze(const AnalysisInput& in, const AnalyzeOptions& options);

}  // namespace cjm
