// libFuzzer target: the glob matcher, against a plain dynamic-programming
// matcher written here from the contract in spec/glob.h. The input is the
// pattern, a NUL byte, then the text.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "spec/glob.h"

namespace {

// match[i][j]: pattern[i..] matches text[j..]. O(|pattern| x |text|).
bool reference_match(std::string_view p, std::string_view t) {
  std::vector<std::vector<char>> m(p.size() + 1, std::vector<char>(t.size() + 1, 0));
  m[p.size()][t.size()] = 1;
  for (size_t i = p.size(); i-- > 0;)
    for (size_t j = t.size() + 1; j-- > 0;) {
      if (p[i] == '*')
        m[i][j] = m[i + 1][j] || (j < t.size() && m[i][j + 1]);
      else
        m[i][j] = j < t.size() && (p[i] == '?' || p[i] == t[j]) && m[i + 1][j + 1];
    }
  return m[0][0] != 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t nul = in.find('\0');
  const std::string_view pattern = in.substr(0, nul);
  const std::string_view text = nul == std::string_view::npos ? "" : in.substr(nul + 1);
  if (pattern.size() * (text.size() + 1) > 1'000'000) return 0;  // the reference's table
  if (cjm::glob_match(pattern, text) != reference_match(pattern, text)) std::abort();
  const bool wild = pattern.find_first_of("*?") != std::string_view::npos;
  if (cjm::is_glob(pattern) != wild) std::abort();
  return 0;
}
