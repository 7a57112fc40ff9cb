#include "generate/options_check.h"

#include <optional>
#include <string>

#include "core/error.h"
#include "core/iso_time.h"
#include "core/time_parse.h"
#include "generate/visit_catalogue.h"

namespace cjm {
namespace {

[[noreturn]] void usage(const std::string& message) {
  throw Error("generate: " + message, ExitCode::kUsage);
}

void check_probability(double p, const char* name) {
  if (!(p >= 0.0 && p <= 1.0)) {
    usage(std::string(name) + " must be between 0 and 1, got " + std::to_string(p));
  }
}

int64_t floor_seconds(int64_t us) {
  return us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
}

int64_t parse_time_s(const std::string& text, const char* option) {
  const std::optional<int64_t> us = parse_iso8601_us(text);
  if (!us) usage(std::string(option) + " is not an ISO-8601 timestamp: " + printable(text));
  return floor_seconds(*us);
}

// A marker event name: letters, digits, '_', '-' and '.', at most 64.
bool valid_event_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char ch : name) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

int64_t checked_start_s(const GeneratorOptions& o) {
  check_probability(o.barrier_exit, "--barrier-exit");
  check_probability(o.base_exit, "--base-exit");
  check_probability(o.loop_back, "--loop-back");
  check_probability(o.skip, "--skip");
  check_probability(o.repeat, "--repeat");
  check_probability(o.score_rate, "score_rate");
  check_probability(o.distinct_personas, "--distinct-personas");
  check_probability(o.platform_switch, "--platform-switch");
  if (o.days < 1 || o.days > 36500) {
    usage("--days must be between 1 and 36500, got " + std::to_string(o.days));
  }
  if (o.customers > 0xFFFFFFFFULL) usage("--customers must be at most 4294967295");
  if (o.warmup_days < 0 || o.warmup_days > 3650) {
    usage("--warmup-days must be between 0 and 3650, got " + std::to_string(o.warmup_days));
  }
  const int64_t start_s = parse_time_s(o.start, "--start");
  planted_incident(o);  // throws on an invalid incident option
  return start_s;
}

std::optional<PlantedIncident> planted_incident(const GeneratorOptions& o) {
  if (o.incident_start.empty()) return std::nullopt;
  if (!o.sessions) usage("--incident-start needs --sessions (the incident is planted in visits)");
  PlantedIncident inc;
  for (size_t s = visits::kConsider; s <= visits::kPurchase; ++s) {
    if (o.incident_stage == visits::kStageIds[s]) {
      inc.stage = visits::kStageIds[s];
      inc.previous = visits::kStageIds[s - 1];
    }
  }
  if (inc.stage.empty()) {
    usage("--incident-stage must be consider, cart, checkout or purchase, got " +
          printable(o.incident_stage));
  }
  check_probability(o.incident_drop, "--incident-drop");
  check_probability(o.incident_base_rate, "--incident-base-rate");
  if (o.incident_days < 1 || o.incident_days > 36500) {
    usage("--incident-days must be between 1 and 36500, got " + std::to_string(o.incident_days));
  }
  if (!valid_event_name(o.incident_event)) {
    usage("--incident-event must be 1 to 64 letters, digits, '_', '-' or '.', got " +
          printable(o.incident_event));
  }
  if (visits::is_catalogue_event(o.incident_event)) {
    usage("--incident-event must not be an event the shop already writes, got " + o.incident_event);
  }
  const int64_t start_s = parse_time_s(o.start, "--start");
  const int64_t from_s = parse_time_s(o.incident_start, "--incident-start");
  const int64_t to_s = from_s + int64_t{o.incident_days} * 86400;
  const int64_t end_s = start_s + int64_t{o.days} * 86400;
  if (from_s < start_s || to_s > end_s) {
    usage("the incident window " + iso8601_utc(from_s * 1000000) + " to " +
          iso8601_utc(to_s * 1000000) + " must lie within the generated period " +
          iso8601_utc(start_s * 1000000) + " to " + iso8601_utc(end_s * 1000000));
  }
  inc.from_us = from_s * 1000000;
  inc.to_us = to_s * 1000000;
  inc.first_day = iso_date_utc(inc.from_us);
  inc.last_day = iso_date_utc(inc.to_us - 1000000);
  inc.drop = o.incident_drop;
  inc.event = o.incident_event;
  inc.base_rate = o.incident_base_rate;
  return inc;
}

}  // namespace cjm
