// libFuzzer target: the aggregated-paths reader (--input-format paths) and
// the attribution of what it accepted (heuristic models, Markov chain).
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
  options.format = InputFormat::kPaths;
  options.report_to_stderr = false;
  options.analyze.threads = 1;
  try {
    const AnalysisResult r = run_analysis(fuzz::analysis_spec(), options);
    const AttributionResult& a = r.all.attribution;
    if (r.input.rejected_rows > r.input.rows) std::abort();
    for (const auto& [name, effect] : a.removal_effect_touchpoint)
      if (!(effect >= 0 && effect <= 1)) std::abort();
  } catch (const Error&) {
  }
  return 0;
}
