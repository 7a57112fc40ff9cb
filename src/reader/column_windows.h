// Internal: the shared column buffers of a parallel read, and the join of the
// threads' parts of a column into one.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <type_traits>
#include <vector>

#include "core/column.h"
#include "core/release_pages.h"

namespace cjm::reader {

// Where each thread of a parallel read appends its rows: for every column
// one buffer, of which thread k owns the window of `room[k]` rows from
// `start[k]`. The windows follow each other in input order, so the parts
// become one table by moving each part down to the end of the rows before
// it, within memory already written, instead of by copying them into fresh
// memory. The buffers are allocated, not touched: only the rows written
// cost memory.
struct Windows {
  std::vector<size_t> start, room;             // per thread, in rows
  size_t rows = 0;                             // sum of room
  std::vector<std::shared_ptr<void>> buffers;  // one per column

  // The buffer that starts at `data` (one of `buffers`).
  const std::shared_ptr<void>& owner_of(const void* data) const {
    auto it = std::find_if(buffers.begin(), buffers.end(),
                           [data](const std::shared_ptr<void>& b) { return b.get() == data; });
    assert(it != buffers.end() && "a column's window is not in any buffer");
    return *it;
  }

  // Windows for `bytes[k]` bytes per thread at `rows_per_byte`, each with
  // `margin` times its estimated rows (and a few more); the first also holds
  // the `first_rows` rows read before the threads start.
  Windows(const std::vector<size_t>& bytes, double rows_per_byte, double margin,
          size_t first_rows) {
    for (size_t n : bytes) {
      start.push_back(rows);
      room.push_back(static_cast<size_t>(static_cast<double>(n) * rows_per_byte * margin) + 64 +
                     (rows == 0 ? first_rows : 0));
      rows += room.back();
    }
  }
  // Gives one column of every thread's table its window of a new buffer:
  // `first` (the first thread's, its rows so far copied in) and `others`
  // (empty). Without memory for the buffer the columns stay as they are.
  template <typename T>
  void adopt(Column<T>& first, std::vector<Column<T>*> others) {
    static_assert(std::is_trivially_copyable_v<T>);
    T* const data = static_cast<T*>(std::malloc(rows * sizeof(T)));
    if (data == nullptr) return;  // not worth failing for: the parts are copied instead
    std::shared_ptr<void> owner(data, std::free);
    buffers.push_back(owner);
    const size_t kept = std::min(first.size(), room[0]);
    std::copy_n(first.data(), kept, data);
    if (kept == first.size()) first.adopt(data, kept, room[0], owner);
    for (size_t k = 0; k < others.size(); ++k)
      others[k]->adopt(data + start[k + 1], 0, room[k + 1], owner);
  }
};

// Appends each worker's part of one column to `out` (which holds the first
// chunk), mapping values with `f`; frees the parts. Parts still in their
// windows (see Windows) are moved down in place; otherwise they are copied.
template <typename T, typename F>
void concat(Column<T>& out, std::vector<Column<T>*> parts, const Windows* windows, F f) {
  size_t total = out.size();
  for (auto* p : parts) total += p->size();
  bool in_place = windows != nullptr && out.is_adopted_at(out.data());
  for (size_t k = 0; k < parts.size() && in_place; ++k)
    in_place = parts[k]->is_adopted_at(out.data() + windows->start[k + 1]);
  if (in_place) {
    // Each part moves down (to the end of the rows before it), never up:
    // copied forwards, no row is overwritten before it is read.
    T* const data = out.mutable_data();
    size_t at = out.size(), written = at;
    for (size_t k = 0; k < parts.size(); ++k) {
      const T* from = data + windows->start[k + 1];
      for (size_t i = 0, n = parts[k]->size(); i < n; ++i) data[at + i] = f(k, from[i]);
      at += parts[k]->size();
      written = windows->start[k + 1] + parts[k]->size();
      parts[k]->clear();
    }
    // The rows past the end were written before the moves, and are not needed.
    if (written > total) release_pages(data + total, (written - total) * sizeof(T));
    out.adopt(data, total, windows->rows, windows->owner_of(data));
    return;
  }
  size_t at = out.size();
  out.resize(total);
  for (size_t k = 0; k < parts.size(); ++k) {
    const Column<T>& part = *parts[k];
    T* o = out.mutable_data() + at;
    for (size_t i = 0; i < part.size(); ++i) o[i] = f(k, part[i]);
    at += part.size();
    parts[k]->clear();
  }
  // Still in the first window (which had room for every row): the other
  // windows' pages are not needed any more.
  if (windows != nullptr && out.is_adopted_at(out.data()))
    release_pages(out.data() + total, (windows->rows - total) * sizeof(T));
}

}  // namespace cjm::reader
