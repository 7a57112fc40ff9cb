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

TEST(PathLabel, RepeatsOutsideLoopsAreWrittenAsCountsOrRanges) {
  const std::vector<std::string> steps{"browse", "consider", "buy"};
  EXPECT_EQ(path_label(steps, std::vector<RepeatRange>{{3, 3}, {1, 1}, {1, 1}}),
            "browse ×3 → consider → buy");
  EXPECT_EQ(path_label(steps, std::vector<RepeatRange>{{2, 5}, {1, 2}, {1, 1}}),
            "browse ×2–5 → consider ×1–2 → buy");
  // No ranges, or ranges of another length: no repeats written.
  EXPECT_EQ(path_label(steps, std::vector<RepeatRange>{}), "browse → consider → buy");
  EXPECT_EQ(path_label(steps, std::vector<RepeatRange>{{2, 2}}), "browse → consider → buy");
  // Within a loop repeats are not written; after it they are.
  const std::vector<std::string> loop{"a", "b", "a", "b", "c"};
  EXPECT_EQ(path_label(loop, std::vector<RepeatRange>{{2, 2}, {1, 1}, {1, 1}, {1, 1}, {4, 4}}),
            "a ⇄ b ×3 → c ×4");
  // A saturated count reads as "at least".
  EXPECT_EQ(
      path_label(std::vector<std::string>{"x"}, std::vector<RepeatRange>{{kMaxRepeat, kMaxRepeat}}),
      "x ×65535+");
  EXPECT_EQ(path_label(std::vector<std::string>{"x"}, std::vector<RepeatRange>{{2, kMaxRepeat}}),
            "x ×2–65535+");
}

TEST(PathLabel, AppendCountedCollapsesAndCountsSaturating) {
  std::vector<uint32_t> path;
  std::vector<uint16_t> repeats;
  for (uint32_t e : {7u, 7u, 7u, 8u, 7u}) append_counted(path, repeats, e);
  EXPECT_EQ(path, (std::vector<uint32_t>{7, 8, 7}));
  EXPECT_EQ(repeats, (std::vector<uint16_t>{3, 1, 1}));
  path.clear();
  repeats.clear();
  for (uint32_t i = 0; i < kMaxRepeat + 10; ++i) append_counted(path, repeats, 1u);
  EXPECT_EQ(path.size(), 1u);
  EXPECT_EQ(repeats[0], kMaxRepeat);
}

}  // namespace
}  // namespace cjm
