#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "reader/value_ids.h"

namespace cjm::reader {
namespace {

// ValueIds must give exactly the ids of interning every value in a
// Dictionary of its own, whatever the values' lengths (packed or not), how
// many there are (more than its slots) and in what order they come.
TEST(ValueIds, GivesTheIdsOfInterningInOrder) {
  std::mt19937 rng(7);
  for (size_t distinct : {1u, 3u, 40u, 500u}) {
    SCOPED_TRACE("distinct values " + std::to_string(distinct));
    // Values of every length from 1 to 40 bytes, many sharing a prefix or a
    // suffix, so that a packing that dropped a byte would merge two of them.
    std::vector<std::string> pool;
    for (size_t i = 0; i < distinct; ++i) {
      const size_t len = 1 + i % 40;
      std::string v(len, 'a');
      v[i % len] = static_cast<char>('b' + i / 40 % 20);
      v[len - 1] = static_cast<char>('A' + i % 7);
      pool.push_back(v);
    }
    Dictionary through_cache, direct;
    through_cache.intern("");
    direct.intern("");
    ValueIds ids;
    for (int row = 0; row < 20000; ++row) {
      // Runs of one value, then values at random.
      const std::string& v = pool[row % 100 < 30 ? (row / 10) % distinct : rng() % distinct];
      ASSERT_EQ(ids.id(through_cache, v), direct.intern(v)) << row << " '" << v << "'";
    }
    EXPECT_EQ(through_cache.strings(), direct.strings());
  }
}

TEST(ValueIds, TellsApartValuesThatDifferInOneByteOrInLength) {
  // For every length up to 20 bytes: a value, and each value that differs
  // from it in one byte (a letter, or a NUL); then the same lengths again.
  std::vector<std::string> values;
  for (size_t n = 1; n <= 20; ++n) {
    const std::string base(n, 'a');
    values.push_back(base);
    for (size_t k = 0; k < n; ++k)
      for (char c : {'b', '\0'}) {
        std::string v = base;
        v[k] = c;
        values.push_back(v);
      }
  }
  Dictionary dict, direct;
  dict.intern("");
  direct.intern("");
  ValueIds ids;
  for (int round = 0; round < 2; ++round)
    for (const std::string& v : values)
      ASSERT_EQ(ids.id(dict, v), direct.intern(v)) << round << " " << v.size();
  EXPECT_EQ(dict.size(), values.size() + 1);
}

}  // namespace
}  // namespace cjm::reader
