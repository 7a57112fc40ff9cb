// The synthetic journey generator (`cjm generate`): realistic, time-ordered
// events with known behaviour, the bundled examples' source and the benchmarks'
// input. Parameters and their meaning: docs/generator.md.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

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
  // Planted groups (docs/generator.md, "Distinct personas"): each persona
  // takes its own touchpoints in the aware, research and compare stages with
  // this chance (0: the shared mix, the default), so behaviour tells the
  // personas apart; the `persona` column is the truth.
  double distinct_personas = 0.0;

  // Visits mode (docs/generator.md, "Visits"): a web shop's clickstream of
  // visits with a session id, a platform per visit and a lifecycle per visit;
  // `days` is then the observed period. barrier_exit, base_exit, loop_back,
  // skip and repeat drive only the default mode.
  bool sessions = false;
  double platform_switch = 0.25;  // share of customers who use a second platform
  int warmup_days = 60;           // customers may arrive this long before `start`

  // A planted incident (visits mode only; none while incident_start is empty):
  // from incident_start for incident_days days, the given fraction of the
  // would-be entries to incident_stage from the stage before it fail, and the
  // failing visits write incident_event and end.
  std::string incident_start;                    // ISO-8601 date or date-time
  int incident_days = 21;                        // length of the window
  std::string incident_stage = "purchase";       // consider, cart, checkout or purchase
  double incident_drop = 0.5;                    // share of would-be entries that fail
  std::string incident_event = "payment_error";  // the marker event
  double incident_base_rate = 0.01;              // chance of a harmless marker on other entries
};

// The ground truth of a planted incident, as the options define it.
struct PlantedIncident {
  std::string stage;                // the stage whose entry fails (a stage id of the visits spec)
  std::string previous;             // the stage the failing entries come from
  int64_t from_us = 0;              // window start (inclusive), microseconds since the epoch
  int64_t to_us = 0;                // window end (exclusive)
  std::string first_day, last_day;  // the window's first and last day, ISO dates, inclusive
  double drop = 0;                  // share of would-be entries in the window that fail
  std::string event;                // the marker event
  double base_rate = 0;             // marker chance on every other entry
};

// The incident the options plant, or nullopt when incident_start is empty.
// Throws cjm::Error (usage) on an invalid incident option, the same checks
// generate_events makes.
std::optional<PlantedIncident> planted_incident(const GeneratorOptions& options);

// Counts of what was written (for tests and progress).
struct GeneratorStats {
  uint64_t events = 0;
  uint64_t customers = 0;
  uint64_t converted = 0;  // customers with at least one purchase
  // Visits mode only:
  uint64_t visits = 0;            // visits (distinct session ids) written
  uint64_t converted_visits = 0;  // visits with at least one purchase
  uint64_t multi_platform = 0;    // customers seen on more than one platform
  uint64_t loyal = 0;             // customers whose last visit is `loyal`
  uint64_t incident_entries = 0;  // would-be entries to the stage inside the window
  uint64_t incident_failed = 0;   // of those, the ones that failed
  uint64_t marker_events = 0;     // rows with the marker event, inside and outside
};

// One written visit, as the generator made it (the ground truth of visits).
struct VisitTruth {
  uint32_t customer = 0;              // 0-based: the customer id is "c" + (customer + 1)
  uint32_t number = 0;                // 1-based visit number of that customer
  std::string_view session_id;        // the session_id column's value (valid during the call)
  int64_t first_us = 0, last_us = 0;  // times of the visit's first and last event
  uint32_t events = 0;                // rows of the visit
  // The furthest stage reached: 0 discover … 4 purchase, 5 service.
  int deepest = 0;
  bool converted = false;        // the visit has a purchase
  bool incident_failed = false;  // the visit ended at the planted incident
  std::string_view platform, lifecycle, channel;
};

// Called once per written visit, customer by customer and visit by visit,
// before any row is written.
using VisitSink = std::function<void(const VisitTruth&)>;

// Writes CSV ordered by timestamp, not grouped by customer. Default header:
// customer_id,timestamp,event,channel,value,score,persona,region,device; with
// options.sessions: customer_id,session_id,timestamp,event,channel,value,score,
// persona,region,device,platform,user_lifecycle. Deterministic for a given
// options.seed. Throws cjm::Error (usage) on invalid options before writing.
GeneratorStats generate_events(const GeneratorOptions& options, std::ostream& out,
                               const VisitSink& visits = {});

// The journey spec (YAML text) that matches default generated events: six
// stages, conversion on `purchase`, personas by the `persona` column.
std::string generator_spec_yaml();

// The spec that matches events generated with `options`: the default one, or
// with options.sessions the web shop's (and its incident's marker as a barrier).
std::string generator_spec_yaml(const GeneratorOptions& options);

}  // namespace cjm
