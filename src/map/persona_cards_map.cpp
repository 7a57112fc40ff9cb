#include "map/persona_cards_map.h"

namespace cjm {

size_t attach_persona_cards(JourneyMap& map, const JourneySpec& spec, const PersonaCards& cards) {
  size_t attached = 0;
  for (MapSegment& segment : map.segments) {
    if (segment.kind != "persona") continue;
    for (const PersonaSpec& p : spec.personas) {
      if (p.id != segment.id || p.where.size() != 1) continue;
      const auto& [column, values] = p.where[0];
      if (column != cards.column || values.size() != 1) continue;
      for (const PersonaCard& card : cards.cards)
        if (card.id == values[0]) {
          segment.card = card;
          if (p.name == p.id) segment.name = card.name;  // named only by its id
          ++attached;
        }
    }
  }
  return attached;
}

}  // namespace cjm
