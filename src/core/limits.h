// The limits cjm enforces on its input (docs/spec.md, "Limits"). Each keeps
// the work near-linear in the input or a figure inside the range where it is
// exact; past one, cjm stops early with a message naming the limit (and the
// option that raises it, where raising it makes sense) instead of running for
// hours, exhausting memory or overflowing.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/civil_time.h"

namespace cjm {

// The times cjm accepts: 1000-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z
// (four-digit years, as ISO-8601 writes them). The time parsers refuse
// anything outside it and the store reader refuses a store holding such a
// time, so the difference of two times never overflows int64.
inline constexpr int64_t kMinTimeUs = days_from_civil(1000, 1, 1) * 86'400'000'000;
inline constexpr int64_t kMaxTimeUs = days_from_civil(10000, 1, 1) * 86'400'000'000 - 1;

// True if `us` lies in [kMinTimeUs, kMaxTimeUs].
constexpr bool time_in_range(int64_t us) {
  return us >= kMinTimeUs && us <= kMaxTimeUs;
}

// A value (revenue) must be finite and at most this in magnitude: sums in
// 1/10000 units stay exact in 128 bits and a value fits a 64-bit decimal
// with 4 places. Rows outside are rejected.
inline constexpr double kMaxAbsValue = 1e12;

// A score must be finite and at most this in magnitude (scales such as 1-5,
// 0-10, -100..100 are far inside). Rows outside are rejected.
inline constexpr double kMaxAbsScore = 1e6;

// One field of a row (CSV, TSV, JSON Lines) is at most this many bytes, and
// the fields of one row together at most kMaxRowBytes; longer rows are
// rejected. An aggregated-paths line is at most kMaxRowBytes long.
inline constexpr size_t kMaxFieldBytes = size_t{16} << 20;
inline constexpr size_t kMaxRowBytes = size_t{64} << 20;

// Touchpoints in one aggregated path (--input-format paths); longer paths
// are rejected.
inline constexpr size_t kMaxPathTouches = 10'000;

// Stages in a spec: stage ids are 16-bit (journey/journeys.h, EventMap)
// with -1 for "no stage". The spec parser refuses more.
inline constexpr size_t kMaxStages = 32767;

// Personas in a spec (each adds a segment to every analysis and a map to
// every output).
inline constexpr size_t kDefaultMaxPersonas = 100;

// Distinct event names in the events read (each is a touchpoint row in every
// output); --max-event-names raises it.
inline constexpr uint64_t kDefaultMaxEventNames = 100'000;

// Distinct touchpoints (or channels) in a Markov chain of attribution order
// k = 1..4: the removal effect solves the chain once per touchpoint, and the
// chain has up to (touchpoints)^k states. --max-markov-touchpoints raises it.
inline constexpr size_t kDefaultMaxMarkovTouchpoints[4] = {2000, 500, 200, 100};

// The limits a user can raise (cjm analyze/map --max-personas,
// --max-event-names, --max-markov-touchpoints).
struct InputLimits {
  size_t max_personas = kDefaultMaxPersonas;
  uint64_t max_event_names = kDefaultMaxEventNames;
  size_t max_markov_touchpoints = 0;  // 0: kDefaultMaxMarkovTouchpoints of the order
};

}  // namespace cjm
