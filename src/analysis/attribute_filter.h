// AttributeFilter: the attribute conditions of a spec `where` block (persona
// or barrier), resolved to value ids once; a customer matches when each
// condition accepts the customer's value of its column: the first non-empty
// value along the journey (attributes are kept per event).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/event_table.h"

namespace cjm {

class AttributeFilter {
 public:
  // Adds the condition "`column` is one of `values`". A column the table has
  // no attribute column for (a misspelt name, or one of the spec's `data`
  // columns) makes the filter match nobody.
  void add(const EventTable& table, const std::string& column,
           const std::vector<std::string>& values);
  // True if the customer whose journey is events [begin, end) meets every
  // condition (always, with none).
  bool matches(uint64_t begin, uint64_t end) const;

 private:
  struct Condition {
    const AttributeColumn* column = nullptr;
    std::vector<uint8_t> accepted;  // per value id of the column
  };
  bool matches_nobody_ = false;
  std::vector<Condition> conditions_;
};

}  // namespace cjm
