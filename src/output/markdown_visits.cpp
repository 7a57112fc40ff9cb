// The Markdown report's "Visits" section (output/markdown_sections.h).
#include <fmt/format.h>

#include "output/markdown_sections.h"
#include "output/markdown_table.h"

namespace cjm::markdown {

void markdown_visits(const AnalysisResult& r, std::string& out) {
  const VisitFigures& v = r.all.visits;
  if (!v.defined) return;
  using fmtutil::count;
  out += "## Visits\n\n";
  out += fmt::format("{} visits by {} customers.\n\n", count(v.visits), count(v.customers));
  Table t({"", "Customers", "Mean", "Median", "p90"}, "lrrrr");
  const auto add = [&](const char* label, const Stats& s) {
    if (s.count == 0) {
      t.row({label, "0", "—", "—", "—"});
      return;
    }
    t.row({label, count(s.count), fmt::format("{:.1f}", s.mean), fmtutil::shortest(s.p50),
           fmtutil::shortest(s.p90)});
  };
  add("Visits per customer", v.visits_per_customer);
  add("Visits to the first conversion (customers who converted)", v.visits_before_converting);
  t.write(out);
  if (v.by_visit_number.empty()) return;
  out += "### Conversion by visit number\n\n";
  Table n({"Visit", "Visits", "Converted", "Rate"}, "rrrr");
  for (const VisitNumberRow& row : v.by_visit_number)
    n.row({esc(row.label), count(row.visits), count(row.converted),
           fmtutil::percent(fmtutil::ratio(row.converted, row.visits))});
  n.write(out);
}

}  // namespace cjm::markdown
