// The body of the event-reader fuzz targets: read the input as `format`
// through the public entry point (read_events, on a memory file) and check
// what the reader promises: bad input ends in a cjm::Error, never in a crash,
// a sanitizer report or a hang; rows = events + rejected; every accepted
// time, value and score lies in the documented range (core/limits.h); every
// id (customer, event, session, attribute value) is one of its dictionary.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "analysis_spec.h"
#include "core/error.h"
#include "core/limits.h"
#include "fuzz_file.h"
#include "reader/read_events.h"

namespace cjm::fuzz {

inline int read_and_check(const uint8_t* data, size_t size, InputFormat format) {
  ReadOptions options;
  options.path = as_file(data, size);
  options.format = format;
  options.data = analysis_spec().data;
  ReadReport report;
  try {
    const EventTable t = read_events(options, report);
    if (report.rows != t.size() + report.rejected) std::abort();
    for (size_t i = 0; i < t.size(); ++i) {
      if (!time_in_range(t.time_us[i])) std::abort();
      if (t.has_value() && !value_in_range(t.value[i])) std::abort();
      if (t.has_score() && std::fabs(t.score[i]) > kMaxAbsScore) std::abort();
      if (t.customer[i] >= t.customers.size() || t.event[i] >= t.events.size()) std::abort();
      if (t.has_session() && t.session[i] >= t.sessions.size()) std::abort();
    }
    if (t.session.size() != (t.has_session() ? t.size() : 0)) std::abort();
    for (const AttributeColumn& a : t.attributes) {
      if (a.of.size() != t.size() || a.values.size() == 0 || !a.values.at(0).empty()) std::abort();
      for (uint32_t id : a.of)
        if (id >= a.values.size()) std::abort();
    }
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace cjm::fuzz
