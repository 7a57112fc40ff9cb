// libFuzzer target: the aggregated-paths reader (--input-format paths) and
// the attribution (heuristic models and the Markov chain) of what it accepted.
#include "read_events_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return cjm::fuzz::read_and_analyse(data, size, cjm::InputFormat::kPaths);
}
