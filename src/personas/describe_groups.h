// The cards of groups of customers (personas/persona_card.h): figures
// measured on each group's customers against everyone.
#pragma once

#include <cstdint>
#include <vector>

#include "core/event_table.h"
#include "journey/event_map.h"
#include "journey/journeys.h"
#include "personas/customer_features.h"
#include "personas/persona_card.h"
#include "spec/journey_spec.h"

namespace cjm {

// One card per group 0 .. k-1 (`labels[c]`: the group of customer c), ids
// "p1" ... in group order. Attributes are each customer's last non-empty
// value of every attribute column of `table` with at most 50 distinct
// values; a value is distinctive in a group when at least 20 % of the group
// and at least 1.25 times the overall share have it (the best value per
// column, at most 3, by the difference of the shares). Traits are the
// features whose group mean lies at least half a standard deviation from
// everyone's (at most 3, the largest first). Names are unique.
std::vector<PersonaCard> describe_groups(const EventTable& table, const Journeys& journeys,
                                         const EventMap& map, const JourneySpec& spec,
                                         const CustomerFeatures& features,
                                         const std::vector<uint32_t>& labels, int k);

}  // namespace cjm
