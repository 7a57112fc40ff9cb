// The server's figures in the Prometheus text exposition format, for
// GET /metrics.
#pragma once

#include <string>

#include "server/event_log.h"
#include "server/ingest_counters.h"
#include "server/live_result.h"

namespace cjm::server {

// Counters of ingestion, the stored events and customers, the log's sync
// latency histogram and the last refresh's time.
std::string prometheus_text(const IngestCounters& counters, const SyncStats& sync,
                            const LiveView& view, uint64_t stored_events, bool log_failed);

}  // namespace cjm::server
