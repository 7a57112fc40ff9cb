#include "output/change_words.h"

#include <fmt/format.h>

#include <cmath>

#include "output/format_util.h"

namespace cjm {

std::string p_text(std::optional<double> p) {
  if (!p) return "p —";
  if (*p < 0.001) return "p < 0.001";
  return fmt::format("p = {:.3f}", *p);
}

std::string points_text(std::optional<double> difference) {
  if (!difference) return "—";
  return fmt::format("{:+.1f} pt", *difference * 100.0);
}

std::string StageLabels::name_of(const std::string& id) const {
  for (size_t k = 0; k < ids.size() && k < names.size(); ++k)
    if (ids[k] == id) return names[k];
  return escape ? escape(id) : std::string("?");
}

std::string StageLabels::previous_of(const std::string& id) const {
  for (size_t k = 1; k < ids.size() && k < names.size(); ++k)
    if (ids[k] == id) return names[k - 1];
  return {};
}

StageLabels stage_labels(const std::vector<StageInfo>& stages,
                         const std::function<std::string(std::string_view)>& escape) {
  StageLabels out;
  out.escape = escape;
  for (const StageInfo& s : stages) {
    out.ids.push_back(s.id);
    out.names.push_back(escape(s.name.empty() ? s.id : s.name));
  }
  return out;
}

namespace {

std::string lift_text(double lift) {
  if (!std::isfinite(lift)) return "many times as frequent";
  return lift >= 10 ? fmt::format("{:.0f}× as frequent", lift)
                    : fmt::format("{:.1f}× as frequent", lift);
}

}  // namespace

std::string change_sentence(const Change& c, const StageLabels& stages, const UnitWords& words,
                            const std::function<std::string(std::string_view)>& escape) {
  const bool down = c.direction == "down";
  const std::string stage = stages.name_of(c.stage);
  const std::string previous = stages.previous_of(c.stage);
  std::string out = fmt::format(
      "{} {} from {} to {} of the {}", stage, down ? "fell" : "rose",
      fmtutil::percent(c.baseline_rate), fmtutil::percent(c.rate),
      previous.empty() ? words.plural + " at risk" : words.who + " reached " + previous);
  out += c.from == c.to ? fmt::format(", on {}", escape(c.from))
                        : fmt::format(", {} → {}", escape(c.from), escape(c.to));
  out += fmt::format(" ({})", p_text(c.p_value));
  const double lost = std::round(std::fabs(c.lost));
  if (std::isfinite(lost) && lost >= 1) {
    out += fmt::format(", about {} {} {} reached {}", fmtutil::count(static_cast<uint64_t>(lost)),
                       c.lost > 0 ? "fewer" : "more", words.plural, stage);
  }
  if (!c.events.empty()) {
    std::vector<std::string> causes;
    for (const ChangeEvent& e : c.events)
      causes.push_back(fmt::format("{} ({})", escape(e.event), lift_text(e.lift)));
    out += fmt::format("; likely {}: {}", causes.size() == 1 ? "cause" : "causes",
                       fmt::join(causes, ", "));
  }
  return out;
}

std::string no_change_sentence(const UnitWords& words) {
  return fmt::format(
      "No change found: no stage's daily entry rate (the share of the {} reached the stage "
      "before) left its baseline.",
      words.who);
}

std::string stage_entry_phrase(const ConversionComparison& s, std::string_view stage_name) {
  return fmt::format("{} {} vs {} ({}, {})", stage_name,
                     fmtutil::percent(fmtutil::ratio(s.a_converted, s.a_customers)),
                     fmtutil::percent(fmtutil::ratio(s.b_converted, s.b_customers)),
                     points_text(s.difference), p_text(s.p_value));
}

const ConversionComparison* period_comparison(const std::vector<ConversionComparison>& comparisons,
                                              const std::string& id) {
  for (const ConversionComparison& c : comparisons)
    if (c.a == id && c.b == "rest") return &c;
  return nullptr;
}

}  // namespace cjm
