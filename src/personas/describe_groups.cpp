#include "personas/describe_groups.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace cjm {

namespace {

constexpr size_t kMaxDistinct = 50;  // attribute columns with more values are not described
constexpr double kMinShare = 0.2, kMinLift = 1.25, kMinEffect = 0.5;
constexpr size_t kMaxListed = 3;

// A customer's stage path (repeats collapsed), furthest stage and whether
// they converted.
struct Walk {
  std::vector<int16_t> path;
  int furthest = -1;
  bool converted = false;
};

Walk walk(const EventTable& table, const EventMap& map, uint64_t begin, uint64_t end) {
  Walk w;
  for (uint64_t i = begin; i < end; ++i) {
    const uint32_t e = table.event[i];
    w.converted = w.converted || map.is_conversion[e];
    const int16_t s = map.stage[e];
    if (s == kNoStage) continue;
    if (w.path.empty() || w.path.back() != s) w.path.push_back(s);
    w.furthest = std::max<int>(w.furthest, s);
  }
  return w;
}

// How a card says that a group has more (or less) of a feature.
std::string trait_words(const std::string& feature, const std::string& label, bool more) {
  const auto kind = feature.substr(0, feature.find(':'));
  if (kind == "reach") return (more ? "reach " : "rarely reach ") + label;
  if (kind == "touchpoint") return (more ? "more " : "less ") + label;
  if (kind == "channel") return (more ? "via " : "rarely via ") + label;
  if (kind == "barrier") return (more ? "meet " : "rarely meet ") + label;
  if (feature == "visits") return more ? "many visits" : "few visits";
  return more ? "slow to convert" : "quick to convert";
}

// The card's name: how it converts, what it does most, who it mostly is.
std::string card_name(const PersonaCard& card, double overall) {
  std::string head;
  if (card.conversion >= overall * 1.2 && card.conversion > 0)
    head = "Buyers";
  else if (card.conversion <= overall * 0.8)
    head = card.lost_stage_name.empty() ? "Non-buyers" : "Lost at " + card.lost_stage_name;
  else
    head = "Average buyers";
  std::vector<std::string> parts;
  for (const PersonaTrait& t : card.traits)
    if (parts.size() < 2) parts.push_back(t.words);
  std::string name = head;
  if (!parts.empty()) name += ", " + fmt::format("{}", fmt::join(parts, ", "));
  if (!card.attributes.empty())
    name += fmt::format(" (mostly {} {})", card.attributes[0].column, card.attributes[0].value);
  return name;
}

}  // namespace

std::vector<PersonaCard> describe_groups(const EventTable& table, const Journeys& journeys,
                                         const EventMap& map, const JourneySpec& spec,
                                         const CustomerFeatures& features,
                                         const std::vector<uint32_t>& labels, int k) {
  const size_t n = journeys.count();
  const size_t groups = static_cast<size_t>(std::max(k, 0));
  std::vector<PersonaCard> cards(groups);
  std::vector<std::map<std::vector<int16_t>, uint64_t>> paths(groups);
  std::vector<std::vector<uint64_t>> lost(groups, std::vector<uint64_t>(spec.stages.size(), 0));
  uint64_t converted_all = 0;
  for (uint32_t c = 0; c < n; ++c) {
    const uint32_t g = labels[c];
    const Walk w = walk(table, map, journeys.begin(c), journeys.end(c));
    ++cards[g].customers;
    if (w.converted) {
      ++cards[g].converted;
      ++converted_all;
    } else if (w.furthest >= 0) {
      ++lost[g][static_cast<size_t>(w.furthest)];
    }
    ++paths[g][w.path];
  }
  const double overall = n ? static_cast<double>(converted_all) / static_cast<double>(n) : 0.0;

  // Attributes: each customer's last non-empty value.
  struct ColumnCounts {
    size_t column;
    std::vector<uint64_t> all;                  // per value id
    std::vector<std::vector<uint64_t>> groups;  // per group, per value id
  };
  std::vector<ColumnCounts> columns;
  for (size_t a = 0; a < table.attributes.size(); ++a) {
    const AttributeColumn& col = table.attributes[a];
    if (col.values.size() > kMaxDistinct + 1) continue;  // + the missing value
    ColumnCounts cc{
        a, std::vector<uint64_t>(col.values.size(), 0),
        std::vector<std::vector<uint64_t>>(groups, std::vector<uint64_t>(col.values.size(), 0))};
    for (uint32_t c = 0; c < n; ++c) {
      uint64_t i = journeys.end(c);
      while (i > journeys.begin(c) && col.of[i - 1] == 0) --i;
      const uint32_t v = i > journeys.begin(c) ? col.of[i - 1] : 0;
      ++cc.all[v];
      ++cc.groups[labels[c]][v];
    }
    columns.push_back(std::move(cc));
  }

  // Feature means, overall and per group.
  const Eigen::Index cols = features.values.cols();
  const Eigen::VectorXd mean_all = features.values.cast<double>().colwise().mean().transpose();
  Eigen::VectorXd sd_all(cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    sd_all(j) =
        std::sqrt((features.values.col(j).cast<double>().array() - mean_all(j)).square().mean());
  Eigen::MatrixXd group_sum = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(groups), cols);
  for (uint32_t c = 0; c < n; ++c)
    group_sum.row(labels[c]) += features.values.row(c).cast<double>();

  std::set<std::string> names;
  for (size_t g = 0; g < groups; ++g) {
    PersonaCard& card = cards[g];
    card.id = fmt::format("p{}", g + 1);
    const double size = static_cast<double>(card.customers);
    card.share = n ? size / static_cast<double>(n) : 0.0;
    card.conversion = card.customers ? static_cast<double>(card.converted) / size : 0.0;
    // The typical path: the most common; ties: the first in stage order.
    const std::vector<int16_t>* best = nullptr;
    uint64_t best_count = 0;
    for (const auto& [path, count] : paths[g])
      if (count > best_count) {
        best = &path;
        best_count = count;
      }
    if (best) {
      for (int16_t s : *best) card.typical_path.push_back(spec.stages[s].name);
      card.typical_path_share = static_cast<double>(best_count) / size;
    }
    const auto most_lost = std::max_element(lost[g].begin(), lost[g].end());
    if (most_lost != lost[g].end() && *most_lost > 0) {
      const size_t s = static_cast<size_t>(most_lost - lost[g].begin());
      card.lost_stage = spec.stages[s].id;
      card.lost_stage_name = spec.stages[s].name;
      card.lost_share = static_cast<double>(*most_lost) / size;
    }
    // Traits.
    for (Eigen::Index j = 0; j < cols && card.customers > 0; ++j) {
      if (sd_all(j) < 1e-9) continue;
      const double mean = group_sum(static_cast<Eigen::Index>(g), j) / size;
      const double effect = (mean - mean_all(j)) / sd_all(j);
      if (std::abs(effect) < kMinEffect) continue;
      const size_t f = static_cast<size_t>(j);
      card.traits.push_back({features.names[f],
                             trait_words(features.names[f], features.labels[f], effect > 0), mean,
                             mean_all(j), effect});
    }
    std::sort(card.traits.begin(), card.traits.end(), [](const auto& a, const auto& b) {
      return std::abs(a.effect) != std::abs(b.effect) ? std::abs(a.effect) > std::abs(b.effect)
                                                      : a.feature < b.feature;
    });
    if (card.traits.size() > kMaxListed) card.traits.resize(kMaxListed);
    // Attributes.
    for (const ColumnCounts& cc : columns) {
      PersonaAttribute best_value;
      double best_gap = 0;
      for (uint32_t v = 1; v < cc.all.size(); ++v) {
        const double share = card.customers ? static_cast<double>(cc.groups[g][v]) / size : 0.0;
        const double all = n ? static_cast<double>(cc.all[v]) / static_cast<double>(n) : 0.0;
        if (share < kMinShare || share < kMinLift * all || share - all <= best_gap) continue;
        best_gap = share - all;
        best_value = {table.attributes[cc.column].name, table.attributes[cc.column].values.at(v),
                      share, all};
      }
      if (best_gap > 0) card.attributes.push_back(std::move(best_value));
    }
    std::sort(card.attributes.begin(), card.attributes.end(), [](const auto& a, const auto& b) {
      const double ga = a.share - a.overall, gb = b.share - b.overall;
      return ga != gb ? ga > gb : a.column < b.column;
    });
    if (card.attributes.size() > kMaxListed) card.attributes.resize(kMaxListed);
    card.name = card_name(card, overall);
    if (!names.insert(card.name).second) {
      card.name += " (" + card.id + ")";
      names.insert(card.name);
    }
  }
  return cards;
}

}  // namespace cjm
