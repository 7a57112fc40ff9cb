#include "analysis/attribute_filter.h"

namespace cjm {

void AttributeFilter::add(const EventTable& table, const std::string& column,
                          const std::vector<std::string>& values) {
  const int index = table.attribute_index(column);
  if (index < 0) {
    matches_nothing_ = true;
    return;
  }
  Condition c;
  c.column = static_cast<size_t>(index);
  const Dictionary& names = table.attributes[c.column].values;
  c.accepted.assign(names.size(), 0);
  for (const auto& v : values) {
    const uint32_t id = names.find(v);
    if (id != Dictionary::kMissing) c.accepted[id] = 1;
  }
  conditions_.push_back(std::move(c));
}

bool AttributeFilter::matches_customer(const EventTable& table, uint64_t begin, uint64_t end,
                                       AttributeMatch match) const {
  if (matches_nothing_) return false;
  for (const Condition& c : conditions_) {
    const Column<uint32_t>& of = table.attributes[c.column].of;
    auto accepted = [&](uint32_t id) { return id < c.accepted.size() && c.accepted[id] != 0; };
    bool ok = false;
    if (match == AttributeMatch::kAny) {
      for (uint64_t i = begin; i < end && !ok; ++i) ok = accepted(of[i]);
    } else if (match == AttributeMatch::kFirst) {
      uint64_t i = begin;
      while (i < end && of[i] == 0) ++i;   // id 0 is the missing value
      ok = accepted(i < end ? of[i] : 0);  // no value at all: the missing one
    } else {
      uint64_t i = end;
      while (i > begin && of[i - 1] == 0) --i;
      ok = accepted(i > begin ? of[i - 1] : 0);
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace cjm
