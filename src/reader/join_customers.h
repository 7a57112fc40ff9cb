// Joins a customer table to an event table: each attribute column of the
// table becomes an attribute column of the events, every event carrying its
// customer's value, so personas and barriers filter on it like on any other
// attribute (docs/spec.md, "Customer tables").
#pragma once

#include "core/customer_join.h"
#include "core/event_table.h"
#include "reader/customer_table.h"

namespace cjm {

// Adds one attribute column to `events` per column of `customers`: an event's
// value is its customer's in the table, "" (missing) when the customer has no
// row. A value is constant over a customer's events, so it reads the same
// with `scope: customer` (any `match`) and `scope: event`. Rows whose id no
// event carries are counted (with a few examples) and otherwise ignored.
// `events.customers` must hold the customers' id strings. Throws cjm::Error
// (the table's file, line 1) when a column of the table is also an attribute
// column of the events.
CustomerJoin join_customers(EventTable& events, const CustomerTable& customers);

}  // namespace cjm
