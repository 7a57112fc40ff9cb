#include "draft/event_stats.h"

#include <algorithm>
#include <numeric>

namespace cjm {

std::vector<EventStats> event_stats(const EventTable& t, const Journeys& j,
                                    const EventStatsOptions& options) {
  const size_t names = t.events.size();
  std::vector<EventStats> out(names);
  for (size_t e = 0; e < names; ++e) out[e].name = t.events.at(static_cast<uint32_t>(e));
  std::vector<uint32_t> seen_in(names, UINT32_MAX);  // the last journey that had the name
  std::vector<uint32_t> order;                       // a journey's names by first occurrence
  const bool valued = t.has_value();
  for (uint32_t c = 0; c < j.count(); ++c) {
    const uint64_t b = j.begin(c), e = j.end(c);
    if (b == e) continue;
    for (uint64_t i = b; i < e; ++i) {
      const uint32_t ev = t.event[i];
      ++out[ev].rows;
      if (valued && !is_missing_value(t.value[i])) ++out[ev].valued;
      if (seen_in[ev] != c) {
        seen_in[ev] = c;
        ++out[ev].journeys;
      }
    }
    ++out[t.event[e - 1]].last_in;
  }

  // Precedence among the most frequent names: before[a * n + b] counts the
  // customers whose first `a` precedes their first `b`.
  std::vector<uint32_t> top(names);
  std::iota(top.begin(), top.end(), 0u);
  std::stable_sort(top.begin(), top.end(),
                   [&](uint32_t a, uint32_t b) { return out[a].rows > out[b].rows; });
  const size_t n = std::min(names, options.max_names);
  std::vector<uint32_t> dense(names, UINT32_MAX);
  for (size_t k = 0; k < n; ++k) dense[top[k]] = static_cast<uint32_t>(k);
  // With sessions, the same counts inside each visit too (a new visit where
  // the session id changes, as journey/visits does).
  std::vector<uint32_t> before(n * n, 0), before_in_visit(t.has_session() ? n * n : 0, 0);
  auto count_pairs = [&](uint64_t from, uint64_t to, uint32_t stamp, std::vector<uint32_t>& m,
                         bool mark) {
    order.clear();
    for (uint64_t i = from; i < to && order.size() < options.max_per_journey; ++i) {
      const uint32_t ev = t.event[i];
      if (seen_in[ev] == stamp || dense[ev] == UINT32_MAX) continue;
      seen_in[ev] = stamp;
      order.push_back(dense[ev]);
    }
    if (order.size() < 2) return;
    for (size_t x = 0; x < order.size(); ++x) {
      if (mark) ++out[top[order[x]]].positioned;
      for (size_t y = x + 1; y < order.size(); ++y) ++m[order[x] * n + order[y]];
    }
  };
  std::fill(seen_in.begin(), seen_in.end(), UINT32_MAX);
  for (uint32_t c = 0; c < j.count(); ++c) count_pairs(j.begin(c), j.end(c), c, before, true);
  if (t.has_session()) {
    std::fill(seen_in.begin(), seen_in.end(), UINT32_MAX);
    uint32_t visit = 0;
    for (uint32_t c = 0; c < j.count(); ++c)
      for (uint64_t b = j.begin(c), i = b; i < j.end(c); b = i, ++visit) {
        while (++i < j.end(c) && t.session[i] == t.session[b]) {
        }
        count_pairs(b, i, visit, before_in_visit, false);
      }
  }
  // A name's position: its share of "after" verdicts against the other names
  // it meets (with sessions: in the order of the visits where both meet in
  // one visit in at least 20 % of the customers' cases, else the customers'). Against `b` the
  // verdict is 1 when at least 60 % of their shared customers met `b` first, 0 when at most 40 %
  // did, linear in between; pairs shared by fewer than one in 1,000 of the rarer name's customers
  // (and at least one) give none.
  for (size_t a = 0; a < n; ++a) {
    double sum = 0, count = 0;
    for (size_t b = 0; b < n; ++b) {
      if (a == b) continue;
      double first_b = before[b * n + a], co = first_b + before[a * n + b];
      const double rarer =
          static_cast<double>(std::min(out[top[a]].journeys, out[top[b]].journeys));
      if (co == 0 || co < rarer / 1000) continue;
      if (!before_in_visit.empty()) {  // met in one visit often enough: the visits' order
        const double v_first_b = before_in_visit[b * n + a];
        const double v_co = v_first_b + before_in_visit[a * n + b];
        if (v_co > 0 && v_co >= 0.2 * co) {
          first_b = v_first_b;
          co = v_co;
        }
      }
      sum += std::clamp(0.5 + 5 * (first_b / co - 0.5), 0.0, 1.0);
      ++count;
    }
    if (count > 0) out[top[a]].position = sum / count;
  }
  return out;
}

}  // namespace cjm
