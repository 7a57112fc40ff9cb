// draft_yaml: the draft as a commented YAML journey spec.
#include <fmt/format.h>

#include "core/error.h"
#include "draft/draft_spec.h"

namespace cjm {

namespace {

// `s` as a double-quoted YAML scalar: the same bytes when read back.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02X}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// Text from the data, safe on one comment line (a name: at most 40 bytes).
std::string shown(const std::string& s, size_t max = 40) {
  return printable(s, max);
}

std::string pct(double share) {
  return fmt::format("{:.0f} %", 100 * share);
}

void data_block(const Draft& d, std::string& y) {
  const ColumnGuess& g = d.columns;
  y += "data:\n";
  auto role = [&](const char* key, const ColumnChoice& c, const std::string& column,
                  const char* none) {
    if (!c.column.empty())
      y += fmt::format("  {}: {}  # {}\n", key, quoted(c.column), c.why);
    else
      y += fmt::format("  {}: {}  # {}\n", key, quoted(column), none);
  };
  role("customer", g.customer, g.data.customer, "");
  role("time", g.time, g.data.time, "");
  y += fmt::format("  time_format: {}\n", g.data.time_format);
  role("event", g.event, g.data.event, "");
  role("channel", g.channel, g.data.channel,
       "no channel column found (names tried: channel, utm_source, source, medium, ...)");
  role("value", g.value, g.data.value,
       "no value column found (names tried: value, revenue, amount, price, ...)");
  role("score", g.score, g.data.score,
       "no score column found (names tried: score, rating, csat, nps, ...)");
  if (!g.session.column.empty())
    y += fmt::format("  session: {}  # {}\n", quoted(g.session.column), g.session.why);
  for (const std::string& note : g.notes) y += "  # " + shown(note, 300) + "\n";
  if (!g.session.column.empty()) {
    y += "# The log has sessions: uncomment to make every figure count visits instead of "
         "customers\n# (docs/spec.md, \"unit\").\n# unit: visit\n";
  } else {
    y += "# No session column: uncomment to cut each customer's events into visits at pauses "
         "longer\n# than 30 minutes (then `unit: visit` counts visits; docs/spec.md, "
         "\"windows\").\n# windows:\n#   session_gap: 30m\n";
  }
}

void stages_block(const Draft& d, std::string& y) {
  const StagePlan& p = d.stages;
  y += "# Stages: each event name's position (0 to 1) is the share of the other names it "
       "meets that\n# customers typically meet first (first occurrences only, so repeats "
       "and loops do not\n# move it); the names in that order are cut into K groups by optimal "
       "one-dimensional\n# k-means (docs/methods.md, \"Drafting a spec\").\n";
  y += fmt::format("# {}; the cut explains {} of the variance.\n", p.k_rule, pct(p.explained));
  if (!p.rare.empty())
    y += fmt::format(
        "# {} rare names (under 0.1 % of the events, or never beside another "
        "name) joined the stage nearest their position.\n",
        p.rare.size());
  y += "stages:\n";
  for (const DraftStage& s : p.stages) {
    y += fmt::format("  - id: {}\n    name: {}  # positions {:.2f} to {:.2f}\n    events:\n",
                     quoted(s.id), quoted(s.name), s.from, s.to);
    for (size_t e : s.events) {
      const EventStats& st = d.stats[e];
      y += fmt::format("      - {}  # {} events, {} customers, position {:.2f}\n", quoted(st.name),
                       st.rows, st.journeys, st.position);
    }
  }
  if (!p.left_out.empty()) {
    y += fmt::format(
        "# {} rarer event names are left out (at most {} names go into stages); "
        "they count as unmapped:\n",
        p.left_out.size(), p.max_names);
    const size_t shown_max = 50;
    for (size_t i = 0; i < p.left_out.size() && i < shown_max; ++i)
      y += fmt::format("#   {} ({} events)\n", shown(d.stats[p.left_out[i]].name),
                       d.stats[p.left_out[i]].rows);
    if (p.left_out.size() > shown_max)
      y += fmt::format("#   ... and {} more\n", p.left_out.size() - shown_max);
  }
}

void conversion_block(const Draft& d, std::string& y) {
  const ConversionChoice& c = d.conversion;
  if (c.event < 0) {
    y += "# conversion: none drafted: " + c.evidence + ".\n";
    return;
  }
  const EventStats& s = d.stats[static_cast<size_t>(c.event)];
  y += fmt::format("# {}: {}.\n", shown(s.name), c.evidence);
  if (c.runner_up >= 0)
    y += fmt::format("# Next best, {}: {}.\n",
                     shown(d.stats[static_cast<size_t>(c.runner_up)].name), c.runner_up_evidence);
  y += "conversion: " + quoted(s.name) + "\n";
}

void personas_block(const Draft& d, std::string& y) {
  const PersonaPlan& p = d.personas;
  if (p.personas.empty()) {
    y += "# personas: none drafted (no attribute column with 2 to 8 values, each the last value "
         "of\n# at least 5 % of the customers).\n";
  } else {
    y += "# Personas: one per frequent value (at least 5 % of the customers) of each attribute "
         "column\n# with 2 to 8 distinct values; a customer counts by its last non-empty value "
         "(match: last).\npersonas:\n";
    for (const PersonaDraft& q : p.personas) {
      y += fmt::format("  - id: {}\n    where: {{{}: {}}}  # {} of the customers ({})",
                       quoted(q.id), quoted(q.column), quoted(q.value), pct(q.share), q.customers);
      if (q.changing > 0) y += fmt::format("; the value changes for {} of them", pct(q.changing));
      y += "\n";
    }
  }
  for (const std::string& note : p.notes) y += "# Not a persona column: " + shown(note, 300) + "\n";
}

}  // namespace

std::string draft_yaml(const Draft& d) {
  std::string y;
  y += fmt::format(
      "# A journey spec drafted by `cjm init` from {} ({} rows, {} rejected; {} customers, {} "
      "event names).\n# Every guess says why it was made: check them, give the stages better "
      "names, add the\n# qualitative lanes (goal, thinking, feeling; docs/spec.md), then run "
      "`cjm map`.\n",
      shown(d.source), d.rows, d.rejected, d.customers, d.stats.size());
  y += "name: " + quoted(d.name) + "\n";
  data_block(d, y);
  stages_block(d, y);
  conversion_block(d, y);
  personas_block(d, y);
  return y;
}

}  // namespace cjm
