#include "output/text_writer.h"

#include <vector>

namespace cjm::text {

namespace {

// A line is not broken next to these words: "p < 0.001", "a → b" stay whole.
bool glue(std::string_view word) {
  return word == "<" || word == "=" || word == "→";
}

// The words of `text` (split at spaces), each joined with its neighbours
// that must stay on the same line.
std::vector<std::string> units(std::string_view text) {
  std::vector<std::string> out;
  bool join_next = false;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i == text.size()) break;
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(i, end - i);
    if (!out.empty() && (join_next || glue(word))) {
      out.back() += ' ';
      out.back() += word;
    } else {
      out.emplace_back(word);
    }
    join_next = glue(word);
    i = end;
  }
  return out;
}

}  // namespace

void Writer::paragraph(std::string_view first, std::string_view text, std::string_view indent) {
  std::string current(first);
  size_t used = fmtutil::width(first);
  bool empty = true;  // no word on the current line yet
  for (const std::string& word : units(text)) {
    const size_t w = fmtutil::width(word);
    if (!empty && used + 1 + w > kMaxColumns) {
      line(current);
      current = std::string(indent);
      used = fmtutil::width(indent);
      empty = true;
    }
    if (!empty) {
      current += ' ';
      ++used;
    }
    current += word;
    used += w;
    empty = false;
  }
  line(current);
}

}  // namespace cjm::text
