#include "analysis/persona_filter.h"

namespace cjm {

PersonaFilter::PersonaFilter(const EventTable& table, const std::vector<PersonaSpec>& personas) {
  personas_.resize(personas.size());
  for (size_t p = 0; p < personas.size(); ++p) {
    Persona& persona = personas_[p];
    for (const auto& [column_name, values] : personas[p].where) {
      int index = table.attribute_index(column_name);
      if (index < 0) {
        persona.matches_nobody = true;
        persona.conditions.clear();
        break;
      }
      Condition condition;
      condition.column = &table.attributes[static_cast<size_t>(index)];
      condition.accepted.assign(condition.column->values.size(), false);
      for (const auto& value : values) {
        uint32_t id = condition.column->values.find(value);
        if (id != Dictionary::kMissing) condition.accepted[id] = true;
      }
      persona.conditions.push_back(std::move(condition));
    }
  }
}

bool PersonaFilter::matches(size_t p, uint32_t customer) const {
  const Persona& persona = personas_[p];
  if (persona.matches_nobody) return false;
  for (const Condition& c : persona.conditions) {
    if (customer >= c.column->of.size()) return false;
    uint32_t id = c.column->of[customer];
    if (id >= c.accepted.size() || !c.accepted[id]) return false;
  }
  return true;
}

}  // namespace cjm
