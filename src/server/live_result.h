// LiveResult: the analysis, the result JSON and the map of what the server
// holds, recomputed on a background thread within a fraction of a second of
// new events (or of a new spec), and served from the last finished
// computation meanwhile.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "analysis/result.h"
#include "server/event_store.h"
#include "spec/journey_spec.h"

namespace cjm::server {

// One finished computation.
struct LiveView {
  uint64_t version = 0;  // the store's version it covers
  uint64_t spec_version = 0;
  uint64_t events = 0, customers = 0;
  std::string result_json;     // cjm.result/1, as `cjm analyze --format json`
  std::string map_html;        // the standalone map, as `cjm map`
  std::string error;           // why the last computation failed ("" if it did not)
  double refresh_seconds = 0;  // how long it took (wall clock)
  // CPU time of the whole process meanwhile (every thread, so ingestion's
  // too): what the refresh costs a machine, whatever else runs on it.
  double refresh_cpu_seconds = 0;
};

class LiveResult {
 public:
  // Computes the first view at once (so that the server answers with it),
  // then starts the thread that refreshes it. Polls the store every
  // `poll_ms` milliseconds.
  LiveResult(const EventStore& store, const JourneySpec& spec, int poll_ms = 100);
  ~LiveResult();
  LiveResult(const LiveResult&) = delete;
  LiveResult& operator=(const LiveResult&) = delete;

  // The last finished view (never null).
  std::shared_ptr<const LiveView> view() const;
  // The spec in use.
  std::shared_ptr<const JourneySpec> spec() const;
  // Replaces the spec and waits until a view computed with it is out.
  void set_spec(const JourneySpec& spec);

 private:
  void refresh();
  void run();

  const EventStore& store_;
  const int poll_ms_;
  mutable std::mutex mu_;
  std::condition_variable wake_, done_;
  std::shared_ptr<const JourneySpec> spec_;
  uint64_t spec_version_ = 1;
  std::shared_ptr<const LiveView> view_;
  bool stop_ = false;
  std::thread thread_;
};

// The analysis of `table` (in input order) with `spec`, as run_analysis does
// for a file: limits checked, journeys ordered, every analysis run. Throws
// cjm::Error as run_analysis does.
AnalysisResult analyze_table(EventTable table, const JourneySpec& spec, uint64_t rejected_rows);

}  // namespace cjm::server
