// A hand-built event table and spec for analysis tests: add rows and
// attributes, then run every analysis over them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/result.h"
#include "core/event_table.h"
#include "journey/journeys.h"
#include "spec/journey_spec.h"

namespace cjm::testing {

struct TestTable {
  EventTable table;
  JourneySpec spec;

  // Value ids per attribute column and customer id, set by attr(); run()
  // gives every event of a customer its customer's values.
  std::vector<std::vector<uint32_t>> customer_values;

  // Sets `customer`'s value of attribute `column` (created on first use), on
  // every event of the customer.
  void attr(const std::string& column, const std::string& customer, const std::string& value) {
    int index = table.attribute_index(column);
    if (index < 0) {
      table.attributes.push_back(AttributeColumn{column, {}, {}});
      table.attributes.back().values.intern("");
      customer_values.emplace_back();
      index = static_cast<int>(table.attributes.size()) - 1;
    }
    AttributeColumn& col = table.attributes[static_cast<size_t>(index)];
    std::vector<uint32_t>& of = customer_values[static_cast<size_t>(index)];
    uint32_t c = table.customers.intern(customer);
    if (of.size() <= c) of.resize(c + 1, 0);
    of[c] = col.values.intern(value);
  }

  // Adds a persona whose name is `name` (the id when empty).
  void persona(const std::string& id,
               std::vector<std::pair<std::string, std::vector<std::string>>> where,
               const std::string& name = "") {
    PersonaSpec p;
    p.id = id;
    p.name = name.empty() ? id : name;
    p.where = std::move(where);
    spec.personas.push_back(std::move(p));
  }

  // Orders the journeys and runs every analysis, as the pipeline does.
  AnalysisResult run(unsigned threads = 1, size_t top_n = 20) {
    for (size_t a = 0; a < table.attributes.size(); ++a) {
      std::vector<uint32_t>& of = customer_values[a];
      of.resize(table.customers.size(), 0);
      std::vector<uint32_t> per_event;
      for (uint32_t c : table.customer) per_event.push_back(of[c]);
      table.attributes[a].of = std::move(per_event);
    }
    EventMap map = map_events(table.events, spec);
    Journeys journeys = build_journeys(table);
    AnalysisInput in{&table, &journeys, &map, &spec};
    AnalyzeOptions options;
    options.threads = threads;
    options.top_n = top_n;
    return analyze(in, options);
  }
};

}  // namespace cjm::testing
