// Internal: the text of a JSON value as a CSV field would hold it, shared by
// the JSON Lines reader and the sampler (read_sample.h).
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

namespace cjm::reader {

// A string as it is, a number or boolean as written, null as empty, an array
// or object as compact JSON. Formatted text is kept in `buf`, so the view is
// valid until `buf` changes (a string's view: while the parsed document lives).
std::string_view json_value_text(simdjson::dom::element e, std::string& buf);

}  // namespace cjm::reader
