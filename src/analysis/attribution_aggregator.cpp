#include "analysis/attribution_aggregator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

#include "analysis/id_hash.h"
#include "analysis/result.h"

namespace cjm {

// ---------------------------------------------------------------------------
// The aggregator.

namespace {

const char* const kModelNames[] = {"first_touch", "last_touch", "linear", "position_based",
                                   "time_decay"};
constexpr size_t kTimeDecay = 4;
constexpr size_t kSingleTouchModels = 2;  // first and last touch: whole values

// A sum of whole values (each a whole number of ten-thousandths), summed as
// doubles: rounded back to the ten-thousandth it is, so that it prints as
// the decimal sum (224496.36, not 224496.35999999998).
double to_ten_thousandths(double v) {
  return std::round(v * static_cast<double>(kValueScale)) / static_cast<double>(kValueScale);
}

// Time-decay weights of the touches of one converting path: 2^(-dt/h),
// computed relative to the most recent touch so they never underflow to all
// zeros (the normalised weights are the same), normalised to sum to 1.
void decay_weights(std::span<const int64_t> times, int64_t conversion_time_us, int64_t half_life_us,
                   std::vector<double>& w) {
  const size_t n = times.size();
  w.resize(n);
  int64_t min_dt = INT64_MAX;
  for (int64_t t : times) min_dt = std::min(min_dt, conversion_time_us - t);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    const double dt = static_cast<double>(conversion_time_us - times[i] - min_dt);
    w[i] = half_life_us > 0 ? std::exp2(-dt / static_cast<double>(half_life_us))
                            : (dt == 0 ? 1.0 : 0.0);
    sum += w[i];
  }
  for (double& x : w) x /= sum;
}

using StateKey = std::array<uint32_t, AttributionAggregator::kMaxOrder>;

struct Built {
  markov::Chain chain;
  std::vector<StateKey> states;
};

// The chain of transition counts: states are the order-k tuples, probabilities
// the counts normalised per state.
template <typename Entries>
Built build_chain(Entries sorted, int order) {
  using A = AttributionAggregator;
  const size_t k = static_cast<size_t>(order);
  std::sort(sorted.begin(), sorted.end());
  auto state_of = [&](const auto& key) {
    StateKey s;
    s.fill(A::kPad);
    for (size_t i = 0; i < k; ++i) s[i] = key[i];
    return s;
  };
  auto shifted = [&](const StateKey& s, uint32_t next) {
    StateKey t;
    t.fill(A::kPad);
    for (size_t i = 0; i + 1 < k; ++i) t[i] = s[i + 1];
    t[k - 1] = next;
    return t;
  };
  // The states, sorted and distinct: a state's index is its rank.
  StateKey start;
  start.fill(A::kPad);
  for (size_t i = 0; i < k; ++i) start[i] = A::kStart;
  Built b;
  b.states.reserve(2 * sorted.size() + 1);
  b.states.push_back(start);
  for (const auto& [key, c] : sorted) {
    b.states.push_back(state_of(key));
    const uint32_t next = key[k];
    if (next != A::kConv && next != A::kNullId) b.states.push_back(shifted(state_of(key), next));
  }
  std::sort(b.states.begin(), b.states.end());
  b.states.erase(std::unique(b.states.begin(), b.states.end()), b.states.end());
  struct Index {
    const std::vector<StateKey>& states;
    size_t at(const StateKey& s) const {
      return static_cast<size_t>(std::lower_bound(states.begin(), states.end(), s) -
                                 states.begin());
    }
  } index{b.states};
  b.chain.start = index.at(start);
  b.chain.out.resize(b.states.size());
  std::vector<uint64_t> total(b.states.size(), 0);
  for (const auto& [key, c] : sorted) total[index.at(state_of(key))] += c;
  for (const auto& [key, c] : sorted) {
    if (c == 0) continue;
    const StateKey s = state_of(key);
    const size_t from = index.at(s);
    const uint32_t next = key[k];
    const int64_t target = next == A::kConv     ? markov::kConversion
                           : next == A::kNullId ? markov::kNull
                                                : static_cast<int64_t>(index.at(shifted(s, next)));
    b.chain.out[from].emplace_back(target,
                                   static_cast<double>(c) / static_cast<double>(total[from]));
  }
  return b;
}

// Markov credit per symbol id: removal effects and normalised shares.
// Returns the widest relative bracket of the probabilities solved (0 when
// every one is exact to kTolerance).
template <typename Counts, typename NameOf>
double markov_credit(const Counts& counts, int order, double conversions, double value,
                     const NameOf& name_of, AttributionModel& model,
                     std::map<std::string, double>& removal) {
  const Built b = build_chain(counts.entries(), order);
  std::vector<uint32_t> symbols;
  for (const StateKey& s : b.states)
    for (uint32_t id : s)
      if (id != AttributionAggregator::kPad && id != AttributionAggregator::kStart)
        symbols.push_back(id);
  std::sort(symbols.begin(), symbols.end());
  symbols.erase(std::unique(symbols.begin(), symbols.end()), symbols.end());
  if (symbols.empty()) return 0;

  // The states of each symbol: those whose tuple contains it.
  std::vector<std::vector<size_t>> removals(symbols.size());
  for (size_t s = 0; s < b.states.size(); ++s)
    for (size_t i = 0; i < b.states[s].size(); ++i) {
      const uint32_t id = b.states[s][i];
      if (id == AttributionAggregator::kPad || id == AttributionAggregator::kStart) continue;
      if (std::find(b.states[s].begin(), b.states[s].begin() + i, id) != b.states[s].begin() + i)
        continue;  // listed once per state
      const size_t r = static_cast<size_t>(std::lower_bound(symbols.begin(), symbols.end(), id) -
                                           symbols.begin());
      removals[r].push_back(s);
    }
  const markov::Removals p = markov::removal_probabilities(b.chain, removals, markov::kWorkBudget);
  const double full = p.full.value();
  std::vector<double> effect(symbols.size(), 0.0);
  double sum = 0;
  if (full > 0) {
    for (size_t r = 0; r < symbols.size(); ++r) {
      // An effect no larger than the brackets' uncertainty cannot be told
      // from 0 (a touchpoint whose removal changes nothing): it is 0.
      const markov::Bracket& w = p.without[r];
      const double uncertainty =
          (w.high - w.low + (p.full.high - p.full.low) * w.value() / full) / full;
      const double e = 1 - w.value() / full;
      effect[r] = e <= uncertainty ? 0.0 : std::min(e, 1.0);
      sum += effect[r];
    }
  }
  for (size_t r = 0; r < symbols.size(); ++r) {
    const std::string& name = name_of(symbols[r]);
    removal[name] += effect[r];
    const double share = sum > 0 ? effect[r] / sum : 0;
    model.conversions[name] += share * conversions;
    model.value[name] += share * value;
  }
  double widest = 0;
  for (const markov::Bracket& x : p.without)
    if (x.high > 0) widest = std::max(widest, (x.high - x.low) / x.high);
  if (p.full.high > 0) widest = std::max(widest, (p.full.high - p.full.low) / p.full.high);
  return widest;
}

}  // namespace

// Each id times its own odd constant, summed, then mixed: the products are
// independent (unlike a serial FNV chain) and every id is read on its own (the
// key is often just written id by id, so wider loads would stall).
size_t AttributionAggregator::KeyHash::operator()(const Key& k) const {
  static constexpr uint64_t kMul[] = {0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL,
                                      0x165667b19e3779f9ULL, 0xd6e8feb86659fd93ULL,
                                      0xff51afd7ed558ccdULL};
  static_assert(std::size(kMul) == kMaxOrder + 1);
  uint64_t h = 0;
  for (size_t i = 0; i < k.size(); ++i) h += k[i] * kMul[i];
  return static_cast<size_t>(mix64(h));
}

AttributionAggregator::AttributionAggregator(const AggregatorContext& ctx) {
  if (ctx.spec != nullptr) {
    order_ = std::clamp(ctx.spec->attribution.order, 1, kMaxOrder);
    half_life_us_ = ctx.spec->attribution.half_life_us;
  }
  auto channel_id = [&](const std::string& name) {
    const auto it = std::find(channel_names_.begin(), channel_names_.end(), name);
    if (it != channel_names_.end()) return static_cast<uint32_t>(it - channel_names_.begin());
    channel_names_.push_back(name);
    return static_cast<uint32_t>(channel_names_.size() - 1);
  };
  if (ctx.table != nullptr) channel_names_ = ctx.table->channels.strings();
  if (ctx.spec != nullptr)
    for (const TouchpointSpec& tp : ctx.spec->touchpoints)
      if (!tp.channel.empty()) channel_id(tp.channel);
  none_channel_ = channel_id("(none)");

  // The spec channel of every event name: that of its touchpoint entry (the
  // event map's one rule: exact name first, then the first glob).
  const size_t event_names = ctx.table != nullptr ? ctx.table->events.size() : 0;
  channel_of_event_.assign(event_names, none_channel_);
  for (uint32_t e = 0; ctx.spec != nullptr && ctx.map != nullptr && e < event_names; ++e) {
    const int32_t t = ctx.map->touchpoint[e];
    if (t == kNoTouchpoint) continue;
    const std::string& channel = ctx.spec->touchpoints[static_cast<size_t>(t)].channel;
    if (!channel.empty()) channel_of_event_[e] = channel_id(channel);
  }

  // Order-1 chains count id pairs; the markers (start, conversion, null,
  // direct) are the reserved highest ids (kPad is never counted, but is one
  // of them).
  constexpr uint32_t kMarkers = UINT32_MAX - kDirect + 1;
  touch_counts_.order = channel_counts_.order = order_;
  if (order_ == 1) {
    touch_counts_.pairs = PairCounts(event_names, kMarkers);
    channel_counts_.pairs = PairCounts(channel_names_.size(), kMarkers);
  }
}

uint32_t AttributionAggregator::channel_of(uint32_t touch) const {
  if (touch == kDirect) return kDirect;
  return touch < channel_of_event_.size() ? channel_of_event_[touch] : none_channel_;
}

void AttributionAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  const EventTable& table = *ctx.table;
  const auto& is_conversion = ctx.map->is_conversion;
  path_.clear();
  channels_.clear();
  times_.clear();
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    const uint32_t e = table.event[i];
    if (e < is_conversion.size() && is_conversion[e]) {
      int64_t value = 0;
      if (table.has_value() && !is_missing_value(table.value[i])) value = table.value[i];
      add_path(path_, channels_, times_, table.time_us[i], 1, value, 0);
      path_.clear();
      channels_.clear();
      times_.clear();
      continue;
    }
    path_.push_back(e);
    times_.push_back(table.time_us[i]);
    uint32_t c = kNoChannel;
    if (table.has_channel()) c = table.channel[i];
    channels_.push_back(c != kNoChannel ? c : channel_of(e));
  }
  if (!path_.empty()) add_path(path_, channels_, times_, 0, 0, 0, 1);
}

void AttributionAggregator::ChainCounts::merge(const ChainCounts& other) {
  pairs.merge(other.pairs);
  for (const auto& [key, n] : other.tuples) tuples[key] += n;
}

std::vector<std::pair<AttributionAggregator::Key, uint64_t>>
AttributionAggregator::ChainCounts::entries() const {
  std::vector<std::pair<Key, uint64_t>> out;
  out.reserve(tuples.size());
  pairs.for_each([&](uint32_t from, uint32_t to, uint64_t n) {
    Key key;
    key.fill(kPad);
    key[0] = from;
    key[1] = to;
    out.emplace_back(key, n);
  });
  for (const auto& [key, n] : tuples) out.emplace_back(key, n);
  return out;
}

void AttributionAggregator::count_chain(Counts& counts, std::span<const uint32_t> symbols,
                                        uint64_t conversions, uint64_t nulls) const {
  const size_t k = static_cast<size_t>(order_);
  if (k == 1) {  // pairs: no tuple to build
    uint32_t prev = kStart;
    for (uint32_t s : symbols) {
      counts.pairs.add(prev, s, conversions + nulls);
      prev = s;
    }
    if (conversions > 0) counts.pairs.add(prev, kConv, conversions);
    if (nulls > 0) counts.pairs.add(prev, kNullId, nulls);
    return;
  }
  Key key;
  key.fill(kPad);
  for (size_t i = 0; i < k; ++i) key[i] = kStart;
  for (uint32_t s : symbols) {
    key[k] = s;
    counts.add(key, conversions + nulls);
    for (size_t i = 0; i < k; ++i) key[i] = key[i + 1];  // shift; key[k-1] = s
  }
  if (conversions > 0) {
    key[k] = kConv;
    counts.add(key, conversions);
  }
  if (nulls > 0) {
    key[k] = kNullId;
    counts.add(key, nulls);
  }
}

void AttributionAggregator::add_path(std::span<const uint32_t> touches,
                                     std::span<const uint32_t> channels,
                                     std::span<const int64_t> times, int64_t conversion_time_us,
                                     uint64_t conversions, int64_t value_e4, uint64_t nulls) {
  const double value = money_to_double(value_e4);
  static const uint32_t direct = kDirect;
  const int64_t direct_time = conversion_time_us;
  if (touches.empty()) {
    if (conversions == 0) return;  // an empty non-converting path is no path
    nulls = 0;
    touches = std::span<const uint32_t>(&direct, 1);
    channels = touches;
    times = std::span<const int64_t>(&direct_time, 1);
  } else if (times.size() != touches.size()) {
    has_times_ = false;
  }
  std::vector<uint32_t> own_channels;
  if (channels.size() != touches.size()) {
    own_channels.reserve(touches.size());
    for (uint32_t t : touches) own_channels.push_back(channel_of(t));
    channels = own_channels;
  }

  converting_ += conversions;
  non_converting_ += nulls;
  total_conversions_ += static_cast<double>(conversions);
  total_value_e4_ += value_e4;
  count_chain(touch_counts_, touches, conversions, nulls);
  count_chain(channel_counts_, channels, conversions, nulls);
  if (conversions == 0) return;

  // The weight of touch i under each model: first touch, last touch, linear,
  // position based (40 % to each end, 20 % shared by the middle; halves for
  // two touches), time decay. Each (model, id) credit receives its terms in
  // touch order.
  const double conv = static_cast<double>(conversions);
  const size_t n = touches.size();
  const bool decay = times.size() == n;
  if (decay) decay_weights(times, conversion_time_us, half_life_us_, decay_);
  const double linear = 1.0 / static_cast<double>(n);
  const double middle = n > 2 ? 0.2 / static_cast<double>(n - 2) : 0;
  auto credit = [&](ModelCredits& to, size_t m, double w) {
    to.seen |= static_cast<uint8_t>(1u << m);
    to.model[m].conversions += w * conv;
    to.model[m].value += w * value;
  };
  for (size_t i = 0; i < n; ++i) {
    std::array<double, kModels> w;
    w[0] = i == 0 ? 1 : 0;
    w[1] = i + 1 == n ? 1 : 0;
    w[2] = linear;
    w[3] = n == 1 ? 1 : n == 2 ? 0.5 : (i == 0 || i + 1 == n) ? 0.4 : middle;
    w[4] = decay ? decay_[i] : 0;
    ModelCredits& t = touch_credit_[touches[i]];
    ModelCredits& c = channel_credit_[channels[i]];
    for (size_t m = 0; m < kModels; ++m) {
      if (w[m] == 0) continue;
      credit(t, m, w[m]);
      credit(c, m, w[m]);
    }
  }
}

void AttributionAggregator::merge(const AttributionAggregator& other) {
  converting_ += other.converting_;
  non_converting_ += other.non_converting_;
  total_conversions_ += other.total_conversions_;
  total_value_e4_ += other.total_value_e4_;
  has_times_ = has_times_ && other.has_times_;
  auto add_credits = [](Credits& into, const Credits& from) {
    from.for_each([&](uint32_t id, const ModelCredits& c) {
      ModelCredits& to = into[id];
      for (size_t m = 0; m < kModels; ++m) {
        if (!(c.seen & (1u << m))) continue;
        to.model[m].conversions += c.model[m].conversions;
        to.model[m].value += c.model[m].value;
      }
      to.seen |= c.seen;
    });
  };
  add_credits(touch_credit_, other.touch_credit_);
  add_credits(channel_credit_, other.channel_credit_);
  touch_counts_.merge(other.touch_counts_);
  channel_counts_.merge(other.channel_counts_);
}

AttributionResult AttributionAggregator::finish(const AggregatorContext& ctx) const {
  static const std::string kDirectName = "(direct)";
  static const std::string kUnknown = "(unknown)";
  auto touch_name = [&](uint32_t id) -> const std::string& {
    if (id == kDirect) return kDirectName;
    if (ctx.table != nullptr && id < ctx.table->events.size()) return ctx.table->events.at(id);
    return kUnknown;
  };
  auto channel_name = [&](uint32_t id) -> const std::string& {
    if (id == kDirect) return kDirectName;
    return id < channel_names_.size() ? channel_names_[id] : kUnknown;
  };

  AttributionResult r;
  r.converting_paths = converting_;
  r.non_converting_paths = non_converting_;
  r.total_conversions = total_conversions_;
  r.total_value = total_value();
  r.markov_order = order_;
  // By id, so that ids sharing a name ("(unknown)") add up in a fixed order.
  for (size_t m = 0; m < kModels; ++m) {
    if (m == kTimeDecay && !has_times_) continue;
    AttributionModel& t = r.touchpoint[kModelNames[m]];
    touch_credit_.for_each([&](uint32_t id, const ModelCredits& c) {
      if (!(c.seen & (1u << m))) return;
      t.conversions[touch_name(id)] += c.model[m].conversions;
      t.value[touch_name(id)] += c.model[m].value;
    });
    AttributionModel& ch = r.channel[kModelNames[m]];
    channel_credit_.for_each([&](uint32_t id, const ModelCredits& c) {
      if (!(c.seen & (1u << m))) return;
      ch.conversions[channel_name(id)] += c.model[m].conversions;
      ch.value[channel_name(id)] += c.model[m].value;
    });
    if (m < kSingleTouchModels) {
      for (auto& [name, v] : t.value) v = to_ten_thousandths(v);
      for (auto& [name, v] : ch.value) v = to_ten_thousandths(v);
    }
  }
  if (!has_times_) r.note = "time_decay omitted: the input has no touch times (aggregated paths)";
  const double widest =
      std::max(markov_credit(touch_counts_, order_, total_conversions_, total_value(), touch_name,
                             r.touchpoint["markov"], r.removal_effect_touchpoint),
               markov_credit(channel_counts_, order_, total_conversions_, total_value(),
                             channel_name, r.channel["markov"], r.removal_effect_channel));
  if (widest > 1e-9) {
    if (!r.note.empty()) r.note += "; ";
    r.note += fmt::format(
        "markov: the chain converges slowly; its probabilities are exact to {:.1e} (relative)",
        widest);
  }
  return r;
}

void AttributionAggregator::place(Result&& figures, SegmentResult& out) {
  out.attribution = std::move(figures);
}

}  // namespace cjm
