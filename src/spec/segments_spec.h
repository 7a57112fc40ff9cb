// Internal to spec/: the spec's segments and unit: `personas:` (with their
// scope and match), `periods:`, `unit:` and `paths:`.
#pragma once

#include <vector>

#include "spec/journey_spec.h"
#include "spec/spec_reader.h"

namespace cjm::spec {

// Reads `personas:` into `personas`.
void parse_personas(const SpecReader& reader, const Entry& e, std::vector<PersonaSpec>& personas);

// Reads `periods:` into `periods`; ids must differ from each other and from
// the personas' ids.
void parse_periods(const SpecReader& reader, const Entry& e,
                   const std::vector<PersonaSpec>& personas, std::vector<PeriodSpec>& periods);

// Reads `paths: {from, to}`.
void parse_paths(const SpecReader& reader, const Entry& e, PathQuerySpec& paths);

// Reads `unit:` (customer or visit).
Unit parse_unit(const SpecReader& reader, const Entry& e);

}  // namespace cjm::spec
