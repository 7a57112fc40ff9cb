// Readable paths (docs/analyses.md, "Paths"): a path whose consecutive
// repeats are already collapsed, written for a person with its back-and-forth
// loops folded. A loop is a stretch of four or more steps alternating between
// two steps x and y (x y x y ...); it reads `x ⇄ y ×k`, where k is the number
// of moves between the two (the stretch's length minus one). Loops are found
// left to right, each as long as it goes; the label names exactly one path.
// A step outside a loop that repeated in a row reads `x ×3` (every journey
// of the path repeated it 3 times) or `x ×2–5` (from 2 to 5 times); repeats
// within a loop are not written.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "analysis/repeat_ranges.h"

namespace cjm {

// A block of a folded path: steps [first, first + length). Length 1 is one
// step; length >= 4 is a loop (length - 1 moves).
struct PathBlock {
  size_t first = 0;
  size_t length = 1;
  bool operator==(const PathBlock&) const = default;
};

// The shortest stretch that reads as a loop.
inline constexpr size_t kMinLoopSteps = 4;

// Folds `steps` into blocks, left to right: at each step, the longest stretch
// alternating between it and the next step is one loop block if it has at
// least kMinLoopSteps steps; otherwise the step is a block of its own.
// Examples: a b a b a c -> (a b a b a), c; a b a c -> a, b, a, c.
std::vector<PathBlock> fold_loops(std::span<const std::string> steps);

// The label of `steps`: its blocks joined by " → ", a step by its name, a
// loop as "x ⇄ y ×k" (x its first step, k its moves). "" for no steps.
std::string path_label(std::span<const std::string> steps);

// The same with each step written as name(step) (a display name, escaped):
// how renderers write a label in their own names.
std::string path_label(std::span<const std::string> steps,
                       const std::function<std::string(const std::string&)>& name);

// The same with the steps' repeat ranges (one per step, or empty for none
// known): a step outside a loop is followed by repeat_suffix of its range.
std::string path_label(std::span<const std::string> steps, std::span<const RepeatRange> repeats);
std::string path_label(std::span<const std::string> steps, std::span<const RepeatRange> repeats,
                       const std::function<std::string(const std::string&)>& name);

// " ×k" for a step that repeated k > 1 times in every journey, " ×a–b" for
// from a to b times (b > a), "" for a step that never repeated.
std::string repeat_suffix(const RepeatRange& r);

}  // namespace cjm
