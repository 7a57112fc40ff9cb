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
  // A touchpoint's words name its stage: its share is of that stage's events.
  for (uint32_t id : kept_events)
    add("touchpoint:" + table.events.at(id), FeatureGroup::kTouchpoints,
        table.events.at(id) + (map.stage[id] == kNoStage
                                   ? std::string(" (unmapped)")
                                   : " in " + spec.stages[map.stage[id]].name));

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
  // A touchpoint's share is of the customer's events in its stage (unmapped
  // names: of their unmapped events), so that the mix says how a customer
  // moves through a stage, not how far it got; slot `stages` is "unmapped".
  const size_t stages = spec.stages.size();
  auto slot = [&](uint32_t e) {
    return map.stage[e] == kNoStage ? stages : static_cast<size_t>(map.stage[e]);
  };
  std::vector<uint32_t> in_slot(stages + 1, 0);
  std::vector<uint8_t> converted(n, 0);
  const float kUnset = -1.0f;  // a share with no events in its stage, filled below
  for (uint32_t c = 0; c < n; ++c) {
    const uint64_t begin = journeys.begin(c), end = journeys.end(c);
    if (begin == end) continue;
    auto row = f.values.row(c);
    std::fill(in_slot.begin(), in_slot.end(), 0);
    for (uint64_t i = begin; i < end; ++i) {
      const uint32_t e = table.event[i];
      ++in_slot[slot(e)];
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
      }
    }
    for (size_t k = 0; k < kept_events.size(); ++k) {
      const uint32_t within = in_slot[slot(kept_events[k])];
      float& v = row(static_cast<Eigen::Index>(touch0 + k));
      v = within ? v / static_cast<float>(within) : kUnset;
    }
    const float events = static_cast<float>(end - begin);
    for (size_t k = channel0; k < visits_col; ++k) row(static_cast<Eigen::Index>(k)) /= events;
    uint64_t visits = 0;
    for_each_visit(table, rule, begin, end, [&](uint64_t, uint64_t) { ++visits; });
    row(static_cast<Eigen::Index>(visits_col)) =
        static_cast<float>(std::log1p(static_cast<double>(visits)));
    if (!converted[c]) row(static_cast<Eigen::Index>(time_col)) = kUnset;
  }
  // A value a customer has no events for (a touchpoint's stage not reached,
  // no conversion) is the mean of those who have one, so it tells nothing
  // about them.
  for (size_t k = touch0; k <= time_col; ++k) {
    if (k >= channel0 && k != time_col) continue;
    auto col = f.values.col(static_cast<Eigen::Index>(k));
    double sum = 0;
    uint64_t set = 0;
    for (Eigen::Index c = 0; c < col.size(); ++c)
      if (col(c) != kUnset) {
        sum += col(c);
        ++set;
      }
    const float mean = set ? static_cast<float>(sum / static_cast<double>(set)) : 0.0f;
    for (Eigen::Index c = 0; c < col.size(); ++c)
      if (col(c) == kUnset) col(c) = mean;
  }
  return f;
}

}  // namespace cjm
