#include "core/time_parse.h"

#include <fast_float/fast_float.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/civil_time.h"
#include "core/error.h"

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
  throw Error("data.time_format: unknown time format '" + printable(name) +
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

// The common fixed layout "YYYY-MM-DDTHH:MM:SS" followed by "Z" or by a
// fraction and "Z": fixed positions, no branching on the layout. Returns false
// (leaving `out` alone) when `s` has another layout or is invalid; the general
// parser then decides.
namespace {

// The digits of `p` at positions `at` into `d`; false if any is not a digit.
// Every position is read (no early exit), so that the loop has no branch.
template <size_t N>
bool digits_at(const char* p, const int (&at)[N], unsigned (&d)[N]) {
  unsigned bad = 0;
  for (size_t i = 0; i < N; ++i) {
    d[i] = static_cast<unsigned>(static_cast<unsigned char>(p[at[i]]) - '0');
    bad |= d[i] > 9 ? 1u : 0u;
  }
  return bad == 0;
}

bool parse_iso8601_fixed(std::string_view s, int64_t& out) {
  const size_t n = s.size();
  if (n < 20 || (s[n - 1] != 'Z' && s[n - 1] != 'z')) return false;
  const char* p = s.data();
  if (p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != 't' && p[10] != ' ') ||
      p[13] != ':' || p[16] != ':')
    return false;
  // Rows of a log mostly come in time order, so most share the date of the
  // row before: the days of the last valid date seen on this thread are kept.
  struct LastDate {
    char text[10];
    int64_t days;
    bool set = false;
  };
  thread_local LastDate last;
  int64_t days;
  if (last.set && std::memcmp(p, last.text, 10) == 0) {
    days = last.days;
  } else {
    static constexpr int kDateDigitAt[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    unsigned d[8];
    if (!digits_at(p, kDateDigitAt, d)) return false;
    const int year = static_cast<int>(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]);
    const int month = static_cast<int>(d[4] * 10 + d[5]);
    const int day = static_cast<int>(d[6] * 10 + d[7]);
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
    days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    std::memcpy(last.text, p, 10);
    last.days = days;
    last.set = true;
  }
  static constexpr int kTimeDigitAt[6] = {11, 12, 14, 15, 17, 18};
  unsigned d[6];
  if (!digits_at(p, kTimeDigitAt, d)) return false;
  const int hour = static_cast<int>(d[0] * 10 + d[1]);
  const int minute = static_cast<int>(d[2] * 10 + d[3]);
  const int second = static_cast<int>(d[4] * 10 + d[5]);
  int64_t fraction_us = 0;
  if (n > 20) {
    // ".f" to ".fffffffff" then "Z".
    if (p[19] != '.' && p[19] != ',') return false;
    size_t digits = n - 21;
    if (digits == 0 || digits > 9) return false;
    for (size_t i = 0; i < digits; ++i) {
      unsigned c = static_cast<unsigned>(static_cast<unsigned char>(p[20 + i]) - '0');
      if (c > 9) return false;
      if (i < 6) fraction_us = fraction_us * 10 + c;
    }
    for (size_t i = digits; i < 6; ++i) fraction_us *= 10;
  }
  if (hour > 23 || minute > 59 || second > 60) return false;
  out = days * kUsPerDay +
        (static_cast<int64_t>(hour) * 3600 + minute * 60 + second) * kUsPerSecond + fraction_us;
  return true;
}

}  // namespace

namespace {

std::optional<int64_t> parse_iso8601_any_year(std::string_view s);

}  // namespace

std::optional<int64_t> parse_iso8601_us(std::string_view s) {
  int64_t fast;
  if (parse_iso8601_fixed(s, fast)) return time_in_range(fast) ? std::optional(fast) : std::nullopt;
  const std::optional<int64_t> us = parse_iso8601_any_year(s);
  return us && time_in_range(*us) ? us : std::nullopt;
}

namespace {

// Years 0000-9999, before the range check.
std::optional<int64_t> parse_iso8601_any_year(std::string_view s) {
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

}  // namespace

namespace {

std::optional<int64_t> parse_epoch_any(std::string_view s, TimeFormat unit);

}  // namespace

std::optional<int64_t> parse_epoch_us(std::string_view s, TimeFormat unit) {
  const std::optional<int64_t> us = parse_epoch_any(s, unit);
  return us && time_in_range(*us) ? us : std::nullopt;
}

namespace {

// Any time that fits int64 microseconds, before the range check.
std::optional<int64_t> parse_epoch_any(std::string_view s, TimeFormat unit) {
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

}  // namespace

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

bool time_out_of_range(std::string_view s, TimeFormat f) {
  std::optional<int64_t> us;
  if (f == TimeFormat::kIso8601) {
    int64_t fast;
    us = parse_iso8601_fixed(s, fast) ? std::optional(fast) : parse_iso8601_any_year(s);
  } else if (f != TimeFormat::kAuto) {
    bool has_exponent;
    if (!scan_number(s, has_exponent)) return false;
    us = parse_epoch_any(s, f);
    if (!us) return true;  // a number, but beyond int64 microseconds
  }
  return us && !time_in_range(*us);
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
