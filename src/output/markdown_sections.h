// Sections of the Markdown report (render_markdown) kept in files of their
// own, one per section; each writes nothing when its figures are absent.
#pragma once

#include <string>

#include "analysis/result.h"

namespace cjm::markdown {

// "## Visits": visits per customer, visits before converting and conversion
// by visit number, whenever visits are defined (either unit).
void markdown_visits(const AnalysisResult& r, std::string& out);

// "## Periods": each period's dates, journeys and conversion against the rest,
// then the stage entries that differ significantly.
void markdown_periods(const AnalysisResult& r, std::string& out);

// "## What changed": one sentence per change found, or one saying none was,
// whenever change detection ran.
void markdown_changes(const AnalysisResult& r, std::string& out);

}  // namespace cjm::markdown
