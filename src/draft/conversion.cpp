#include "draft/conversion.h"

#include <fmt/format.h>

#include <algorithm>

namespace cjm {

namespace {

bool has_word(std::string name, const std::vector<const char*>& words) {
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const char* w : words)
    if (name.find(w) != std::string::npos) return true;
  return false;
}

const std::vector<const char*> kGoalWords = {
    "purchase", "order",   "buy",  "bought",          "checkout_complete", "signup", "sign_up",
    "subscri",  "convert", "paid", "payment_success", "booking",           "deal",   "won"};
const std::vector<const char*> kFailWords = {"fail",   "error",  "cancel", "refund", "abandon",
                                             "reject", "declin", "return", "churn",  "lost"};

std::string evidence(const EventStats& s, bool has_value) {
  std::string out = fmt::format(
      "last event of {:.0f} % of the customers who have it; comes after {:.0f} % of the other "
      "names; {:.2f} times per customer who has it",
      100.0 * double(s.last_in) / double(s.journeys), 100 * s.position,
      double(s.rows) / double(s.journeys));
  if (has_value)
    out += fmt::format("; {:.0f} % of its events carry a value",
                       100.0 * double(s.valued) / double(s.rows));
  return out;
}

}  // namespace

ConversionChoice choose_conversion(const std::vector<EventStats>& stats, uint64_t customers,
                                   bool has_value) {
  ConversionChoice out;
  std::vector<std::pair<double, size_t>> scored;
  const uint64_t min_reach = std::max<uint64_t>(1, customers / 1000);
  for (size_t e = 0; e < stats.size(); ++e) {
    const EventStats& s = stats[e];
    if (s.journeys < min_reach || (s.journeys >= customers && customers > 1)) continue;
    const double per_customer = double(s.rows) / double(s.journeys);
    if (s.position < 0.5 || per_customer > 2) continue;
    double score = s.position + 1 / per_customer + double(s.last_in) / double(s.journeys);
    if (has_value) score += 2 * double(s.valued) / double(s.rows);
    if (has_word(s.name, kGoalWords)) score += 0.5;
    if (has_word(s.name, kFailWords)) score -= 1;
    scored.emplace_back(score, e);
  }
  if (scored.empty()) {
    out.evidence =
        "no event qualifies: none is reached by some but not all customers, comes in the "
        "later half of journeys and happens at most twice per customer";
    return out;
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  out.event = static_cast<int>(scored[0].second);
  out.evidence = evidence(stats[scored[0].second], has_value);
  if (scored.size() > 1) {
    out.runner_up = static_cast<int>(scored[1].second);
    out.runner_up_evidence = evidence(stats[scored[1].second], has_value);
  }
  return out;
}

}  // namespace cjm
