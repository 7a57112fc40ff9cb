// AttributeFilter: the attribute conditions of a spec `where` block (persona
// or barrier), resolved to value ids once. Attributes are kept per event, so
// a condition is met by an event (its own values), or by a customer, whose
// value of each column is chosen from its events by an AttributeMatch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "spec/journey_spec.h"

namespace cjm {

class AttributeFilter {
 public:
  // Adds the condition "`column` is one of `values`". A column the table has
  // no attribute column for (a misspelt name, or one of the spec's `data`
  // columns) makes the filter match nothing.
  void add(const EventTable& table, const std::string& column,
           const std::vector<std::string>& values);
  // True if row `row` of `table` meets every condition (always, with none).
  // `table` is the table add() resolved against, or a table whose rows were
  // copied from it (same attribute columns, same value ids).
  bool matches_row(const EventTable& table, uint64_t row) const {
    if (matches_nothing_) return false;
    for (const Condition& c : conditions_) {
      const uint32_t id = table.attributes[c.column].of[row];
      if (id >= c.accepted.size() || !c.accepted[id]) return false;
    }
    return true;
  }
  // True if the customer whose events are rows [begin, end) of `table` meets
  // every condition: with kFirst / kLast its first / last non-empty value of
  // the column (the missing value "" when it has none) is accepted, with kAny
  // one of its values is.
  bool matches_customer(const EventTable& table, uint64_t begin, uint64_t end,
                        AttributeMatch match) const;
  bool empty() const { return conditions_.empty() && !matches_nothing_; }

 private:
  struct Condition {
    size_t column = 0;              // index into the table's attributes
    std::vector<uint8_t> accepted;  // per value id of the column
  };
  bool matches_nothing_ = false;
  std::vector<Condition> conditions_;
};

}  // namespace cjm
