#include "analysis/persona_comparison.h"

#include <cmath>
#include <utility>

namespace cjm {

ConversionComparison compare_conversion(std::string a, std::string b, uint64_t a_customers,
                                        uint64_t a_converted, uint64_t b_customers,
                                        uint64_t b_converted) {
  ConversionComparison c;
  c.a = std::move(a);
  c.b = std::move(b);
  c.a_customers = a_customers;
  c.a_converted = a_converted;
  c.b_customers = b_customers;
  c.b_converted = b_converted;
  if (a_customers == 0 || b_customers == 0) return c;
  const double n1 = static_cast<double>(a_customers), n2 = static_cast<double>(b_customers);
  const double p1 = static_cast<double>(a_converted) / n1;
  const double p2 = static_cast<double>(b_converted) / n2;
  c.difference = p1 - p2;
  const double pooled = static_cast<double>(a_converted + b_converted) / (n1 + n2);
  const double variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
  if (!(variance > 0.0)) return c;
  const double z = (p1 - p2) / std::sqrt(variance);
  c.z = z;
  c.p_value = std::erfc(std::fabs(z) / std::sqrt(2.0));
  c.significant = *c.p_value < 0.05;
  return c;
}

std::vector<ConversionComparison> persona_comparisons(
    const std::vector<PersonaResult>& personas, const std::vector<const SegmentResult*>& rests) {
  std::vector<ConversionComparison> out;
  for (size_t p = 0; p < personas.size(); ++p) {
    const SegmentResult& f = personas[p].figures;
    out.push_back(compare_conversion(personas[p].id, "rest", f.customers, f.converted,
                                     rests[p]->customers, rests[p]->converted));
  }
  for (size_t i = 0; i < personas.size(); ++i)
    for (size_t j = i + 1; j < personas.size(); ++j) {
      const SegmentResult& a = personas[i].figures;
      const SegmentResult& b = personas[j].figures;
      out.push_back(compare_conversion(personas[i].id, personas[j].id, a.customers, a.converted,
                                       b.customers, b.converted));
    }
  return out;
}

std::vector<ConversionComparison> period_comparisons(const std::vector<PeriodResult>& periods,
                                                     const std::vector<const SegmentResult*>& rests,
                                                     const std::vector<StageInfo>& stages) {
  std::vector<ConversionComparison> out;
  for (size_t q = 0; q < periods.size(); ++q) {
    const SegmentResult& a = periods[q].figures;
    const SegmentResult& b = *rests[q];
    ConversionComparison c = compare_conversion(periods[q].id, "rest", a.customers, a.converted,
                                                b.customers, b.converted);
    auto level = [](const SegmentResult& s, size_t k) {
      return k < s.funnel.closed.size() ? s.funnel.closed[k] : 0;
    };
    for (size_t k = 0; k < stages.size(); ++k) {
      const uint64_t a_from = k == 0 ? a.customers : level(a, k - 1);
      const uint64_t b_from = k == 0 ? b.customers : level(b, k - 1);
      ConversionComparison s =
          compare_conversion(periods[q].id, "rest", a_from, level(a, k), b_from, level(b, k));
      s.stage = stages[k].id;
      c.stages.push_back(std::move(s));
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace cjm
