// CustomerFeatures: what each customer did, as numbers a clustering can
// compare (docs/methods.md, "Personas from behaviour"): stage reach, the
// touchpoint and channel mix, the number of visits, the time to convert and
// the barriers met. One row per customer of the journeys, in customer id
// order.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "journey/event_map.h"
#include "journey/journeys.h"
#include "spec/journey_spec.h"

namespace cjm {

// The groups features come in; standardisation weighs each group equally.
enum class FeatureGroup : uint8_t { kReach, kTouchpoints, kChannels, kVisits, kTime, kBarriers };

struct CustomerFeatures {
  // Per column: its name ("reach:research", "touchpoint:ad_view",
  // "channel:web", "visits", "days_to_convert", "barrier:price_shock"), its
  // group and the words a card uses for it ("Research", "ad_view in
  // Awareness", "web").
  std::vector<std::string> names;
  std::vector<FeatureGroup> groups;
  std::vector<std::string> labels;
  // values(customer, column), raw (before standardisation):
  // reach and barriers 0/1; a touchpoint's share of the customer's events in
  // its stage (unmapped names: of its unmapped events), so that the mix says
  // how a customer moves through a stage and not how far it got; a channel's
  // share of all its events; visits log(1 + n); days_to_convert log(1 + days
  // from the first event to the first conversion). A value a customer has no
  // events for (a touchpoint's stage not reached, no conversion) is the mean
  // of the customers who have one, so it tells nothing about them.
  Eigen::MatrixXf values;
};

// How many event names and channels get a column of their own: the most
// frequent ones (ties by name).
struct FeatureOptions {
  size_t touchpoints = 20;
  size_t channels = 10;
  // Visits are cut by the spec's rule (session column, windows.session_gap);
  // without one, by this pause.
  int64_t default_gap_us = 30LL * 60 * 1000000;
};

// The features of every customer of `journeys` (customer c is row c).
CustomerFeatures customer_features(const EventTable& table, const Journeys& journeys,
                                   const EventMap& map, const JourneySpec& spec,
                                   const FeatureOptions& options = {});

}  // namespace cjm
