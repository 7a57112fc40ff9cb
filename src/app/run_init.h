// The init job (`cjm init`): an event log -> a commented journey spec drafted
// from it (draft/draft_spec.h), which `cjm analyze` accepts as is.
#pragma once

#include <cstddef>
#include <string>

#include "draft/draft_spec.h"
#include "reader/read_events.h"

namespace cjm {

struct InitOptions {
  std::string events_path;  // "-" for stdin
  InputFormat format = InputFormat::kAuto;
  size_t stages = 0;             // 0: K chosen from the data
  size_t sample_rows = 20000;    // rows the column guess looks at
  bool report_to_stderr = true;  // progress and the rejected rows on stderr
};

struct InitResult {
  Draft draft;
  std::string yaml;  // the spec's text
};

// Guesses the columns from the first rows, reads the whole log with them,
// and drafts the spec. Standard input is kept in a temporary file (removed
// at the end) so that it can be read twice. Throws cjm::Error naming the log
// on bad input: an unreadable or empty log, a .cjm store or aggregated
// paths, no time column, no customer or event column, one event name.
InitResult run_init(const InitOptions& options);

}  // namespace cjm
