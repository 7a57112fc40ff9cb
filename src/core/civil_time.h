// Civil (proleptic Gregorian, UTC) dates <-> days since 1970-01-01.
// H. Hinnant's algorithms; exact for every int64 day count in range.
#pragma once

#include <cstdint>

namespace cjm {

// Days since 1970-01-01 of year `y`, month `m` (1..12), day `d` (1..31).
constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// The civil date of day `z` since 1970-01-01.
constexpr void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

// The UTC day (days since 1970-01-01, rounded down) of a time in microseconds.
constexpr int64_t utc_day(int64_t time_us) {
  constexpr int64_t kUsPerDay = 86'400LL * 1'000'000;
  const int64_t q = time_us / kUsPerDay;
  return (time_us % kUsPerDay < 0) ? q - 1 : q;
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(utc_day(-1) == -1 && utc_day(0) == 0 && utc_day(86'400'000'000 - 1) == 0);
static_assert(days_from_civil(2024, 3, 1) == 19783);

}  // namespace cjm
