#include "analysis/persona_filter.h"

namespace cjm {

PersonaFilter::PersonaFilter(const EventTable& table, const std::vector<PersonaSpec>& personas) {
  personas_.resize(personas.size());
  for (size_t p = 0; p < personas.size(); ++p)
    for (const auto& [column, values] : personas[p].where) personas_[p].add(table, column, values);
}

}  // namespace cjm
