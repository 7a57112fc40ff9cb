#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "analysis/sequence_table.h"

namespace cjm {
namespace {

struct Counts {
  uint64_t customers = 0, converted = 0;
};
using Table = SequenceTable<Counts>;
using Seq = std::vector<uint32_t>;

std::map<Seq, uint64_t> contents(const Table& t) {
  std::map<Seq, uint64_t> out;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::span<const uint32_t> s = t.sequence(i);
    EXPECT_TRUE(out.emplace(Seq(s.begin(), s.end()), t.value(i).customers).second);
  }
  return out;
}

TEST(SequenceTable, EmptyTable) {
  const Table t;
  EXPECT_EQ(t.size(), 0u);
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.find(Seq{1}), nullptr);
  EXPECT_EQ(t.find(Seq{}), nullptr);
}

TEST(SequenceTable, InsertFindInInsertionOrder) {
  Table t;
  ++t[Seq{3, 1, 2}].customers;
  ++t[Seq{7}].customers;
  ++t[Seq{3, 1, 2}].customers;
  t[Seq{3, 1, 2}].converted += 1;
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.arena_size(), 4u);  // each distinct sequence stored once: 3 + 1 ids
  // Entries are numbered in insertion order.
  EXPECT_EQ(Seq(t.sequence(0).begin(), t.sequence(0).end()), (Seq{3, 1, 2}));
  EXPECT_EQ(Seq(t.sequence(1).begin(), t.sequence(1).end()), (Seq{7}));
  EXPECT_EQ(t.value(0).customers, 2u);
  EXPECT_EQ(t.value(0).converted, 1u);
  EXPECT_EQ(t.value(1).customers, 1u);
  ASSERT_NE(t.find(Seq{7}), nullptr);
  EXPECT_EQ(t.find(Seq{7})->customers, 1u);
  EXPECT_EQ(t.find(Seq{3, 1}), nullptr);
  EXPECT_EQ(t.find(Seq{2, 1, 3}), nullptr);
}

TEST(SequenceTable, PrefixesAndLengthsAreDistinctKeys) {
  Table t;
  // Every prefix of 0..9 (the empty one included) and the sequences with one
  // more trailing 0: all 21 are different keys.
  Seq s;
  for (uint32_t n = 0; n <= 10; ++n) {
    t[s].customers += n + 1;
    if (n < 10) s.push_back(n);
  }
  s.clear();
  for (uint32_t n = 0; n < 10; ++n) {
    s.push_back(n);
    Seq longer = s;
    longer.push_back(0);
    t[longer].customers += 100;
  }
  EXPECT_EQ(t.size(), 21u);
  s.clear();
  for (uint32_t n = 0; n <= 10; ++n) {
    ASSERT_NE(t.find(s), nullptr) << n;
    EXPECT_EQ(t.find(s)->customers, n + 1);
    if (n < 10) s.push_back(n);
  }
  // {0} is the prefix of length 1 (2 customers), {0, 0} a longer key.
  EXPECT_EQ(t.find(Seq{0})->customers, 2u);
  EXPECT_EQ(t.find(Seq{0, 0})->customers, 100u);
  EXPECT_EQ(t.find(Seq{0, 0, 0}), nullptr);
}

TEST(SequenceTable, EmptySequenceIsAKey) {
  Table t;
  EXPECT_EQ(t.find(Seq{}), nullptr);
  t[Seq{}].customers = 5;
  t[Seq{0}].customers = 6;
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.find(Seq{})->customers, 5u);
  EXPECT_EQ(t.find(Seq{0})->customers, 6u);
  EXPECT_EQ(t.sequence(0).size(), 0u);
}

TEST(SequenceTable, GrowsKeepingEverySequence) {
  Table t;
  // 20000 distinct sequences of lengths 1..12 built from the index: growth of
  // the index (from 16 slots) and of the arena many times over.
  std::map<Seq, uint64_t> expected;
  for (uint32_t i = 0; i < 20000; ++i) {
    Seq s;
    for (uint32_t j = 0; j <= i % 12; ++j) s.push_back((i / 12) * 31 + j);
    const uint64_t times = 1 + i % 3;
    for (uint64_t r = 0; r < times; ++r) ++t[s].customers;
    expected[s] += times;
  }
  EXPECT_EQ(t.size(), expected.size());
  EXPECT_EQ(contents(t), expected);
  for (const auto& [s, n] : expected) {
    ASSERT_NE(t.find(s), nullptr);
    EXPECT_EQ(t.find(s)->customers, n);
  }
}

TEST(SequenceTable, ManySequencesWithEqualPrefixesAndOneId) {
  Table t;
  // 5000 sequences sharing the first 50 ids, differing in the last one only.
  Seq s(50, 9);
  s.push_back(0);
  for (uint32_t i = 0; i < 5000; ++i) {
    s.back() = i;
    t[s].customers = i + 1;
  }
  EXPECT_EQ(t.size(), 5000u);
  EXPECT_EQ(t.arena_size(), 5000u * 51);
  for (uint32_t i = 0; i < 5000; ++i) {
    s.back() = i;
    ASSERT_NE(t.find(s), nullptr);
    EXPECT_EQ(t.find(s)->customers, i + 1);
  }
  s.back() = 5000;
  EXPECT_EQ(t.find(s), nullptr);
}

TEST(SequenceTable, ReserveThenInsert) {
  Table t;
  t.reserve(100, 1000);
  for (uint32_t i = 0; i < 100; ++i) ++t[Seq{i, i}].customers;
  EXPECT_EQ(t.size(), 100u);
  EXPECT_EQ(t.arena_size(), 200u);
  EXPECT_EQ(t.find(Seq{42, 42})->customers, 1u);
}

TEST(SequenceTable, MergeByIteratingTheOther) {
  Table a, b;
  a[Seq{1, 2}].customers = 3;
  a[Seq{1}].customers = 1;
  b[Seq{1, 2}].customers = 4;
  b[Seq{2, 1}].customers = 5;
  for (size_t i = 0; i < b.size(); ++i) a[b.sequence(i)].customers += b.value(i).customers;
  EXPECT_EQ(contents(a), (std::map<Seq, uint64_t>{{{1}, 1}, {{1, 2}, 7}, {{2, 1}, 5}}));
  // Merging into itself doubles every count (every key already present).
  for (size_t i = 0; i < a.size(); ++i) a[a.sequence(i)].customers += a.value(i).customers;
  EXPECT_EQ(contents(a), (std::map<Seq, uint64_t>{{{1}, 2}, {{1, 2}, 14}, {{2, 1}, 10}}));
}

TEST(SequenceTable, MergeAddsOverlappingAndNewSequences) {
  auto sum = [](Counts& into, const Counts& from) { into.customers += from.customers; };
  Table a, b;
  a[Seq{1, 2}].customers = 3;
  a[Seq{1}].customers = 1;
  b[Seq{1, 2}].customers = 4;
  b[Seq{2, 1}].customers = 5;
  b[Seq{}].customers = 2;
  a.merge(b, sum);
  EXPECT_EQ(contents(a), (std::map<Seq, uint64_t>{{{}, 2}, {{1}, 1}, {{1, 2}, 7}, {{2, 1}, 5}}));
  EXPECT_EQ(contents(b), (std::map<Seq, uint64_t>{{{}, 2}, {{1, 2}, 4}, {{2, 1}, 5}}));
}

TEST(SequenceTable, MergeIntoEmptyCopies) {
  auto sum = [](Counts& into, const Counts& from) { into.customers += from.customers; };
  Table a, b;
  for (uint32_t i = 0; i < 1000; ++i) b[Seq{i % 7, i}].customers = i + 1;
  a.merge(b, sum);
  EXPECT_EQ(contents(a), contents(b));
  // The copy is a table of its own: adding to it leaves `b` alone.
  a[Seq{0, 0}].customers += 10;
  a[Seq{99, 99}].customers = 1;
  EXPECT_EQ(a.find(Seq{0, 0})->customers, 11u);
  EXPECT_EQ(b.find(Seq{0, 0})->customers, 1u);
  EXPECT_EQ(b.find(Seq{99, 99}), nullptr);
}

TEST(SequenceTable, MergeOfManyBatchesMatchesAMap) {
  // More sequences than one merge batch, half of them shared.
  auto sum = [](Counts& into, const Counts& from) { into.customers += from.customers; };
  Table a, b;
  std::map<Seq, uint64_t> expected;
  for (uint32_t i = 0; i < 5000; ++i) {
    const Seq x{i % 13, i / 2, i % 3};
    a[x].customers += 1;
    expected[x] += 1;
    const Seq y{i % 13, i / 2 + 1000, i % 3};
    b[y].customers += 2;
    expected[y] += 2;
  }
  a.merge(b, sum);
  EXPECT_EQ(contents(a), expected);
}

}  // namespace
}  // namespace cjm
