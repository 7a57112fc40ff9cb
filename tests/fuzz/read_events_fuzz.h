// One fuzz target body for the event readers: read the input as `format`
// through the public entry point, analyse it with every analysis on, and
// check the reader's own invariant (rows = events + rejected). Bad input
// must end in a cjm::Error, never in a crash, a sanitizer report or a hang.
#pragma once

#include <cstdint>
#include <cstdlib>

#include "analysis_spec.h"
#include "app/run_analysis.h"
#include "core/error.h"
#include "fuzz_file.h"

namespace cjm::fuzz {

inline int read_and_analyse(const uint8_t* data, size_t size, InputFormat format) {
  RunOptions options;
  options.events_path = as_file(data, size);
  options.format = format;
  options.report_to_stderr = false;
  options.analyze.threads = 1;
  try {
    const AnalysisResult r = run_analysis(analysis_spec(), options);
    if (r.input.rejected_rows > r.input.rows) std::abort();
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace cjm::fuzz
