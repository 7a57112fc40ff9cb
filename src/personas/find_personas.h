// Personas from behaviour: customers grouped by what they did
// (docs/methods.md, "Personas from behaviour"): features per customer
// (personas/customer_features.h), standardised, clustered by k-means with K
// given or chosen by the silhouette (personas/kmeans.h), each group
// described by a card (personas/describe_groups.h).
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

struct PersonaOptions {
  int k = 0;  // groups; 0: chosen from k_min .. k_max by the mean silhouette
  int k_min = 2, k_max = 8;
  uint64_t seed = 1;  // the same seed and input give the same groups
  FeatureOptions features;
};

struct FoundPersonas {
  PersonaCards cards;            // cards.column is left "persona"
  std::vector<uint32_t> labels;  // per customer id: the index of its card
};

// Groups the customers of `journeys`. Throws cjm::Error when there are no
// customers.
FoundPersonas find_personas(const EventTable& table, const Journeys& journeys, const EventMap& map,
                            const JourneySpec& spec, const PersonaOptions& options);

}  // namespace cjm
