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
  } catch (const Error&) {
  }
  return 0;
}
