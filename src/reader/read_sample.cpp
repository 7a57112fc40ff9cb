#include "reader/read_sample.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cstring>
#include <string_view>
#include <unordered_map>

#include "core/error.h"
#include "reader/block_input.h"
#include "reader/csv_block.h"
#include "reader/input_format.h"
#include "reader/json_text.h"
#include "reader/text.h"

namespace cjm {

namespace {

void sample_csv(reader::BlockInput& in, const std::string& display, size_t max_rows, bool strict,
                RawSample& out) {
  const char delim = out.format == InputFormat::kTsv ? '\t' : ',';
  std::vector<std::string_view> fields;
  std::string scratch;
  uint64_t line = 1;
  bool header = false;
  auto sink = [&](std::vector<std::string_view>& f, const csv::RecordLines& where) {
    if (!header) {
      for (std::string_view name : f) out.columns.emplace_back(reader::trim(name));
      header = true;
      return;
    }
    if (out.rows.size() >= max_rows) return;
    if (strict && f.size() != out.columns.size())
      throw Error(
          display, where.first,
          fmt::format("{} fields, expected {} (as in the header)", f.size(), out.columns.size()));
    out.lines.push_back(where.first);
    std::vector<std::string>& row = out.rows.emplace_back(out.columns.size());
    for (size_t c = 0; c < f.size() && c < row.size(); ++c) row[c] = reader::trim(f[c]);
  };
  for (bool first = true;; first = false) {
    in.fill(line);
    if (first) reader::check_start(in, out.format, display);
    size_t pos = 0;
    // One record at a time, so that the sample stops where it is full.
    while (pos < in.size() && out.rows.size() < max_rows) {
      const size_t next = csv::parse_range(in.data(), pos, pos + 1, in.size(), in.eof(), delim,
                                           line, fields, scratch, sink);
      if (next == pos) break;  // an incomplete record: read more
      pos = next;
    }
    if (in.eof() || out.rows.size() >= max_rows) break;
    in.consume(pos);
  }
  if (!header) throw Error(display, 0, "no header row (the file is empty)");
}

void sample_jsonl(reader::BlockInput& in, const std::string& display, size_t max_rows, bool strict,
                  RawSample& out) {
  simdjson::dom::parser parser;
  std::unordered_map<std::string, size_t> column_of;
  std::string buf;
  uint64_t line = 1;
  for (bool first = true;; first = false) {
    in.fill(line);
    if (first) reader::check_start(in, InputFormat::kJsonl, display);
    char* d = in.data();
    size_t pos = 0;
    while (pos < in.size() && out.rows.size() < max_rows) {
      const void* nl = std::memchr(d + pos, '\n', in.size() - pos);
      if (!nl && !in.eof()) break;
      const size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - d) : in.size();
      simdjson::dom::element doc;
      simdjson::dom::object obj;
      const bool blank = reader::trim(std::string_view(d + pos, end - pos)).empty();
      const bool object =
          !blank && !parser.parse(d + pos, end - pos, false).get(doc) && !doc.get_object().get(obj);
      if (strict && !blank && !object)
        throw Error(display, line,
                    "not a JSON object: '" + printable(std::string_view(d + pos, end - pos)) + "'");
      if (object) {
        out.lines.push_back(line);
        std::vector<std::string> row(out.columns.size());
        for (auto field : obj) {
          auto [it, added] = column_of.emplace(std::string(field.key), out.columns.size());
          if (added) out.columns.emplace_back(field.key);
          if (row.size() <= it->second) row.resize(it->second + 1);
          row[it->second] = reader::json_value_text(field.value, buf);
        }
        out.rows.push_back(std::move(row));
      }
      ++line;
      pos = nl ? end + 1 : in.size();
    }
    if (in.eof() || out.rows.size() >= max_rows) break;
    in.consume(pos);
  }
  for (auto& row : out.rows) row.resize(out.columns.size());
}

}  // namespace

RawSample read_sample(const std::string& path, const std::string& display, InputFormat format,
                      size_t max_rows, bool strict) {
  RawSample out;
  reader::BlockInput in(path, display);
  if (format == InputFormat::kAuto) {
    in.fill(1);
    format =
        reader::looks_like_jsonl(in) ? InputFormat::kJsonl : reader::format_from_extension(path);
  }
  out.format = format;
  if (format == InputFormat::kJsonl)
    sample_jsonl(in, display, max_rows, strict, out);
  else
    sample_csv(in, display, max_rows, strict, out);
  return out;
}

}  // namespace cjm
