// Stages drafted from the event names' typical positions in journeys
// (draft/event_stats.h): the names in order of position, cut into K groups
// by an optimal one-dimensional k-means (docs/methods.md, "Drafting a spec").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "draft/event_stats.h"

namespace cjm {

struct DraftStage {
  std::string id, name;        // from the stage's most frequent event
  std::vector<size_t> events;  // indices into the stats, by position
  double from = 0, to = 0;     // the positions of its first and last clustered event
};

struct StagePlan {
  std::vector<DraftStage> stages;
  std::vector<size_t> left_out;  // names past `max_names`, most frequent first
  size_t max_names = 0;          // the cap that left them out
  std::vector<size_t> rare;      // names placed by nearest stage, not clustered
  std::string k_rule;            // how K was chosen, for a comment
  double explained = 0;          // share of the positions' variance the cut explains
};

struct StageOptions {
  size_t k = 0;               // stages wanted; 0: chosen from the data
  size_t max_names = 300;     // at most this many names in stages (the most frequent)
  double rare_share = 0.001;  // names with fewer events than this share are not clustered
  size_t max_auto_k = 8;      // the largest K chosen from the data
  double auto_explained = 0.9;
};

// Cuts the names of `stats` with at least one event into stages. With k = 0,
// K is the smallest that explains at least `auto_explained` of the variance
// of the positions, at most `max_auto_k`. K is capped at the number of
// clustered names. Needs at least one name with events.
StagePlan plan_stages(const std::vector<EventStats>& stats, const StageOptions& options);

// `text` as an identifier: lower case letters, digits and '_' ("Add to
// cart" -> "add_to_cart"); "stage" when nothing is left.
std::string identifier(const std::string& text);

}  // namespace cjm
