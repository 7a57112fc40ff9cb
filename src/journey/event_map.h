// EventMap: what the journey spec says about each distinct event name,
// resolved once per name (never per row), by one rule: an exact name wins
// over any glob, and among globs the first entry in spec order wins. The
// aggregators and the map builder only read it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/dictionary.h"
#include "spec/journey_spec.h"

namespace cjm {

inline constexpr int16_t kNoStage = -1;
inline constexpr int32_t kNoTouchpoint = -1;

struct EventMap {
  // Per event id.
  std::vector<int16_t> stage;          // stage index, or kNoStage
  std::vector<uint8_t> is_conversion;  // 1 if it matches `conversion`
  std::vector<uint8_t> is_advocacy;    // 1 if it matches `advocacy`
  // Index into the spec's `touchpoints` of the entry describing the name
  // (control, medium, channel to attribute to), or kNoTouchpoint.
  std::vector<int32_t> touchpoint;
  // 1 if it matches the path question's `from` / `to` (spec `paths`); both
  // empty when no question is asked.
  std::vector<uint8_t> is_path_from, is_path_to;
  // The barriers whose events match the name: barrier_hits[barrier_begin[e]
  // .. barrier_begin[e+1]) are indices into the spec's `barriers`, ascending.
  std::vector<uint32_t> barrier_begin;  // size = names + 1
  std::vector<uint16_t> barrier_hits;

  // Event ids that match no stage, in id order.
  std::vector<uint32_t> unmapped;

  std::span<const uint16_t> barriers_of(uint32_t event) const {
    return {barrier_hits.data() + barrier_begin[event],
            barrier_hits.data() + barrier_begin[event + 1]};
  }
};

// A spec's lists of event patterns (names or globs), one list per entry.
using PatternLists = std::vector<std::vector<std::string_view>>;

// The one exact-then-glob rule: per event id of `names`, the index of the
// first list that names it exactly, else of the first list with a glob that
// matches it, else -1.
std::vector<int32_t> first_match(const Dictionary& names, const PatternLists& lists);

// The same rule for one name.
int32_t first_match(std::string_view name, const PatternLists& lists);

// The spec's stage patterns, one list per stage.
PatternLists stage_patterns(const JourneySpec& spec);

// Resolves every distinct event name of `events` against the spec: stages,
// conversion, advocacy, touchpoint entries and barriers.
EventMap map_events(const Dictionary& events, const JourneySpec& spec);

// Whether `name` matches one of `patterns` (exact names and globs alike).
bool matches_any(const std::vector<std::string>& patterns, const std::string& name);

}  // namespace cjm
