#include "core/money.h"

#include <string>

namespace cjm {

namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Significant digits beyond this many cannot change a value in range by more
// than the rounding of the 4th decimal; longer texts are refused as numbers.
constexpr size_t kMaxDigits = 64;

}  // namespace

MoneyParse parse_money(std::string_view s, int64_t& out) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) {
    out = kMissingValue;
    return MoneyParse::kOk;
  }
  size_t i = 0;
  bool negative = false;
  if (s[i] == '+' || s[i] == '-') negative = s[i++] == '-';

  // The value is digits × 10^exp10, `digits` without leading zeros.
  std::string digits;
  int64_t exp10 = 0;
  bool seen_digit = false, seen_point = false;
  for (; i < s.size() && (digit(s[i]) || s[i] == '.'); ++i) {
    if (s[i] == '.') {
      if (seen_point) return MoneyParse::kBad;
      seen_point = true;
      continue;
    }
    seen_digit = true;
    if (seen_point) --exp10;
    if (digits.empty() && s[i] == '0') continue;
    if (digits.size() == kMaxDigits) return MoneyParse::kBad;
    digits.push_back(s[i]);
  }
  if (!seen_digit) return MoneyParse::kBad;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    if (i == s.size() || !digit(s[i])) return MoneyParse::kBad;
    int64_t e = 0;
    for (; i < s.size() && digit(s[i]); ++i)
      if (e < 100000) e = e * 10 + (s[i] - '0');
    exp10 += exp_negative ? -e : e;
  }
  if (i != s.size()) return MoneyParse::kBad;

  // In ten-thousandths: digits × 10^(exp10 + 4); the first `whole` digits
  // are the integer part, the next one rounds.
  const int64_t whole = static_cast<int64_t>(digits.size()) + exp10 + 4;
  if (digits.empty() || whole < 0) {
    out = 0;
    return MoneyParse::kOk;
  }
  if (whole > 17) return MoneyParse::kOutOfRange;  // above 1e13 units
  int64_t v = 0;
  for (int64_t k = 0; k < whole; ++k)
    v = v * 10 +
        (k < static_cast<int64_t>(digits.size()) ? digits[static_cast<size_t>(k)] - '0' : 0);
  if (whole < static_cast<int64_t>(digits.size()) && digits[static_cast<size_t>(whole)] >= '5') ++v;
  if (v > kMaxAbsValueUnits * kValueScale) return MoneyParse::kOutOfRange;
  out = negative ? -v : v;
  return MoneyParse::kOk;
}

}  // namespace cjm
