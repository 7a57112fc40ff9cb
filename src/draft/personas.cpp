#include "draft/personas.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "draft/stages.h"

namespace cjm {

PersonaPlan propose_personas(const EventTable& t, const Journeys& j, size_t max_personas,
                             double min_share) {
  PersonaPlan plan;
  const uint64_t customers = j.count();
  std::set<std::string> ids;
  size_t skipped = 0;
  for (const AttributeColumn& a : t.attributes) {
    const size_t values = a.values.size() - 1;  // id 0 is the empty value
    if (values < 2 || values > 8) {
      plan.notes.push_back(
          fmt::format("'{}': {} distinct values (personas need 2 to 8)", a.name, values));
      continue;
    }
    std::vector<uint64_t> last(values + 1, 0);
    uint64_t have = 0, changing = 0;
    for (uint32_t c = 0; c < j.count(); ++c) {
      uint32_t first = 0, final = 0;
      bool changes = false;
      for (uint64_t i = j.begin(c); i < j.end(c); ++i) {
        const uint32_t v = a.of[i];
        if (v == 0) continue;
        if (first == 0) first = v;
        if (v != first) changes = true;
        final = v;
      }
      if (final == 0) continue;
      ++last[final];
      ++have;
      if (changes) ++changing;
    }
    std::vector<uint32_t> by_share;  // values, most customers first (ties by first seen)
    for (uint32_t v = 1; v <= values; ++v) by_share.push_back(v);
    std::stable_sort(by_share.begin(), by_share.end(),
                     [&](uint32_t x, uint32_t y) { return last[x] > last[y]; });
    for (uint32_t v : by_share) {
      const double share = customers ? double(last[v]) / double(customers) : 0;
      if (share < min_share) continue;
      if (plan.personas.size() >= max_personas) {
        ++skipped;
        continue;
      }
      PersonaDraft p;
      p.column = a.name;
      p.value = a.values.at(v);
      p.customers = last[v];
      p.share = share;
      p.changing = have ? double(changing) / double(have) : 0;
      std::string id = identifier(a.name + "_" + p.value);
      for (int i = 2; ids.count(id); ++i)
        id = identifier(a.name + "_" + p.value) + "_" + std::to_string(i);
      ids.insert(id);
      p.id = id;
      plan.personas.push_back(std::move(p));
    }
  }
  if (skipped)
    plan.notes.push_back(
        fmt::format("{} more frequent values left out: at most {} personas are "
                    "proposed",
                    skipped, max_personas));
  return plan;
}

}  // namespace cjm
