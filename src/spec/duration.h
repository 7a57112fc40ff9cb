// Durations in human units, as the spec writes windows and half-lives.
#pragma once

#include <cstdint>
#include <string>

namespace cjm {

// Parses a duration in human units: "90s", "90m", "12h", "30d", "2w", or a plain
// number of seconds, with an optional fraction ("1.5h"). Returns microseconds,
// rounded to the nearest. Throws cjm::Error with the reason only (the caller
// knows the key and line: Error::placed) if `text` is not a duration, is not
// greater than zero, or does not fit int64 microseconds.
int64_t parse_duration_us(const std::string& text);

}  // namespace cjm
