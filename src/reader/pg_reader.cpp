#include "reader/pg_reader.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/limits.h"
#include "core/money.h"
#include "core/parallel.h"
#include "reader/join_parts.h"
#include "reader/pg_columns.h"
#include "reader/pg_copy_binary.h"
#include "reader/pg_source.h"

namespace cjm::reader {

namespace {

// A table is split into parts of at least this many blocks (8 MiB at the
// default block size); a smaller one is read on one connection.
constexpr uint64_t kMinBlocksPerPart = 1024;
// Rows between updates of the progress counters.
constexpr uint64_t kProgressEvery = 1 << 16;

// Turns tuples of a COPY into rows of a builder.
class TupleDecoder {
 public:
  explicit TupleDecoder(const PgPlan& plan) : plan_(plan), scratch_(plan.columns.size()) {
    for (int r = 0; r < kRoles; ++r) row_.present[r] = plan.column_of[r] >= 0;
  }
  std::vector<PgField>& fields() { return fields_; }

  // Adds the tuple in fields() as row `n` (1-based) of `b`.
  void add(RowBuilder& b, uint64_t n) {
    if (b.stopped()) return;
    Decoded d;
    for (int r = 0; r < kRoles; ++r) {
      const int c = plan_.column_of[r];
      if (c < 0) continue;
      const PgField& f = fields_[c];
      const PgKind kind = plan_.columns[c].kind;
      row_.v[r] = {};
      if (f.null()) {
        if (r <= kEvent) return b.reject(n, null_reason(r));
        continue;  // an optional value: missing, as an empty field
      }
      if (r == kTime && (kind == PgKind::kTimestamp || kind == PgKind::kDate)) {
        d.time_us = pg_time_us(kind, f.data, f.size);
        if (!d.time_us)
          return b.reject(n, "time in column '" + printable(plan_.columns[c].name) +
                                 "' is infinite or outside the supported range (years 1000 "
                                 "to 9999)");
        continue;
      }
      if (r == kScore && kind == PgKind::kFloat4) {  // as is, if in range (else its text)
        const float x = pg_float4(f.data, f.size);
        if (x != x || std::fabs(x) <= kMaxAbsScore) {
          d.score = x;
          continue;
        }
      }
      if (r == kValue && kind == PgKind::kNumeric) {
        d.value = pg_numeric_e4(f.data, f.size);  // else its text: NaN, out of range
        if (d.value) continue;
      }
      if (r == kValue &&
          (kind == PgKind::kInt2 || kind == PgKind::kInt4 || kind == PgKind::kInt8)) {
        const int64_t v = pg_integer(f.data, f.size);
        if (v >= -kMaxAbsValueUnits && v <= kMaxAbsValueUnits) {
          d.value = v * kValueScale;
          continue;
        }
      }
      row_.v[r] = text(c);
    }
    std::vector<std::string_view>& attr = b.attr_values();
    for (size_t c = 0; c < plan_.columns.size(); ++c)
      if (const int a = plan_.columns[c].attribute; a >= 0)
        attr[static_cast<size_t>(a)] = fields_[c].null() ? std::string_view() : text(c);
    b.add(n, row_, d);
  }

 private:
  // The text of column `c`: in place for a text column, else its text form.
  std::string_view text(size_t c) {
    const PgField& f = fields_[c];
    if (plan_.columns[c].kind == PgKind::kText)
      return std::string_view(f.data, static_cast<size_t>(f.size));
    return pg_text(plan_.columns[c].kind, f.data, f.size, scratch_[c]);
  }
  std::string null_reason(int role) const {
    static const char* const kWhat[] = {"customer", "time", "event"};
    return std::string("missing ") + kWhat[role] + " (NULL in column '" +
           printable(plan_.columns[plan_.column_of[role]].name) + "')";
  }

  const PgPlan& plan_;
  std::vector<std::string> scratch_;  // per column: its text form
  std::vector<PgField> fields_;
  Row row_;
};

// Reads the COPY `sql` on `conn` into `b`, advancing `progress`; returns the
// rows read. The COPY's rows are completed in `b` before its buffer goes.
uint64_t read_copy(PgConnection& conn, const PgPlan& plan, const std::string& sql, RowBuilder& b,
                   const std::atomic<bool>* stop) {
  const PgResult started = conn.exec(sql, plan.what);
  CopyBinaryStream stream(
      conn.get(), conn.display() + ": " + plan.what, plan.columns.size(),
      [&b](const char* begin, const char* end) { b.set_stable(begin, end); }, stop);
  TupleDecoder decoder(plan);
  ReadProgress* progress = b.progress();
  uint64_t n = 0, bytes = 0;
  while (stream.next(decoder.fields())) {
    decoder.add(b, ++n);
    if (progress != nullptr && n % kProgressEvery == 0) {
      progress->rows += kProgressEvery;
      progress->bytes += stream.bytes() - bytes;
      bytes = stream.bytes();
    }
  }
  b.set_stable(nullptr, nullptr);  // completes every row
  if (progress != nullptr) {
    progress->rows += n % kProgressEvery;
    progress->bytes += stream.bytes() - bytes;
  }
  return n;
}

// Rows to reserve for each of `parts` parts of `plan`'s table: its estimate
// and a margin, so that the columns rarely grow (and copy) as they fill.
size_t rows_to_reserve(const PgPlan& plan, uint64_t parts) {
  constexpr uint64_t kMaxReserve = uint64_t{1} << 32;
  const uint64_t n = plan.rows_estimate / parts;
  return static_cast<size_t>(std::min(n + n / 10 + 1024, kMaxReserve));
}

// One part of a parallel read: a block range on a connection of its own.
struct Part {
  std::unique_ptr<PgConnection> conn;  // null for the first part (the main one)
  ReadReport report;
  EventTable table;
  std::unique_ptr<RowBuilder> builder;
  std::string where;
  uint64_t rows = 0;
  std::exception_ptr error;
};

// The ctid condition of part k of `parts` over `blocks` blocks (the last
// open-ended: blocks added since the snapshot hold no row it sees).
std::string block_range(uint64_t k, uint64_t parts, uint64_t blocks) {
  const uint64_t lo = blocks * k / parts, hi = blocks * (k + 1) / parts;
  std::string w;
  if (k > 0) w = "ctid >= '(" + std::to_string(lo) + ",0)'::tid";
  if (k + 1 < parts)
    w += (w.empty() ? "" : " AND ") + ("ctid < '(" + std::to_string(hi) + ",0)'::tid");
  return w;
}

// Reads `plan`'s table in `parts` block ranges of `blocks`, in the snapshot
// `snapshot` of `main` (whose transaction exported it), into `b`.
void read_parallel(const ReadOptions& opt, PgConnection& main, const PgPlan& plan, RowBuilder& b,
                   const std::string& snapshot, uint64_t parts, uint64_t blocks) {
  std::vector<Part> part(1);
  // Extra connections while the server takes them; each sees the snapshot.
  for (uint64_t k = 1; k < parts; ++k) {
    Part p;
    try {
      p.conn = std::make_unique<PgConnection>(opt.path, main.display());
      p.conn->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "starting a transaction");
      p.conn->exec("SET TRANSACTION SNAPSHOT " + p.conn->quote_literal(snapshot),
                   "sharing the snapshot");
    } catch (const Error&) {
      break;  // fewer parts: the server allows no more connections
    }
    part.push_back(std::move(p));
  }
  parts = part.size();
  b.reserve(rows_to_reserve(plan, parts));
  for (uint64_t k = 0; k < parts; ++k) {
    part[k].where = block_range(k, parts, blocks);
    if (k == 0) continue;
    part[k].builder =
        std::make_unique<RowBuilder>(opt, part[k].report, part[k].table, main.display());
    part[k].builder->make_worker(b);
    part[k].builder->reserve(rows_to_reserve(plan, parts));
  }
  std::atomic<bool> stop{false};
  auto run = [&](uint64_t k) {
    try {
      RowBuilder& into = k == 0 ? b : *part[k].builder;
      PgConnection& conn = k == 0 ? main : *part[k].conn;
      part[k].rows = read_copy(conn, plan, pg_copy_sql(plan, part[k].where), into, &stop);
    } catch (...) {
      part[k].error = std::current_exception();
      stop = true;
    }
  };
  std::vector<std::thread> threads;
  for (uint64_t k = 1; k < parts; ++k) threads.emplace_back(run, k);
  run(0);
  for (auto& t : threads) t.join();
  // The first error that is not a part stopping for another's.
  std::exception_ptr first;
  for (Part& p : part)
    if (p.error) {
      try {
        std::rethrow_exception(p.error);
      } catch (const Error& e) {
        if (e.reason().find("stopped: another part") != std::string::npos) {
          if (!first) first = p.error;
          continue;
        }
      } catch (...) {
      }
      std::rethrow_exception(p.error);
    }
  if (first) std::rethrow_exception(first);

  if (ReadProgress* p = b.progress()) p->joining = true;
  std::vector<RowBuilder::Remap> remaps;
  std::vector<EventTable*> tables;
  uint64_t line = part[0].rows;
  for (uint64_t k = 1; k < parts; ++k) {
    remaps.push_back(b.absorb(*part[k].builder, line));
    line += part[k].rows;
    tables.push_back(&part[k].table);
  }
  join_parts(b.table(), b, tables, remaps, nullptr, worker_count(opt.threads));
}

}  // namespace

std::string postgres_display(const ReadOptions& opt) {
  return redacted_uri(opt.path) +
         (opt.table.empty() ? std::string(" (query)") : " (table " + printable(opt.table) + ")");
}

void read_postgres(const ReadOptions& opt, RowBuilder& b, ReadReport& report) {
  const std::string uri_display = redacted_uri(opt.path);
  if (opt.table.empty() == opt.query.empty())
    throw Error(uri_display +
                    ": give the events' table (--table NAME) or a query (--query 'SELECT ...'), "
                    "one of the two",
                ExitCode::kUsage);
  PgConnection main(opt.path, uri_display);
  // One snapshot for the whole read, which only reads.
  main.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "starting a transaction");
  const PgPlan plan = plan_pg_read(main, opt.table, opt.query, b);

  uint64_t parts = 1, blocks = 0;
  std::string snapshot;
  const unsigned threads = worker_count(opt.threads);
  // Block ranges need a table (or materialised view) with blocks, and a
  // server that scans a ctid range (PostgreSQL 14); a table smaller than
  // opt.parallel_min_bytes is read on one connection, as a small file is.
  // So is a table whose time format is to be detected from its first time
  // (text or epochs, time_format auto): each part would detect its own.
  const int time_column = plan.column_of[kTime];
  const PgKind time_kind = plan.columns[static_cast<size_t>(time_column)].kind;
  const bool time_known = time_kind == PgKind::kTimestamp || time_kind == PgKind::kDate ||
                          b.format() != TimeFormat::kAuto;
  if (!plan.table.empty() && threads > 1 && (plan.relkind == 'r' || plan.relkind == 'm') &&
      time_known && PQserverVersion(main.get()) >= 140000) {
    const PgResult r = main.exec(
        "SELECT pg_export_snapshot(), pg_relation_size($1::regclass), "
        "current_setting('block_size')::bigint",
        plan.what, plan.table);
    snapshot = PQgetvalue(r.get(), 0, 0);
    const uint64_t bytes = std::stoull(PQgetvalue(r.get(), 0, 1));
    blocks = bytes / std::max<uint64_t>(1, std::stoull(PQgetvalue(r.get(), 0, 2)));
    if (bytes >= opt.parallel_min_bytes)
      parts = std::min<uint64_t>(threads, blocks / kMinBlocksPerPart);
  }
  if (parts > 1) {
    read_parallel(opt, main, plan, b, snapshot, parts, blocks);
  } else {
    if (plan.rows_estimate > 0) b.reserve(rows_to_reserve(plan, 1));
    read_copy(main, plan, pg_copy_sql(plan), b, nullptr);
  }
  main.exec("COMMIT", "ending the transaction");

  report.format = "postgresql";
  if (time_kind == PgKind::kTimestamp || time_kind == PgKind::kDate)
    report.time_format = plan.columns[static_cast<size_t>(time_column)].type;
}

}  // namespace cjm::reader
