// RowBuilder::add for a binary source (row_add.h says why it is apart).
#include "reader/row_add.h"

namespace cjm::reader {

void RowBuilder::add(uint64_t line, Row& row, const Decoded& decoded) {
  add_row<true>(line, row, 0, &decoded);
}

}  // namespace cjm::reader
