// JourneySpec: the readable journey description a user writes in YAML
// (format documented in docs/spec.md). Plain data; `load_spec` validates it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/limits.h"    // kMaxStages
#include "spec/duration.h"  // parse_duration_us, for the spec's windows

namespace cjm {

// A customer table joined to the events (`data.customers`, or --customers):
// one row per customer, attribute columns for personas (docs/spec.md,
// "Customer tables").
struct CustomerTableSpec {
  std::string file;   // the table; load_spec resolves a relative path against the spec's folder
  std::string id;     // its customer id column; "" = the same name as data.customer
  std::string cards;  // persona cards (cjm personas --format json) for the table's
                      // persona column, shown by the HTML map; "" = none
  int line = 0;       // line in the spec (0 when given on the command line)
};

// How input columns map to the engine's fields (the spec's `data:` block).
struct DataSpec {
  std::string customer = "customer_id";
  std::string time = "timestamp";
  std::string event = "event";
  std::string channel = "channel";  // optional column
  std::string value = "value";      // optional column
  std::string score = "score";      // optional column
  // Optional session id column: a new visit starts where it changes. "" = none.
  std::string session;
  // One of: auto, iso8601, epoch_s, epoch_ms, epoch_us.
  std::string time_format = "auto";
  std::vector<CustomerTableSpec> customers;  // customer tables to join, in order
};

// One stage (a column of the map), in the ideal order.
struct StageSpec {
  std::string id;
  std::string name;                 // defaults to id
  std::vector<std::string> events;  // event names or glob patterns ("search_*")
  // Free-text lanes kept for the map; a YAML string becomes one item.
  std::vector<std::string> goal, actions, thinking, feeling, opportunities;
  int line = 0;  // line of the stage in the spec file (1-based)
};

// What a journey is (the spec's `unit:`): a customer's whole history, or
// one visit (docs/analyses.md, "Journeys and visits").
enum class Unit { kCustomer, kVisit };

// A persona's scope: whole customers (their value of each `where` column
// chosen by `match`), or only the events (with unit: visit, the visits whose
// first event) that carry the values.
enum class PersonaScope { kCustomer, kEvent };

// Which value of a customer counts when it changes from event to event:
// the first or the last non-empty one, or any of them.
enum class AttributeMatch { kFirst, kLast, kAny };

// A persona: customers (or events) whose attributes match every `where`
// entry (column -> accepted values).
struct PersonaSpec {
  std::string id;
  std::string name;  // defaults to id
  std::vector<std::pair<std::string, std::vector<std::string>>> where;
  PersonaScope scope = PersonaScope::kCustomer;
  AttributeMatch match = AttributeMatch::kLast;
  int line = 0;
};

// A period: a time range compared with the rest of the data (as-is / to-be).
// Events inside it (with unit: visit, the visits that start inside it).
struct PeriodSpec {
  std::string id;
  std::string name;                // defaults to id
  std::string from, to;            // as written: ISO dates or date-times, both inclusive
  int64_t from_us = 0, to_us = 0;  // [from_us, to_us): `to` a date means to the end of that day
  int line = 0;
};

// Path questions: the paths from one event to another (names or patterns).
struct PathQuerySpec {
  std::string from, to;  // both "" when not asked
  int line = 0;
};

// A barrier: events that obstruct the target action (a failed payment, a price
// shock). `where` narrows it to events whose channel (column `channel`) or whose
// customer's attribute matches every entry.
struct BarrierSpec {
  std::string id;
  std::string name;                 // defaults to id
  std::vector<std::string> events;  // names or glob patterns
  std::vector<std::pair<std::string, std::vector<std::string>>> where;
  std::string stage;               // stage id it belongs to ("" = stage of its events)
  std::optional<double> fix_cost;  // cost of removing it (any currency unit)
  std::string note;
  int line = 0;
};

// Metadata of touchpoints (event names or patterns).
struct TouchpointSpec {
  std::string events;   // name or glob pattern
  std::string control;  // "direct" | "indirect" | ""
  std::string medium;   // "online" | "offline" | ""
  std::string channel;  // channel to attribute to when the data has none
  int line = 0;
};

// Attribution settings.
struct AttributionSpec {
  int64_t half_life_us = 7LL * 24 * 3600 * 1000000;  // time decay half-life
  int order = 1;                                     // Markov chain order (1..4)
};

struct JourneySpec {
  std::string file;  // path it was loaded from (for messages)
  std::string name;  // journey name; defaults to the file's stem
  std::string description;
  DataSpec data;
  std::vector<StageSpec> stages;
  std::vector<std::string> conversion;          // event names or patterns marking the deal
  std::optional<int64_t> conversion_window_us;  // windows.conversion
  std::optional<int64_t> session_gap_us;        // windows.session_gap
  Unit unit = Unit::kCustomer;
  std::vector<PersonaSpec> personas;
  std::vector<PeriodSpec> periods;
  PathQuerySpec paths;
  std::vector<BarrierSpec> barriers;
  std::vector<TouchpointSpec> touchpoints;
  std::vector<std::string> advocacy;  // events (names or patterns) that mark advocacy
  AttributionSpec attribution;
};

// Parses and validates a spec. Throws cjm::Error naming the file, the line and
// the key on any problem (unknown key, wrong type, duplicate id, bad duration,
// no stages, ...).
JourneySpec parse_spec(const std::string& yaml_text, const std::string& file_name);

// Reads `path` and parses it (see parse_spec). Throws cjm::Error if unreadable.
JourneySpec load_spec(const std::string& path);

}  // namespace cjm
