// render_json: the result as schema "cjm.result/1" (docs/result-json.md),
// from the one serialisation of results (analysis/result_json.h).
#include <nlohmann/json.hpp>

#include "analysis/result_json.h"
#include "output/render.h"

namespace cjm {

std::string render_json(const AnalysisResult& result) {
  // Event names may hold anything; invalid UTF-8 becomes U+FFFD instead of throwing.
  std::string out = to_json(result).dump(2, ' ', false, Json::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace cjm
