// EventTable: the columnar, dictionary-encoded form of an event log.
//
// One entry per accepted row, in input order until `journeys` sorts it. Core
// columns cost 16 bytes per event (customer 4, time 8, event 4); channel,
// score and session add 4 bytes each and value 8 (core/money.h), and each is
// empty when the input has no such column. Attributes (every other input column) are kept per
// event, 4 bytes per event and column: in real logs they change from visit to visit.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/column.h"
#include "core/dictionary.h"
#include "core/money.h"

namespace cjm {

// Marks a missing `score` (NaN) and a missing channel; a missing value is
// kMissingValue (core/money.h).
inline constexpr uint32_t kNoChannel = UINT32_MAX;
inline bool is_missing(float x) {
  return std::isnan(x);
}

struct AttributeColumn {
  std::string name;     // input column name
  Dictionary values;    // distinct values; id 0 is always "" (missing)
  Column<uint32_t> of;  // value id per event (size = events)
};

struct EventTable {
  // Per event (all the same length, or empty when optional and absent).
  // Owned when read from a log; views of the mapped file when read from a
  // .cjm store.
  Column<uint32_t> customer;  // id into `customers`
  Column<int64_t> time_us;    // microseconds since 1970-01-01T00:00:00Z
  Column<uint32_t> event;     // id into `events`
  Column<uint32_t> channel;   // id into `channels`, kNoChannel if empty; empty if no column
  Column<int64_t>
      value;  // ten-thousandths (core/money.h); kMissingValue if missing; empty if no column
  Column<float> score;       // NaN if missing; empty if no column
  Column<uint32_t> session;  // id into `sessions`; empty if no session column

  Dictionary customers;
  Dictionary events;
  Dictionary channels;
  Dictionary sessions;
  std::vector<AttributeColumn> attributes;

  size_t size() const { return time_us.size(); }
  bool has_channel() const { return !channel.empty(); }
  bool has_value() const { return !value.empty(); }
  bool has_score() const { return !score.empty(); }
  bool has_session() const { return !session.empty(); }
  // Index into `attributes` of the column named `name`, or -1.
  int attribute_index(const std::string& name) const;
};

}  // namespace cjm
