// Which column of an event log holds what (customer, time, event, session,
// channel, value, score), guessed from a raw sample of its first rows by
// name and by content, each guess with its evidence (docs/methods.md,
// "Drafting a spec").
#pragma once

#include <string>
#include <vector>

#include "reader/read_sample.h"
#include "spec/journey_spec.h"

namespace cjm {

// One role's column and why it was chosen ("" column: none).
struct ColumnChoice {
  std::string column;
  std::string why;  // one line of evidence, for a YAML comment
};

struct ColumnGuess {
  DataSpec data;  // the mapping to read with (an absent optional role names no column)
  ColumnChoice customer, time, event, session, channel, value, score;
  std::vector<std::string> notes;  // columns named like a role but refused, and why
  size_t sample_rows = 0;          // rows the guess looked at
};

// Guesses the columns of `sample` (the log `display`). Throws cjm::Error
// naming `display` when the sample has no data row, when no column parses
// as a time in (nearly) every sampled row, when no column is a plausible
// customer id, or when no column is a plausible event name.
ColumnGuess guess_columns(const RawSample& sample, const std::string& display);

}  // namespace cjm
