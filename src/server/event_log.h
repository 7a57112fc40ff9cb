// EventLog: the append-only file that makes received events durable before
// they are acknowledged (docs/server.md, "Durability").
//
// A record is a 16-byte header (XXH3-64 checksum of the rest of the record,
// magic "CJML", payload length) and the payload. append() queues a record and
// returns a ticket; one syncer thread writes everything queued, calls
// fdatasync once for all of it (group commit), hands each record in order to
// the `durable` callback, and only then wakes the waiters. A failed write or
// sync puts the log in the failed state for good: nothing is acknowledged
// after it (a sync that failed is never retried and trusted: the page cache
// may have dropped the data it reported as lost).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <iterator>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace cjm::server {

struct EventLogOptions {
  std::string path;  // the log file; created if missing
  // Test hook: the sync after this many successful ones fails, as a sync
  // reporting EIO would (negative: never).
  int64_t fail_sync_after = -1;
  // Test hook: called by the syncer before each sync, with the number of
  // records the sync covers.
  std::function<void(size_t records)> before_sync;
};

// What opening the log found.
struct ReplaySummary {
  uint64_t records = 0;     // records replayed
  uint64_t bytes = 0;       // bytes of the log kept
  uint64_t torn_bytes = 0;  // bytes of an incomplete last record, cut off
};

// Latency of the syncs, for /metrics: counts per upper bound (seconds).
struct SyncStats {
  static constexpr double kBounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                       0.025,  0.05,  0.1,    0.25,  1.0};
  static constexpr size_t kBuckets = std::size(kBounds);
  uint64_t count = 0;              // syncs done
  double sum_s = 0;                // their total time
  uint64_t le[kBuckets + 1] = {};  // cumulative counts per bound, then +Inf
  uint64_t records = 0;            // records made durable
};

class EventLog {
 public:
  // Called for each durable record's payload, in log order: at replay, and
  // after each sync (on the syncer thread, before the waiters wake).
  using Durable = std::function<void(std::string_view payload)>;

  // Opens the log, replays every record through `durable`, and starts the
  // syncer. An incomplete or unreadable record at the end that no valid
  // record follows is a torn tail: it is cut off (the file truncated and
  // synced) and counted in replay().torn_bytes. A record that fails its
  // checksum with a valid record after it is corruption: throws cjm::Error
  // naming the file and the record's offset, and keeps the file as it is.
  EventLog(const EventLogOptions& options, Durable durable);
  // Writes and syncs what is queued, then stops the syncer.
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // Queues a record holding `payload`; returns its ticket, or 0 when the log
  // has failed (nothing is queued then).
  uint64_t append(std::string_view payload);
  // Waits until the record of `ticket` (and every one before it) is durable.
  // True when it is; false when the log failed first.
  bool wait(uint64_t ticket);
  // The ticket of the last record appended (0: none): waiting for it waits
  // for everything appended so far.
  uint64_t last_ticket() const;
  // True once a write or sync has failed: the log takes no more records.
  bool failed() const { return failed_.load(); }

  const ReplaySummary& replay() const { return replay_; }
  SyncStats sync_stats() const;

 private:
  void replay_file(const Durable& durable);
  void run_syncer();
  bool write_and_sync(const std::string& bytes, size_t records);

  EventLogOptions options_;
  Durable durable_;
  int fd_ = -1;
  ReplaySummary replay_;

  mutable std::mutex mu_;
  std::condition_variable work_, done_;
  std::vector<std::string> queue_;  // framed records waiting for the syncer
  uint64_t next_ticket_ = 1, durable_ticket_ = 0;
  bool stop_ = false;
  std::atomic<bool> failed_{false};
  int64_t syncs_ok_ = 0;
  SyncStats stats_;
  std::thread syncer_;
};

}  // namespace cjm::server
