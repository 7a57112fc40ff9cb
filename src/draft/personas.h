// Personas proposed from attribute columns with a few distinct values: one
// `where:` persona per frequent value, each with its share of customers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "journey/journeys.h"

namespace cjm {

struct PersonaDraft {
  std::string id;             // "<column>_<value>" as an identifier, unique
  std::string column, value;  // the where: entry
  uint64_t customers = 0;     // customers whose last non-empty value it is
  double share = 0;           // of all customers
  double changing = 0;        // share of the column's customers whose value changes
};

struct PersonaPlan {
  std::vector<PersonaDraft> personas;
  std::vector<std::string> notes;  // columns considered and why not used, the cap
};

// Proposes personas from the attribute columns of `t` (ordered into journeys
// `j`) with 2 to 8 distinct non-empty values: one per value that is the last
// non-empty value of at least `min_share` of the customers, in column order,
// at most `max_personas` in all.
PersonaPlan propose_personas(const EventTable& t, const Journeys& j, size_t max_personas = 12,
                             double min_share = 0.05);

}  // namespace cjm
