// A journey spec drafted from an event log (`cjm init`): the columns, the
// stages, the conversion and the personas guessed from the data, written as
// YAML that `cjm analyze` accepts as is, every guess with its evidence in a
// comment (docs/init.md; the methods in docs/methods.md, "Drafting a spec").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "draft/columns.h"
#include "draft/conversion.h"
#include "draft/event_stats.h"
#include "draft/personas.h"
#include "draft/stages.h"

namespace cjm {

struct DraftOptions {
  StageOptions stages;
  size_t max_personas = 12;
};

struct Draft {
  std::string source;     // the log as named in messages ("<stdin>" for stdin)
  std::string name;       // the spec's name: the log's file name without extension
  ColumnGuess columns;    // what was read with
  uint64_t rows = 0;      // data rows read (accepted + rejected)
  uint64_t rejected = 0;  // rows the reader rejected
  uint64_t customers = 0;
  bool has_value = false;  // the value column was found
  std::vector<EventStats> stats;
  StagePlan stages;
  ConversionChoice conversion;
  PersonaPlan personas;
};

// Drafts the spec of `t`, read from `source` with `columns`: orders it into
// journeys (in place), measures every event name and plans stages,
// conversion and personas. Throws cjm::Error naming `source` when `t` has no
// event or only one event name.
Draft draft_spec(const ColumnGuess& columns, EventTable& t, const std::string& source,
                 const DraftOptions& options);

// The draft as a commented YAML journey spec.
std::string draft_yaml(const Draft& draft);

}  // namespace cjm
