// YAML blocks that the specs of both generator modes share (the generated
// columns, the conversion, windows and personas), so the two say them once.
#pragma once

#include <string_view>

namespace cjm::spec_blocks {

// The `data:` block: the generated column names.
inline constexpr std::string_view kData = R"yaml(data:
  customer: customer_id
  time: timestamp
  event: event
  channel: channel
  value: value
  score: score
  time_format: iso8601
)yaml";

// `conversion:`, `windows:` and the three personas by the `persona` column.
inline constexpr std::string_view kConversionAndPersonas = R"yaml(conversion: purchase
windows:
  conversion: 30d
  session_gap: 30m
personas:
  - id: bargain_hunter
    name: Bargain hunter
    where: {persona: bargain_hunter}
  - id: loyal_fan
    name: Loyal fan
    where: {persona: loyal_fan}
  - id: busy_pro
    name: Busy professional
    where: {persona: busy_pro}
)yaml";

}  // namespace cjm::spec_blocks
