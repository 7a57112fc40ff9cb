// ISO-8601 text of times held as microseconds since 1970-01-01T00:00:00Z.
#pragma once

#include <cstdint>
#include <string>

namespace cjm {

// "2024-03-01T10:00:00Z", with ".ffffff" only when the microseconds are non-zero.
std::string iso8601_utc(int64_t us);

// The date part only: "2024-03-01".
std::string iso_date_utc(int64_t us);

}  // namespace cjm
