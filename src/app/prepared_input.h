// PreparedInput: an event log read (or a .cjm store loaded), its customer
// tables joined, its event names mapped by the spec and its journeys ordered:
// what every analysis of the log starts from (cjm analyze, map, personas).
#pragma once

#include <optional>
#include <vector>

#include "app/run_analysis.h"
#include "core/customer_join.h"
#include "core/event_table.h"
#include "journey/event_map.h"
#include "journey/journeys.h"
#include "reader/read_events.h"
#include "spec/journey_spec.h"

namespace cjm {

struct PreparedInput {
  EventTable table;
  Journeys journeys;
  EventMap map;
  ReadReport report;
  std::vector<CustomerJoin> joins;  // one per customer table, in the spec's order
};

// Reads and joins the customer tables `data.customers` to `table` (whose
// customers dictionary must hold the ids' strings), in order; with
// `report_to_stderr`, one line on each join's matches.
std::vector<CustomerJoin> join_customer_tables(const DataSpec& data, EventTable& table,
                                               bool report_to_stderr);

// Reads `options.events_path` as `spec` says (a store by its magic bytes),
// joins `spec.data.customers` (reader/join_customers.h), maps the event
// names and orders the journeys. Reports rejects and the join on stderr when
// options.report_to_stderr. A store's customer ids are loaded only with
// `customer_names` or customer tables to join. Throws cjm::Error on bad input.
PreparedInput prepare_input(const JourneySpec& spec, const RunOptions& options,
                            bool customer_names = false);

}  // namespace cjm
