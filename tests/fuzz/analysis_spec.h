// The journey spec the event-reader fuzz targets analyse their input with:
// small, but with every analysis switched on (barriers, personas, advocacy,
// attribution of order 2, windows, a path question), so that whatever the reader accepts goes
// through every aggregator.
#pragma once

#include <string>

#include "spec/journey_spec.h"

namespace cjm::fuzz {

inline const JourneySpec& analysis_spec() {
  static const JourneySpec spec = parse_spec(R"(name: Fuzz
data:
  customer: c
  time: t
  event: e
  channel: ch
  value: v
  score: s
  session: sid
stages:
  - id: a
    events: [a, "a*"]
  - id: b
    events: [b, x]
  - id: c
    events: [c, "?c"]
conversion: c
windows:
  conversion: 1d
  session_gap: 30m
personas:
  - id: p
    where: {seg: p}
  - id: q
    where: {seg: [q, r]}
barriers:
  - id: x
    events: x
    stage: b
    fix_cost: 10
advocacy: [r]
touchpoints:
  - events: a
    channel: web
attribution:
  half_life: 1h
  order: 2
paths:
  from: "a*"
  to: c
)",
                                             "fuzz.yaml");
  return spec;
}

}  // namespace cjm::fuzz
