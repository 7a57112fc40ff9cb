// Column: the elements of one per-event column of an EventTable.
//
// A column either owns its elements (a std::vector, grown by the readers and
// reordered by journeys) or views elements that live elsewhere, such as a
// memory-mapped .cjm store, and keeps their owner alive. Reading is the same
// either way: contiguous elements, data()[0 .. size()). Writing to a view
// first copies it into an owned vector (so a view is never written through);
// that copy is not safe to race with other threads, so columns that several
// threads write must be owned before the threads start.
//
// A third form is an adopted window: elements in a buffer that the column may
// write in place, up to a fixed capacity (the parallel CSV reader has each
// thread append into its own window of one shared buffer, so that the parts
// need no copying into one table). Appending past the capacity moves the
// elements into an owned vector first; a copy of such a column owns a copy.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

namespace cjm {

template <typename T>
class Column {
 public:
  using value_type = T;
  using iterator = const T*;
  using const_iterator = const T*;

  Column() = default;
  Column(std::initializer_list<T> values) : own_(values) { sync(); }
  Column(std::vector<T> values) : own_(std::move(values)) { sync(); }  // NOLINT: implicit
  Column(const Column& other) { *this = other; }
  Column(Column&& other) noexcept { *this = std::move(other); }
  // A copy of a view views the same elements; a copy of an owned column or of
  // an adopted window owns a copy.
  Column& operator=(const Column& other) {
    if (this == &other) return *this;
    if (other.owner_ && other.capacity_ == 0) {
      own_.clear();
      owner_ = other.owner_;
      capacity_ = 0;
      data_ = other.data_;
      size_ = other.size_;
    } else {
      std::vector<T> copy(other.begin(), other.end());
      owner_.reset();
      capacity_ = 0;
      own_.swap(copy);
      sync();
    }
    return *this;
  }
  Column& operator=(Column&& other) noexcept {
    if (this == &other) return *this;
    own_ = std::move(other.own_);
    owner_ = std::move(other.owner_);
    capacity_ = other.capacity_;
    data_ = other.data_;
    size_ = other.size_;
    other.own_.clear();
    other.owner_.reset();
    other.capacity_ = 0;
    other.sync();
    return *this;
  }

  // Makes this column a read-only view of `elements`, which stay valid as
  // long as `owner` lives (the column keeps a reference to it).
  void view(std::span<const T> elements, std::shared_ptr<const void> owner) {
    std::vector<T>().swap(own_);
    owner_ = std::move(owner);
    capacity_ = 0;
    data_ = elements.data();
    size_ = elements.size();
  }
  // Makes this column the window of `capacity` elements at `elements`, kept
  // alive by `owner` (not null), whose first `size` elements are its
  // contents. The column writes the window in place; no other column may use
  // it.
  void adopt(T* elements, size_t size, size_t capacity, std::shared_ptr<const void> owner) {
    if (owner == nullptr) throw std::invalid_argument("Column::adopt: no owner");
    std::vector<T>().swap(own_);
    owner_ = std::move(owner);
    capacity_ = capacity;
    data_ = elements;
    size_ = std::min(size, capacity);
  }
  // True while the column views elements it does not own (a view or an
  // adopted window).
  bool is_view() const { return owner_ != nullptr; }
  // True while the column writes an adopted window at `elements`.
  bool is_adopted_at(const T* elements) const {
    return owner_ != nullptr && capacity_ != 0 && data_ == elements;
  }

  // Reading.
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return data_; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T& back() const { return data_[size_ - 1]; }
  operator std::span<const T>() const { return {data_, size_}; }  // NOLINT: implicit

  // Writing, as a std::vector (a view is copied first). Reading never
  // writes, even through a non-const column: elements are written through
  // mutable_data() only.
  T* mutable_data() { return capacity_ != 0 ? const_cast<T*>(data_) : owned().data(); }
  // A hint: an adopted window keeps its capacity.
  void reserve(size_t n) {
    if (capacity_ != 0) return;
    owned().reserve(n);
    sync();
  }
  [[gnu::always_inline]] void push_back(const T& value) {  // once per row in the readers
    if (owner_) [[unlikely]] {
      if (size_ < capacity_) {
        const_cast<T*>(data_)[size_++] = value;
        return;
      }
      const T v = value;  // `value` may be an element, gone once the view is owned
      own_view();
      own_.push_back(v);
    } else {
      own_.push_back(value);
    }
    data_ = own_.data();
    ++size_;
  }
  void resize(size_t n) {
    if (capacity_ != 0 && n <= capacity_) {
      std::fill(const_cast<T*>(data_) + std::min(n, size_), const_cast<T*>(data_) + n, T{});
      size_ = n;
      return;
    }
    owned().resize(n);
    sync();
  }
  void resize(size_t n, const T& value) {
    const T v = value;  // `value` may be an element, gone once a view is owned
    owned().resize(n, v);
    sync();
  }
  void assign(size_t n, const T& value) {
    const T v = value;  // `value` may be an element of a view about to be dropped
    drop_view();
    own_.assign(n, v);
    sync();
  }
  template <typename It>
  void assign(It first, It last) {
    std::vector<T> values(first, last);  // `first` may point into this column
    drop_view();
    own_.swap(values);
    sync();
  }
  void clear() {
    drop_view();
    own_.clear();
    sync();
  }
  // Exchanges the elements with `other` (the column then owns them).
  void swap(std::vector<T>& other) {
    owned().swap(other);
    sync();
  }

  friend bool operator==(const Column& a, const Column& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  friend bool operator==(const Column& a, const std::vector<T>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  // Inline: the readers append through it once per row.
  std::vector<T>& owned() {
    if (owner_) [[unlikely]]
      own_view();
    return own_;
  }
  [[gnu::noinline]] void own_view() {
    std::vector<T> copy;
    copy.reserve(std::max(size_ + 1, capacity_ + capacity_ / 2));  // an outgrown window grows on
    copy.assign(data_, data_ + size_);
    owner_.reset();
    capacity_ = 0;
    own_.swap(copy);
    sync();
  }
  void drop_view() {
    if (owner_) {
      owner_.reset();
      capacity_ = 0;
      data_ = nullptr;
      size_ = 0;
    }
  }
  void sync() {
    data_ = own_.data();
    size_ = own_.size();
  }

  std::vector<T> own_;                 // the elements, when owned
  std::shared_ptr<const void> owner_;  // keeps a view's elements alive; null when owned
  size_t capacity_ = 0;                // an adopted window's capacity; 0 otherwise
  const T* data_ = nullptr;            // own_.data() or the viewed elements
  size_t size_ = 0;
};

}  // namespace cjm
