// Changes and period comparisons in words, one wording for every renderer
// (the terminal summary, the Markdown report and the map's Markdown export).
// Like the renderers they compute nothing: every rate, count and p-value
// comes from the result.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/result.h"
#include "output/unit_words.h"

namespace cjm {

// "p < 0.001" below 0.001, else "p = 0.013" (three decimals); "p —" when absent.
std::string p_text(std::optional<double> p);

// A difference of two rates in percentage points: "+2.7 pt", "-53.4 pt"; "—" when absent.
std::string points_text(std::optional<double> difference);

// The stages of a journey, in spec order: ids, and display names already made
// safe for the output by `escape`.
struct StageLabels {
  std::vector<std::string> ids, names;
  std::function<std::string(std::string_view)> escape;
  // The display name of stage `id` (the escaped id itself when unknown).
  std::string name_of(const std::string& id) const;
  // The display name of the stage before `id`, or "" for the first or an unknown stage.
  std::string previous_of(const std::string& id) const;
};

// The labels of a result's stages, display names (the id when unnamed)
// made safe by `escape`.
StageLabels stage_labels(const std::vector<StageInfo>& stages,
                         const std::function<std::string(std::string_view)>& escape);

// One change in words, for example:
//   Purchase fell from 86.0% to 33.2% of the visits that reached Checkout,
//   2025-04-07 → 2025-04-27 (p < 0.001), about 121 fewer visits reached
//   Purchase; likely causes: payment_error (73× as frequent)
// "rose" and "more" for a change up; one date when the window is one day; no
// "likely causes" when none were found. A lift is shown whole from 10 on, with
// one decimal below. `escape` makes the cause events' names safe.
std::string change_sentence(const Change& c, const StageLabels& stages, const UnitWords& words,
                            const std::function<std::string(std::string_view)>& escape);

// The sentence when the scan ran and found nothing.
std::string no_change_sentence(const UnitWords& words);

// A stage's entry in a period against the rest (an entry of
// ConversionComparison::stages), for example
//   "Purchase 33.0% vs 86.4% (-53.4 pt, p < 0.001)".
std::string stage_entry_phrase(const ConversionComparison& s, std::string_view stage_name);

// The comparison of period `id` against the rest (`a` == id, `b` == "rest"),
// or null. Period ids are unique among personas and periods.
const ConversionComparison* period_comparison(const std::vector<ConversionComparison>& comparisons,
                                              const std::string& id);

}  // namespace cjm
