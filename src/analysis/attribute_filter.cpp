#include "analysis/attribute_filter.h"

namespace cjm {

void AttributeFilter::add(const EventTable& table, const std::string& column,
                          const std::vector<std::string>& values) {
  const int index = table.attribute_index(column);
  if (index < 0) {
    matches_nobody_ = true;
    return;
  }
  Condition c;
  c.column = &table.attributes[static_cast<size_t>(index)];
  c.accepted.assign(c.column->values.size(), 0);
  for (const auto& v : values) {
    const uint32_t id = c.column->values.find(v);
    if (id != Dictionary::kMissing) c.accepted[id] = 1;
  }
  conditions_.push_back(std::move(c));
}

bool AttributeFilter::matches(uint64_t begin, uint64_t end) const {
  if (matches_nobody_) return false;
  for (const Condition& c : conditions_) {
    uint32_t id = 0;
    for (uint64_t i = begin; i < end && i < c.column->of.size() && id == 0; ++i)
      id = c.column->of[i];
    if (id >= c.accepted.size() || !c.accepted[id]) return false;
  }
  return true;
}

}  // namespace cjm
