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

std::vector<ConversionComparison> persona_comparisons(const SegmentResult& all,
                                                      const std::vector<PersonaResult>& personas) {
  std::vector<ConversionComparison> out;
  // A customer of the persona is counted once in `all`, so all - persona is
  // exactly the customers outside the persona (personas may overlap).
  for (const PersonaResult& p : personas) {
    const SegmentResult& f = p.figures;
    const uint64_t rest_customers = all.customers >= f.customers ? all.customers - f.customers : 0;
    const uint64_t rest_converted = all.converted >= f.converted ? all.converted - f.converted : 0;
    out.push_back(
        compare_conversion(p.id, "rest", f.customers, f.converted, rest_customers, rest_converted));
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

}  // namespace cjm
