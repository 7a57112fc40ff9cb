#include "personas/find_personas.h"

#include "core/error.h"
#include "personas/describe_groups.h"
#include "personas/kmeans.h"

namespace cjm {

FoundPersonas find_personas(const EventTable& table, const Journeys& journeys, const EventMap& map,
                            const JourneySpec& spec, const PersonaOptions& options) {
  if (journeys.count() == 0) throw Error("personas: the events hold no customer to group");
  const CustomerFeatures features = customer_features(table, journeys, map, spec, options.features);
  const Eigen::MatrixXf z = standardise(features.values, features.groups);
  FoundPersonas out;
  PersonaCards& cards = out.cards;
  cards.seed = options.seed;
  cards.features = features.names;
  cards.customers = journeys.count();
  if (options.k > 0) {
    cards.k = options.k;
  } else {
    const KChoice choice = choose_k(z, options.seed, options.k_min, options.k_max);
    cards.k = choice.k;
    cards.k_chosen = true;
    cards.silhouettes = choice.silhouettes;
  }
  const Clustering clustering = kmeans(z, cards.k, options.seed);
  cards.k = static_cast<int>(clustering.centroids.rows());
  out.labels = clustering.labels;
  cards.cards = describe_groups(table, journeys, map, spec, features, out.labels, cards.k);
  uint64_t converted = 0;
  for (const PersonaCard& c : cards.cards) converted += c.converted;
  cards.conversion = static_cast<double>(converted) / static_cast<double>(cards.customers);
  return out;
}

}  // namespace cjm
