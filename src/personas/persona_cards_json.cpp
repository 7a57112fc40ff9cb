#include "personas/persona_cards_json.h"

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace cjm {

Json to_json(const PersonaCard& card) {
  Json traits = Json::array();
  for (const PersonaTrait& t : card.traits)
    traits.push_back(Json{{"feature", t.feature},
                          {"words", t.words},
                          {"mean", json_number(t.mean)},
                          {"overall", json_number(t.overall)},
                          {"effect", json_number(t.effect)}});
  Json attributes = Json::array();
  for (const PersonaAttribute& a : card.attributes)
    attributes.push_back(Json{{"column", a.column},
                              {"value", a.value},
                              {"share", json_number(a.share)},
                              {"overall", json_number(a.overall)}});
  Json lost = nullptr;
  if (!card.lost_stage.empty())
    lost = Json{{"stage", card.lost_stage},
                {"name", card.lost_stage_name},
                {"share", json_number(card.lost_share)}};
  return Json{{"id", card.id},
              {"name", card.name},
              {"customers", card.customers},
              {"share", json_number(card.share)},
              {"converted", card.converted},
              {"conversion", json_number(card.conversion)},
              {"typical_path", Json{{"stages", card.typical_path},
                                    {"share", json_number(card.typical_path_share)}}},
              {"lost_at", std::move(lost)},
              {"traits", std::move(traits)},
              {"attributes", std::move(attributes)}};
}

Json to_json(const PersonaCards& cards) {
  Json silhouettes = Json::array();
  for (const auto& [k, s] : cards.silhouettes)
    silhouettes.push_back(Json{{"k", k}, {"silhouette", json_number(s)}});
  Json list = Json::array();
  for (const PersonaCard& c : cards.cards) list.push_back(to_json(c));
  return Json{{"schema", "cjm.personas/1"},   {"column", cards.column},
              {"customers", cards.customers}, {"conversion", json_number(cards.conversion)},
              {"seed", cards.seed},           {"k", cards.k},
              {"k_chosen", cards.k_chosen},   {"silhouettes", std::move(silhouettes)},
              {"features", cards.features},   {"cards", std::move(list)}};
}

namespace {

// A reader of one JSON document whose failures name the file and the key.
struct Reader {
  const std::string& file;
  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw Error(file, 0, where + ": " + what);
  }
  const Json& key(const Json& obj, const char* name, const std::string& where) const {
    if (!obj.is_object()) fail(where, "expected an object");
    const auto it = obj.find(name);
    if (it == obj.end()) fail(where, std::string("the key '") + name + "' is missing");
    return *it;
  }
  std::string text(const Json& obj, const char* name, const std::string& where) const {
    const Json& v = key(obj, name, where);
    if (!v.is_string()) fail(where + "." + name, "expected a text");
    return v.get<std::string>();
  }
  double number(const Json& obj, const char* name, const std::string& where) const {
    const Json& v = key(obj, name, where);
    if (v.is_null()) return 0;
    if (!v.is_number()) fail(where + "." + name, "expected a number");
    return v.get<double>();
  }
  uint64_t count(const Json& obj, const char* name, const std::string& where) const {
    const Json& v = key(obj, name, where);
    if (!v.is_number_unsigned()) fail(where + "." + name, "expected a whole number >= 0");
    return v.get<uint64_t>();
  }
  const Json& list(const Json& obj, const char* name, const std::string& where) const {
    const Json& v = key(obj, name, where);
    if (!v.is_array()) fail(where + "." + name, "expected a list");
    return v;
  }
};

}  // namespace

PersonaCards persona_cards_from_json(const std::string& text, const std::string& file) {
  Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded())
    throw Error(file, 0, "not JSON: persona cards are what cjm personas --format json writes");
  const Reader r{file};
  if (r.text(doc, "schema", "$") != "cjm.personas/1")
    r.fail("$.schema", "expected \"cjm.personas/1\" (cjm personas --format json)");
  PersonaCards cards;
  cards.column = r.text(doc, "column", "$");
  cards.customers = r.count(doc, "customers", "$");
  cards.conversion = r.number(doc, "conversion", "$");
  const Json& list = r.list(doc, "cards", "$");
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = "$.cards[" + std::to_string(i) + "]";
    const Json& c = list[i];
    PersonaCard card;
    card.id = r.text(c, "id", at);
    card.name = r.text(c, "name", at);
    card.customers = r.count(c, "customers", at);
    card.share = r.number(c, "share", at);
    card.converted = r.count(c, "converted", at);
    card.conversion = r.number(c, "conversion", at);
    const Json& path = r.key(c, "typical_path", at);
    for (const Json& s : r.list(path, "stages", at + ".typical_path")) {
      if (!s.is_string()) r.fail(at + ".typical_path.stages", "expected texts");
      card.typical_path.push_back(s.get<std::string>());
    }
    card.typical_path_share = r.number(path, "share", at + ".typical_path");
    const Json& lost = r.key(c, "lost_at", at);
    if (!lost.is_null()) {
      card.lost_stage = r.text(lost, "stage", at + ".lost_at");
      card.lost_stage_name = r.text(lost, "name", at + ".lost_at");
      card.lost_share = r.number(lost, "share", at + ".lost_at");
    }
    const Json& traits = r.list(c, "traits", at);
    for (size_t t = 0; t < traits.size(); ++t) {
      const std::string tat = at + ".traits[" + std::to_string(t) + "]";
      card.traits.push_back({r.text(traits[t], "feature", tat), r.text(traits[t], "words", tat),
                             r.number(traits[t], "mean", tat), r.number(traits[t], "overall", tat),
                             r.number(traits[t], "effect", tat)});
    }
    const Json& attrs = r.list(c, "attributes", at);
    for (size_t a = 0; a < attrs.size(); ++a) {
      const std::string aat = at + ".attributes[" + std::to_string(a) + "]";
      card.attributes.push_back({r.text(attrs[a], "column", aat), r.text(attrs[a], "value", aat),
                                 r.number(attrs[a], "share", aat),
                                 r.number(attrs[a], "overall", aat)});
    }
    cards.cards.push_back(std::move(card));
  }
  return cards;
}

}  // namespace cjm
