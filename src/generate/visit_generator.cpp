// The visits mode: options to a simulation plan, customers simulated one by
// one into a compact row vector, sorted by (time, customer), written as CSV.
#include "generate/visit_generator.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/random.h"
#include "generate/csv_writer.h"
#include "generate/visit_catalogue.h"
#include "generate/visit_sim.h"

namespace cjm {

void session_id(uint64_t seed, uint32_t customer, uint8_t visit, char (&out)[10]) {
  // Xor with a key, odd multiplications modulo 2^40 and xor-shifts: each step
  // is a bijection of 40-bit numbers.
  constexpr uint64_t kMask = (uint64_t{1} << 40) - 1;
  uint64_t s = seed ^ 0x5E55101DULL;
  uint64_t x = ((uint64_t{customer} << 8 | visit) ^ splitmix64(s)) & kMask;
  x = (x * 0x9E3779B97F4A7C15ULL) & kMask;
  x ^= x >> 20;
  x = (x * 0xBF58476D1CE4E5B9ULL) & kMask;
  x ^= x >> 17;
  x = (x * 0x94D049BB133111EBULL) & kMask;
  x ^= x >> 21;
  constexpr char kHex[] = "0123456789abcdef";
  for (int i = 9; i >= 0; --i) {
    out[i] = kHex[x & 15];
    x >>= 4;
  }
}

namespace {

using visits::Row;

visits::IncidentPlan incident_plan(const GeneratorOptions& o, int64_t origin_s) {
  visits::IncidentPlan plan;
  const std::optional<PlantedIncident> inc = planted_incident(o);
  if (!inc) return plan;
  plan.active = true;
  for (size_t s = 0; s < visits::kStageIds.size(); ++s)
    if (inc->stage == visits::kStageIds[s]) plan.stage = static_cast<visits::Stage>(s);
  plan.from_s = static_cast<uint64_t>(inc->from_us / 1000000 - origin_s);
  plan.to_s = static_cast<uint64_t>(inc->to_us / 1000000 - origin_s);
  plan.drop = inc->drop;
  plan.base_rate = inc->base_rate;
  return plan;
}

// The customer's persona, region, device and main platform.
struct Profile {
  uint8_t persona = 0, region = 0, device = 0;
  visits::Platform main = visits::kDesktop;
};

Profile draw_profile(Rng& rng) {
  Profile f;
  const double u = rng.uniform();
  double acc = 0.0;
  for (unsigned i = 0; i < visits::kPersonas.size(); ++i) {
    acc += visits::kPersonas[i].share;
    f.persona = static_cast<uint8_t>(i);
    if (u < acc) break;
  }
  const visits::Persona& p = visits::kPersonas[f.persona];
  f.region = static_cast<uint8_t>(rng.range(0, 3));
  f.device = rng.chance(p.mobile) ? 0 : 1;
  if (f.device == 1) {
    f.main = visits::kDesktop;
  } else {
    f.main = rng.chance(p.app) ? visits::kApp : visits::kMobile;
  }
  return f;
}

void write_rows(const GeneratorOptions& o, int64_t origin_s, const std::vector<Row>& rows,
                const std::vector<uint8_t>& profiles, std::ostream& out) {
  const std::string_view marker = o.incident_event;
  CsvWriter w(out);
  w.put(
      "customer_id,session_id,timestamp,event,channel,value,score,persona,region,device,platform,"
      "user_lifecycle\n");
  char sid[10];
  for (const Row& r : rows) {
    const uint32_t c = static_cast<uint32_t>(r.key & 0xFFFFFFFFULL);
    w.put('c');
    w.put_uint(uint64_t{c} + 1);
    w.put(',');
    session_id(o.seed, c, r.visit, sid);
    w.put(std::string_view(sid, sizeof sid));
    w.put(',');
    w.put_time(origin_s + static_cast<int64_t>(r.key >> 32));
    w.put(',');
    w.put(r.event == visits::kMarker ? marker : std::string_view(visits::kEventNames[r.event]));
    w.put(',');
    w.put(visits::kSourceNames[r.context >> 4]);
    w.put(',');
    if (r.cents >= 0) w.put_cents(r.cents);
    w.put(',');
    if (r.score != 0) w.put(static_cast<char>('0' + r.score));
    w.put(',');
    const uint8_t a = profiles[c];
    w.put(visits::kPersonas[a & 3].id);
    w.put(',');
    w.put(visits::kRegionNames[(a >> 2) & 3]);
    w.put(',');
    w.put(visits::kDeviceNames[(a >> 4) & 1]);
    w.put(',');
    w.put(visits::kPlatformNames[r.context & 3]);
    w.put(',');
    w.put(visits::kLifecycleNames[(r.context >> 2) & 3]);
    w.put('\n');
  }
  w.flush();
}

}  // namespace

GeneratorStats generate_visits(const GeneratorOptions& o, int64_t start_s, std::ostream& out,
                               const VisitSink& sink) {
  // The simulation's clock starts warmup_days before `start`.
  const int64_t origin_s = start_s - int64_t{o.warmup_days} * 86400;
  visits::SimSettings settings;
  settings.write_from_s = static_cast<uint64_t>(o.warmup_days) * 86400;
  settings.period_end_s = settings.write_from_s + static_cast<uint64_t>(o.days) * 86400;
  settings.platform_switch = o.platform_switch;
  settings.score_rate = o.score_rate;
  settings.incident = incident_plan(o, origin_s);

  const uint32_t n = static_cast<uint32_t>(o.customers);
  std::vector<uint8_t> profiles(n);  // persona | region << 2 | device << 4
  std::vector<Row> rows;
  rows.reserve(static_cast<size_t>(n) * 32);
  std::vector<visits::VisitSummary> summaries;
  GeneratorStats stats;
  stats.customers = n;
  char sid[10];
  // Candidates arrive uniformly over warm-up and period; those with no visit
  // in the period are not written, and the written ones are numbered in order.
  uint32_t c = 0;
  for (uint64_t candidate = 0; c < n; ++candidate) {
    Rng rng = customer_rng(o.seed, candidate);
    const Profile f = draw_profile(rng);
    visits::CustomerSetup setup;
    setup.persona = &visits::kPersonas[f.persona];
    setup.main = f.main;
    setup.customer = c;
    setup.arrival_s = static_cast<uint32_t>(rng.next() % settings.period_end_s);
    visits::simulate_visits(settings, setup, rng, rows, summaries);
    if (summaries.empty()) continue;
    profiles[c] = static_cast<uint8_t>(f.persona | f.region << 2 | f.device << 4);

    unsigned platforms = 0;
    bool converted = false;
    for (const visits::VisitSummary& v : summaries) {
      platforms |= 1u << (v.context & 3);
      converted |= v.converted;
      stats.converted_visits += v.converted;
      stats.incident_entries += v.incident_entry;
      stats.incident_failed += v.incident_failed;
      if (!sink) continue;
      session_id(o.seed, c, v.number, sid);
      VisitTruth t;
      t.customer = c;
      t.number = uint32_t{v.number} + 1;
      t.session_id = std::string_view(sid, sizeof sid);
      t.first_us = (origin_s + int64_t{v.first_s}) * 1000000;
      t.last_us = (origin_s + int64_t{v.last_s}) * 1000000;
      t.events = v.events;
      t.deepest = v.deepest;
      t.converted = v.converted;
      t.incident_failed = v.incident_failed;
      t.platform = visits::kPlatformNames[v.context & 3];
      t.lifecycle = visits::kLifecycleNames[(v.context >> 2) & 3];
      t.channel = visits::kSourceNames[v.context >> 4];
      sink(t);
    }
    stats.visits += summaries.size();
    stats.converted += converted;
    stats.multi_platform += (platforms & (platforms - 1)) != 0;
    stats.loyal += ((summaries.back().context >> 2) & 3) == visits::kLoyal;
    ++c;
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
  stats.events = rows.size();
  for (const Row& r : rows) stats.marker_events += r.event == visits::kMarker;
  write_rows(o, origin_s, rows, profiles, out);
  return stats;
}

}  // namespace cjm
