// Renderers: turn a finished AnalysisResult into text. They compute nothing
// (every figure comes from the result) and only format it.
#pragma once

#include <string>

#include "analysis/result.h"

namespace cjm {

// JSON for programs; schema "cjm.result/1" (docs/result-json.md).
std::string render_json(const AnalysisResult& result);

// A summary a person can read at a glance on a terminal (width <= 100 columns).
// `color` adds ANSI colours (only when writing to a terminal).
std::string render_text(const AnalysisResult& result, bool color);

// The same figures as Markdown tables, for wikis and pull requests.
std::string render_markdown(const AnalysisResult& result);

}  // namespace cjm
