// Internal: RowBuilder::add_row, the body of both RowBuilder::add(), for
// the two files that define them: row_builder.cpp (the file readers') and
// row_add_decoded.cpp (a binary source's). Apart, each translation unit
// inlines into its add() what it would alone, so the file readers' add() is
// compiled as if the binary source's did not exist.
#pragma once

#include <fast_float/fast_float.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/limits.h"
#include "reader/row_builder.h"
#include "reader/text.h"

namespace cjm::reader {

// Reads a number (empty: missing, NaN). False if `s` is not one. Inline: it
// runs twice per row, and the hint keeps it inside add() as it was when
// the builder's members were defined in its class.
inline bool parse_number(std::string_view s, float& out) {
  s = trim(s);
  if (s.empty()) {
    out = std::numeric_limits<float>::quiet_NaN();
    return true;
  }
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  auto r = fast_float::from_chars(first, last, out);
  return r.ec == std::errc() && r.ptr == last;
}

// kBinary false (the file readers): every value from its text, and not a
// test more than that needs; true: `decoded` replaces what it holds.
template <bool kBinary>
[[gnu::always_inline]] inline void RowBuilder::add_row(uint64_t line, Row& row, uint64_t last_line,
                                                       const Decoded* decoded) {
  const bool time_decoded = kBinary && decoded->time_us.has_value();
  std::string_view time = time_decoded ? std::string_view() : trim(row.v[kTime]);
  if (format_ == TimeFormat::kAuto && !time.empty()) {
    TimeFormat f = detect_time_format(time);
    if (f != TimeFormat::kAuto) {
      format_ = f;
      report_.time_format = time_format_name(f);
    }
  }
  if (row_bytes(row) > kMaxFieldBytes)  // rare: only then is the reason worked out
    if (std::string reason = too_long(row); !reason.empty())
      return reject(line, std::move(reason), last_line);
  if (row.v[kCustomer].empty()) return reject(line, missing(row, kCustomer), last_line);
  if (time.empty() && !time_decoded) return reject(line, missing(row, kTime), last_line);
  std::optional<int64_t> us;
  if (time_decoded)
    us = decoded->time_us;
  else if (format_ != TimeFormat::kAuto)
    us = parse_time_us(time, format_);
  if (!us && format_ != TimeFormat::kAuto && time_out_of_range(time, format_))
    return reject(line,
                  "time '" + printable(time) + "' in column '" + printable(names_[kTime]) +
                      "' is outside the supported range (years 1000 to 9999)",
                  last_line);
  if (!us) {
    std::string reason =
        "unparsable time '" + printable(time) + "' in column '" + printable(names_[kTime]) + "'";
    reason += format_ == TimeFormat::kAuto
                  ? " (cannot tell its format)"
                  : std::string(" (expected ") + time_format_name(format_) + ")";
    return reject(line, std::move(reason), last_line);
  }
  if (row.v[kEvent].empty()) return reject(line, missing(row, kEvent), last_line);
  int64_t value = kMissingValue;
  float score = 0;
  if (has_[kValue] && kBinary && decoded->value.has_value()) {
    value = *decoded->value;
  } else if (has_[kValue]) {
    const MoneyParse m = parse_money(row.v[kValue], value);
    if (m == MoneyParse::kBad) return reject(line, bad_number(row.v[kValue], kValue), last_line);
    if (m == MoneyParse::kOutOfRange)
      return reject(line, out_of_range(row.v[kValue], kValue, "1e12"), last_line);
  }
  if (has_[kScore] && kBinary && decoded->score.has_value())
    score = *decoded->score;
  else if (has_[kScore] && !parse_number(row.v[kScore], score))
    return reject(line, bad_number(row.v[kScore], kScore), last_line);
  if (has_[kScore] && !(std::fabs(score) <= kMaxAbsScore) && !is_missing(score))
    return reject(line, out_of_range(row.v[kScore], kScore, "1e6"), last_line);

  ++report_.rows;
  const std::string_view customer = row.v[kCustomer];
  const uint64_t hash = hash_bytes(customer);
  t_.customers.prefetch(hash);
  bool stable = in_stable(customer);
  Pending& p = ring_[pushed_++ % kRing];
  p.row = t_.customer.size();
  p.hash = hash;
  p.customer = customer;
  if (has_[kSession]) {
    p.session = row.v[kSession];
    p.session_hash = hash_bytes(p.session);
    t_.sessions.prefetch(p.session_hash);
    stable = stable && in_stable(p.session);
    t_.session.push_back(0);  // set by look_up()
  }
  t_.customer.push_back(0);  // set by look_up()
  t_.time_us.push_back(*us);
  t_.event.push_back(t_.events.intern(row.v[kEvent]));
  if (has_[kChannel])
    t_.channel.push_back(row.v[kChannel].empty() ? kNoChannel
                                                 : t_.channels.intern(row.v[kChannel]));
  if (has_[kValue]) t_.value.push_back(value);
  if (has_[kScore]) t_.score.push_back(score);
  for (size_t i = 0; i < attr_.size(); ++i)
    t_.attributes[i].of.push_back(attribute_id(i, attr_[i]));
  if (!stable) return flush();
  if (pushed_ - looked_up_ > kLookahead) look_up();
}

}  // namespace cjm::reader
