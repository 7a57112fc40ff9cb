// The words the renderers use for a journey: "customers" or "visits"
// (AnalysisResult::unit, JourneyMap::unit), so every header, summary line and
// sentence names what was counted.
#pragma once

#include <string>
#include <string_view>

namespace cjm {

struct UnitWords {
  std::string plural;  // "customers" / "visits"
  std::string title;   // "Customers" / "Visits": a column header
  std::string all;     // "All customers" / "All visits"
  std::string rest;    // "Rest of customers" / "Rest of visits"
  std::string who;     // "customers who" / "visits that": "... reached X"
};

// The words for `unit` ("visit"; anything else is the customer).
inline UnitWords unit_words(std::string_view unit) {
  if (unit == "visit") return {"visits", "Visits", "All visits", "Rest of visits", "visits that"};
  return {"customers", "Customers", "All customers", "Rest of customers", "customers who"};
}

}  // namespace cjm
