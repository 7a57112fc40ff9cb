#include "reader/json_text.h"

#include <charconv>

namespace cjm::reader {

std::string_view json_value_text(simdjson::dom::element e, std::string& buf) {
  char num[64];
  switch (e.type()) {
    case simdjson::dom::element_type::STRING:
      return e.get_string().value_unsafe();
    case simdjson::dom::element_type::INT64: {
      auto r = std::to_chars(num, num + sizeof num, e.get_int64().value_unsafe());
      buf.assign(num, r.ptr);
      return buf;
    }
    case simdjson::dom::element_type::UINT64: {
      auto r = std::to_chars(num, num + sizeof num, e.get_uint64().value_unsafe());
      buf.assign(num, r.ptr);
      return buf;
    }
    case simdjson::dom::element_type::DOUBLE: {
      auto r = std::to_chars(num, num + sizeof num, e.get_double().value_unsafe());
      buf.assign(num, r.ptr);
      return buf;
    }
    case simdjson::dom::element_type::BOOL:
      return e.get_bool().value_unsafe() ? "true" : "false";
    case simdjson::dom::element_type::NULL_VALUE:
      return {};
    default:  // array or object: kept as compact JSON text
      buf = simdjson::minify(e);
      return buf;
  }
}

}  // namespace cjm::reader
