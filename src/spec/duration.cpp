#include "spec/duration.h"

#include <limits>

#include "core/error.h"

namespace cjm {

namespace {

constexpr const char* kDurationHint = "(use e.g. 90s, 90m, 12h, 30d, 2w)";

}  // namespace

int64_t parse_duration_us(const std::string& text) {
  const auto unreadable = [&]() {
    return Error("cannot read duration '" + printable(text) + "' " + kDurationHint);
  };
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';

  // Integer part (at least one digit), then an optional fraction.
  using Wide = __int128;
  constexpr Wide kCap = static_cast<Wide>(std::numeric_limits<int64_t>::max());
  Wide whole = 0;
  const size_t whole_start = pos;
  bool too_large = false;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    whole = whole * 10 + (text[pos++] - '0');
    if (whole > kCap) {
      too_large = true;
      whole = kCap;
    }
  }
  if (pos == whole_start) throw unreadable();
  Wide frac = 0, frac_scale = 1;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const size_t frac_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (pos - frac_start < 18) {  // digits beyond 1e-18 of a unit cannot matter
        frac = frac * 10 + (text[pos] - '0');
        frac_scale *= 10;
      }
      ++pos;
    }
    if (pos == frac_start) throw unreadable();
  }

  int64_t unit_us = 1'000'000;  // plain number: seconds
  if (pos < text.size()) {
    switch (text[pos++]) {
      case 's':
        unit_us = 1'000'000;
        break;
      case 'm':
        unit_us = 60LL * 1'000'000;
        break;
      case 'h':
        unit_us = 3600LL * 1'000'000;
        break;
      case 'd':
        unit_us = 86400LL * 1'000'000;
        break;
      case 'w':
        unit_us = 7 * 86400LL * 1'000'000;
        break;
      default:
        throw unreadable();
    }
  }
  if (pos != text.size()) throw unreadable();

  if (whole == 0 && frac == 0)
    throw Error("duration '" + printable(text) + "' must be greater than zero");
  if (negative) throw Error("duration '" + printable(text) + "' must be greater than zero");
  const auto too_long = [&]() { return Error("duration '" + printable(text) + "' is too long"); };
  if (too_large) throw too_long();
  // Round the fractional part to the nearest microsecond.
  const Wide total = whole * unit_us + (frac * unit_us + frac_scale / 2) / frac_scale;
  if (total > kCap) throw too_long();
  if (total == 0)
    throw Error("duration '" + printable(text) +
                "' is shorter than a microsecond; it must be greater than zero");
  return static_cast<int64_t>(total);
}

}  // namespace cjm
