#include "output/persona_cards_render.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "output/format_util.h"
#include "output/markdown_table.h"
#include "personas/persona_cards_json.h"

namespace cjm {

namespace {

std::string pct(double share) {
  return fmtutil::percent(share);
}

// A YAML double-quoted scalar: JSON's string syntax is valid YAML.
std::string yaml_quoted(const std::string& s) {
  return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string how_k(const PersonaCards& cards) {
  if (!cards.k_chosen) return fmt::format("K = {} as given", cards.k);
  std::vector<std::string> tried;
  for (const auto& [k, s] : cards.silhouettes) tried.push_back(fmt::format("{}: {:.3f}", k, s));
  return fmt::format("K = {} chosen by the highest mean silhouette ({})", cards.k,
                     fmt::join(tried, ", "));
}

std::string path_words(const PersonaCard& c) {
  if (c.typical_path.empty()) return "(no stage)";
  return fmt::format("{}", fmt::join(c.typical_path, " → "));
}

// A feature's mean in its own units: visits and days were clustered as
// log(1 + x), so their means read back as exp(mean) - 1 (a geometric-like
// typical value); every other feature is a share.
std::string feature_value(const std::string& feature, double mean) {
  if (feature == "visits") return fmt::format("{:.1f} visits", std::expm1(mean));
  if (feature == "days_to_convert") return fmt::format("{:.1f} days", std::expm1(mean));
  return pct(mean);
}

std::string trait_list(const PersonaCard& c) {
  std::vector<std::string> out;
  for (const PersonaTrait& t : c.traits)
    out.push_back(fmt::format("{} ({} vs {})", t.words, feature_value(t.feature, t.mean),
                              feature_value(t.feature, t.overall)));
  return out.empty() ? "like everyone" : fmt::format("{}", fmt::join(out, "; "));
}

std::string attribute_list(const PersonaCard& c) {
  std::vector<std::string> out;
  for (const PersonaAttribute& a : c.attributes)
    out.push_back(
        fmt::format("{} {}: {} (everyone {})", a.column, a.value, pct(a.share), pct(a.overall)));
  return out.empty() ? "none stands out" : fmt::format("{}", fmt::join(out, "; "));
}

std::string lost_words(const PersonaCard& c) {
  if (c.lost_stage.empty()) return "none lost";
  return fmt::format("{} ({} of them)", c.lost_stage_name, pct(c.lost_share));
}

}  // namespace

std::string persona_spec_snippet(const PersonaCards& cards, const PersonaFiles& files) {
  std::string out = "data:\n  customers:\n";
  out += fmt::format("    - {{file: {}, id: {}, cards: {}}}\n",
                     yaml_quoted(files.table.empty() ? "personas.csv" : files.table),
                     yaml_quoted(files.id_column.empty() ? "customer_id" : files.id_column),
                     yaml_quoted(files.cards.empty() ? "cards.json" : files.cards));
  out += "personas:\n";
  for (const PersonaCard& c : cards.cards)
    out += fmt::format("  - {{id: {}, name: {}, where: {{{}: {}}}}}\n", yaml_quoted(c.id),
                       yaml_quoted(c.name), yaml_quoted(cards.column), yaml_quoted(c.id));
  return out;
}

std::string render_persona_cards_text(const PersonaCards& cards, const PersonaFiles& files) {
  std::string out =
      fmt::format("Personas: {} groups of {} customers (conversion {}); {}; seed {}\n", cards.k,
                  fmtutil::count(cards.customers), pct(cards.conversion), how_k(cards), cards.seed);
  for (const PersonaCard& c : cards.cards) {
    out += fmt::format("\n{}  {}\n", c.id, fmtutil::clean(c.name));
    out += fmt::format("    {} customers ({}) · conversion {} (everyone {})\n",
                       fmtutil::count(c.customers), pct(c.share), pct(c.conversion),
                       pct(cards.conversion));
    out += fmt::format("    Typical path: {} ({} of them)\n", fmtutil::clean(path_words(c)),
                       pct(c.typical_path_share));
    out += fmt::format("    Lost most at: {}\n", fmtutil::clean(lost_words(c)));
    out += fmt::format("    Behaviour:    {}\n", fmtutil::clean(trait_list(c)));
    out += fmt::format("    Attributes:   {}\n", fmtutil::clean(attribute_list(c)));
  }
  out +=
      "\nTo map each persona, add to the spec (data.customers joins the table; "
      "cards show in the map):\n";
  const std::string snippet = persona_spec_snippet(cards, files);
  for (size_t begin = 0, end; begin < snippet.size(); begin = end + 1) {
    end = snippet.find('\n', begin);
    out += fmtutil::clean(std::string_view(snippet).substr(begin, end - begin)) + "\n";
  }
  return out;
}

std::string render_persona_cards_markdown(const PersonaCards& cards, const PersonaFiles& files) {
  using markdown::esc;
  std::string out = "# Personas\n\n";
  out += esc(fmt::format("{} groups of {} customers (conversion {}); {}; seed {}.", cards.k,
                         fmtutil::count(cards.customers), pct(cards.conversion), how_k(cards),
                         cards.seed));
  out += "\n\n";
  markdown::Table t({"Persona", "Name", "Customers", "Conversion", "Typical path", "Lost most at",
                     "Behaviour", "Attributes"},
                    "llrrllll");
  for (const PersonaCard& c : cards.cards)
    t.row({esc(c.id), esc(c.name),
           fmt::format("{} ({})", fmtutil::count(c.customers), pct(c.share)), pct(c.conversion),
           esc(path_words(c)), esc(lost_words(c)), esc(trait_list(c)), esc(attribute_list(c))});
  t.write(out);
  out += "To map each persona, add to the spec:\n\n```yaml\n";
  std::string snippet = persona_spec_snippet(cards, files);
  // A fence inside a data-made name would close the block early.
  for (size_t i = 0; (i = snippet.find("```", i)) != std::string::npos;)
    snippet.replace(i, 3, "'''");
  out += snippet + "```\n";
  return out;
}

std::string render_persona_cards_json(const PersonaCards& cards) {
  return to_json(cards).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace cjm
