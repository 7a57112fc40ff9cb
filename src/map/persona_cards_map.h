// Persona cards (cjm personas) on the map: each persona segment whose spec
// filter is exactly "the cards' column is one card's id" gets that card, which
// the HTML map shows in its persona switcher.
#pragma once

#include "map/journey_map.h"
#include "personas/persona_card.h"
#include "spec/journey_spec.h"

namespace cjm {

// Attaches the cards of `cards` to the persona segments of `map` whose
// persona in `spec` has one `where` entry, on cards.column, with one value, a
// card's id; a persona named only by its id takes the card's name. Returns
// how many segments got a card.
size_t attach_persona_cards(JourneyMap& map, const JourneySpec& spec, const PersonaCards& cards);

}  // namespace cjm
