// Timestamp parsing: ISO-8601 and epoch numbers to microseconds since the
// epoch, for every reader and for the times a spec gives (periods).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/limits.h"

namespace cjm {

enum class TimeFormat { kAuto, kIso8601, kEpochS, kEpochMs, kEpochUs };

// Parses the spec's data.time_format: "auto", "iso8601", "epoch_s",
// "epoch_ms", "epoch_us". Throws cjm::Error naming data.time_format otherwise.
TimeFormat parse_time_format(const std::string& name);
const char* time_format_name(TimeFormat f);

// ISO-8601: "2024-03-01", "2024-03-01T10:00", "2024-03-01 10:00:00",
// fractional seconds up to microseconds, "Z" or "+hh:mm"/"-hhmm"/"+hh" offsets
// (no offset means UTC). Returns nullopt if `s` is not a valid timestamp
// (including impossible dates such as 2024-02-30) or lies outside the range
// of core/limits.h (years 1000 to 9999): an answer, not a failure; the reader
// turns it into a rejected row.
std::optional<int64_t> parse_iso8601_us(std::string_view s);

// An integer or decimal number of seconds / milliseconds / microseconds;
// nullopt if `s` is not one or lies outside the range of core/limits.h.
std::optional<int64_t> parse_epoch_us(std::string_view s, TimeFormat unit);

// Chooses a format from one sample value: ISO-8601 if it has a '-' after the
// first digits; otherwise epoch by magnitude (< 1e11 seconds, < 1e14
// milliseconds, else microseconds). Returns kAuto if it cannot tell.
TimeFormat detect_time_format(std::string_view sample);

// Parses with a concrete (not kAuto) format; nullopt if `s` is not a time of
// that format (and always with kAuto).
std::optional<int64_t> parse_time_us(std::string_view s, TimeFormat f);

// True if `s` is a time of format `f` (not kAuto) that lies outside the range
// of core/limits.h: the reason parse_time_us refused it, for the message.
bool time_out_of_range(std::string_view s, TimeFormat f);

// Formats microseconds as "2024-03-01T10:00:00Z" (fraction only when non-zero).
std::string format_time_us(int64_t us);

}  // namespace cjm
