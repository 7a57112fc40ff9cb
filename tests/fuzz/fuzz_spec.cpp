// libFuzzer target: the journey spec parser (YAML). Bad specs must end in a
// cjm::Error naming the file, never in a crash or another exception.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "spec/journey_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    (void)cjm::parse_spec(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  } catch (const cjm::Error&) {
  }
  return 0;
}
