#include "analysis/path_label.h"

#include <fmt/format.h>

namespace cjm {

std::vector<PathBlock> fold_loops(std::span<const std::string> steps) {
  const size_t n = steps.size();
  std::vector<PathBlock> blocks;
  size_t i = 0;
  while (i < n) {
    // Steps i, i+1, ... alternate while each equals the one two before it.
    size_t end = i + 1;
    if (end < n && steps[end] != steps[i]) {
      ++end;
      while (end < n && steps[end] == steps[end - 2]) ++end;
    }
    const size_t length = end - i;
    if (length >= kMinLoopSteps) {
      blocks.push_back(PathBlock{i, length});
      i = end;
    } else {
      blocks.push_back(PathBlock{i, 1});
      ++i;
    }
  }
  return blocks;
}

std::string path_label(std::span<const std::string> steps,
                       const std::function<std::string(const std::string&)>& name) {
  std::string out;
  for (const PathBlock& b : fold_loops(steps)) {
    if (!out.empty()) out += " → ";
    if (b.length == 1)
      out += name(steps[b.first]);
    else
      out +=
          fmt::format("{} ⇄ {} ×{}", name(steps[b.first]), name(steps[b.first + 1]), b.length - 1);
  }
  return out;
}

std::string path_label(std::span<const std::string> steps) {
  return path_label(steps, [](const std::string& s) { return s; });
}

}  // namespace cjm
