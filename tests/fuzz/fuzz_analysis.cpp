// libFuzzer target: a CSV event log read and analysed with every analysis on
// (barriers, personas, advocacy, attribution of order 2; analysis_spec.h), so
// that whatever the reader accepts goes through every aggregator. Slower than
// the reader targets (its corpus starts from theirs).
#include <cstdint>
#include <cstdlib>

#include "analysis_spec.h"
#include "app/run_analysis.h"
#include "core/error.h"
#include "fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cjm;
  RunOptions options;
  options.events_path = fuzz::as_file(data, size);
  options.format = InputFormat::kCsv;
  options.report_to_stderr = false;
  options.analyze.threads = 1;
  try {
    const AnalysisResult r = run_analysis(fuzz::analysis_spec(), options);
    if (r.input.rejected_rows > r.input.rows) std::abort();
    // The path questions count each journey at most once.
    const PathsBetween& pb = r.all.paths_between;
    uint64_t between = 0, last = 0;
    for (const PathCount& p : pb.paths) between += p.journeys;
    for (const PathCount& p : r.all.last_steps.paths) last += p.journeys;
    if (pb.with_path > pb.with_from || between > pb.with_path || pb.time_s.count != pb.with_path)
      std::abort();
    if (last > r.all.last_steps.journeys || r.all.last_steps.journeys > r.all.customers)
      std::abort();
  } catch (const Error&) {
  }
  return 0;
}
