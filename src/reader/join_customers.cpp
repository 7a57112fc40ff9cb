#include "reader/join_customers.h"

#include <fmt/format.h>

#include "core/error.h"

namespace cjm {

namespace {
constexpr size_t kExamples = 5;  // rows without events named in the report
constexpr uint32_t kNoRow = UINT32_MAX;
}  // namespace

CustomerJoin join_customers(EventTable& events, const CustomerTable& customers) {
  for (const std::string& column : customers.columns)
    if (events.attribute_index(column) >= 0)
      throw Error(customers.path, 1,
                  fmt::format("column '{}' is also a column of the events: rename it in one of "
                              "them (a customer's attribute has one source)",
                              column));
  CustomerJoin join;
  join.path = customers.path;
  join.id_column = customers.id_column;
  join.columns = customers.columns;
  join.rows = customers.ids.size();

  events.customers.build_index();  // a store's dictionary may come unindexed
  // The table's row of each customer of the log.
  std::vector<uint32_t> row_of(events.customers.size(), kNoRow);
  for (size_t r = 0; r < customers.ids.size(); ++r) {
    const uint32_t c = events.customers.find(customers.ids[r]);
    if (c == Dictionary::kMissing) {
      if (join.without_events_examples.size() < kExamples)
        join.without_events_examples.push_back({customers.ids[r], customers.lines[r]});
      ++join.without_events;
      continue;
    }
    row_of[c] = static_cast<uint32_t>(r);
    ++join.matched;
  }
  join.customers_without_row = events.customers.size() - join.matched;

  const uint64_t n = events.size();
  for (size_t col = 0; col < customers.columns.size(); ++col) {
    AttributeColumn& a = events.attributes.emplace_back();
    a.name = customers.columns[col];
    a.values.intern("");                               // id 0: missing
    std::vector<uint32_t> value_of(row_of.size(), 0);  // per customer of the log
    for (size_t c = 0; c < row_of.size(); ++c)
      if (row_of[c] != kNoRow) value_of[c] = a.values.intern(customers.values[row_of[c]][col]);
    std::vector<uint32_t> of(n);
    for (uint64_t e = 0; e < n; ++e) of[e] = value_of[events.customer[e]];
    a.of = Column<uint32_t>(std::move(of));
  }
  return join;
}

}  // namespace cjm
