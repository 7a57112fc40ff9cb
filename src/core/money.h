// Money: the `value` column held exactly, as a fixed-point decimal of
// ten-thousandths of a unit in 64 bits, so that sums of values equal the sums
// of the input's decimals (docs/analyses.md, "Values").
#pragma once

#include <cstdint>
#include <string_view>

namespace cjm {

// Ten-thousandths per unit: 4 decimal places.
inline constexpr int64_t kValueScale = 10000;
// A missing value (an empty field).
inline constexpr int64_t kMissingValue = INT64_MIN;
// The largest magnitude held, in units (core/limits.h kMaxAbsValue).
inline constexpr int64_t kMaxAbsValueUnits = 1'000'000'000'000;

enum class MoneyParse { kOk, kBad, kOutOfRange };

// Reads a decimal number ("12", "-3.5", "0.0012", "1.5e3", an optional
// leading + or -) exactly into ten-thousandths, rounding half away from zero
// beyond the 4th decimal. An empty text is kMissingValue. kBad: not a
// number (also "nan", "inf", hex); kOutOfRange: magnitude above 1e12.
MoneyParse parse_money(std::string_view text, int64_t& out);

inline bool is_missing_value(int64_t v) {
  return v == kMissingValue;
}

// Whether `v` is missing or within the magnitude held (1e12 units).
inline bool value_in_range(int64_t v) {
  return is_missing_value(v) ||
         (v >= -kMaxAbsValueUnits * kValueScale && v <= kMaxAbsValueUnits * kValueScale);
}

// `units` in ten-thousandths, rounded half away from zero; NaN gives
// kMissingValue. For values computed as doubles (tests, generated data).
inline int64_t money_from_double(double units) {
  if (units != units) return kMissingValue;
  const double e4 = units * static_cast<double>(kValueScale);
  return static_cast<int64_t>(e4 < 0 ? e4 - 0.5 : e4 + 0.5);
}

// A value in units, as a double (for shares and fractional credits).
inline double money_to_double(int64_t v) {
  return static_cast<double>(v) / static_cast<double>(kValueScale);
}

}  // namespace cjm
