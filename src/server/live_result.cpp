#include "server/live_result.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>

#include "analysis/analyze.h"
#include "app/input_limits.h"
#include "core/error.h"
#include "journey/journeys.h"
#include "map/build_map.h"
#include "output/map_render.h"
#include "output/render.h"

namespace cjm::server {

namespace {

double process_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

AnalysisResult analyze_table(EventTable table, const JourneySpec& spec, uint64_t rejected_rows) {
  const InputLimits limits;
  check_spec_limits(spec, limits);
  EventMap map = map_events(table.events, spec);
  check_name_limits(spec, "received events", table.events, map.is_conversion, table.channels,
                    limits);
  Journeys journeys = build_journeys(table);
  AnalysisInput in;
  in.table = &table;
  in.journeys = &journeys;
  in.map = &map;
  in.spec = &spec;
  AnalysisResult result = analyze(in, AnalyzeOptions{});
  result.input.path = "cjm serve";
  result.input.format = "segment";
  result.input.time_format = "iso8601";
  result.input.rows = table.size() + rejected_rows;
  result.input.rejected_rows = rejected_rows;
  return result;
}

LiveResult::LiveResult(const EventStore& store, const JourneySpec& spec, int poll_ms)
    : store_(store), poll_ms_(poll_ms), spec_(std::make_shared<const JourneySpec>(spec)) {
  view_ = std::make_shared<const LiveView>();
  refresh();
  thread_ = std::thread([this] { run(); });
}

LiveResult::~LiveResult() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::shared_ptr<const LiveView> LiveResult::view() const {
  std::lock_guard lock(mu_);
  return view_;
}

std::shared_ptr<const JourneySpec> LiveResult::spec() const {
  std::lock_guard lock(mu_);
  return spec_;
}

void LiveResult::set_spec(const JourneySpec& spec) {
  std::unique_lock lock(mu_);
  spec_ = std::make_shared<const JourneySpec>(spec);
  const uint64_t wanted = ++spec_version_;
  wake_.notify_all();
  done_.wait(lock, [&] { return stop_ || view_->spec_version >= wanted; });
}

void LiveResult::refresh() {
  std::shared_ptr<const JourneySpec> spec;
  uint64_t spec_version;
  {
    std::lock_guard lock(mu_);
    spec = spec_;
    spec_version = spec_version_;
  }
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = process_cpu_seconds();
  auto view = std::make_shared<LiveView>();
  view->spec_version = spec_version;
  EventTable table = store_.snapshot(view->version);
  view->events = table.size();
  view->customers = table.customers.size();
  try {
    const AnalysisResult result = analyze_table(std::move(table), *spec, store_.rejected_rows());
    view->result_json = render_json(result);
    view->map_html = render_html(build_map(result, *spec));
  } catch (const std::exception& e) {
    view->error = e.what();
    std::lock_guard lock(mu_);
    // Keep serving the last good figures, with the error beside them.
    view->result_json = view_->result_json;
    view->map_html = view_->map_html;
  }
  view->refresh_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  view->refresh_cpu_seconds = process_cpu_seconds() - cpu_start;
  std::lock_guard lock(mu_);
  view_ = std::move(view);
  done_.notify_all();
}

void LiveResult::run() {
  // Recomputing yields to ingestion: acknowledgements wait for no analysis.
  // The analysis threads it starts inherit the priority.
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
  std::unique_lock lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, std::chrono::milliseconds(poll_ms_));
    if (stop_) break;
    const bool stale = view_->spec_version != spec_version_;
    lock.unlock();
    if (stale || store_.version() != view()->version) refresh();
    lock.lock();
  }
  done_.notify_all();
}

}  // namespace cjm::server
