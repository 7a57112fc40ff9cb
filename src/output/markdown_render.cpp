// render_markdown: the figures as Markdown tables (GitHub-flavoured).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "output/format_util.h"
#include "output/render.h"

namespace cjm {

namespace {

constexpr size_t kTopTransitions = 20;

using fmtutil::count;
using fmtutil::percent;
using fmtutil::ratio;

std::string esc(std::string_view s) {
  return fmtutil::markdown_escape(s);
}

class Table {
 public:
  // Alignment per column: 'l' or 'r'.
  Table(std::vector<std::string> header, std::string align)
      : header_(std::move(header)), align_(std::move(align)) {}
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  void write(std::string& out) const {
    write_row(out, header_);
    out += '|';
    for (size_t i = 0; i < header_.size(); ++i) {
      out += (i < align_.size() && align_[i] == 'r') ? "---:|" : "---|";
    }
    out += '\n';
    for (const auto& r : rows_) write_row(out, r);
    out += '\n';
  }

 private:
  void write_row(std::string& out, const std::vector<std::string>& cells) const {
    out += '|';
    for (size_t i = 0; i < header_.size(); ++i) {
      out += ' ';
      out += i < cells.size() ? cells[i] : std::string();
      out += " |";
    }
    out += '\n';
  }
  std::vector<std::string> header_;
  std::string align_;
  std::vector<std::vector<std::string>> rows_;
};

// Stage ids -> escaped display names and positions.
class Stages {
 public:
  explicit Stages(const AnalysisResult& r) {
    for (size_t k = 0; k < r.stages.size(); ++k) {
      const StageInfo& s = r.stages[k];
      index_.emplace(s.id, k);
      names_.push_back(esc(s.name.empty() ? s.id : s.name));
    }
  }
  std::string name(size_t k) const { return k < names_.size() ? names_[k] : std::string("?"); }
  std::string name_of(const std::string& id) const {
    const auto it = index_.find(id);
    return it == index_.end() ? esc(id) : names_[it->second];
  }
  bool backward(const Transition& t) const {
    const auto from = index_.find(t.from), to = index_.find(t.to);
    return from != index_.end() && to != index_.end() && to->second < from->second;
  }

 private:
  std::map<std::string, size_t> index_;
  std::vector<std::string> names_;
};

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
  if (in.first_time_us && in.last_time_us) {
    out += fmt::format("- **Period:** {} to {}\n", fmtutil::iso8601_utc(*in.first_time_us),
                       fmtutil::iso8601_utc(*in.last_time_us));
  }
  out += fmt::format("- **Unmapped events:** {}\n\n", count(in.unmapped_events));
}

void stages_section(const AnalysisResult& r, const Stages& names, std::string& out) {
  const SegmentResult& all = r.all;
  out += "## Stages\n\n";
  if (all.stages.empty()) {
    out += "No stages.\n\n";
    return;
  }
  Table t({"#", "Stage", "Id", "Reached", "% of customers", "Events", "Median time from previous",
           "p90 time from previous", "Mean score", "Scores"},
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

void funnel_section(const AnalysisResult& r, const Stages& names, std::string& out) {
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

void transition_table(const std::vector<Transition>& list, const Stages* names, std::string& out) {
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

void transitions_section(const AnalysisResult& r, const Stages& names, std::string& out) {
  out += "## Transitions\n\n";
  out += fmt::format("### Stage transitions (top {})\n\n", kTopTransitions);
  transition_table(r.all.stage_transitions, &names, out);
  out += fmt::format("### Touchpoint transitions (top {})\n\n", kTopTransitions);
  transition_table(r.all.touchpoint_transitions, nullptr, out);
}

void path_table(const std::vector<PathStat>& list, const Stages* names, std::string& out) {
  if (list.empty()) {
    out += "None.\n\n";
    return;
  }
  Table t({"Customers", "Converted", "Conversion rate", "Steps"}, "rrrl");
  for (const PathStat& p : list) {
    std::vector<std::string> steps;
    for (const std::string& s : p.steps) steps.push_back(names ? names->name_of(s) : esc(s));
    t.row({count(p.customers), count(p.converted), percent(ratio(p.converted, p.customers)),
           fmt::format("{}", fmt::join(steps, " → "))});
  }
  t.write(out);
}

void paths_section(const AnalysisResult& r, const Stages& names, std::string& out) {
  const Shape& sh = r.all.shape;
  out += "## Paths\n\n";
  out += fmt::format("Shape over {} journeys: linear {} ({}), backward {} ({}), skip {} ({}).\n\n",
                     count(sh.journeys), count(sh.linear), percent(ratio(sh.linear, sh.journeys)),
                     count(sh.backward), percent(ratio(sh.backward, sh.journeys)), count(sh.skip),
                     percent(ratio(sh.skip, sh.journeys)));
  out += "### Stage variants\n\n";
  path_table(r.all.stage_variants, &names, out);
  out += "### Touchpoint paths\n\n";
  path_table(r.all.touchpoint_paths, nullptr, out);
}

void conversion_section(const AnalysisResult& r, std::string& out) {
  const SegmentResult& all = r.all;
  const Stats& t = all.time_to_convert_s;
  out += "## Conversion\n\n";
  Table table({"Customers", "Converted", "Rate", "Mean time to convert", "Median", "p90"},
              "rrrrrr");
  table.row({count(all.customers), count(all.converted),
             percent(ratio(all.converted, all.customers)), duration_or_dash(t, t.mean),
             duration_or_dash(t, t.p50), duration_or_dash(t, t.p90)});
  table.write(out);
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

void personas_section(const AnalysisResult& r, const Stages& names, std::string& out) {
  if (r.personas.empty()) return;
  out += "## Personas\n\n";
  std::vector<std::string> header{"", "All customers"};
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
  add("Customers", [](const SegmentResult& s) { return count(s.customers); });
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
  t.write(out);
}

}  // namespace

std::string render_markdown(const AnalysisResult& result) {
  const Stages names(result);
  std::string out;
  overview(result, out);
  stages_section(result, names, out);
  funnel_section(result, names, out);
  transitions_section(result, names, out);
  paths_section(result, names, out);
  conversion_section(result, out);
  unmapped_section(result, out);
  personas_section(result, names, out);
  // One trailing newline.
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') {
    out.pop_back();
  }
  return out;
}

}  // namespace cjm
