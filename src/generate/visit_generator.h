// The visits mode of `cjm generate` (docs/generator.md, "Visits"): the whole
// run, from the options to the CSV.
#pragma once

#include <cstdint>
#include <ostream>

#include "generate/generator.h"

namespace cjm {

// Writes the visits-mode CSV for `options` (already checked by
// generate_events; `start_s` is options.start in seconds since the epoch).
// Calls `sink` once per visit before writing.
GeneratorStats generate_visits(const GeneratorOptions& options, int64_t start_s, std::ostream& out,
                               const VisitSink& sink);

// The session id of visit `visit` (0-based) of customer `customer` (0-based):
// ten lowercase hex digits, a bijection of (customer, visit) keyed by `seed`,
// so ids look random and never repeat.
void session_id(uint64_t seed, uint32_t customer, uint8_t visit, char (&out)[10]);

}  // namespace cjm
