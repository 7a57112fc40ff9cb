// libFuzzer target: the .cjm store reader. Any byte string must be refused
// with a cjm::Error or read into a table whose ids (sessions and attribute
// values included), offsets, times, values and source counts are
// consistent; that table is then analysed. The
// checksums of an input that has a store's header and section table are
// set right first (docs/store-format.md), so that mutations reach the checks
// behind them instead of stopping at a checksum mismatch.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "analysis/analyze.h"
#include "analysis_spec.h"
#include "core/error.h"
#include "core/limits.h"
#include "fuzz_file.h"
#include "storage/checksum.h"
#include "storage/store_reader.h"

namespace {

template <typename T>
T load(const std::vector<uint8_t>& b, size_t at) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof v);
  return v;
}

void fix_checksums(std::vector<uint8_t>& b) {
  if (b.size() < 64 || std::memcmp(b.data(), "CJMSTORE", 8) != 0) return;
  const uint32_t version = load<uint32_t>(b, 8);
  const uint32_t header_bytes = load<uint32_t>(b, 12);
  const uint32_t sections = load<uint32_t>(b, 48);
  if (sections > 1000 || header_bytes != 64 + 48 * sections || header_bytes > b.size()) return;
  for (uint32_t i = 0; i < sections; ++i) {
    const size_t entry = 64 + 48 * size_t{i};
    const uint64_t offset = load<uint64_t>(b, entry + 24);
    const uint64_t length = load<uint64_t>(b, entry + 32);
    if (offset > b.size() || length > b.size() - offset) continue;
    const uint64_t sum = cjm::store_checksum(b.data() + offset, length, version);
    std::memcpy(b.data() + entry + 40, &sum, sizeof sum);
  }
  std::memset(b.data() + 56, 0, 8);
  const uint64_t sum = cjm::store_checksum(b.data(), header_bytes, version);
  std::memcpy(b.data() + 56, &sum, sizeof sum);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cjm;
  std::vector<uint8_t> bytes(data, data + size);
  fix_checksums(bytes);
  try {
    const StoreContents s = read_store(fuzz::as_file(bytes.data(), bytes.size()));
    const EventTable& t = s.table;
    if (s.source.rejected > s.source.rows || s.source.rows - s.source.rejected != t.size())
      std::abort();
    for (size_t i = 0; i < t.size(); ++i) {
      if (!time_in_range(t.time_us[i])) std::abort();
      if (t.has_value() && !value_in_range(t.value[i])) std::abort();
      if (t.has_score() && std::fabs(t.score[i]) > kMaxAbsScore) std::abort();
      if (t.has_session() && t.session[i] >= t.sessions.size()) std::abort();
    }
    for (const AttributeColumn& a : t.attributes) {
      if (a.of.size() != t.size() || a.values.size() == 0 || !a.values.at(0).empty()) std::abort();
      for (uint32_t id : a.of)
        if (id >= a.values.size()) std::abort();
    }
    const JourneySpec& spec = fuzz::analysis_spec();
    const EventMap map = map_events(t.events, spec);
    const AnalysisInput in{&t, &s.journeys, &map, &spec};
    (void)analyze(in, AnalyzeOptions{.threads = 1});
  } catch (const Error&) {
  }
  return 0;
}
