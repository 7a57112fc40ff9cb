// The Markdown report's building blocks (internal to src/output): escaping
// of strings from the data and a GitHub-flavoured table.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/format_util.h"

namespace cjm::markdown {

// A string from the data or the spec, safe in a table cell or a paragraph.
inline std::string esc(std::string_view s) {
  return fmtutil::markdown_escape(s);
}

// A table: a header row, an alignment row, then the rows added; a blank line after.
class Table {
 public:
  // Alignment per column: 'l' or 'r'.
  Table(std::vector<std::string> header, std::string align)
      : header_(std::move(header)), align_(std::move(align)) {}
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  void write(std::string& out) const {
    write_row(out, header_);
    out += '|';
    for (size_t i = 0; i < header_.size(); ++i) {
      out += (i < align_.size() && align_[i] == 'r') ? "---:|" : "---|";
    }
    out += '\n';
    for (const auto& r : rows_) write_row(out, r);
    out += '\n';
  }

 private:
  void write_row(std::string& out, const std::vector<std::string>& cells) const {
    out += '|';
    for (size_t i = 0; i < header_.size(); ++i) {
      out += ' ';
      out += i < cells.size() ? cells[i] : std::string();
      out += " |";
    }
    out += '\n';
  }
  std::vector<std::string> header_;
  std::string align_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace cjm::markdown
