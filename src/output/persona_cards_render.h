// Persona cards (cjm personas) as text, Markdown or JSON. They only format
// the cards; every figure comes from personas/find_personas.
#pragma once

#include <string>

#include "personas/persona_card.h"

namespace cjm {

// Where the run's customer table and cards went, for the spec snippet that
// maps the personas ("" when not written: the snippet names a placeholder).
struct PersonaFiles {
  std::string table;      // --customers-out
  std::string id_column;  // its customer id column
  std::string cards;      // the JSON cards (-o with --format json)
};

// A terminal summary: how K was found, one card per group, then the spec
// lines (data.customers and one persona per card) that map them.
std::string render_persona_cards_text(const PersonaCards& cards, const PersonaFiles& files);

// The same as Markdown: a table of the cards and the spec lines.
std::string render_persona_cards_markdown(const PersonaCards& cards, const PersonaFiles& files);

// JSON, schema "cjm.personas/1" (personas/persona_cards_json.h).
std::string render_persona_cards_json(const PersonaCards& cards);

// The spec lines that map the personas of `cards`: a data.customers entry and
// a persona per card, with every text quoted for YAML.
std::string persona_spec_snippet(const PersonaCards& cards, const PersonaFiles& files);

}  // namespace cjm
