// read_events: chooses the reader of the input's format (csv_reader.h,
// jsonl_reader.h) or source (pg_reader.h) over one RowBuilder.
#include "reader/read_events.h"

#include "core/error.h"
#include "core/mapped_file.h"
#include "reader/block_input.h"
#include "reader/csv_reader.h"
#include "reader/input_format.h"
#include "reader/jsonl_reader.h"
#include "reader/pg_reader.h"
#include "reader/pg_source.h"
#include "reader/row_builder.h"
#include "reader/text.h"

namespace cjm {

InputFormat parse_input_format(const std::string& name) {
  std::string n = reader::lower(name);
  if (n == "auto") return InputFormat::kAuto;
  if (n == "csv") return InputFormat::kCsv;
  if (n == "tsv") return InputFormat::kTsv;
  if (n == "jsonl" || n == "ndjson" || n == "json") return InputFormat::kJsonl;
  if (n == "cjm") return InputFormat::kCjm;
  if (n == "paths") return InputFormat::kPaths;
  throw Error(
      "unknown input format '" + printable(name) + "' (expected auto, csv, tsv, jsonl or paths)",
      ExitCode::kUsage);
}

bool is_database_uri(const std::string& path) {
  return reader::is_postgres_uri(path);
}

std::string input_display(const ReadOptions& options) {
  if (reader::is_postgres_uri(options.path)) return reader::postgres_display(options);
  if (!options.table.empty() || !options.query.empty())
    throw Error(std::string(options.table.empty() ? "--query" : "--table") +
                    " reads from a database: give --events postgresql://... (not a file)",
                ExitCode::kUsage);
  return !options.display.empty() ? options.display
         : options.path == "-"    ? "<stdin>"
                                  : options.path;
}

EventTable read_events(const ReadOptions& options, ReadReport& report) {
  report = ReadReport{};
  const std::string display = input_display(options);
  EventTable table;
  reader::RowBuilder builder(options, report, table, display);
  if (reader::is_postgres_uri(options.path)) {
    reader::read_postgres(options, builder, report);
    builder.finish();
    return table;
  }
  reader::BlockInput in(options.path, display);
  InputFormat fmt = options.format;
  if (fmt == InputFormat::kAuto) {
    if (options.path == "-") {
      in.fill(1);
      fmt = reader::looks_like_jsonl(in) ? InputFormat::kJsonl : InputFormat::kCsv;
    } else {
      fmt = reader::format_from_extension(options.path);
    }
  }
  report.format = reader::format_name(fmt);
  if (fmt == InputFormat::kJsonl) {
    reader::read_jsonl(in, display, builder);
  } else if (options.path != "-" && in.file_size() > 0) {
    // A mapped file is read in place; one with CR line endings is streamed
    // instead, through blocks whose CRs become LFs.
    MappedFile map(in.fd(), static_cast<size_t>(in.file_size()));
    if (map.data() && !reader::has_cr_line_endings(map.data(), map.size()))
      reader::read_csv_mapped(map, fmt, display, builder, options);
    else
      reader::read_csv_stream(in, fmt, display, builder);
  } else {
    reader::read_csv_stream(in, fmt, display, builder);
  }
  builder.finish();
  return table;
}

}  // namespace cjm
