// The JourneyMap as Markdown tables (format: output/map_exports.h).
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/path_label.h"
#include "output/change_words.h"
#include "output/format_util.h"
#include "output/map_exports.h"
#include "output/unit_words.h"

namespace cjm {
namespace {

constexpr size_t kTopRows = 10;

// Escapes a string from the data or the spec for Markdown: fmtutil's escaping
// plus the emphasis markers '*' and '_'.
std::string md(std::string_view text) {
  const std::string escaped = fmtutil::markdown_escape(text);
  std::string out;
  out.reserve(escaped.size() + 4);
  for (const char c : escaped) {
    if (c == '*' || c == '_') out += '\\';
    out += c;
  }
  return out;
}

// A paragraph must not start a heading, a list or a setext underline.
std::string md_paragraph(std::string_view text) {
  std::string out = md(text);
  if (!out.empty() && (out[0] == '#' || out[0] == '-' || out[0] == '+' || out[0] == '=')) {
    out.insert(0, "\\");
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string md_list(const std::vector<std::string>& items) {
  std::vector<std::string> escaped;
  escaped.reserve(items.size());
  for (const auto& item : items) escaped.push_back(md(item));
  return join(escaped, "<br>");
}

std::string row(const std::vector<std::string>& cells) {
  return "| " + join(cells, " | ") + " |\n";
}

std::string header(const std::vector<std::string>& cells) {
  return row(cells) + row(std::vector<std::string>(cells.size(), "---"));
}

std::string count_share(uint64_t value, std::optional<double> share) {
  return fmt::format("{} ({})", fmtutil::count(value), fmtutil::percent(share));
}

// Stage id -> name of a segment, for transitions and variants.
std::string stage_label(const MapSegment& seg, const std::string& id) {
  for (const auto& stage : seg.stages) {
    if (stage.id == id) return stage.name.empty() ? stage.id : stage.name;
  }
  return id;
}

void render_lanes(const MapSegment& seg, std::string& out) {
  std::vector<std::string> head = {"Lane"};
  for (const auto& stage : seg.stages)
    head.push_back(md(stage.name.empty() ? stage.id : stage.name));
  out += header(head);

  const auto lane = [&](std::string_view label,
                        const std::function<std::string(const MapStage&)>& cell, bool hide_empty) {
    std::vector<std::string> cells = {std::string(label)};
    bool any = false;
    for (const auto& stage : seg.stages) {
      cells.push_back(cell(stage));
      any = any || !cells.back().empty();
    }
    if (hide_empty && !any) return;
    out += row(cells);
  };
  const auto text_lane = [&](std::string_view label, std::vector<std::string> MapStage::*member) {
    lane(
        label, [&](const MapStage& s) { return md_list(s.*member); }, true);
  };

  text_lane("Goal", &MapStage::goal);
  text_lane("Actions", &MapStage::actions);
  lane(
      "Touchpoints",
      [](const MapStage& s) {
        std::vector<std::string> items;
        for (const auto& tp : s.touchpoints) {
          items.push_back(fmt::format("{} ({})", md(tp.name), fmtutil::count(tp.customers)));
        }
        return join(items, "<br>");
      },
      true);
  text_lane("Thinking", &MapStage::thinking);
  text_lane("Feeling", &MapStage::feeling);
  lane(
      "Emotion (mean, n)",
      [](const MapStage& s) -> std::string {
        if (s.emotion.count == 0) return "—";
        std::string cell = fmt::format("{} (n={})", fmtutil::score(s.emotion.mean),
                                       fmtutil::count(s.emotion.count));
        if (s.critical) cell += ", **critical**";
        return cell;
      },
      false);
  lane(
      "Pain points",
      [](const MapStage& s) {
        std::vector<std::string> items;
        for (const auto& p : s.pain_points) {
          items.push_back(md(p.text) + (p.measured ? " (measured)" : ""));
        }
        return join(items, "<br>");
      },
      true);
  text_lane("Opportunities", &MapStage::opportunities);
  lane(
      "Reach", [](const MapStage& s) { return count_share(s.reached, s.reach_share); }, false);
  lane(
      "Funnel", [](const MapStage& s) { return fmtutil::count(s.funnel_level); }, false);
  lane(
      "Conversion from previous",
      [](const MapStage& s) { return fmtutil::percent(s.conversion_from_previous); }, false);
  lane(
      "Drop-off", [](const MapStage& s) { return fmtutil::percent(s.drop_off); }, false);
  lane(
      "Median / p90 time from previous",
      [](const MapStage& s) -> std::string {
        const Stats& t = s.time_from_previous_s;
        if (t.count == 0) return "—";
        return fmt::format("{} / {}", fmtutil::duration(t.p50), fmtutil::duration(t.p90));
      },
      false);
}

void render_flows(const MapSegment& seg, std::string& out) {
  out += "### Flows\n\n";
  const Shape& sh = seg.shape;
  out += fmt::format("Journeys: {} · Linear: {} · Backward: {} · Skip: {}\n\n",
                     fmtutil::count(sh.journeys),
                     count_share(sh.linear, fmtutil::ratio(sh.linear, sh.journeys)),
                     count_share(sh.backward, fmtutil::ratio(sh.backward, sh.journeys)),
                     count_share(sh.skip, fmtutil::ratio(sh.skip, sh.journeys)));
  if (seg.stage_transitions.empty()) {
    out += "No stage transitions.\n\n";
    return;
  }
  out += header({"From", "To", "Count"});
  const size_t n = std::min(kTopRows, seg.stage_transitions.size());
  for (size_t i = 0; i < n; ++i) {
    const Transition& t = seg.stage_transitions[i];
    out += row({md(stage_label(seg, t.from)), md(stage_label(seg, t.to)), fmtutil::count(t.count)});
  }
  out += '\n';
}

void render_funnel(const MapSegment& seg, std::optional<double> window_s, std::string& out) {
  out += "### Funnel\n\n";
  out += fmt::format("Conversion window: {}\n\n",
                     window_s ? fmtutil::duration(*window_s) : std::string("none"));
  out += header({"Stage", "Closed", "Open", "Closed (no window)", "Open (no window)"});
  const auto at = [](const std::vector<uint64_t>& v, size_t k) {
    return k < v.size() ? fmtutil::count(v[k]) : std::string("—");
  };
  const Funnel& f = seg.funnel;
  for (size_t k = 0; k < seg.stages.size(); ++k) {
    const MapStage& s = seg.stages[k];
    out += row({md(s.name.empty() ? s.id : s.name), at(f.closed, k), at(f.open, k),
                at(f.closed_unbounded, k), at(f.open_unbounded, k)});
  }
  out += '\n';
}

// A period's dates and its comparison with the rest: conversion, then the
// stages whose entry rate differs significantly.
void render_period(const JourneyMap& map, const MapSegment& seg, std::string& out) {
  if (seg.kind != "period") return;
  out += fmt::format("Dates: {} to {} (inclusive)", md(seg.from), md(seg.to));
  const ConversionComparison* c = period_comparison(map.comparisons, seg.id);
  if (c != nullptr) {
    out += fmt::format(" · Conversion against the rest: {} ({}{})", points_text(c->difference),
                       p_text(c->p_value), c->significant ? ", significant" : "");
    std::vector<std::string> entries;
    for (const ConversionComparison& s : c->stages)
      if (s.significant) entries.push_back(stage_entry_phrase(s, md(stage_label(seg, s.stage))));
    if (!entries.empty())
      out += fmt::format(" · Stage entry against the rest: {}", join(entries, "; "));
  }
  out += "\n\n";
}

// Visits across the segment's customers, in one line.
void render_visits(const MapSegment& seg, std::string& out) {
  const VisitFigures& v = seg.visits;
  if (!v.defined) return;
  const Stats& per = v.visits_per_customer;
  out +=
      fmt::format("Visits per customer: mean {:.1f}, median {}, p90 {} ({} visits by {} customers)",
                  per.mean, fmtutil::shortest(per.p50), fmtutil::shortest(per.p90),
                  fmtutil::count(v.visits), fmtutil::count(v.customers));
  const Stats& before = v.visits_before_converting;
  if (before.count > 0)
    out += fmt::format(" · Visits to convert (median / p90): {} / {}",
                       fmtutil::shortest(before.p50), fmtutil::shortest(before.p90));
  out += "\n\n";
  if (v.by_visit_number.empty()) return;
  out += header({"Visit", "Visits", "Converted", "Conversion"});
  for (const VisitNumberRow& n : v.by_visit_number)
    out += row({md(n.label), fmtutil::count(n.visits), fmtutil::count(n.converted),
                fmtutil::percent(fmtutil::ratio(n.converted, n.visits))});
  out += '\n';
}

// The changes change detection found in the segment, in words (nothing when
// none was found: the map does not say whether the scan ran).
void render_changes(const JourneyMap& map, const MapSegment& seg, std::string& out) {
  if (seg.changes.empty()) return;
  const UnitWords words = unit_words(map.unit);
  out += "### What changed\n\n";
  StageLabels labels;
  labels.escape = md;
  for (const MapStage& s : seg.stages) {
    labels.ids.push_back(s.id);
    labels.names.push_back(md(s.name.empty() ? s.id : s.name));
  }
  for (const Change& c : seg.changes) out += "- " + change_sentence(c, labels, words, md) + "\n";
  out += '\n';
}

void render_paths(const MapSegment& seg, const UnitWords& words, std::string& out) {
  out += "### Paths\n\n";
  const auto table = [&](std::string_view what, const std::vector<PathStat>& paths, bool stages) {
    if (paths.empty()) {
      out += fmt::format("No {}s.\n\n", what);
      return;
    }
    std::string title(what);
    title[0] = static_cast<char>(title[0] - 'a' + 'A');
    out += header({"#", title, words.title, "Converted", "Conversion"});
    const size_t n = std::min(kTopRows, paths.size());
    for (size_t i = 0; i < n; ++i) {
      const PathStat& p = paths[i];
      const std::string steps = path_label(p.steps, p.repeats, [&](const std::string& step) {
        return md(stages ? stage_label(seg, step) : step);
      });
      out += row({fmt::format("{}", i + 1), steps, fmtutil::count(p.customers),
                  fmtutil::count(p.converted),
                  fmtutil::percent(fmtutil::ratio(p.converted, p.customers))});
    }
    out += '\n';
  };
  table("stage variant", seg.stage_variants, true);
  table("touchpoint path", seg.touchpoint_paths, false);
}

}  // namespace

std::string render_map_markdown(const JourneyMap& map) {
  std::string out;
  out += fmt::format("# {}\n\n",
                     map.title.empty() ? std::string("Customer journey map") : md(map.title));
  if (!map.description.empty()) out += md_paragraph(map.description) + "\n\n";

  std::string period = "—";
  if (map.first_time_us && map.last_time_us) {
    period = fmt::format("{} to {}", fmtutil::iso_date_utc(*map.first_time_us),
                         fmtutil::iso_date_utc(*map.last_time_us));
  }
  const UnitWords words = unit_words(map.unit);
  out += fmt::format("Period: {} · ", period);
  if (map.unit == "visit" && map.visits)
    out += fmt::format("Visits: {} · ", fmtutil::count(*map.visits));
  out += fmt::format("Customers: {} · Events: {}", fmtutil::count(map.customers),
                     fmtutil::count(map.events));
  if (map.window_s)
    out += fmt::format(" · Conversion window: {}", fmtutil::duration(*map.window_s));
  if (map.unmapped_events > 0) {
    out += fmt::format(" · Unmapped events: {}", fmtutil::count(map.unmapped_events));
  }
  if (map.rejected_rows > 0) {
    out += fmt::format(" · Rejected rows: {}", fmtutil::count(map.rejected_rows));
  }
  out += "\n\n";

  for (const MapSegment& seg : map.segments) {
    out += fmt::format("## {}\n\n", md(seg.name.empty() ? seg.id : seg.name));
    out += fmt::format("{}: {} · Converted: {}", words.title, fmtutil::count(seg.customers),
                       count_share(seg.converted, fmtutil::ratio(seg.converted, seg.customers)));
    if (seg.time_to_convert_s.count > 0) {
      out += fmt::format(" · Time to convert (median / p90): {} / {}",
                         fmtutil::duration(seg.time_to_convert_s.p50),
                         fmtutil::duration(seg.time_to_convert_s.p90));
    }
    out += "\n\n";
    render_period(map, seg, out);
    render_visits(seg, out);
    if (seg.stages.empty()) {
      out += "No stages.\n\n";
    } else {
      render_lanes(seg, out);
      out += '\n';
    }
    render_flows(seg, out);
    render_funnel(seg, map.window_s, out);
    render_paths(seg, words, out);
    render_changes(map, seg, out);
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') {
    out.pop_back();
  }
  return out;
}

}  // namespace cjm
