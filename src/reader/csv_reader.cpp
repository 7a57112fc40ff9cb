#include "reader/csv_reader.h"

#include <algorithm>
#include <unordered_map>

#include "core/error.h"
#include "core/parallel.h"
#include "reader/csv_block.h"
#include "reader/csv_parallel.h"
#include "reader/input_format.h"
#include "reader/text.h"

namespace cjm::reader {

namespace {

constexpr size_t kReleaseStep = size_t{64} << 20;  // pages released every this many bytes

}  // namespace

void CsvReader::operator()(std::vector<std::string_view>& f, const csv::RecordLines& lines) {
  RowBuilder& b = *b_;
  if (!header_done_) return on_header(f, lines);
  if (b.stopped()) return;
  if (lines.unterminated)
    return b.reject(lines.first, "unterminated quoted field (a '\"' is never closed)", lines.last);
  if (f.size() != expected_)
    return b.reject(lines.first,
                    std::to_string(f.size()) + " fields, expected " + std::to_string(expected_),
                    lines.last);
  // A column may serve several roles (the spec may name it twice).
  for (int r = 0; r < kRoles; ++r)
    row_.v[r] = column_of_[r] >= 0 ? f[column_of_[r]] : std::string_view();
  for (size_t i = 0; i < f.size(); ++i)
    if (is_attribute(slot_of_[i])) b.set(row_, slot_of_[i], f[i]);
  b.add(lines.first, row_, lines.last);
}

void CsvReader::on_header(std::vector<std::string_view>& header, const csv::RecordLines& lines) {
  RowBuilder& b = *b_;
  const uint64_t hline = lines.first;
  const std::string& display = *display_;
  std::vector<std::string> names;
  for (std::string_view f : header) names.emplace_back(trim(f));
  for (std::string_view f : header)
    if (f.find('\0') != std::string_view::npos)
      throw Error(display, hline,
                  std::string("does not look like ") + format_description(fmt_) +
                      " (NUL bytes in the header)");
  if (lines.unterminated) throw Error(display, hline, "unterminated quote in the header row");
  std::unordered_map<std::string, size_t> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    auto [it, inserted] = seen.emplace(names[i], i);
    if (!inserted)
      throw Error(display, hline,
                  "duplicate column '" + printable(names[i]) + "' in the header (columns " +
                      std::to_string(it->second + 1) + " and " + std::to_string(i + 1) + ")");
  }
  static const char* const kKey[kRoles] = {"customer", "time",  "event",  "channel",
                                           "value",    "score", "session"};
  slot_of_.assign(names.size(), -1);
  for (int r = 0; r < kRoles; ++r) {
    column_of_[r] = -1;
    if (b.name(r).empty()) continue;
    auto it = seen.find(b.name(r));
    if (it != seen.end()) {
      column_of_[r] = static_cast<int>(it->second);
      slot_of_[it->second] = r;
      row_.present[r] = true;
      if (r >= kChannel) b.enable(r);
    } else if (r < kChannel || r == kSession) {  // required (a session column, if named)
      std::string list;
      for (size_t i = 0; i < names.size() && i < 50; ++i)
        list += (i ? ", " : "") + printable(names[i]);
      if (names.size() > 50) list += ", ...";
      std::string msg = "missing required column '" + printable(b.name(r)) + "' (data." + kKey[r] +
                        "); the header has: " + list;
      if (fmt_ == InputFormat::kCsv && names.size() == 1 &&
          names[0].find('\t') != std::string::npos)
        msg += " (tab-separated? use the tsv format)";
      if (fmt_ == InputFormat::kTsv && names.size() == 1 && names[0].find(',') != std::string::npos)
        msg += " (comma-separated? use the csv format)";
      throw Error(display, hline, msg);
    }
  }
  for (size_t i = 0; i < names.size(); ++i)
    if (slot_of_[i] < 0) slot_of_[i] = attribute_slot(b.add_attribute(names[i]));
  expected_ = names.size();
  header_done_ = true;
}

void read_csv_stream(BlockInput& in, InputFormat fmt, const std::string& display, RowBuilder& b) {
  EventTable& t = b.table();
  CsvReader reader(b, fmt, display);
  std::vector<std::string_view> fields;
  fields.reserve(64);
  std::string scratch;
  uint64_t line = 1;
  bool first_block = true;
  for (;;) {
    in.fill(line);
    if (first_block) {
      check_start(in, fmt, display);
      first_block = false;
    }
    uint64_t rows_before = t.size();
    b.set_stable(in.data(), in.data() + in.size());
    size_t used = csv::parse_block(in.data(), in.size(), in.eof(), reader.delim(), line, fields,
                                   scratch, reader);
    b.set_stable(nullptr, nullptr);  // completes the block's rows before the buffer changes
    if (ReadProgress* p = b.progress()) {
      p->bytes += used;
      p->rows += t.size() - rows_before;
    }
    if (in.eof()) break;
    if (rows_before == 0 && t.size() > 0) b.reserve(estimate_rows(in.file_size(), used, t.size()));
    in.consume(used);
  }
  if (!reader.header_done()) throw Error(display, 0, "no header row (the file is empty)");
}

size_t parse_chunk(const MappedFile& map, CsvReader& reader, size_t begin, size_t limit,
                   size_t reserve_to, uint64_t& line) {
  RowBuilder& b = reader.builder();
  const char* d = map.data();
  const size_t size = map.size();
  std::vector<std::string_view> fields;
  fields.reserve(64);
  std::string scratch;
  EventTable& t = b.table();
  size_t rows_before = t.size();
  b.set_stable(d, d + size);
  size_t pos = csv::parse_range(d, begin, std::min(limit, begin + kSampleBytes), size, true,
                                reader.delim(), line, fields, scratch, reader);
  if (pos < limit && t.size() > rows_before)
    b.reserve(t.size() + estimate_rows(reserve_to - pos, pos - begin, t.size() - rows_before));
  size_t released = begin;
  size_t rows_counted = rows_before;
  auto count = [&](size_t from, size_t to) {
    if (ReadProgress* p = b.progress()) {
      p->bytes += to - from;
      p->rows += t.size() - rows_counted;
      rows_counted = t.size();
    }
  };
  count(begin, pos);
  while (pos < limit) {
    const size_t from = pos;
    pos = csv::parse_range(d, pos, std::min(limit, pos + kReleaseStep), size, true, reader.delim(),
                           line, fields, scratch, reader);
    b.flush();
    count(from, pos);
    map.release(released, pos - released);
    released = pos;
  }
  b.set_stable(nullptr, nullptr);
  return pos;
}

void read_csv_mapped(const MappedFile& map, InputFormat fmt, const std::string& display,
                     RowBuilder& b, const ReadOptions& opt) {
  const char* d = map.data();
  const size_t size = map.size();
  EventTable& t = b.table();
  size_t pos = check_start(d, size, fmt, display);
  CsvReader reader(b, fmt, display);
  uint64_t line = 1;
  // The header and the rows up to the first that fixes the time format, one
  // record at a time: the parallel read needs both.
  std::vector<std::string_view> fields;
  std::string scratch;
  const size_t prefix_limit = pos + kSampleBytes;
  while (pos < size && pos < prefix_limit &&
         (!reader.header_done() || b.format() == TimeFormat::kAuto))
    pos = csv::parse_range(d, pos, pos + 1, size, true, reader.delim(), line, fields, scratch,
                           reader);
  if (ReadProgress* p = b.progress()) {  // the header and the rows read so far
    p->bytes += pos;
    p->rows += t.size();
  }

  const unsigned threads = worker_count(opt.threads);
  if (reader.header_done() && b.format() != TimeFormat::kAuto && threads >= 2 &&
      size - pos >= std::max<size_t>(opt.parallel_min_bytes, 1))
    return read_csv_parallel(map, reader, opt, display, threads, pos, line);
  if (pos < size) parse_chunk(map, reader, pos, size, size, line);
  if (!reader.header_done()) throw Error(display, 0, "no header row (the file is empty)");
}

}  // namespace cjm::reader
