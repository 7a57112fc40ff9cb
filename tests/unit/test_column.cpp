#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "core/column.h"

namespace cjm {
namespace {

// A view's elements, owned by a shared vector the column must keep alive.
std::shared_ptr<std::vector<int64_t>> backing(std::vector<int64_t> v) {
  return std::make_shared<std::vector<int64_t>>(std::move(v));
}

TEST(Column, OwnedBehavesAsAVector) {
  Column<int64_t> c;
  EXPECT_TRUE(c.empty());
  c.push_back(3);
  c.push_back(5);
  c.resize(4, 7);
  EXPECT_EQ(c, (std::vector<int64_t>{3, 5, 7, 7}));
  c.mutable_data()[1] = 9;
  EXPECT_EQ(c.back(), 7);
  EXPECT_EQ(c, (std::vector<int64_t>{3, 9, 7, 7}));
  std::vector<int64_t> other{1, 2};
  c.swap(other);
  EXPECT_EQ(c, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(other, (std::vector<int64_t>{3, 9, 7, 7}));
  EXPECT_FALSE(c.is_view());
}

TEST(Column, ViewReadsInPlaceAndKeepsItsOwnerAlive) {
  auto data = backing({10, 20, 30});
  const int64_t* at = data->data();
  Column<int64_t> c;
  c.view(std::span<const int64_t>(*data), data);
  std::weak_ptr<std::vector<int64_t>> alive = data;
  data.reset();  // the column is now the only owner
  ASSERT_FALSE(alive.expired());
  EXPECT_TRUE(c.is_view());
  EXPECT_EQ(c.data(), at);  // no copy, also when read through a non-const column
  EXPECT_EQ(&c[1], at + 1);
  EXPECT_EQ(c, (std::vector<int64_t>{10, 20, 30}));
  c.clear();
  EXPECT_TRUE(alive.expired());
  EXPECT_TRUE(c.empty());
}

TEST(Column, WritingToAViewCopiesItFirst) {
  auto data = backing({1, 2, 3});
  Column<int64_t> c;
  c.view(std::span<const int64_t>(*data), data);
  c.mutable_data()[0] = 100;  // writing copies
  c.push_back(4);
  EXPECT_FALSE(c.is_view());
  EXPECT_EQ(c, (std::vector<int64_t>{100, 2, 3, 4}));
  EXPECT_EQ(*data, (std::vector<int64_t>{1, 2, 3}));  // the viewed elements are untouched
  EXPECT_EQ(data.use_count(), 1);
}

TEST(Column, AssignFromItsOwnView) {
  auto data = backing({1, 2, 3, 4});
  Column<int64_t> c;
  c.view(std::span<const int64_t>(*data), data);
  const Column<int64_t>& r = c;
  c.assign(r.begin() + 1, r.end());
  EXPECT_EQ(c, (std::vector<int64_t>{2, 3, 4}));
  EXPECT_FALSE(c.is_view());
}

TEST(Column, CopiesAndMoves) {
  auto data = backing({7, 8});
  Column<int64_t> view;
  view.view(std::span<const int64_t>(*data), data);
  Column<int64_t> shared = view;  // a copy of a view views the same elements
  EXPECT_TRUE(shared.is_view());
  EXPECT_EQ(shared.data(), view.data());

  Column<int64_t> owned{1, 2, 3};
  Column<int64_t> copy = owned;
  copy.mutable_data()[0] = 5;
  EXPECT_EQ(owned, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(copy, (std::vector<int64_t>{5, 2, 3}));

  Column<int64_t> moved = std::move(owned);
  EXPECT_EQ(moved, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_TRUE(owned.empty());  // NOLINT: a moved-from column is empty
  owned.push_back(1);          // and usable
  EXPECT_EQ(owned, (std::vector<int64_t>{1}));

  Column<int64_t> moved_view = std::move(view);
  EXPECT_TRUE(moved_view.is_view());
  EXPECT_FALSE(view.is_view());  // NOLINT
  EXPECT_TRUE(view.empty());
}

// A one-element window over the last element of `buf`.
Column<int64_t> other_window(const std::shared_ptr<std::vector<int64_t>>& data, int64_t* buf) {
  Column<int64_t> c;
  c.adopt(buf + 5, 1, 1, data);
  return c;
}

TEST(Column, AdoptedWindowIsWrittenInPlaceUpToItsCapacity) {
  // A buffer of 6 with a window of 3 at [1, 4) holding one element.
  auto data = backing({-1, 10, -1, -1, -1, -1});
  int64_t* const buf = data->data();
  Column<int64_t> c;
  c.adopt(buf + 1, 1, 3, data);
  EXPECT_TRUE(c.is_adopted_at(buf + 1));
  EXPECT_FALSE(c.is_adopted_at(buf));
  c.reserve(100);  // a hint the window ignores
  c.push_back(11);
  c.mutable_data()[0] = 12;
  EXPECT_EQ(c, (std::vector<int64_t>{12, 11}));
  EXPECT_EQ(*data, (std::vector<int64_t>{-1, 12, 11, -1, -1, -1}));
  c.resize(3);  // within the window: new elements are zero, in place
  EXPECT_EQ(*data, (std::vector<int64_t>{-1, 12, 11, 0, -1, -1}));
  EXPECT_EQ(c.data(), buf + 1);

  Column<int64_t> copy = c;  // owns a copy: the window has one writer
  EXPECT_FALSE(copy.is_view());
  copy.mutable_data()[0] = 99;
  EXPECT_EQ(c[0], 12);

  c.push_back(13);  // past the window: moved into a vector, the buffer left as it was
  EXPECT_FALSE(c.is_view());
  EXPECT_EQ(c, (std::vector<int64_t>{12, 11, 0, 13}));
  EXPECT_EQ(*data, (std::vector<int64_t>{-1, 12, 11, 0, -1, -1}));
  c.mutable_data()[0] = 1;
  EXPECT_EQ((*data)[1], 12);

  const Column<int64_t> last = other_window(data, buf);
  Column<int64_t> assigned{5};
  assigned = last;  // copy-assigned over: owns a copy
  EXPECT_FALSE(assigned.is_view());
  EXPECT_EQ(assigned, (std::vector<int64_t>{-1}));
  assigned.mutable_data()[0] = 2;
  EXPECT_EQ(last[0], -1);

  Column<int64_t> other;
  other.adopt(buf + 4, 5, 2, data);  // contents beyond the capacity are cut
  EXPECT_EQ(other.size(), 2u);
  Column<int64_t> moved = std::move(other);
  EXPECT_TRUE(moved.is_adopted_at(buf + 4));
  moved.push_back(7);  // full: copied, the buffer untouched
  EXPECT_EQ(moved, (std::vector<int64_t>{-1, -1, 7}));
  EXPECT_EQ((*data)[4], -1);
  moved.clear();
  EXPECT_TRUE(moved.empty());
  EXPECT_FALSE(moved.is_view());
}

// Appending an element of a full window or of a view, whose buffer the column
// alone keeps alive: the value must be read before the buffer goes.
TEST(Column, AppendingItsOwnElementWhenTheBufferGoes) {
  Column<int64_t> window;
  {
    auto data = backing({4, 6});
    window.adopt(data->data(), 2, 2, data);
  }
  window.push_back(window[0]);
  EXPECT_EQ(window, (std::vector<int64_t>{4, 6, 4}));

  Column<int64_t> view;
  {
    auto data = backing({8, 9});
    view.view(std::span<const int64_t>(*data), data);
  }
  view.resize(3, view[1]);
  EXPECT_EQ(view, (std::vector<int64_t>{8, 9, 9}));
  Column<int64_t> again;
  {
    auto data = backing({3});
    again.view(std::span<const int64_t>(*data), data);
  }
  again.assign(2, again[0]);
  EXPECT_EQ(again, (std::vector<int64_t>{3, 3}));
}

}  // namespace
}  // namespace cjm
