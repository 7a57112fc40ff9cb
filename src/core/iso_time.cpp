#include "core/iso_time.h"

#include <fmt/format.h>

#include "core/civil_time.h"

namespace cjm {

namespace {

struct Civil {
  int64_t year;
  unsigned month, day, hour, minute, second;
  int64_t micros;
};

Civil split(int64_t us) {
  constexpr int64_t kPerSecond = 1000000, kPerDay = 86400;
  int64_t secs = us / kPerSecond, micros = us % kPerSecond;
  if (micros < 0) {
    micros += kPerSecond;
    --secs;
  }
  int64_t days = secs / kPerDay, rem = secs % kPerDay;
  if (rem < 0) {
    rem += kPerDay;
    --days;
  }
  Civil c{};
  civil_from_days(days, c.year, c.month, c.day);
  c.hour = static_cast<unsigned>(rem / 3600);
  c.minute = static_cast<unsigned>(rem % 3600 / 60);
  c.second = static_cast<unsigned>(rem % 60);
  c.micros = micros;
  return c;
}

}  // namespace

std::string iso_date_utc(int64_t us) {
  const Civil c = split(us);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::string iso8601_utc(int64_t us) {
  const Civil c = split(us);
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", c.year, c.month, c.day,
                                c.hour, c.minute, c.second);
  if (c.micros != 0) out += fmt::format(".{:06}", c.micros);
  out += 'Z';
  return out;
}

}  // namespace cjm
