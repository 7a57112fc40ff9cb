#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "analysis/packed_table.h"

namespace cjm {
namespace {

std::vector<uint32_t> unpacked(const PackedKey& key, unsigned bits) {
  std::vector<uint32_t> out;
  unpack_ids(key, bits, out);
  return out;
}

TEST(PackedKey, BitsAndCapacity) {
  // ids 0..alphabet-1 are stored + 1, so the widest field value is alphabet.
  EXPECT_EQ(packed_bits(0), 1u);
  EXPECT_EQ(packed_bits(1), 1u);
  EXPECT_EQ(packed_bits(2), 2u);
  EXPECT_EQ(packed_bits(3), 2u);
  EXPECT_EQ(packed_bits(4), 3u);
  EXPECT_EQ(packed_bits(21), 5u);
  EXPECT_EQ(packed_bits(31), 5u);
  EXPECT_EQ(packed_bits(32), 6u);
  EXPECT_EQ(packed_capacity(1), 128u);
  EXPECT_EQ(packed_capacity(5), 24u);  // 12 fields per word, 4 bits unused
  EXPECT_EQ(packed_capacity(32), 4u);
  EXPECT_EQ(packed_capacity(33), 2u);
}

TEST(PackedKey, LayoutIsIdPlusOneLowFieldsFirst) {
  PackedKey k;
  const std::vector<uint32_t> ids{0, 2, 1};
  ASSERT_TRUE(pack_ids(ids, 2, k));
  // fields 1, 3, 2 at bits 0, 2, 4: 0b10'11'01
  EXPECT_EQ(k.lo, 0b101101u);
  EXPECT_EQ(k.hi, 0u);
  // 12 five-bit fields fill the low word; the 13th starts the high word.
  const std::vector<uint32_t> thirteen(13, 30);
  ASSERT_TRUE(pack_ids(thirteen, 5, k));
  EXPECT_EQ(k.hi, 31u);
  EXPECT_EQ(k.lo >> 60, 0u);  // the 4 bits left over stay zero
  EXPECT_EQ(unpacked(k, 5), thirteen);
}

TEST(PackedKey, RefusesWhatDoesNotFit) {
  PackedKey k;
  EXPECT_FALSE(pack_ids({}, 5, k));                                  // empty: the free slot
  EXPECT_FALSE(pack_ids(std::vector<uint32_t>(25, 1), 5, k));        // over 24 fields
  EXPECT_TRUE(pack_ids(std::vector<uint32_t>(24, 1), 5, k));         // exactly 24
  EXPECT_FALSE(pack_ids(std::vector<uint32_t>{0, 31, 0}, 5, k));     // 31 + 1 needs 6 bits
  EXPECT_TRUE(pack_ids(std::vector<uint32_t>{0, 30, 0}, 5, k));      // 30 + 1 = 31 fits
  EXPECT_FALSE(pack_ids(std::vector<uint32_t>{UINT32_MAX}, 32, k));  // + 1 overflows 32 bits
  EXPECT_TRUE(pack_ids(std::vector<uint32_t>{UINT32_MAX}, 33, k));
  EXPECT_EQ(unpacked(k, 33), std::vector<uint32_t>{UINT32_MAX});
}

TEST(PackedKey, RoundTripsAndDistinguishesEveryWidth) {
  std::mt19937 rng(7);
  for (unsigned bits = 1; bits <= 40; ++bits) {
    SCOPED_TRACE(bits);
    const uint64_t top = bits >= 33 ? UINT32_MAX : (uint64_t{1} << bits) - 2;  // largest id
    std::uniform_int_distribution<uint64_t> id(0, top);
    std::map<std::vector<uint32_t>, PackedKey> seen;
    for (int n = 0; n < 300; ++n) {
      std::uniform_int_distribution<size_t> len(1, packed_capacity(bits));
      std::vector<uint32_t> ids(len(rng));
      for (uint32_t& x : ids) x = static_cast<uint32_t>(id(rng));
      PackedKey k;
      ASSERT_TRUE(pack_ids(ids, bits, k));
      EXPECT_EQ(unpacked(k, bits), ids);
      seen[ids] = k;
    }
    // Different sequences, different keys (prefixes and zero ids included).
    std::map<std::pair<uint64_t, uint64_t>, int> keys;
    for (const auto& [ids, k] : seen) ++keys[{k.lo, k.hi}];
    EXPECT_EQ(keys.size(), seen.size());
  }
  PackedKey a, b;
  ASSERT_TRUE(pack_ids(std::vector<uint32_t>{0}, 3, a));
  ASSERT_TRUE(pack_ids(std::vector<uint32_t>{0, 0}, 3, b));
  EXPECT_FALSE(a == b);
}

using Table = PackedTable<uint64_t>;

// Random keys from a small pool, so that most lookups hit, counted in a
// table and in std::map.
std::vector<PackedKey> random_keys(size_t n, size_t pool, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<PackedKey> keys;
  for (size_t i = 0; i < pool; ++i) {
    std::vector<uint32_t> ids(1 + rng() % 24);
    for (uint32_t& x : ids) x = rng() % 21;
    PackedKey k;
    EXPECT_TRUE(pack_ids(ids, 5, k));
    keys.push_back(k);
  }
  std::vector<PackedKey> out;
  for (size_t i = 0; i < n; ++i) out.push_back(keys[rng() % pool]);
  return out;
}

std::map<std::pair<uint64_t, uint64_t>, uint64_t> contents(const Table& t) {
  std::map<std::pair<uint64_t, uint64_t>, uint64_t> out;
  for (size_t i = 0; i < t.capacity(); ++i) {
    if (!t.occupied(i)) continue;
    EXPECT_TRUE(out.emplace(std::pair{t.key(i).lo, t.key(i).hi}, t.value(i)).second);
  }
  return out;
}

TEST(PackedTable, CountsLikeAMapThroughGrowth) {
  const std::vector<PackedKey> keys = random_keys(50000, 5000, 1);
  Table t;
  std::map<std::pair<uint64_t, uint64_t>, uint64_t> ref;
  for (const PackedKey& k : keys) {
    ++t[k];
    ++ref[{k.lo, k.hi}];
  }
  EXPECT_EQ(t.size(), ref.size());
  EXPECT_EQ(contents(t), ref);
  EXPECT_LE(t.size() * 4, t.capacity() * 3);
  for (const auto& [k, n] : ref) {
    const uint64_t* v = t.find(PackedKey{k.first, k.second});
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(*v, n);
  }
  PackedKey absent;
  ASSERT_TRUE(pack_ids(std::vector<uint32_t>(24, 29), 5, absent));  // ids >= 21 never drawn
  EXPECT_EQ(t.find(absent), nullptr);
  EXPECT_EQ(Table().find(absent), nullptr);
}

TEST(PackedTable, MergeInEitherOrderEqualsOneTable) {
  const std::vector<PackedKey> keys = random_keys(20000, 3000, 2);
  for (size_t split : {size_t{0}, size_t{1}, size_t{777}, size_t{19999}, size_t{20000}}) {
    SCOPED_TRACE(split);
    Table whole, left, right;
    for (size_t i = 0; i < keys.size(); ++i) {
      ++whole[keys[i]];
      ++(i < split ? left : right)[keys[i]];
    }
    auto add = [](uint64_t& into, const uint64_t& from) { into += from; };
    Table lr = left;
    lr.merge(right, add);
    EXPECT_EQ(contents(lr), contents(whole));
    right.merge(left, add);
    EXPECT_EQ(contents(right), contents(whole));
    EXPECT_EQ(right.size(), whole.size());
  }
}

}  // namespace
}  // namespace cjm
