// The terminal summary's "Visits" section (output/text_sections.h).
#include <fmt/format.h>

#include "output/format_util.h"
#include "output/text_sections.h"

namespace cjm::text {

void text_visits(const AnalysisResult& r, const Style& st, Writer& w) {
  const VisitFigures& v = r.all.visits;
  if (!v.defined) return;
  const Stats& per = v.visits_per_customer;
  w.line();
  w.line(fmt::format("{}  {} visits by {} customers · per customer mean {:.1f}, median {}, p90 {}",
                     st.bold("Visits    "), fmtutil::count(v.visits), fmtutil::count(v.customers),
                     per.mean, fmtutil::shortest(per.p50), fmtutil::shortest(per.p90)));
  const Stats& before = v.visits_before_converting;
  if (before.count > 0) {
    w.line(fmt::format(
        "            visits to convert: median {}, p90 {}, mean {:.1f} {}",
        fmtutil::shortest(before.p50), fmtutil::shortest(before.p90), before.mean,
        st.dim(fmt::format("({} customers who converted)", fmtutil::count(before.count)))));
  }
  if (v.by_visit_number.empty()) return;
  w.line(st.dim(
      fmt::format("  {:>9} {:>10} {:>10} {:>7}", "visit no.", "visits", "converted", "rate")));
  for (const VisitNumberRow& row : v.by_visit_number) {
    w.line(fmt::format("  {:>9} {:>10} {:>10} {:>7}", fmtutil::clean(row.label),
                       fmtutil::count(row.visits), fmtutil::count(row.converted),
                       fmtutil::percent(fmtutil::ratio(row.converted, row.visits))));
  }
}

}  // namespace cjm::text
