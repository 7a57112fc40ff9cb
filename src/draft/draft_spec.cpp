#include "draft/draft_spec.h"

#include <fmt/format.h>

#include "core/error.h"
#include "journey/journeys.h"

namespace cjm {

Draft draft_spec(const ColumnGuess& columns, EventTable& t, const std::string& source,
                 const DraftOptions& options) {
  Draft d;
  d.source = source;
  d.columns = columns;
  if (t.size() == 0)
    throw Error(source, 0,
                "no event could be read: expected rows with a customer, a time and an event "
                "(columns '" +
                    columns.customer.column + "', '" + columns.time.column + "', '" +
                    columns.event.column + "')");
  if (t.events.size() < 2)
    throw Error(source, 0,
                fmt::format("only one event name ('{}') in {} events of column '{}': stages need "
                            "at least two different event names",
                            printable(t.events.at(0)), t.size(), columns.event.column));
  const Journeys j = build_journeys(t);
  d.customers = j.count();
  d.has_value = t.has_value() && !columns.value.column.empty();
  d.stats = event_stats(t, j);
  d.stages = plan_stages(d.stats, options.stages);
  d.conversion = choose_conversion(d.stats, d.customers, d.has_value);
  d.personas = propose_personas(t, j, options.max_personas);
  return d;
}

}  // namespace cjm
