// Enforcing the limits of core/limits.h that depend on the spec and on the
// names the events hold, as early as each can be known: the spec's before any
// event is read, the names' right after reading, before any analysis.
#pragma once

#include <string>
#include <vector>

#include "core/dictionary.h"
#include "core/limits.h"
#include "spec/journey_spec.h"

namespace cjm {

// Throws cjm::Error (at the spec file and the first persona past the limit)
// if the spec has more personas than allowed.
void check_spec_limits(const JourneySpec& spec, const InputLimits& limits);

// Throws cjm::Error (at `events_path`) if `events` holds more distinct names
// than allowed, or if Markov attribution at the spec's order would have more
// touchpoints (names other than conversions, where `is_conversion` is 1) or
// channels (those of `channels`, of the spec's touchpoints and "(none)") than
// allowed.
void check_name_limits(const JourneySpec& spec, const std::string& events_path,
                       const Dictionary& events, const std::vector<uint8_t>& is_conversion,
                       const Dictionary& channels, const InputLimits& limits);

}  // namespace cjm
