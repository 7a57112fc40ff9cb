// The personas job (`cjm personas`): spec + event log (+ customer tables) ->
// groups of customers who behave alike, with their cards and the
// customer -> persona table that --customers joins back.
#pragma once

#include <string>

#include "app/run_analysis.h"
#include "personas/find_personas.h"
#include "personas/persona_card.h"

namespace cjm {

struct PersonasOptions {
  RunOptions run;         // spec, events, format, strictness, --customers, threads
  PersonaOptions method;  // K, seed, features
  // The persona column of the customer table written; "": "persona", or
  // "persona_found" when the events (or joined tables) already have "persona".
  std::string column;
};

struct PersonasRun {
  PersonaCards cards;     // cards.column is the table's persona column
  std::string id_column;  // the table's customer id column (the spec's data.customer)
  std::string table_csv;  // "<id_column>,<column>\n" then one row per customer, by id order
};

// Reads the input as `cjm analyze` does (prepared_input.h) and finds the
// personas. Throws cjm::Error on bad input, or (usage) when `column` is
// already a column of the events.
PersonasRun run_personas(const PersonasOptions& options);

}  // namespace cjm
