// The readable label of a path: loops of four or more alternating steps
// folded, k = moves (docs/analyses.md, "Paths"). Expected labels written by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/path_label.h"

namespace cjm {
namespace {

std::string label(std::vector<std::string> steps) {
  return path_label(steps);
}

TEST(PathLabel, StepsWithoutLoopsAreJoined) {
  EXPECT_EQ(label({}), "");
  EXPECT_EQ(label({"a"}), "a");
  EXPECT_EQ(label({"a", "b", "c"}), "a → b → c");
  // Three alternating steps are not a loop yet.
  EXPECT_EQ(label({"a", "b", "a"}), "a → b → a");
  EXPECT_EQ(label({"a", "b", "a", "c", "a"}), "a → b → a → c → a");
}

TEST(PathLabel, FourAlternatingStepsAreALoopOfThreeMoves) {
  EXPECT_EQ(label({"a", "b", "a", "b"}), "a ⇄ b ×3");
  EXPECT_EQ(label({"a", "b", "a", "b", "a"}), "a ⇄ b ×4");
  EXPECT_EQ(label({"a", "b", "a", "b", "a", "b", "a", "b"}), "a ⇄ b ×7");
}

TEST(PathLabel, LoopsInsideAPath) {
  EXPECT_EQ(label({"home", "view", "cart", "view", "cart", "buy"}), "home → view ⇄ cart ×3 → buy");
  // Left to right, each loop as long as it goes: the b at position 3 ends
  // the first loop, so the second starts at c.
  EXPECT_EQ(label({"a", "b", "a", "b", "c", "b", "c", "b", "c"}), "a ⇄ b ×3 → c ⇄ b ×4");
  // x then a loop that starts at the second step.
  EXPECT_EQ(label({"x", "a", "b", "a", "b", "a"}), "x → a ⇄ b ×4");
  // A loop followed by a third step that breaks the alternation.
  EXPECT_EQ(label({"a", "b", "a", "b", "a", "c", "a"}), "a ⇄ b ×4 → c → a");
}

TEST(PathLabel, BlocksSayWhereEachLoopIs) {
  const std::vector<std::string> steps = {"x", "a", "b", "a", "b", "y"};
  const std::vector<PathBlock> expected = {{0, 1}, {1, 4}, {5, 1}};
  EXPECT_EQ(fold_loops(steps), expected);
}

TEST(PathLabel, NamesAreWrittenByTheCallersFunction) {
  const std::vector<std::string> steps = {"a", "b", "a", "b", "c"};
  EXPECT_EQ(path_label(steps, [](const std::string& s) { return "<" + s + ">"; }),
            "<a> ⇄ <b> ×3 → <c>");
}

}  // namespace
}  // namespace cjm
