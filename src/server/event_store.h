// EventStore: what the server has been sent, durable in DIR/events.log and
// held for analysis. Ingestion drops messages already seen (by messageId),
// appends the rest to the log as one record, and returns once the record is
// durable; the record's messages then join the live events.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "server/event_log.h"
#include "server/ingest_counters.h"
#include "server/live_events.h"
#include "server/message.h"
#include "server/seen_ids.h"
#include "spec/journey_spec.h"

namespace cjm::server {

struct EventStoreOptions {
  std::string dir;               // the data folder (created if missing)
  DataSpec data;                 // the spec's column mapping
  int64_t fail_sync_after = -1;  // test hook, see EventLogOptions
};

// The outcome of one ingestion.
struct Ingested {
  bool durable = false;   // false: the log has failed, nothing is acknowledged (503)
  size_t stored = 0;      // messages appended
  size_t duplicates = 0;  // messages dropped as already seen
};

class EventStore {
 public:
  // Opens DIR/events.log and replays it (see EventLog), rebuilding the seen
  // ids and the live events. Throws cjm::Error as EventLog does.
  explicit EventStore(const EventStoreOptions& options);

  // Takes in `messages` (see above). A message whose id is already seen, or
  // repeated within `messages`, is dropped; the call still returns only once
  // its first copy is durable, so an acknowledged retry is a stored message.
  Ingested ingest(std::vector<Message> messages);

  // The live events' table with traits (LiveEvents::snapshot), and the
  // number of messages applied when it was taken.
  EventTable snapshot(uint64_t& version) const;
  // Messages applied so far (grows with every durable record).
  uint64_t version() const;
  uint64_t events() const;
  uint64_t customers() const;
  uint64_t rejected_rows() const;

  const EventLog& log() const { return *log_; }
  IngestCounters& counters() { return counters_; }

 private:
  void apply(std::string_view payload);

  IngestCounters counters_;
  std::mutex ingest_mu_;  // seen ids, and the order of appends after the dedup
  SeenIds seen_;
  mutable std::mutex live_mu_;  // the live events
  LiveEvents live_;
  uint64_t version_ = 0;
  bool replaying_ = true;
  std::unique_ptr<EventLog> log_;
};

}  // namespace cjm::server
