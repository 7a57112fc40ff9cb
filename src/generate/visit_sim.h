// Simulation of one customer's visits in the visits mode (docs/generator.md,
// "Visits"): the rows it writes and a summary of each visit.
#pragma once

#include <cstdint>
#include <vector>

#include "core/random.h"
#include "generate/visit_catalogue.h"

namespace cjm::visits {

// One generated row, 16 bytes. key = (seconds since start) << 32 | customer;
// a customer's events have strictly increasing times, so keys are unique.
struct Row {
  uint64_t key;
  int32_t cents;    // purchase value in cents; -1 when empty
  uint8_t event;    // Event
  uint8_t score;    // 1-5, 0 when empty
  uint8_t visit;    // 0-based visit number of the customer
  uint8_t context;  // platform | lifecycle << 2 | source << 4
};
static_assert(sizeof(Row) == 16);

// The planted incident in simulation terms (seconds since the start).
struct IncidentPlan {
  bool active = false;
  Stage stage = kPurchase;        // entries to this stage from the stage before it fail
  uint64_t from_s = 0, to_s = 0;  // window [from_s, to_s)
  double drop = 0;
  double base_rate = 0;
};

// What one visit was.
struct VisitSummary {
  uint8_t number = 0;                // 0-based visit number of the customer
  uint32_t first_s = 0, last_s = 0;  // times of the first and last event
  uint32_t events = 0;
  uint8_t deepest = 0;  // furthest Stage reached
  bool converted = false;
  bool incident_entry = false;   // a would-be entry to the incident's stage inside the window
  bool incident_failed = false;  // ... that failed (the visit ended with the marker)
  uint8_t context = 0;           // as in Row
};

// The run-wide settings of the simulation.
struct SimSettings {
  uint64_t write_from_s = 0;  // visits that start before this are simulated, not written
  uint64_t period_end_s = 0;  // visits that would start at or after this are not made
  double platform_switch = 0;
  double score_rate = 0;
  IncidentPlan incident;
};

// One customer to simulate.
struct CustomerSetup {
  const Persona* persona = nullptr;
  Platform main = kDesktop;  // the platform of the first visit
  uint32_t customer = 0;     // 0-based number
  uint32_t arrival_s = 0;    // time of the first visit, seconds since the start
};

// Simulates one customer from its arrival until it stops coming back or the
// period ends. Appends the rows of its written visits to `rows` and one
// summary per written visit to `visits` (cleared first).
void simulate_visits(const SimSettings& settings, const CustomerSetup& customer, Rng& rng,
                     std::vector<Row>& rows, std::vector<VisitSummary>& visits);

}  // namespace cjm::visits
