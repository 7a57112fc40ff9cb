// The terminal summary's "What changed" section (output/text_sections.h).
#include <fmt/format.h>

#include "output/change_words.h"
#include "output/format_util.h"
#include "output/text_sections.h"
#include "output/unit_words.h"

namespace cjm::text {

void text_changes(const AnalysisResult& r, const Style& st, Writer& w) {
  const std::vector<Change>& changes = r.all.changes;
  // Change detection ran when it has a daily series for a stage.
  if (changes.empty() && r.all.change_timelines.empty()) return;
  const UnitWords words = unit_words(r.unit);
  const auto clean = [](std::string_view s) { return fmtutil::clean(s); };
  w.line();
  if (changes.empty()) {
    w.paragraph(st.bold("What changed") + "  ", no_change_sentence(words), "    ");
    return;
  }
  w.line(st.bold("What changed") +
         st.dim("  windows where a stage's daily entry rate left its baseline"));
  const StageLabels stages = stage_labels(r.stages, clean);
  for (const Change& c : changes) {
    const bool down = c.direction == "down";
    w.paragraph("  " + (down ? st.red("▼") : st.green("▲")) + " ",
                change_sentence(c, stages, words, clean), "    ");
  }
}

}  // namespace cjm::text
