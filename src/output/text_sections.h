// Sections of the terminal summary (render_text) kept in files of their own,
// one per section; each writes nothing when its figures are absent.
#pragma once

#include "analysis/result.h"
#include "output/text_writer.h"

namespace cjm::text {

// "Visits": visits per customer, visits before converting and conversion by
// visit number, whenever visits are defined (either unit).
void text_visits(const AnalysisResult& r, const Style& st, Writer& w);

// "Periods": each period's dates, journeys, conversion and its difference
// from the rest, then the stage entries that differ significantly.
void text_periods(const AnalysisResult& r, const Style& st, Writer& w);

// "What changed": one sentence per change found, or one line saying none was,
// whenever change detection ran.
void text_changes(const AnalysisResult& r, const Style& st, Writer& w);

}  // namespace cjm::text
