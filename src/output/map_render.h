// Map renderers: turn a JourneyMap (src/map/journey_map.h) into a file a person
// opens. They compute nothing; every figure comes from the map.
#pragma once

#include <string>

#include "map/journey_map.h"

namespace cjm {

// One self-contained HTML page (styles, scripts and Apache ECharts inlined; no
// network access). Every string from the data or the spec travels as escaped
// JSON in <script type="application/json"> and is shown with textContent only.
std::string render_html(const JourneyMap& map);

// The other map renderers (Mermaid, Markdown, CSV) are declared in
// output/map_exports.h.

}  // namespace cjm
