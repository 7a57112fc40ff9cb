#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "analysis/pair_counts.h"

namespace cjm {
namespace {

using Pair = std::pair<uint32_t, uint32_t>;
constexpr uint32_t S = PairCounts::kStart;
constexpr uint32_t E = PairCounts::kEnd;

std::map<Pair, uint64_t> contents(const PairCounts& c) {
  std::map<Pair, uint64_t> out;
  c.for_each([&](uint32_t from, uint32_t to, uint64_t n) {
    EXPECT_TRUE(out.emplace(Pair{from, to}, n).second);
  });
  EXPECT_EQ(out.size(), c.size());
  return out;
}

// The same counts whichever representation: 3 ids fit the dense matrix,
// kDenseLimit + 1 ids do not.
class PairCountsBoth : public ::testing::TestWithParam<size_t> {};

TEST_P(PairCountsBoth, FramedPaths) {
  PairCounts c(GetParam());
  c.add_framed(std::vector<uint32_t>{0, 1, 1, 2});
  c.add_framed(std::vector<uint32_t>{1});
  c.add_framed(std::vector<uint32_t>{});  // nothing
  // Path 1: S>0, 0>1, 1>1, 1>2, 2>E. Path 2: S>1, 1>E.
  EXPECT_EQ(contents(c), (std::map<Pair, uint64_t>{{{S, 0}, 1},
                                                   {{0, 1}, 1},
                                                   {{1, 1}, 1},
                                                   {{1, 2}, 1},
                                                   {{2, E}, 1},
                                                   {{S, 1}, 1},
                                                   {{1, E}, 1}}));
  c.add_framed(std::vector<uint32_t>{1});
  c.add(0, 1, 5);
  EXPECT_EQ(contents(c)[(Pair{S, 1})], 2u);
  EXPECT_EQ(contents(c)[(Pair{1, E})], 2u);
  EXPECT_EQ(contents(c)[(Pair{0, 1})], 6u);
}

TEST_P(PairCountsBoth, IdsOutsideTheRangeAreCountedToo) {
  PairCounts c(GetParam());
  const uint32_t big = 1000000;  // beyond every dense range used here
  c.add_framed(std::vector<uint32_t>{2, big, 2});
  c.add(big, big, 3);
  EXPECT_EQ(contents(c),
            (std::map<Pair, uint64_t>{
                {{S, 2}, 1}, {{2, big}, 1}, {{big, 2}, 1}, {{2, E}, 1}, {{big, big}, 3}}));
}

TEST_P(PairCountsBoth, MergeAddsAndIsOrderFree) {
  PairCounts a(GetParam()), b(GetParam()), c(GetParam());
  a.add_framed(std::vector<uint32_t>{0, 1});
  b.add_framed(std::vector<uint32_t>{1, 0});
  b.add(7000000, 0, 2);
  c.add_framed(std::vector<uint32_t>{0, 1});
  PairCounts ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  EXPECT_EQ(contents(ab), contents(ba));
  ab.merge(c);
  // S>0 twice (a, c), 0>1 twice, 1>E twice; S>1, 1>0, 0>E once; 7000000>0 2.
  EXPECT_EQ(contents(ab), (std::map<Pair, uint64_t>{{{S, 0}, 2},
                                                    {{0, 1}, 2},
                                                    {{1, E}, 2},
                                                    {{S, 1}, 1},
                                                    {{1, 0}, 1},
                                                    {{0, E}, 1},
                                                    {{7000000, 0}, 2}}));
}

INSTANTIATE_TEST_SUITE_P(DenseAndSparse, PairCountsBoth,
                         ::testing::Values(size_t{3}, PairCounts::kDenseLimit + 1));

TEST(PairCounts, MergeAcrossRepresentations) {
  PairCounts dense(3), sparse(PairCounts::kDenseLimit + 1);
  dense.add_framed(std::vector<uint32_t>{0, 2});
  sparse.add_framed(std::vector<uint32_t>{0, 2});
  sparse.add(300, 1);
  dense.merge(sparse);
  EXPECT_EQ(contents(dense),
            (std::map<Pair, uint64_t>{{{S, 0}, 2}, {{0, 2}, 2}, {{2, E}, 2}, {{300, 1}, 1}}));
}

// More reserved marker ids than the frame: each of the five highest ids has
// its own slot and is reported back as itself; the next id down does not and
// goes to the sparse table.
TEST(PairCounts, MoreReservedMarkers) {
  PairCounts c(3, 5);
  const uint32_t m4 = UINT32_MAX - 4, m2 = UINT32_MAX - 2, below = UINT32_MAX - 5;
  c.add(S, 0);
  c.add(0, m2, 2);
  c.add(m4, m2);
  c.add(below, 1);
  c.add_framed(std::vector<uint32_t>{2});
  EXPECT_EQ(
      contents(c),
      (std::map<Pair, uint64_t>{
          {{S, 0}, 1}, {{0, m2}, 2}, {{m4, m2}, 1}, {{below, 1}, 1}, {{S, 2}, 1}, {{2, E}, 1}}));
  PairCounts d(3, 5);
  d.add(m4, m2, 4);
  c.merge(d);
  EXPECT_EQ(contents(c)[(Pair{m4, m2})], 5u);
}

TEST(PairCounts, NoIdsStillCountsTheFrame) {
  PairCounts c(0);
  c.add(S, E, 4);
  c.add_framed(std::vector<uint32_t>{5});
  EXPECT_EQ(contents(c), (std::map<Pair, uint64_t>{{{S, E}, 4}, {{S, 5}, 1}, {{5, E}, 1}}));
}

}  // namespace
}  // namespace cjm
