// Reading the visits-mode CSV of `cjm generate --sessions` back for tests,
// with plain string handling, independently of the engine's reader: rows,
// visits (by session id) and customers.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "generate/generator.h"

namespace cjm::testing {

struct VisitRow {
  std::string customer, session, timestamp, event, channel, value, score, persona, region, device,
      platform, lifecycle;
  int64_t t = 0;  // seconds since the epoch
};

// One visit: the rows with one session id, in file (= time) order.
struct VisitRows {
  std::string session;
  std::vector<const VisitRow*> rows;
  bool has(const std::string& event) const {
    for (const VisitRow* r : rows)
      if (r->event == event) return true;
    return false;
  }
};

struct VisitData {
  std::string text, header;
  std::vector<VisitRow> rows;
  GeneratorStats stats;
  std::vector<VisitTruth> truth;  // from the sink (session ids copied into `truth_ids`)
  std::vector<std::string> truth_ids;
  // Visits by session id, and each customer's visits in time order.
  std::map<std::string, VisitRows> visits;
  std::map<std::string, std::vector<const VisitRows*>> customers;
};

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ" (days from civil, Howard
// Hinnant's algorithm, written out here).
inline int64_t epoch_seconds(const std::string& ts) {
  const int64_t y0 = std::stoi(ts.substr(0, 4));
  const int64_t m = std::stoi(ts.substr(5, 2)), d = std::stoi(ts.substr(8, 2));
  const int64_t y = y0 - (m <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + doe - 719468;
  return days * 86400 + std::stoi(ts.substr(11, 2)) * 3600 + std::stoi(ts.substr(14, 2)) * 60 +
         std::stoi(ts.substr(17, 2));
}

inline std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    const size_t comma = line.find(',', pos);
    if (comma == std::string::npos) {
      out.push_back(line.substr(pos));
      return out;
    }
    out.push_back(line.substr(pos, comma - pos));
    pos = comma + 1;
  }
}

// Generates with `o` (sessions on) and reads everything back. Returned by
// pointer: the visit maps point into `rows`.
inline std::unique_ptr<VisitData> generate_visit_data(GeneratorOptions o) {
  o.sessions = true;
  auto g = std::make_unique<VisitData>();
  std::ostringstream out;
  g->stats = generate_events(o, out, [&](const VisitTruth& t) {
    g->truth.push_back(t);
    g->truth_ids.emplace_back(t.session_id);
  });
  for (size_t i = 0; i < g->truth.size(); ++i) g->truth[i].session_id = g->truth_ids[i];
  g->text = out.str();
  std::istringstream in(g->text);
  std::string line;
  std::getline(in, g->header);
  while (std::getline(in, line)) {
    const auto f = split_commas(line);
    EXPECT_EQ(f.size(), 12u) << line;
    if (f.size() != 12) continue;
    g->rows.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11],
                       epoch_seconds(f[2])});
  }
  for (const VisitRow& r : g->rows) {
    VisitRows& v = g->visits[r.session];
    if (v.rows.empty()) {
      v.session = r.session;
      g->customers[r.customer].push_back(&v);
    }
    v.rows.push_back(&r);
  }
  return g;
}

// The stage index of each visits-mode event (0 discover … 4 purchase,
// 5 service), written here from docs/generator.md; -1 for anything else.
inline int visit_stage(const std::string& event) {
  static const std::map<std::string, int> m = {
      {"home_view", 0},    {"landing_view", 0},   {"category_view", 0},  {"search", 0},
      {"product_view", 1}, {"review_read", 1},    {"compare_view", 1},   {"wishlist_add", 1},
      {"add_to_cart", 2},  {"cart_view", 2},      {"checkout_start", 3}, {"shipping_info", 3},
      {"payment_info", 3}, {"purchase", 4},       {"order_tracking", 5}, {"review_written", 5},
      {"support_chat", 5}, {"return_request", 5},
  };
  const auto it = m.find(event);
  return it == m.end() ? -1 : it->second;
}

}  // namespace cjm::testing
