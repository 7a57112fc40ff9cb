// Persona membership: which customers belong to which persona
// (docs/analyses.md, "Journeys": segments).
//
// The `where` values are resolved to attribute value ids once; deciding a
// customer's membership is then a few id lookups. A `where` column that is not
// an attribute column of the table (e.g. a misspelt column, or one of the
// spec's `data` columns such as the customer or event column) makes the
// persona match no customer; nothing is thrown here, the caller may warn.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/attribute_filter.h"
#include "core/event_table.h"
#include "spec/journey_spec.h"

namespace cjm {

class PersonaFilter {
 public:
  PersonaFilter(const EventTable& table, const std::vector<PersonaSpec>& personas);

  size_t size() const { return personas_.size(); }
  // True if the customer whose journey is events [begin, end) belongs to
  // persona `p` (index into the spec's personas).
  bool matches(size_t p, uint64_t begin, uint64_t end) const {
    return personas_[p].matches(begin, end);
  }

 private:
  std::vector<AttributeFilter> personas_;
};

}  // namespace cjm
