// Glob matching for event patterns in the spec.
#pragma once

#include <string_view>

namespace cjm {

// True if `text` matches `pattern`, where `*` matches any run of bytes
// (including none), `?` exactly one byte, and every other byte itself.
bool glob_match(std::string_view pattern, std::string_view text);

// True if `pattern` contains a wildcard (`*` or `?`).
bool is_glob(std::string_view pattern);

}  // namespace cjm
