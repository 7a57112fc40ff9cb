#include "personas/customer_features.h"

#include <algorithm>
#include <cmath>

#include "analysis/analyze.h"
#include "journey/visits.h"

namespace cjm {

namespace {

// The `keep` most frequent ids of `counts` (ties by name), as a column index
// per id (-1: no column of its own).
std::vector<int> most_frequent(const std::vector<uint64_t>& counts, const Dictionary& names,
                               size_t keep, std::vector<uint32_t>& kept) {
  std::vector<uint32_t> ids;
  for (uint32_t id = 0; id < counts.size(); ++id)
    if (counts[id] > 0 && !names.at(id).empty()) ids.push_back(id);
  std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : names.at(a) < names.at(b);
  });
  if (ids.size() > keep) ids.resize(keep);
  std::vector<int> column(counts.size(), -1);
  for (size_t i = 0; i < ids.size(); ++i) column[ids[i]] = static_cast<int>(i);
  kept = std::move(ids);
  return column;
}

}  // namespace

CustomerFeatures customer_features(const EventTable& table, const Journeys& journeys,
                                   const EventMap& map, const JourneySpec& spec,
                                   const FeatureOptions& options) {
  CustomerFeatures f;
  auto add = [&](std::string name, FeatureGroup group, std::string label) {
    f.names.push_back(std::move(name));
    f.groups.push_back(group);
    f.labels.push_back(std::move(label));
  };
  for (const StageSpec& s : spec.stages) add("reach:" + s.id, FeatureGroup::kReach, s.name);

  std::vector<uint64_t> event_counts(table.events.size(), 0);
  for (uint64_t i = 0; i < table.size(); ++i) ++event_counts[table.event[i]];
  std::vector<uint32_t> kept_events;
  const std::vector<int> event_column =
      most_frequent(event_counts, table.events, options.touchpoints, kept_events);
  const size_t touch0 = f.names.size();
  for (uint32_t id : kept_events)
    add("touchpoint:" + table.events.at(id), FeatureGroup::kTouchpoints, table.events.at(id));

  std::vector<int> channel_column;
  const size_t channel0 = f.names.size();
  if (table.has_channel()) {
    std::vector<uint64_t> channel_counts(table.channels.size(), 0);
    for (uint64_t i = 0; i < table.size(); ++i)
      if (table.channel[i] != kNoChannel) ++channel_counts[table.channel[i]];
    std::vector<uint32_t> kept;
    channel_column = most_frequent(channel_counts, table.channels, options.channels, kept);
    for (uint32_t id : kept)
      add("channel:" + table.channels.at(id), FeatureGroup::kChannels, table.channels.at(id));
  }
  const size_t visits_col = f.names.size();
  add("visits", FeatureGroup::kVisits, "visits");
  const size_t time_col = f.names.size();
  add("days_to_convert", FeatureGroup::kTime, "days to convert");
  const size_t barrier0 = f.names.size();
  for (const BarrierSpec& b : spec.barriers)
    add("barrier:" + b.id, FeatureGroup::kBarriers, b.name);

  VisitRule rule = visit_rule(table, spec);
  if (!rule.defined()) rule.gap_us = options.default_gap_us;

  const size_t n = journeys.count();
  f.values = Eigen::MatrixXf::Zero(static_cast<Eigen::Index>(n),
                                   static_cast<Eigen::Index>(f.names.size()));
  std::vector<uint8_t> converted(n, 0);
  double convert_sum = 0;
  uint64_t converters = 0;
  for (uint32_t c = 0; c < n; ++c) {
    const uint64_t begin = journeys.begin(c), end = journeys.end(c);
    if (begin == end) continue;
    auto row = f.values.row(c);
    for (uint64_t i = begin; i < end; ++i) {
      const uint32_t e = table.event[i];
      if (map.stage[e] != kNoStage) row(map.stage[e]) = 1;
      if (event_column[e] >= 0) row(static_cast<Eigen::Index>(touch0) + event_column[e]) += 1;
      if (!channel_column.empty() && table.channel[i] != kNoChannel &&
          channel_column[table.channel[i]] >= 0)
        row(static_cast<Eigen::Index>(channel0) + channel_column[table.channel[i]]) += 1;
      for (uint16_t b : map.barriers_of(e)) row(static_cast<Eigen::Index>(barrier0 + b)) = 1;
      if (!converted[c] && map.is_conversion[e]) {
        converted[c] = 1;
        const double days = static_cast<double>(table.time_us[i] - table.time_us[begin]) / 864e8;
        row(static_cast<Eigen::Index>(time_col)) = static_cast<float>(std::log1p(days));
        convert_sum += std::log1p(days);
        ++converters;
      }
    }
    const float events = static_cast<float>(end - begin);
    for (size_t k = touch0; k < channel0; ++k) row(static_cast<Eigen::Index>(k)) /= events;
    for (size_t k = channel0; k < visits_col; ++k) row(static_cast<Eigen::Index>(k)) /= events;
    uint64_t visits = 0;
    for_each_visit(table, rule, begin, end, [&](uint64_t, uint64_t) { ++visits; });
    row(static_cast<Eigen::Index>(visits_col)) =
        static_cast<float>(std::log1p(static_cast<double>(visits)));
  }
  const float mean_time = converters ? static_cast<float>(convert_sum / converters) : 0.0f;
  for (uint32_t c = 0; c < n; ++c)
    if (!converted[c]) f.values(c, static_cast<Eigen::Index>(time_col)) = mean_time;
  return f;
}

}  // namespace cjm
