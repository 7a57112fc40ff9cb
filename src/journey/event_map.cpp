#include "journey/event_map.h"

#include <algorithm>
#include <cassert>
#include <limits>

#include "core/error.h"
#include "spec/glob.h"

namespace cjm {

std::vector<int32_t> first_match(const Dictionary& names, const PatternLists& lists) {
  const uint32_t n = names.size();
  std::vector<int32_t> out(n, -1);
  // Exact names first, across all lists: an exact name beats any glob. When
  // the same exact name is listed twice, the first list keeps it.
  for (size_t l = 0; l < lists.size(); ++l)
    for (std::string_view pattern : lists[l]) {
      if (is_glob(pattern)) continue;
      const uint32_t id = names.find(pattern);
      if (id != Dictionary::kMissing && out[id] < 0) out[id] = static_cast<int32_t>(l);
    }
  // Then globs, in list order, once per distinct name still unmatched.
  const bool any_glob = std::any_of(lists.begin(), lists.end(), [](const auto& list) {
    return std::any_of(list.begin(), list.end(), [](std::string_view p) { return is_glob(p); });
  });
  if (!any_glob) return out;
  for (uint32_t id = 0; id < n; ++id) {
    if (out[id] >= 0) continue;
    const std::string& name = names.at(id);
    for (size_t l = 0; l < lists.size() && out[id] < 0; ++l)
      for (std::string_view pattern : lists[l])
        if (is_glob(pattern) && glob_match(pattern, name)) {
          out[id] = static_cast<int32_t>(l);
          break;
        }
  }
  return out;
}

int32_t first_match(std::string_view name, const PatternLists& lists) {
  for (size_t l = 0; l < lists.size(); ++l)
    for (std::string_view pattern : lists[l])
      if (!is_glob(pattern) && pattern == name) return static_cast<int32_t>(l);
  for (size_t l = 0; l < lists.size(); ++l)
    for (std::string_view pattern : lists[l])
      if (is_glob(pattern) && glob_match(pattern, name)) return static_cast<int32_t>(l);
  return -1;
}

PatternLists stage_patterns(const JourneySpec& spec) {
  PatternLists lists;
  for (const auto& s : spec.stages) lists.emplace_back(s.events.begin(), s.events.end());
  return lists;
}

bool matches_any(const std::vector<std::string>& patterns, const std::string& name) {
  for (const auto& p : patterns)
    if (is_glob(p) ? glob_match(p, name) : p == name) return true;
  return false;
}

namespace {

PatternLists one_list(const std::vector<std::string>& patterns) {
  return PatternLists{std::vector<std::string_view>(patterns.begin(), patterns.end())};
}

std::vector<uint8_t> member_of(const Dictionary& names, const std::vector<std::string>& patterns) {
  const std::vector<int32_t> hit = first_match(names, one_list(patterns));
  std::vector<uint8_t> out(hit.size());
  std::transform(hit.begin(), hit.end(), out.begin(), [](int32_t i) { return i >= 0; });
  return out;
}

}  // namespace

EventMap map_events(const Dictionary& events, const JourneySpec& spec) {
  static_assert(kMaxStages <= static_cast<size_t>(std::numeric_limits<int16_t>::max()));
  assert(spec.stages.size() <= kMaxStages && "parse_spec enforces the limit");
  if (spec.barriers.size() > std::numeric_limits<uint16_t>::max() + size_t{1})
    throw Error("too many barriers in the spec (" + std::to_string(spec.barriers.size()) + ")");
  const uint32_t n = events.size();
  EventMap map;

  const std::vector<int32_t> stage = first_match(events, stage_patterns(spec));
  map.stage.resize(n);
  std::transform(stage.begin(), stage.end(), map.stage.begin(),
                 [](int32_t s) { return static_cast<int16_t>(s); });
  for (uint32_t id = 0; id < n; ++id)
    if (map.stage[id] == kNoStage) map.unmapped.push_back(id);

  map.is_conversion = member_of(events, spec.conversion);
  map.is_advocacy = member_of(events, spec.advocacy);
  if (!spec.paths.from.empty() && !spec.paths.to.empty()) {
    map.is_path_from = member_of(events, {spec.paths.from});
    map.is_path_to = member_of(events, {spec.paths.to});
  }

  PatternLists touchpoints;
  for (const auto& t : spec.touchpoints) touchpoints.push_back({t.events});
  map.touchpoint = first_match(events, touchpoints);

  // A name may hit several barriers: every barrier with a matching pattern.
  map.barrier_begin.assign(static_cast<size_t>(n) + 1, 0);
  for (uint32_t e = 0; e < n; ++e) {
    map.barrier_begin[e] = static_cast<uint32_t>(map.barrier_hits.size());
    if (spec.barriers.empty()) continue;
    const std::string& name = events.at(e);
    for (size_t b = 0; b < spec.barriers.size(); ++b)
      if (matches_any(spec.barriers[b].events, name))
        map.barrier_hits.push_back(static_cast<uint16_t>(b));
  }
  map.barrier_begin[n] = static_cast<uint32_t>(map.barrier_hits.size());
  return map;
}

}  // namespace cjm
