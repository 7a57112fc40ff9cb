#include "server/prometheus_text.h"

#include <fmt/format.h>

namespace cjm::server {

namespace {

void metric(std::string& out, const char* name, const char* type, const char* help, double v) {
  out += fmt::format("# HELP {0} {1}\n# TYPE {0} {2}\n{0} {3}\n", name, help, type, v);
}

}  // namespace

std::string prometheus_text(const IngestCounters& c, const SyncStats& sync, const LiveView& view,
                            uint64_t stored_events, bool log_failed) {
  std::string out;
  metric(out, "cjm_messages_received_total", "counter",
         "Messages (events and identify calls) in accepted requests",
         static_cast<double>(c.received.load()));
  metric(out, "cjm_messages_stored_total", "counter",
         "Messages made durable in the event log since start",
         static_cast<double>(c.stored.load()));
  metric(out, "cjm_messages_deduplicated_total", "counter",
         "Messages dropped because their messageId was seen before",
         static_cast<double>(c.deduplicated.load()));
  metric(out, "cjm_requests_rejected_total", "counter",
         "Requests refused for bad input, size or credentials (400, 401, 413)",
         static_cast<double>(c.rejected.load()));
  metric(out, "cjm_requests_unavailable_total", "counter",
         "Requests answered 503 because the event log failed",
         static_cast<double>(c.unavailable.load()));
  metric(out, "cjm_events_stored", "gauge", "Events held for analysis",
         static_cast<double>(stored_events));
  metric(out, "cjm_log_failed", "gauge", "1 once a write or sync of the event log failed",
         log_failed ? 1 : 0);
  out +=
      "# HELP cjm_log_sync_seconds Time of each fdatasync of the event log (group commit)\n"
      "# TYPE cjm_log_sync_seconds histogram\n";
  for (size_t b = 0; b < SyncStats::kBuckets; ++b)
    out += fmt::format("cjm_log_sync_seconds_bucket{{le=\"{}\"}} {}\n", SyncStats::kBounds[b],
                       sync.le[b]);
  out +=
      fmt::format("cjm_log_sync_seconds_bucket{{le=\"+Inf\"}} {}\n", sync.le[SyncStats::kBuckets]);
  out += fmt::format("cjm_log_sync_seconds_sum {}\ncjm_log_sync_seconds_count {}\n", sync.sum_s,
                     sync.count);
  metric(out, "cjm_refresh_seconds", "gauge",
         "Time of the last recomputation of the result and the map", view.refresh_seconds);
  metric(out, "cjm_refresh_cpu_seconds", "gauge",
         "CPU time of the process during the last recomputation", view.refresh_cpu_seconds);
  metric(out, "cjm_refresh_events", "gauge", "Events the current result covers",
         static_cast<double>(view.events));
  return out;
}

}  // namespace cjm::server
