// Internal: RowBuilder, where a row of an event log, whatever its format,
// becomes a row of the EventTable.
//
// A format reader maps each record to a Row (the values of the core columns)
// and the values of the attribute columns, and calls add(). The builder checks
// the row (customer, time and event present; time and numbers readable and
// within the ranges of core/limits.h; fields within its length limits),
// dictionary-encodes customer, event, channel, session and the value of every
// attribute column (one id per row and column), and counts and reports the
// rows it rejects (ReadReport, the rejects file, strict mode).
//
// A parallel read gives each thread a worker builder (make_worker) with a
// table of its own; absorb() then merges a worker's part into the main one, so
// that the result is exactly that of one builder reading everything in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event_table.h"
#include "core/time_parse.h"
#include "reader/read_events.h"
#include "reader/value_ids.h"

namespace cjm::reader {

// The core columns of a row, by role. Customer, time and event are required;
// the others are optional (session: only when the spec names a column).
enum Role : int { kCustomer = 0, kTime, kEvent, kChannel, kValue, kScore, kSession, kRoles };

// Where a value of a row goes: a Role (0 .. kRoles - 1), or kRoles + the
// index of an attribute column. The one encoding every format reader uses.
using Slot = int;
constexpr Slot attribute_slot(size_t index) {
  return kRoles + static_cast<Slot>(index);
}
constexpr bool is_attribute(Slot slot) {
  return slot >= kRoles;
}
constexpr size_t attribute_index(Slot slot) {
  return static_cast<size_t>(slot - kRoles);
}

// The core values of one row. Views stay valid until the builder's flush()
// (see RowBuilder::set_stable).
struct Row {
  std::string_view v[kRoles];
  bool present[kRoles] = {};  // JSONL: key present (CSV: column present)
};

// Values a binary source (a database) holds as numbers already, given to
// add() in place of the text of their column: `time_us` within core/limits.h,
// `value` in ten-thousandths (kMissingValue: none) within core/money.h's range,
// `score` within core/limits.h's range (NaN: none). Unset: the column's text in
// the Row is read as for a file.
struct Decoded {
  std::optional<int64_t> time_us;
  std::optional<int64_t> value;
  std::optional<float> score;
};

class RowBuilder {
 public:
  // A builder appending to `table` and counting in `report`, with the column
  // names and time format of `opt.data`; `display` names the input in
  // messages. Throws cjm::Error on an unknown time format.
  RowBuilder(const ReadOptions& opt, ReadReport& report, EventTable& table,
             const std::string& display);

  // The input column name of `role` ("" when the spec maps none).
  const std::string& name(int role) const { return names_[role]; }
  // Whether the optional column of `role` is present (see enable()). The
  // session column is present from the start when the spec names one.
  bool has(int role) const { return has_[role]; }
  // The time format: the spec's, or the one detected so far (kAuto: none yet).
  TimeFormat format() const { return format_; }
  // The table rows are appended to.
  EventTable& table() { return t_; }
  // The progress counters to advance, if any.
  ReadProgress* progress() const { return opt_.progress; }
  // A stopped worker (strict mode, after its first reject) ignores later rows.
  bool stopped() const { return stopped_; }

  // Turns this builder into a worker of a parallel read: it reads one chunk
  // into its own table with `main`'s columns and time format, and keeps its
  // rejects (lines relative to the chunk start) for `absorb` instead of
  // reporting them.
  void make_worker(const RowBuilder& main);

  // Ids of a worker's strings in this builder's table.
  struct Remap {
    std::vector<uint32_t> customer, event, channel, session;
    std::vector<std::vector<uint32_t>> attribute;  // per attribute column, per value id
  };

  // Takes in a worker's chunk, which follows everything read so far: interns
  // its distinct strings (of every dictionary) in their order of first
  // appearance, and reports its rejects with lines shifted by `line_offset`
  // (throwing the first with `strict`). The caller copies the columns with
  // the returned remap.
  Remap absorb(RowBuilder& w, uint64_t line_offset);

  // Declares that the optional column of `role` exists (CSV: from the header;
  // JSONL: when the key is first seen, filling earlier rows with "missing",
  // or for the session, "").
  void enable(int role);

  // Adds an attribute column named `name` (missing, id 0, in every row so
  // far); returns its index.
  size_t add_attribute(std::string name);
  // The values of the next row's attributes, by index (one per
  // add_attribute), set by the format reader before add(); empty: no value.
  std::vector<std::string_view>& attr_values() { return attr_; }

  // Puts `v` in `slot` of the next row: a core value of `row`, or the value of
  // an attribute (see attr_values()).
  void set(Row& row, Slot slot, std::string_view v) {
    if (is_attribute(slot))
      attr_[attribute_index(slot)] = v;
    else
      row.v[slot] = v;
  }

  // Reserves room for `n` rows in every column.
  void reserve(size_t n);

  // Counts the row of lines `line` to `last_line` (0: `line` only) as
  // rejected for `reason`: reported (or kept, in a worker), written to the
  // rejects file, or thrown as a cjm::Error with `strict`. The reason of a row
  // of several lines names them, so that a stray quote that swallowed the
  // rest of a file says how much.
  void reject(uint64_t line, std::string reason, uint64_t last_line = 0);

  // Checks the row of lines `line` to `last_line` (0: `line` only), with the
  // attribute values of attr_values(), and appends it, or rejects it.
  void add(uint64_t line, Row& row, uint64_t last_line = 0);
  // The same for a row of a binary source, whose time and value may be
  // decoded already (see Decoded); `line` is the row's number.
  void add(uint64_t line, Row& row, const Decoded& decoded);

  // Where the views passed to add() stay valid until the next flush(): rows
  // whose customer and session lie there are completed a few rows later (see
  // Pending); others at once. Empty (the default): all at once.
  void set_stable(const char* begin, const char* end);

  // Completes every row added so far. Call before the views given to add()
  // become invalid, and before using the table.
  void flush();

  // Writes the rejects file, if one was asked for.
  void finish();

 private:
  // A row whose customer (and session) id is not known yet. With customers
  // interleaved and many of them, a dictionary lookup is a wait for memory:
  // add() only computes the hash and prefetches the dictionary slot;
  // look_up() interns the customer kLookahead rows later. Rows are looked up
  // in input order, so every id is what a direct read gives.
  struct Pending {
    size_t row;  // index in the table
    uint64_t hash, session_hash;
    std::string_view customer, session;
  };
  static constexpr size_t kLookahead = 8;
  static constexpr size_t kRing = 16;  // > kLookahead, a power of two
  static_assert(kRing > kLookahead && (kRing & (kRing - 1)) == 0);

  bool in_stable(std::string_view v) const {
    const uintptr_t p = reinterpret_cast<uintptr_t>(v.data());
    return p >= stable_begin_ && p + v.size() <= stable_end_;
  }
  void look_up();
  // add() for both: without kBinary (and `decoded` null) every value is read
  // from its text.
  template <bool kBinary>
  void add_row(uint64_t line, Row& row, uint64_t last_line, const Decoded* decoded);
  // The id of value `v` in attribute column `i` (0: empty).
  uint32_t attribute_id(size_t i, std::string_view v) {
    return v.empty() ? 0 : value_ids_[i].id(t_.attributes[i].values, v);
  }

  std::string missing(const Row& row, int role) const;
  std::string bad_number(std::string_view v, int role) const;
  // Why the number `v` of `role` lies outside the range of at most `max`.
  std::string out_of_range(std::string_view v, int role, const char* max) const;
  // The bytes of the row's fields, attributes included.
  size_t row_bytes(const Row& row) const;
  // Why the row's fields are too long to read (docs/spec.md, "Limits"), or "".
  std::string too_long(const Row& row) const;

  const ReadOptions& opt_;
  ReadReport& report_;
  EventTable& t_;
  const std::string& display_;
  std::string names_[kRoles];
  bool has_[kRoles] = {true, true, true, false, false, false, false};
  TimeFormat format_ = TimeFormat::kAuto;
  uint32_t last_customer_ = Dictionary::kMissing;
  uint64_t last_hash_ = 0;  // hash of last_customer_'s text
  uint32_t last_session_ = Dictionary::kMissing;
  uint64_t last_session_hash_ = 0;  // hash of last_session_'s text
  Pending ring_[kRing];
  uint64_t pushed_ = 0, looked_up_ = 0;  // rows added, looked up
  uintptr_t stable_begin_ = 0, stable_end_ = 0;
  std::vector<std::string_view> attr_;
  std::vector<ValueIds> value_ids_;  // per attribute column
  std::string rejects_;
  bool worker_ = false;
  bool stopped_ = false;
  // A worker's reject, for absorb(): lines relative to its chunk.
  struct Kept {
    uint64_t line, last_line;
    std::string reason;
  };
  std::vector<Kept> kept_;  // worker: rejects to report
};

}  // namespace cjm::reader
