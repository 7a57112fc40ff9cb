// Internal: delimited text (CSV and TSV). Records (csv_block.h) become rows of
// a RowBuilder: the first record is the header, which maps columns to the
// spec's roles and to attributes; every later record is a row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/event_table.h"
#include "core/mapped_file.h"
#include "reader/block_input.h"
#include "reader/csv_block.h"
#include "reader/read_events.h"
#include "reader/row_builder.h"

namespace cjm::reader {

// Bytes of rows parsed before the columns are reserved from what they held.
inline constexpr size_t kSampleBytes = size_t{1} << 20;

// Maps each record to a row of its builder: the header first, then data rows.
class CsvReader {
 public:
  // A reader of format `fmt` (kCsv or kTsv) into `b`; `display` names the
  // input in messages.
  CsvReader(RowBuilder& b, InputFormat fmt, const std::string& display)
      : b_(&b), fmt_(fmt), display_(&display) {}
  // A reader for a worker of a parallel read: `main`'s header, builder `b`.
  CsvReader(const CsvReader& main, RowBuilder& b) : CsvReader(main) { b_ = &b; }

  // The builder the rows go to.
  RowBuilder& builder() const { return *b_; }
  // Whether the header has been read (every later record is a row).
  bool header_done() const { return header_done_; }
  // The field delimiter: ',' or, for TSV, a tab.
  char delim() const { return fmt_ == InputFormat::kTsv ? '\t' : ','; }

  // The sink of csv::parse_range: one record with its fields and lines. The
  // header throws cjm::Error on a problem (duplicate or missing column, NUL
  // bytes); a data row is added or rejected.
  void operator()(std::vector<std::string_view>& f, const csv::RecordLines& lines);

 private:
  void on_header(std::vector<std::string_view>& header, const csv::RecordLines& lines);

  RowBuilder* b_;
  InputFormat fmt_;
  const std::string* display_;
  std::vector<Slot> slot_of_;  // per column: its Role (the last, if several) or attribute
  int column_of_[kRoles] = {-1, -1, -1, -1, -1, -1, -1};  // per Role: its column, or -1
  size_t expected_ = 0;
  bool header_done_ = false;
  Row row_;
};

// Reads delimited text of format `fmt` from `in` block by block (stdin,
// pipes) into `b`. Throws cjm::Error if there is no header.
void read_csv_stream(BlockInput& in, InputFormat fmt, const std::string& display, RowBuilder& b);

// Parses the records of a mapped file that start in [begin, limit) (the last
// may run past `limit`) into `reader`'s builder. `line` (in/out) is the line
// at `begin`. Reserves the columns, from a sample, for the rows up to
// `reserve_to` (>= limit: the first chunk of a parallel read is where the
// others are copied). Returns the index past the last record.
size_t parse_chunk(const MappedFile& map, CsvReader& reader, size_t begin, size_t limit,
                   size_t reserve_to, uint64_t& line);

// Reads a whole mapped file of format `fmt` into `b`: on `opt.threads`
// threads when it is large enough (csv_parallel.h), else on this one. Throws
// cjm::Error if there is no header.
void read_csv_mapped(const MappedFile& map, InputFormat fmt, const std::string& display,
                     RowBuilder& b, const ReadOptions& opt);

}  // namespace cjm::reader
