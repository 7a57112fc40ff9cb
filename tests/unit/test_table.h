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
  struct CustomerValue {
    std::string column, customer, value;
  };
  std::vector<CustomerValue> customer_values;  // applied by run()

  // Sets `customer`'s value of attribute `column` (created on first use) on
  // every event of the customer (attributes are kept per event).
  void attr(const std::string& column, const std::string& customer, const std::string& value) {
    customer_values.push_back({column, customer, value});
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
    for (const auto& [column, customer, value] : customer_values) {
      int index = table.attribute_index(column);
      if (index < 0) {
        table.attributes.push_back(AttributeColumn{column, {}, {}});
        table.attributes.back().values.intern("");
        index = static_cast<int>(table.attributes.size()) - 1;
      }
      AttributeColumn& col = table.attributes[static_cast<size_t>(index)];
      col.of.resize(table.size(), 0);
      const uint32_t c = table.customers.intern(customer);
      const uint32_t v = col.values.intern(value);
      for (size_t i = 0; i < table.size(); ++i)
        if (table.customer[i] == c) col.of.mutable_data()[i] = v;
    }
    for (auto& col : table.attributes) col.of.resize(table.size(), 0);
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
