// Internal: small text helpers shared by the readers.
#pragma once

#include <string>
#include <string_view>

namespace cjm::reader {

// `s` without leading spaces and tabs, and without trailing spaces, tabs and
// carriage returns.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// `s` with ASCII capitals in lower case.
inline std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace cjm::reader
