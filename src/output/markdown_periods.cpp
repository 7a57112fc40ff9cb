// The Markdown report's "Periods" section (output/markdown_sections.h).
#include <fmt/format.h>

#include "output/change_words.h"
#include "output/markdown_sections.h"
#include "output/markdown_table.h"
#include "output/unit_words.h"

namespace cjm::markdown {

namespace {

// "62 / 188 (33.0%)"
std::string of(uint64_t part, uint64_t whole) {
  return fmt::format("{} / {} ({})", fmtutil::count(part), fmtutil::count(whole),
                     fmtutil::percent(fmtutil::ratio(part, whole)));
}

void bold_if(bool on, std::vector<std::string>& cells) {
  if (on)
    for (auto& cell : cells) cell = "**" + cell + "**";
}

}  // namespace

void markdown_periods(const AnalysisResult& r, std::string& out) {
  if (r.periods.empty()) return;
  const UnitWords words = unit_words(r.unit);
  const StageLabels stages = stage_labels(r.stages, esc);
  out += "## Periods\n\n";
  out += fmt::format(
      "A period holds the {} inside its dates (inclusive). Conversion in the period against the "
      "rest of the data, two-proportion z-test; **bold** rows differ significantly (p < 0.05).\n\n",
      r.unit == "visit" ? std::string("visits that start") : std::string("events"));
  Table t({"Period", "Id", "From", "To", words.title, "Converted", "Rate", "Rest", "Difference",
           "p", "Significant"},
          "llllrrrrrrl");
  Table entries({"Period", "Stage", "Entered from", "In the period", "Rest", "Difference", "p"},
                "lllrrrr");
  for (const PeriodResult& p : r.periods) {
    const SegmentResult& f = p.figures;
    const std::string name = esc(p.name.empty() ? p.id : p.name);
    const ConversionComparison* c = period_comparison(r.comparisons, p.id);
    std::vector<std::string> cells{name,
                                   esc(p.id),
                                   esc(p.from),
                                   esc(p.to),
                                   fmtutil::count(f.customers),
                                   fmtutil::count(f.converted),
                                   fmtutil::percent(fmtutil::ratio(f.converted, f.customers))};
    if (c != nullptr) {
      cells.push_back(of(c->b_converted, c->b_customers));  // converted / journeys (rate)
      cells.push_back(points_text(c->difference));
      cells.push_back(p_text(c->p_value));
      cells.push_back(c->significant ? "yes" : "no");
      bold_if(c->significant, cells);
      for (const ConversionComparison& s : c->stages) {
        if (!s.significant) continue;
        const std::string previous = stages.previous_of(s.stage);
        entries.row({name, stages.name_of(s.stage), previous.empty() ? words.all : previous,
                     of(s.a_converted, s.a_customers), of(s.b_converted, s.b_customers),
                     points_text(s.difference), p_text(s.p_value)});
      }
    }
    t.row(std::move(cells));
  }
  t.write(out);
  out += "### Stage entry against the rest\n\n";
  if (entries.empty()) {
    out += "No stage's entry rate differed significantly from the rest in any period.\n\n";
    return;
  }
  out += fmt::format(
      "The stages whose entry rate (of the {} reached the stage before) differed "
      "significantly (p < 0.05) in a period.\n\n",
      words.who);
  entries.write(out);
}

}  // namespace cjm::markdown
