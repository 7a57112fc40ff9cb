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

std::string repeat_suffix(const RepeatRange& r) {
  if (r.max <= 1) return {};
  const std::string most = r.max >= kMaxRepeat ? fmt::format("{}+", r.max) : fmt::to_string(r.max);
  if (r.min == r.max) return " ×" + most;
  return fmt::format(" ×{}–{}", r.min, most);
}

std::string path_label(std::span<const std::string> steps, std::span<const RepeatRange> repeats,
                       const std::function<std::string(const std::string&)>& name) {
  const bool counted = repeats.size() == steps.size();
  std::string out;
  for (const PathBlock& b : fold_loops(steps)) {
    if (!out.empty()) out += " → ";
    if (b.length == 1)
      out += name(steps[b.first]) + (counted ? repeat_suffix(repeats[b.first]) : std::string());
    else
      out +=
          fmt::format("{} ⇄ {} ×{}", name(steps[b.first]), name(steps[b.first + 1]), b.length - 1);
  }
  return out;
}

std::string path_label(std::span<const std::string> steps,
                       const std::function<std::string(const std::string&)>& name) {
  return path_label(steps, {}, name);
}

std::string path_label(std::span<const std::string> steps, std::span<const RepeatRange> repeats) {
  return path_label(steps, repeats, [](const std::string& s) { return s; });
}

std::string path_label(std::span<const std::string> steps) {
  return path_label(steps, std::span<const RepeatRange>{});
}

}  // namespace cjm
