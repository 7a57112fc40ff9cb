#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include "analysis/flat_map.h"
#include "analysis/id_hash.h"

namespace cjm {
namespace {

using Map = FlatMap<uint64_t, uint64_t, PairHash>;

// A hash that sends every key to the same slot: all keys collide.
struct SameHash {
  size_t operator()(uint32_t) const { return 42; }
};

std::map<uint64_t, uint64_t> contents(const Map& m) {
  std::map<uint64_t, uint64_t> out;
  for (const auto& [k, v] : m) {
    EXPECT_TRUE(out.emplace(k, v).second) << "key " << k << " seen twice";
  }
  return out;
}

TEST(FlatMap, EmptyMapFindsNothingAndIteratesNothing) {
  const Map m;
  EXPECT_EQ(m.size(), 0u);
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.capacity(), 0u);
  EXPECT_EQ(m.find(7), nullptr);
  EXPECT_TRUE(m.begin() == m.end());
}

TEST(FlatMap, InsertFindAndAdd) {
  Map m;
  m[pack_pair(1, 2)] += 3;
  m[pack_pair(2, 1)] += 1;
  m[pack_pair(1, 2)] += 4;
  m[0] += 0;  // key 0 inserted with value 0: present, not "empty"
  EXPECT_EQ(m.size(), 3u);
  ASSERT_NE(m.find(pack_pair(1, 2)), nullptr);
  EXPECT_EQ(*m.find(pack_pair(1, 2)), 7u);
  EXPECT_EQ(*m.find(pack_pair(2, 1)), 1u);
  ASSERT_NE(m.find(0), nullptr);
  EXPECT_EQ(*m.find(0), 0u);
  EXPECT_EQ(m.find(pack_pair(2, 2)), nullptr);
  EXPECT_EQ(contents(m),
            (std::map<uint64_t, uint64_t>{{0, 0}, {pack_pair(1, 2), 7}, {pack_pair(2, 1), 1}}));
}

TEST(FlatMap, GrowsKeepingEveryKey) {
  Map m;
  // Key i gets i+1 increments of 1, then 1000 more via find: 1000 keys, far
  // past the first capacity (16), so the table grows several times.
  for (uint64_t i = 0; i < 1000; ++i)
    for (uint64_t r = 0; r <= i % 5; ++r) ++m[i * 7919];
  EXPECT_EQ(m.size(), 1000u);
  EXPECT_GE(m.capacity() * 3, m.size() * 4);  // load at most 3/4
  EXPECT_EQ(m.capacity() & (m.capacity() - 1), 0u);
  for (uint64_t i = 0; i < 1000; ++i) {
    ASSERT_NE(m.find(i * 7919), nullptr) << i;
    EXPECT_EQ(*m.find(i * 7919), i % 5 + 1) << i;
  }
  EXPECT_EQ(m.find(1), nullptr);  // 1 is not a multiple of 7919
  EXPECT_EQ(contents(m).size(), 1000u);
}

TEST(FlatMap, ReserveAvoidsGrowth) {
  Map m;
  m.reserve(100);
  const size_t cap = m.capacity();
  EXPECT_GE(cap * 3, 100u * 4);
  for (uint64_t i = 0; i < 100; ++i) m[i] = i;
  EXPECT_EQ(m.capacity(), cap);
}

TEST(FlatMap, ClearKeepsCapacity) {
  Map m;
  for (uint64_t i = 0; i < 50; ++i) m[i] = 1;
  const size_t cap = m.capacity();
  m.clear();
  EXPECT_EQ(m.size(), 0u);
  EXPECT_EQ(m.capacity(), cap);
  EXPECT_EQ(m.find(3), nullptr);
  m[3] += 2;
  EXPECT_EQ(*m.find(3), 2u);  // value-initialised again, not the old 1
}

TEST(FlatMap, AllKeysCollidingStillDistinct) {
  FlatMap<uint32_t, int, SameHash> m;
  // 300 keys in one probe chain, wrapping around the end of the slots.
  for (uint32_t i = 0; i < 300; ++i) m[i * 3] = static_cast<int>(i);
  for (uint32_t i = 0; i < 300; ++i) m[i * 3] += 1000;
  EXPECT_EQ(m.size(), 300u);
  for (uint32_t i = 0; i < 300; ++i) {
    ASSERT_NE(m.find(i * 3), nullptr);
    EXPECT_EQ(*m.find(i * 3), static_cast<int>(i) + 1000);
  }
  EXPECT_EQ(m.find(1), nullptr);
  EXPECT_EQ(m.find(900), nullptr);
}

TEST(FlatMap, ArrayKeysCompareEveryElement) {
  using Key = std::array<uint32_t, 3>;
  struct KeyHash {
    size_t operator()(const Key& k) const { return static_cast<size_t>(mix64(k[0])); }
  };
  FlatMap<Key, uint64_t, KeyHash> m;  // keys differing only after k[0] collide
  m[Key{1, 2, 3}] = 1;
  m[Key{1, 2, 4}] = 2;
  m[Key{1, 3, 3}] = 3;
  EXPECT_EQ(m.size(), 3u);
  EXPECT_EQ(*m.find(Key{1, 2, 3}), 1u);
  EXPECT_EQ(*m.find(Key{1, 2, 4}), 2u);
  EXPECT_EQ(*m.find(Key{1, 3, 3}), 3u);
  EXPECT_EQ(m.find(Key{1, 3, 4}), nullptr);
}

TEST(FlatMap, MergeByIterationAddsCounts) {
  Map a, b;
  a[1] = 10;
  a[2] = 20;
  b[2] = 5;
  b[3] = 7;
  for (const auto& [k, v] : b) a[k] += v;
  EXPECT_EQ(contents(a), (std::map<uint64_t, uint64_t>{{1, 10}, {2, 25}, {3, 7}}));
  // Adding a map to itself doubles it (no insertion, so no growth mid-loop).
  for (const auto& [k, v] : a) a[k] += v;
  EXPECT_EQ(contents(a), (std::map<uint64_t, uint64_t>{{1, 20}, {2, 50}, {3, 14}}));
}

TEST(FlatMap, CopiesAreIndependent) {
  Map a;
  a[1] = 1;
  Map b = a;
  b[1] = 2;
  b[2] = 3;
  EXPECT_EQ(*a.find(1), 1u);
  EXPECT_EQ(a.find(2), nullptr);
  EXPECT_EQ(*b.find(1), 2u);
}

}  // namespace
}  // namespace cjm
