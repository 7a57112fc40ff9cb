// The terminal summary's "Periods" section (output/text_sections.h).
#include <fmt/format.h>

#include <string>
#include <vector>

#include "output/change_words.h"
#include "output/format_util.h"
#include "output/text_sections.h"
#include "output/unit_words.h"

namespace cjm::text {

void text_periods(const AnalysisResult& r, const Style& st, Writer& w) {
  if (r.periods.empty()) return;
  const UnitWords words = unit_words(r.unit);
  const auto clean = [](std::string_view s) { return fmtutil::clean(s); };
  const StageLabels stages = stage_labels(r.stages, clean);
  w.line();
  w.line(st.bold(fmtutil::pad_right("Periods", 25) + fmtutil::pad_right("from → to", 24) +
                 fmt::format("{:>10} {:>10} {:>7}  {}", words.plural, "converted", "rate",
                             "against the rest")));
  // Stage entries that differ from the rest, written after the table.
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;
  for (const PeriodResult& p : r.periods) {
    const SegmentResult& f = p.figures;
    const std::string name = fmtutil::clean(p.name.empty() ? p.id : p.name);
    std::string row = "  " + fmtutil::pad_right(fmtutil::truncate(name, 22), 23);
    // Dates with times do not fit the column: cut there, whole on a line below.
    const std::string dates = fmtutil::clean(p.from) + " → " + fmtutil::clean(p.to);
    const bool fits = fmtutil::width(dates) <= 23;
    row += fmtutil::pad_right(fmtutil::truncate(dates, 23), 24);
    row +=
        fmt::format("{:>10} {:>10} {:>7}", fmtutil::count(f.customers), fmtutil::count(f.converted),
                    fmtutil::percent(fmtutil::ratio(f.converted, f.customers)));
    const ConversionComparison* c = period_comparison(r.comparisons, p.id);
    if (c != nullptr) {
      std::string diff = fmt::format("{}, {}", points_text(c->difference), p_text(c->p_value));
      if (c->significant && c->difference)
        diff = *c->difference < 0 ? st.red(diff) : st.green(diff);
      row += "  " + diff;
      std::vector<std::string> significant;
      for (const ConversionComparison& s : c->stages)
        if (s.significant) significant.push_back(stage_entry_phrase(s, stages.name_of(s.stage)));
      if (!significant.empty()) entries.emplace_back(name, std::move(significant));
    }
    w.line(row);
    if (!fits) w.line(st.dim("    " + dates));
  }
  for (const auto& [name, list] : entries) {
    w.paragraph(
        st.dim(fmt::format("  {}, stage entry against the rest:", fmtutil::truncate(name, 40))) +
            " ",
        fmt::format("{}", fmt::join(list, "; ")), "    ");
  }
}

}  // namespace cjm::text
