// render_markdown: the figures as Markdown tables (GitHub-flavoured).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/path_label.h"
#include "output/format_util.h"
#include "output/markdown_sections.h"
#include "output/markdown_table.h"
#include "output/render.h"
#include "output/unit_words.h"

namespace cjm {

namespace {

constexpr size_t kTopTransitions = 20;

using fmtutil::count;
using fmtutil::percent;
using fmtutil::ratio;

using markdown::esc;
using markdown::markdown_changes;
using markdown::markdown_periods;
using markdown::markdown_visits;
using markdown::Table;

std::string duration_or_dash(const Stats& s, double value) {
  return s.count > 0 ? fmtutil::duration(value) : "—";
}

void overview(const AnalysisResult& r, std::string& out) {
  const InputSummary& in = r.input;
  out += fmt::format("# {}\n\n", r.journey_name.empty() ? "Journey" : esc(r.journey_name));
  out += fmt::format("- **Input:** {}", in.path.empty() ? "—" : esc(in.path));
  std::vector<std::string> kinds;
  if (!in.format.empty()) kinds.push_back(esc(in.format));
  if (!in.time_format.empty()) kinds.push_back(esc(in.time_format));
  if (!kinds.empty()) out += fmt::format(" ({})", fmt::join(kinds, ", "));
  out += '\n';
  out += fmt::format("- **Events:** {} of {} rows", count(in.events), count(in.rows));
  if (in.rejected_rows > 0) out += fmt::format(" ({} rejected)", count(in.rejected_rows));
  out += '\n';
  out += fmt::format("- **Customers:** {}\n", count(in.customers));
  for (const CustomerJoin& t : in.customer_tables) {
    out += fmt::format("- **Customer table:** {}: {} of {} rows matched", esc(t.path),
                       count(t.matched), count(t.rows));
    if (t.without_events > 0) {
      std::vector<std::string> ids;
      for (const auto& e : t.without_events_examples)
        ids.push_back(fmt::format("{} (line {})", esc(e.id), e.line));
      out += fmt::format("; {} with no events, not mapped ({})", count(t.without_events),
                         fmt::join(ids, ", "));
    }
    if (t.customers_without_row > 0)
      out += fmt::format("; {} customers of the log without a row", count(t.customers_without_row));
    out += '\n';
  }
  if (r.unit == "visit" && in.visits)
    out += fmt::format("- **Visits:** {} (each journey is one visit)\n", count(*in.visits));
  if (in.first_time_us && in.last_time_us) {
    out += fmt::format("- **Period:** {} to {}\n", fmtutil::iso8601_utc(*in.first_time_us),
                       fmtutil::iso8601_utc(*in.last_time_us));
  }
  out += fmt::format("- **Unmapped events:** {}\n\n", count(in.unmapped_events));
}

void stages_section(const AnalysisResult& r, const fmtutil::StageNames& names, std::string& out) {
  const SegmentResult& all = r.all;
  out += "## Stages\n\n";
  if (all.stages.empty()) {
    out += "No stages.\n\n";
    return;
  }
  Table t({"#", "Stage", "Id", "Reached", "% of " + unit_words(r.unit).plural, "Events",
           "Median time from previous", "p90 time from previous", "Mean score", "Scores"},
          "rllrrrrrrr");
  for (size_t k = 0; k < all.stages.size(); ++k) {
    const StageResult& s = all.stages[k];
    const Stats& tp = s.time_from_previous_s;
    const bool has_time = k > 0 && tp.count > 0;
    std::string scores = "—";
    if (!s.emotion.distribution.empty()) {
      std::vector<std::string> parts;
      for (const auto& [value, n] : s.emotion.distribution) {
        parts.push_back(fmt::format("{}: {}", fmtutil::shortest(value), count(n)));
      }
      scores = fmt::format("{}", fmt::join(parts, ", "));
    }
    t.row({fmt::format("{}", k + 1), names.name(k), k < r.stages.size() ? esc(r.stages[k].id) : "",
           count(s.reached), percent(ratio(s.reached, all.customers)), count(s.events),
           has_time ? fmtutil::duration(tp.p50) : "—", has_time ? fmtutil::duration(tp.p90) : "—",
           s.emotion.count > 0 ? fmtutil::score(s.emotion.mean) : "—", scores});
  }
  t.write(out);

  std::optional<size_t> lowest;
  for (size_t k = 0; k < all.stages.size(); ++k) {
    const Emotion& e = all.stages[k].emotion;
    if (e.count > 0 && (!lowest || e.mean < all.stages[*lowest].emotion.mean)) lowest = k;
  }
  if (lowest) {
    out += fmt::format("Lowest mean score (critical point): **{}** ({}).\n\n", names.name(*lowest),
                       fmtutil::score(all.stages[*lowest].emotion.mean));
  }
}

void funnel_section(const AnalysisResult& r, const fmtutil::StageNames& names, std::string& out) {
  const Funnel& f = r.all.funnel;
  out += "## Funnel\n\n";
  out += f.window_s ? fmt::format("Conversion window: {}.", fmtutil::duration(*f.window_s))
                    : std::string("No conversion window (windowed and unbounded are equal).");
  out += " Conversion and drop-off are from the previous stage on the windowed closed funnel.\n\n";
  const size_t n = std::max(
      {f.closed.size(), f.open.size(), f.closed_unbounded.size(), f.open_unbounded.size()});
  if (n == 0) {
    out += "No funnel.\n\n";
    return;
  }
  const auto at = [](const std::vector<uint64_t>& v, size_t k) {
    return k < v.size() ? count(v[k]) : std::string("—");
  };
  Table t({"Stage", "Closed", "Open", "Closed (unbounded)", "Open (unbounded)", "Conversion",
           "Drop-off"},
          "lrrrrrr");
  for (size_t k = 0; k < n; ++k) {
    std::optional<double> conv;
    if (k > 0 && k < f.closed.size()) conv = ratio(f.closed[k], f.closed[k - 1]);
    t.row({names.name(k), at(f.closed, k), at(f.open, k), at(f.closed_unbounded, k),
           at(f.open_unbounded, k), percent(conv), conv ? percent(1.0 - *conv) : std::string("—")});
  }
  t.write(out);
}

void transition_table(const std::vector<Transition>& list, const fmtutil::StageNames* names,
                      std::string& out) {
  if (list.empty()) {
    out += "None.\n\n";
    return;
  }
  Table t = names ? Table({"From", "To", "Count", "Direction"}, "llrl")
                  : Table({"From", "To", "Count"}, "llr");
  for (size_t i = 0; i < list.size() && i < kTopTransitions; ++i) {
    const Transition& tr = list[i];
    if (names) {
      t.row({names->name_of(tr.from), names->name_of(tr.to), count(tr.count),
             names->backward(tr) ? "**backward**" : ""});
    } else {
      t.row({esc(tr.from), esc(tr.to), count(tr.count)});
    }
  }
  t.write(out);
}

void transitions_section(const AnalysisResult& r, const fmtutil::StageNames& names,
                         std::string& out) {
  out += "## Transitions\n\n";
  out += fmt::format("### Stage transitions (top {})\n\n", kTopTransitions);
  transition_table(r.all.stage_transitions, &names, out);
  out += fmt::format("### Touchpoint transitions (top {})\n\n", kTopTransitions);
  transition_table(r.all.touchpoint_transitions, nullptr, out);
}

void path_table(const std::vector<PathStat>& list, const fmtutil::StageNames* names,
                const UnitWords& words, std::string& out) {
  if (list.empty()) {
    out += "None.\n\n";
    return;
  }
  Table t({words.title, "Converted", "Conversion rate", "Steps"}, "rrrl");
  for (const PathStat& p : list) {
    const std::string steps = path_label(p.steps, p.repeats, [&](const std::string& s) {
      return names ? names->name_of(s) : esc(s);
    });
    t.row(
        {count(p.customers), count(p.converted), percent(ratio(p.converted, p.customers)), steps});
  }
  t.write(out);
}

void paths_section(const AnalysisResult& r, const fmtutil::StageNames& names, std::string& out) {
  const Shape& sh = r.all.shape;
  out += "## Paths\n\n";
  out += fmt::format("Shape over {} journeys: linear {} ({}), backward {} ({}), skip {} ({}).\n\n",
                     count(sh.journeys), count(sh.linear), percent(ratio(sh.linear, sh.journeys)),
                     count(sh.backward), percent(ratio(sh.backward, sh.journeys)), count(sh.skip),
                     percent(ratio(sh.skip, sh.journeys)));
  const UnitWords words = unit_words(r.unit);
  out += "### Stage variants\n\n";
  path_table(r.all.stage_variants, &names, words, out);
  out += "### Touchpoint paths\n\n";
  path_table(r.all.touchpoint_paths, nullptr, words, out);
}

// "Paths from X to Y" (when asked) and "Last steps before leaving".
void path_questions_section(const AnalysisResult& r, std::string& out) {
  const UnitWords words = unit_words(r.unit);
  const auto rows = [&](const std::vector<PathCount>& list, uint64_t of) {
    Table t({words.title, "Share", "Steps"}, "rrl");
    for (const PathCount& p : list)
      t.row({count(p.journeys), percent(ratio(p.journeys, of)), path_label(p.steps, esc)});
    t.write(out);
  };
  const PathsBetween& pb = r.all.paths_between;
  if (pb.asked) {
    out += fmt::format("## Paths from {} to {}\n\n", esc(pb.from), esc(pb.to));
    out += fmt::format("{} of {} {} with {} ({}) went on to {}", count(pb.with_path),
                       count(pb.with_from), words.plural, esc(pb.from),
                       percent(ratio(pb.with_path, pb.with_from)), esc(pb.to));
    if (pb.time_s.count > 0) out += ", median " + fmtutil::duration(pb.time_s.p50) + " later";
    out += ".\n\n";
    if (!pb.paths.empty()) rows(pb.paths, pb.with_path);
  }
  const LastSteps& ls = r.all.last_steps;
  if (ls.paths.empty()) return;
  out += "## Last steps before leaving\n\n";
  out += fmt::format("The last {} steps of the {} {} that did not convert.\n\n", ls.steps,
                     count(ls.journeys), words.plural);
  rows(ls.paths, ls.journeys);
}

void conversion_section(const AnalysisResult& r, std::string& out) {
  const SegmentResult& all = r.all;
  const Stats& t = all.time_to_convert_s;
  out += "## Conversion\n\n";
  Table table(
      {unit_words(r.unit).title, "Converted", "Rate", "Mean time to convert", "Median", "p90"},
      "rrrrrr");
  table.row({count(all.customers), count(all.converted),
             percent(ratio(all.converted, all.customers)), duration_or_dash(t, t.mean),
             duration_or_dash(t, t.p50), duration_or_dash(t, t.p90)});
  table.write(out);
}

// Cohort columns shown: the cohort month and the 12 months after it.
constexpr size_t kCohortMonths = 13;

void retention_section(const AnalysisResult& r, std::string& out) {
  const RetentionResult& ret = r.all.retention;
  if (ret.buyers == 0) return;
  const Stats& t = ret.time_to_second_purchase_s;
  out += "## Retention and advocacy\n\n";
  Table table({"Buyers", "Repeat buyers", "Repeat rate", "Median time to 2nd purchase", "p90",
               "Advocates", "Advocacy share"},
              "rrrrrrr");
  table.row({count(ret.buyers), count(ret.repeat_buyers), percent(ret.repeat_rate),
             duration_or_dash(t, t.p50), duration_or_dash(t, t.p90), count(ret.advocates),
             percent(ret.advocacy_share)});
  table.write(out);
  if (ret.cohorts.empty()) return;
  size_t months = 0;
  for (const CohortRow& row : ret.cohorts) months = std::max(months, row.active.size());
  months = std::min(months, kCohortMonths);
  out += "### Cohorts by month of first purchase\n\n";
  out += "Customers of each cohort with a purchase in month M+k (share of the cohort).\n\n";
  std::vector<std::string> header{"Cohort", "Customers"};
  std::string align = "lr";
  for (size_t m = 0; m < months; ++m) {
    header.push_back(fmt::format("M+{}", m));
    align += 'r';
  }
  Table cohorts(header, align);
  for (const CohortRow& row : ret.cohorts) {
    std::vector<std::string> cells{esc(row.month), count(row.customers)};
    for (size_t m = 0; m < months; ++m)
      cells.push_back(m < row.active.size()
                          ? fmt::format("{} ({})", count(row.active[m]),
                                        percent(ratio(row.active[m], row.customers)))
                          : std::string());
    cohorts.row(std::move(cells));
  }
  cohorts.write(out);
}

// Barriers: conversion by the number of barriers met, and each barrier against
// comparable customers (docs/methods.md, "Barriers").
std::string rate_with_ci(std::optional<double> rate, const Interval& ci) {
  if (!rate) return "—";
  return fmt::format("{} ({}–{})", percent(rate), percent(ci.low), percent(ci.high));
}

void barriers_section(const AnalysisResult& r, std::string& out) {
  const BarrierResult& b = r.all.barriers;
  if (b.items.empty()) return;
  const UnitWords words = unit_words(r.unit);
  out += "## Barriers\n\n";
  out += words.title +
         " by the number of distinct barriers met before their first conversion "
         "(or in the whole journey); rate with its 95% Wilson interval.\n\n";
  Table stacking({"Barriers met", words.title, "Converted", "Rate (95% CI)"}, "rrrr");
  for (const BarrierCountRow& row : b.by_count)
    stacking.row({row.label, count(row.customers), count(row.converted),
                  rate_with_ci(row.rate, row.rate_ci)});
  stacking.write(out);
  Table items({"Barrier", "Stage", "Met", "Converted", "Rate (95% CI)", "Comparable",
               "Comparable rate", "Lost after", "Mean score around"},
              "llrrrrrrr");
  for (const BarrierItem& it : b.items)
    items.row({esc(it.name), esc(it.stage.empty() ? std::string("—") : it.stage),
               count(it.customers), count(it.converted), rate_with_ci(it.rate, it.rate_ci),
               count(it.comparable_customers), percent(it.comparable_rate), count(it.lost_after),
               it.mean_score_around ? fmt::format("{:.2f}", *it.mean_score_around) : "—"});
  items.write(out);
}

void opportunities_section(const AnalysisResult& r, std::string& out) {
  const std::vector<Opportunity>& list = r.all.barriers.opportunities;
  if (list.empty()) return;
  out += "## Opportunities\n\n";
  out += "Estimated extra conversions if a barrier were removed: " + esc(list.front().method) +
         ". Ranked by extra conversions per unit of fix cost.\n\n";
  Table table({"Rank", "Barrier", "Fix cost", "Extra conversions (95% CI)", "Extra value",
               "Gain per 1000 of cost"},
              "rlrrrr");
  for (const Opportunity& o : list)
    table.row({std::to_string(o.rank), esc(o.barrier_name), fmt::format("{:.0f}", o.fix_cost),
               fmt::format("{:.1f} ({:.1f}–{:.1f})", o.extra_conversions,
                           o.extra_conversions_ci.low, o.extra_conversions_ci.high),
               fmt::format("{:.2f}", o.extra_value),
               std::isfinite(o.gain_per_cost) ? fmt::format("{:.3f}", o.gain_per_cost * 1000)
                                              : std::string("free fix")});
  table.write(out);
}

// Attribution of conversions: one row per touchpoint, one column per model.
void attribution_section(const AnalysisResult& r, std::string& out) {
  const AttributionResult& a = r.all.attribution;
  if (a.total_conversions <= 0 || a.touchpoint.empty()) return;
  out += "## Attribution\n\n";
  out += fmt::format(
      "Conversions credited to each touchpoint by model ({} converting and {} non-converting "
      "paths; Markov order {}).\n\n",
      count(a.converting_paths), count(a.non_converting_paths), a.markov_order);
  if (!a.note.empty()) out += esc(a.note) + ".\n\n";
  std::vector<std::string> header{"Touchpoint"};
  std::string align = "l";
  std::map<std::string, bool> names;
  for (const auto& [model, m] : a.touchpoint) {
    header.push_back(model);
    align += 'r';
    for (const auto& [name, x] : m.conversions) names[name] = true;
  }
  Table t(header, align);
  for (const auto& [name, unused] : names) {
    std::vector<std::string> cells{esc(name)};
    for (const auto& [model, m] : a.touchpoint) {
      const auto it = m.conversions.find(name);
      cells.push_back(fmt::format("{:.2f}", it == m.conversions.end() ? 0.0 : it->second));
    }
    t.row(std::move(cells));
  }
  t.write(out);
}

// Conversion of each persona against the rest and of each pair, with the
// two-proportion z-test; significant differences (p < 0.05) are in bold.
void comparison_table(const AnalysisResult& r, std::string& out) {
  std::map<std::string, std::string> names;
  for (const PersonaResult& p : r.personas) names.emplace(p.id, p.name.empty() ? p.id : p.name);
  // Periods against the rest are in their own section.
  std::vector<const ConversionComparison*> list;
  for (const ConversionComparison& c : r.comparisons)
    if (names.contains(c.a)) list.push_back(&c);
  if (list.empty()) return;
  const UnitWords words = unit_words(r.unit);
  const auto name = [&](const std::string& id) {
    if (id == "rest" && !names.contains(id)) return words.rest;
    const auto it = names.find(id);
    return esc(it == names.end() ? id : it->second);
  };
  out += "### Conversion differences\n\n";
  out += "Two-proportion z-test on conversion; **bold** rows differ significantly (p < 0.05).\n\n";
  Table t({"A", "B", "A conversion", "B conversion", "Difference", "z", "p", "Significant"},
          "llrrrrrl");
  for (const ConversionComparison* comparison : list) {
    const ConversionComparison& c = *comparison;
    const std::string z = c.z ? fmt::format("{:.2f}", *c.z) : "—";
    const std::string p = !c.p_value            ? std::string("—")
                          : *c.p_value < 0.0001 ? std::string("< 0.0001")
                                                : fmt::format("{:.4f}", *c.p_value);
    const std::string diff =
        c.difference ? fmt::format("{:+.1f} pt", *c.difference * 100.0) : std::string("—");
    std::vector<std::string> cells{
        name(c.a),
        name(c.b),
        fmt::format("{} / {} ({})", count(c.a_converted), count(c.a_customers),
                    percent(ratio(c.a_converted, c.a_customers))),
        fmt::format("{} / {} ({})", count(c.b_converted), count(c.b_customers),
                    percent(ratio(c.b_converted, c.b_customers))),
        diff,
        z,
        p,
        c.significant ? "yes" : "no"};
    if (c.significant)
      for (auto& cell : cells) cell = "**" + cell + "**";
    t.row(std::move(cells));
  }
  t.write(out);
}

void unmapped_section(const AnalysisResult& r, std::string& out) {
  const InputSummary& in = r.input;
  if (in.unmapped_names.empty()) return;
  out += "## Unmapped events\n\n";
  out += fmt::format("{} events match no stage. Names, most frequent first:\n\n",
                     count(in.unmapped_events));
  for (const std::string& name : in.unmapped_names) out += fmt::format("- {}\n", esc(name));
  out += '\n';
}

void personas_section(const AnalysisResult& r, const fmtutil::StageNames& names, std::string& out) {
  if (r.personas.empty()) return;
  out += "## Personas\n\n";
  const UnitWords words = unit_words(r.unit);
  std::vector<std::string> header{"", words.all};
  std::string align = "lr";
  for (const PersonaResult& p : r.personas) {
    header.push_back(esc(p.name.empty() ? p.id : p.name));
    align += 'r';
  }
  std::vector<const SegmentResult*> segs{&r.all};
  for (const PersonaResult& p : r.personas) segs.push_back(&p.figures);

  Table t(header, align);
  const auto add = [&](std::string label, const auto& cell) {
    std::vector<std::string> row{std::move(label)};
    for (const SegmentResult* s : segs) row.push_back(cell(*s));
    t.row(std::move(row));
  };
  add(words.title, [](const SegmentResult& s) { return count(s.customers); });
  add("Converted", [](const SegmentResult& s) { return count(s.converted); });
  add("Conversion rate",
      [](const SegmentResult& s) { return percent(ratio(s.converted, s.customers)); });
  add("Median time to convert", [](const SegmentResult& s) {
    return duration_or_dash(s.time_to_convert_s, s.time_to_convert_s.p50);
  });
  for (size_t k = 0; k < r.stages.size(); ++k) {
    add(fmt::format("Reached: {}", names.name(k)), [k](const SegmentResult& s) {
      if (k >= s.stages.size()) return std::string("—");
      return fmt::format("{} ({})", count(s.stages[k].reached),
                         percent(ratio(s.stages[k].reached, s.customers)));
    });
  }
  if (!r.stages.empty()) {
    add(fmt::format("Closed funnel: {}", names.name(r.stages.size() - 1)),
        [](const SegmentResult& s) {
          if (s.funnel.closed.empty()) return std::string("—");
          const uint64_t level = s.funnel.closed.back();
          return fmt::format("{} ({})", count(level), percent(ratio(level, s.customers)));
        });
  }
  add("Linear journeys",
      [](const SegmentResult& s) { return percent(ratio(s.shape.linear, s.shape.journeys)); });
  add("Backward journeys",
      [](const SegmentResult& s) { return percent(ratio(s.shape.backward, s.shape.journeys)); });
  add("Repeat rate", [](const SegmentResult& s) { return percent(s.retention.repeat_rate); });
  add("Advocacy share", [](const SegmentResult& s) { return percent(s.retention.advocacy_share); });
  t.write(out);
  comparison_table(r, out);
}

}  // namespace

std::string render_markdown(const AnalysisResult& result) {
  const fmtutil::StageNames names(result, esc);
  std::string out;
  overview(result, out);
  stages_section(result, names, out);
  funnel_section(result, names, out);
  transitions_section(result, names, out);
  paths_section(result, names, out);
  path_questions_section(result, out);
  conversion_section(result, out);
  retention_section(result, out);
  attribution_section(result, out);
  barriers_section(result, out);
  opportunities_section(result, out);
  unmapped_section(result, out);
  personas_section(result, names, out);
  markdown_visits(result, out);
  markdown_periods(result, out);
  markdown_changes(result, out);
  // One trailing newline.
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') {
    out.pop_back();
  }
  return out;
}

}  // namespace cjm
