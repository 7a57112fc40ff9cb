// PersonaCard: one group of customers who behave alike, as `cjm personas`
// describes it (docs/methods.md, "Personas from behaviour"): its size,
// conversion, typical stage path, the stage where it is lost most, what sets
// its behaviour and its attributes apart, and a plain-words name built from
// these. Plain data: cards are rendered as text, Markdown or JSON, and the
// HTML map shows them in its persona switcher.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cjm {

// A behaviour feature where the group differs from everyone.
struct PersonaTrait {
  std::string feature;  // the feature's name ("touchpoint:ad_view", "visits")
  std::string words;    // how a card says it ("more ad_view", "few visits")
  double mean = 0;      // the group's mean of the raw feature
  double overall = 0;   // everyone's mean
  double effect = 0;    // (mean - overall) / everyone's standard deviation
};

// An attribute value more common in the group than in everyone.
struct PersonaAttribute {
  std::string column, value;
  double share = 0;    // of the group's customers with the value (their last one)
  double overall = 0;  // of all customers
};

struct PersonaCard {
  std::string id;    // "p1", "p2", ... by size, the largest first
  std::string name;  // plain words built from the figures below
  uint64_t customers = 0;
  double share = 0;  // of all customers
  uint64_t converted = 0;
  double conversion = 0;  // converted / customers
  // The most common stage path (stage names, repeats collapsed) and the share
  // of the group's customers who took it.
  std::vector<std::string> typical_path;
  double typical_path_share = 0;
  // The stage where most of the group's non-converting customers stopped
  // (their furthest stage); "" when none was lost.
  std::string lost_stage, lost_stage_name;
  double lost_share = 0;                     // of the group's customers
  std::vector<PersonaTrait> traits;          // the strongest first, at most 3
  std::vector<PersonaAttribute> attributes;  // the most distinctive first, at most 3
};

// The cards of one run and how they were found.
struct PersonaCards {
  std::string column = "persona";  // the column of the customer table that names the card ids
  uint64_t customers = 0;
  double conversion = 0;  // of all customers
  uint64_t seed = 1;
  int k = 0;
  bool k_chosen = false;                            // K chosen by the silhouette (no --k)
  std::vector<std::pair<int, double>> silhouettes;  // (K, mean silhouette) tried
  std::vector<std::string> features;                // the feature columns clustered
  std::vector<PersonaCard> cards;
};

}  // namespace cjm
