// Persona cards as JSON (schema "cjm.personas/1", docs/methods.md, "Personas
// from behaviour"): what `cjm personas --format json` writes and what the
// HTML map reads back to show the cards in its persona switcher.
#pragma once

#include <string>

#include "analysis/result_json.h"
#include "personas/persona_card.h"

namespace cjm {

// One card as JSON: {id, name, customers, share, converted, conversion,
// typical_path: {stages, share}, lost_at: {stage, name, share} or null,
// traits: [{feature, words, mean, overall, effect}], attributes: [{column,
// value, share, overall}]}.
Json to_json(const PersonaCard& card);

// The whole run: {schema, column, customers, conversion, seed, k, k_chosen,
// silhouettes: [{k, silhouette}], features, cards}.
Json to_json(const PersonaCards& cards);

// Reads what to_json(PersonaCards) wrote. Throws cjm::Error naming `file`
// (and the JSON path of the bad key) on text that is not such a document.
PersonaCards persona_cards_from_json(const std::string& text, const std::string& file);

}  // namespace cjm
