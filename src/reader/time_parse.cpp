#include "reader/time_parse.h"

#include <fast_float/fast_float.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace cjm {

namespace {

constexpr int64_t kUsPerSecond = 1000000;
constexpr int64_t kUsPerDay = 86400 * kUsPerSecond;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `n` digits at s[pos...]; advances pos.
bool read_digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool is_leap(int y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
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

int64_t unit_scale(TimeFormat unit) {
  switch (unit) {
    case TimeFormat::kEpochS:
      return kUsPerSecond;
    case TimeFormat::kEpochMs:
      return 1000;
    case TimeFormat::kEpochUs:
      return 1;
    default:
      return 0;
  }
}

// Syntax check of a plain decimal number: [+-]digits[.digits][e[+-]digits].
// Sets has_exponent; returns false if not a number.
bool scan_number(std::string_view s, bool& has_exponent) {
  size_t i = 0;
  has_exponent = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
    has_exponent = true;
  }
  return i == s.size();
}

bool to_double(std::string_view s, double& out) {
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;
  auto r = fast_float::from_chars(first, last, out);
  return r.ec == std::errc() && r.ptr == last;
}

}  // namespace

TimeFormat parse_time_format(const std::string& name) {
  if (name == "auto") return TimeFormat::kAuto;
  if (name == "iso8601") return TimeFormat::kIso8601;
  if (name == "epoch_s") return TimeFormat::kEpochS;
  if (name == "epoch_ms") return TimeFormat::kEpochMs;
  if (name == "epoch_us") return TimeFormat::kEpochUs;
  throw std::invalid_argument("unknown time format '" + name +
                              "' (expected auto, iso8601, epoch_s, epoch_ms or epoch_us)");
}

const char* time_format_name(TimeFormat f) {
  switch (f) {
    case TimeFormat::kAuto:
      return "auto";
    case TimeFormat::kIso8601:
      return "iso8601";
    case TimeFormat::kEpochS:
      return "epoch_s";
    case TimeFormat::kEpochMs:
      return "epoch_ms";
    case TimeFormat::kEpochUs:
      return "epoch_us";
  }
  return "auto";
}

std::optional<int64_t> parse_iso8601_us(std::string_view s) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!read_digits(s, pos, 4, year)) return std::nullopt;
  if (pos >= s.size() || s[pos] != '-') return std::nullopt;
  ++pos;
  if (!read_digits(s, pos, 2, month)) return std::nullopt;
  if (pos >= s.size() || s[pos] != '-') return std::nullopt;
  ++pos;
  if (!read_digits(s, pos, 2, day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  int64_t us =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * kUsPerDay;
  if (pos == s.size()) return us;

  char sep = s[pos];
  if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
  ++pos;
  int hour, minute, second = 0;
  if (!read_digits(s, pos, 2, hour) || hour > 23) return std::nullopt;
  if (pos >= s.size() || s[pos] != ':') return std::nullopt;
  ++pos;
  if (!read_digits(s, pos, 2, minute) || minute > 59) return std::nullopt;
  int64_t fraction_us = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_digits(s, pos, 2, second) || second > 60) return std::nullopt;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      size_t n = 0;
      while (pos < s.size() && is_digit(s[pos])) {
        if (n < 6) fraction_us = fraction_us * 10 + (s[pos] - '0');
        ++n;
        ++pos;
      }
      if (n == 0 || n > 9) return std::nullopt;
      for (size_t i = n; i < 6; ++i) fraction_us *= 10;
    }
  }
  us += (static_cast<int64_t>(hour) * 3600 + minute * 60 + second) * kUsPerSecond + fraction_us;

  if (pos == s.size()) return us;
  char z = s[pos];
  if (z == 'Z' || z == 'z') {
    return pos + 1 == s.size() ? std::optional<int64_t>(us) : std::nullopt;
  }
  if (z != '+' && z != '-') return std::nullopt;
  ++pos;
  int off_h, off_m = 0;
  if (!read_digits(s, pos, 2, off_h) || off_h > 23) return std::nullopt;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    if (!read_digits(s, pos, 2, off_m) || off_m > 59) return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  int64_t offset_us = (static_cast<int64_t>(off_h) * 3600 + off_m * 60) * kUsPerSecond;
  // Local time = UTC + offset, so UTC = local - offset.
  return z == '+' ? us - offset_us : us + offset_us;
}

std::optional<int64_t> parse_epoch_us(std::string_view s, TimeFormat unit) {
  const int64_t scale = unit_scale(unit);
  if (scale == 0) return std::nullopt;
  bool has_exponent = false;
  if (!scan_number(s, has_exponent)) return std::nullopt;
  if (has_exponent) {
    double d;
    if (!to_double(s, d)) return std::nullopt;
    double v = std::trunc(d * static_cast<double>(scale));
    // 9.2e18 is the int64 range; stay clearly inside it.
    if (!(v > -9.2e18 && v < 9.2e18)) return std::nullopt;
    return static_cast<int64_t>(v);
  }
  size_t i = 0;
  bool negative = false;
  if (s[i] == '+' || s[i] == '-') negative = s[i++] == '-';
  int64_t whole = 0;
  for (; i < s.size() && is_digit(s[i]); ++i) {
    if (__builtin_mul_overflow(whole, int64_t{10}, &whole) ||
        __builtin_add_overflow(whole, int64_t{s[i] - '0'}, &whole))
      return std::nullopt;
  }
  int64_t result;
  if (__builtin_mul_overflow(whole, scale, &result)) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    ++i;
    // Digits of the fraction that still count at microsecond precision.
    int64_t place = scale;
    int64_t frac = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      place /= 10;
      if (place == 0) break;
      frac += (s[i] - '0') * place;
    }
    if (__builtin_add_overflow(result, frac, &result)) return std::nullopt;
  }
  return negative ? -result : result;
}

TimeFormat detect_time_format(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i > 0 && i < s.size() && s[i] == '-') return TimeFormat::kIso8601;
  bool has_exponent;
  if (!scan_number(s, has_exponent)) return TimeFormat::kAuto;
  double d;
  if (!to_double(s, d)) return TimeFormat::kAuto;
  d = std::fabs(d);
  if (d < 1e11) return TimeFormat::kEpochS;
  if (d < 1e14) return TimeFormat::kEpochMs;
  return TimeFormat::kEpochUs;
}

std::optional<int64_t> parse_time_us(std::string_view s, TimeFormat f) {
  switch (f) {
    case TimeFormat::kIso8601:
      return parse_iso8601_us(s);
    case TimeFormat::kEpochS:
    case TimeFormat::kEpochMs:
    case TimeFormat::kEpochUs:
      return parse_epoch_us(s, f);
    case TimeFormat::kAuto:
      break;
  }
  return std::nullopt;
}

std::string format_time_us(int64_t us) {
  int64_t days = us / kUsPerDay;
  int64_t rem = us % kUsPerDay;
  if (rem < 0) {
    rem += kUsPerDay;
    --days;
  }
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  int64_t secs = rem / kUsPerSecond;
  int64_t frac = rem % kUsPerSecond;
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                        static_cast<long long>(y), m, d, static_cast<long long>(secs / 3600),
                        static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  std::string out(buf, static_cast<size_t>(n));
  if (frac != 0) {
    if (frac % 1000 == 0)
      std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(frac / 1000));
    else
      std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
    out += buf;
  }
  out += 'Z';
  return out;
}

}  // namespace cjm
