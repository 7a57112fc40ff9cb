// The Markdown report's "What changed" section (output/markdown_sections.h).
#include <fmt/format.h>

#include "output/change_words.h"
#include "output/markdown_sections.h"
#include "output/markdown_table.h"
#include "output/unit_words.h"

namespace cjm::markdown {

void markdown_changes(const AnalysisResult& r, std::string& out) {
  const std::vector<Change>& changes = r.all.changes;
  // Change detection ran when it has a daily series for a stage.
  if (changes.empty() && r.all.change_timelines.empty()) return;
  const UnitWords words = unit_words(r.unit);
  out += "## What changed\n\n";
  if (changes.empty()) {
    out += no_change_sentence(words) + "\n\n";
    return;
  }
  out +=
      "Windows of days in which a stage's daily entry rate left its baseline, the change "
      "that lost the most first.\n\n";
  const StageLabels stages = stage_labels(r.stages, esc);
  for (const Change& c : changes) out += "- " + change_sentence(c, stages, words, esc) + "\n";
  out += '\n';
}

}  // namespace cjm::markdown
