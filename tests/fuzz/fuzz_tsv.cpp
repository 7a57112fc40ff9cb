// libFuzzer target: the TSV reader.
#include "read_events_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return cjm::fuzz::read_and_check(data, size, cjm::InputFormat::kTsv);
}
