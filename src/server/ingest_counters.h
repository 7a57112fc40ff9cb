// IngestCounters: what the server has received, stored, rejected and
// deduplicated since it started, for /metrics.
#pragma once

#include <atomic>
#include <cstdint>

namespace cjm::server {

struct IngestCounters {
  std::atomic<uint64_t> received{0};      // messages in accepted requests
  std::atomic<uint64_t> stored{0};        // messages made durable (events and traits)
  std::atomic<uint64_t> deduplicated{0};  // messages dropped as already seen
  std::atomic<uint64_t> rejected{0};      // requests refused (400, 401, 413)
  std::atomic<uint64_t> unavailable{0};   // requests answered 503 (the log failed)
};

}  // namespace cjm::server
