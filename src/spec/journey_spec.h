// JourneySpec: the readable journey description a user writes in YAML
// (format documented in docs/spec.md). Plain data; `load_spec` validates it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cjm {

// How input columns map to the engine's fields (the spec's `data:` block).
struct DataSpec {
  std::string customer = "customer_id";
  std::string time = "timestamp";
  std::string event = "event";
  std::string channel = "channel";  // optional column
  std::string value = "value";      // optional column
  std::string score = "score";      // optional column
  // One of: auto, iso8601, epoch_s, epoch_ms, epoch_us.
  std::string time_format = "auto";
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

// A persona: customers whose attributes match every `where` entry
// (column -> accepted values).
struct PersonaSpec {
  std::string id;
  std::string name;  // defaults to id
  std::vector<std::pair<std::string, std::vector<std::string>>> where;
  int line = 0;
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
  std::vector<PersonaSpec> personas;
};

// Parses and validates a spec. Throws cjm::Error naming the file, the line and
// the key on any problem (unknown key, wrong type, duplicate id, bad duration,
// no stages, ...).
JourneySpec parse_spec(const std::string& yaml_text, const std::string& file_name);

// Reads `path` and parses it (see parse_spec). Throws cjm::Error if unreadable.
JourneySpec load_spec(const std::string& path);

// Parses a duration in human units: "90s", "90m", "12h", "30d", "2w", or a plain
// number of seconds. Returns microseconds. Throws std::invalid_argument.
int64_t parse_duration_us(const std::string& text);

}  // namespace cjm
