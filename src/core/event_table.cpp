#include "core/event_table.h"

namespace cjm {

int EventTable::attribute_index(const std::string& name) const {
  for (size_t i = 0; i < attributes.size(); ++i)
    if (attributes[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace cjm
