// Validation of GeneratorOptions, shared by both modes of the generator.
#pragma once

#include <cstdint>

#include "generate/generator.h"

namespace cjm {

// Checks every option (docs/generator.md, "Parameters") and returns
// options.start in whole seconds since the epoch (rounded down). Throws
// cjm::Error (usage) naming the option and its value.
int64_t checked_start_s(const GeneratorOptions& options);

}  // namespace cjm
