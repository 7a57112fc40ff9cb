// libFuzzer target: the time parser. Every format on the same text; a time
// that parses must lie in the documented range and, formatted back as
// ISO-8601, parse to the same instant.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/time_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cjm;
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  (void)detect_time_format(s);
  for (TimeFormat f :
       {TimeFormat::kIso8601, TimeFormat::kEpochS, TimeFormat::kEpochMs, TimeFormat::kEpochUs}) {
    const std::optional<int64_t> us = parse_time_us(s, f);
    if (!us) continue;
    if (*us < kMinTimeUs || *us > kMaxTimeUs) std::abort();
    const std::string back = format_time_us(*us);
    const std::optional<int64_t> again = parse_iso8601_us(back);
    if (!again || *again != *us) std::abort();
  }
  return 0;
}
