// Readers: turn an event log (CSV, TSV or JSON Lines; a file or "-" for stdin)
// into an EventTable. Rows that cannot be read are never silently dropped:
// each is counted and reported with file, line and reason.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "spec/journey_spec.h"

namespace cjm {

// kCjm: binary store (storage/); kPaths: aggregated paths (reader/read_paths.h).
enum class InputFormat { kAuto, kCsv, kTsv, kJsonl, kCjm, kPaths };

// Parses "auto", "csv", "tsv", "jsonl" (also "ndjson", "json"), "cjm", "paths". Throws
// cjm::Error (usage) on anything else.
InputFormat parse_input_format(const std::string& name);

// Counters a reader advances as it parses (every few tens of MB), for a
// progress display on another thread.
struct ReadProgress {
  std::atomic<uint64_t> bytes{0};    // input bytes parsed so far
  std::atomic<uint64_t> rows{0};     // rows parsed so far
  std::atomic<bool> joining{false};  // all parsed; the parallel parts are being joined
};

struct ReadOptions {
  std::string path;                         // file path, "-" for stdin, or a PostgreSQL
                                            // URI (postgresql://...; reader/pg_reader.h)
  std::string table, query;                 // a PostgreSQL URI's events: a table or a query
  std::string display;                      // names the input in messages; "": the path
                                            // ("<stdin>" for "-")
  InputFormat format = InputFormat::kAuto;  // kAuto: by extension (.csv .tsv .jsonl .ndjson)
  DataSpec data;                            // column mapping and time format
  bool strict = false;                      // throw on the first rejected row
  size_t max_reported = 5;                  // rejects kept in ReadReport::first_rejects
  std::string rejects_path;                 // if set, every reject is written here (TSV)
  // CSV/TSV files (not stdin) of at least this many bytes are parsed on
  // `threads` threads (0: one per core), in byte ranges split at row starts.
  // The result is identical to a single-threaded read. A PostgreSQL table
  // of at least this many bytes is read on up to `threads` connections.
  size_t parallel_min_bytes = size_t{32} << 20;
  unsigned threads = 0;
  // In a parallel read, each thread appends its rows to its own window of
  // one buffer per column, sized from a sample of the rows times this margin;
  // a thread that outgrows its window goes on in memory of its own, and its
  // rows are then copied. (Tests shrink it to exercise that.)
  double window_margin = 1.1;
  ReadProgress* progress = nullptr;  // if set, advanced while reading
};

// One rejected row: where and why. The reason of a row that runs over several
// lines (a quoted field holding line breaks, or a stray quote) ends with
// "; lines 3-1002 (1000 lines) were read as one row".
struct Reject {
  uint64_t line = 0;   // 1-based physical line where the row starts
  std::string reason;  // e.g. "unparsable time '2024-13-01'" or "3 fields, expected 5"
};

struct ReadReport {
  uint64_t rows = 0;                  // data rows seen (accepted + rejected)
  uint64_t rejected = 0;              // rows rejected
  std::vector<Reject> first_rejects;  // at most ReadOptions::max_reported
  std::string time_format;            // the format used; with "auto", what was detected; from a
                                      // database, the time column's type when it holds times
  std::string format;                 // "csv", "tsv", "jsonl" or "postgresql"
};

// Reads the whole input. Throws cjm::Error on an unreadable file, a missing
// required column (customer, time, event), an input with no header, or (with
// `strict`) the first bad row, always naming file, line and value.
// From a PostgreSQL URI, the table or query of `options` (exactly one),
// with the database's errors as cjm::Error (reader/pg_reader.h).
EventTable read_events(const ReadOptions& options, ReadReport& report);

// Whether `path` is a database URI (postgresql:// or postgres://).
bool is_database_uri(const std::string& path);

// How messages and results name the input of `options`: the path ("<stdin>"
// for "-"), or a database URI without its password and with the table (or
// "query"). Throws cjm::Error (usage) when a table or query is given for a
// file, which has neither.
std::string input_display(const ReadOptions& options);

}  // namespace cjm
