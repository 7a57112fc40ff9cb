#include "reader/read_events.h"

#include <fast_float/fast_float.h>
#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/mapped_file.h"
#include "core/parallel.h"
#include "core/release_pages.h"
#include "reader/csv_block.h"
#include "reader/time_parse.h"

namespace cjm {

namespace {

constexpr size_t kBlockSize = size_t{16} << 20;       // bytes read per block
constexpr size_t kMaxRecordSize = size_t{512} << 20;  // longest row accepted
constexpr size_t kPadding = 64;                       // >= SIMDJSON_PADDING
static_assert(kPadding >= simdjson::SIMDJSON_PADDING);

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

const char* format_name(InputFormat f) {
  switch (f) {
    case InputFormat::kTsv:
      return "tsv";
    case InputFormat::kJsonl:
      return "jsonl";
    default:
      return "csv";
  }
}

const char* format_description(InputFormat f) {
  switch (f) {
    case InputFormat::kTsv:
      return "a text TSV file";
    case InputFormat::kJsonl:
      return "a text JSON Lines file";
    default:
      return "a text CSV file";
  }
}

InputFormat format_from_extension(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return InputFormat::kCsv;
  std::string ext = lower(path.substr(dot + 1));
  if (ext == "tsv" || ext == "tab") return InputFormat::kTsv;
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") return InputFormat::kJsonl;
  return InputFormat::kCsv;
}

// ---------------------------------------------------------------------------
// Input: a file or stdin read in large blocks into one growable buffer.

class Input {
 public:
  Input(const std::string& path, const std::string& display) : display_(display) {
    if (path == "-") {
      fd_ = 0;
    } else {
      fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0)
        throw Error(
            at(display_, 0, std::string("cannot open events file: ") + std::strerror(errno)));
      owned_ = true;
    }
    struct stat st;
    if (::fstat(fd_, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        close();
        throw Error(at(display_, 0, "cannot read events file: it is a directory"));
      }
      if (S_ISREG(st.st_mode)) file_size_ = static_cast<uint64_t>(st.st_size);
    }
    // A regular file smaller than a block gets a buffer of its own size.
    capacity_ = file_size_ > 0 ? std::clamp<size_t>(file_size_ + 1, 4096, kBlockSize) : kBlockSize;
    buf_.reset(new char[capacity_ + kPadding]);
  }
  ~Input() { close(); }
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  char* data() { return buf_.get(); }
  size_t size() const { return size_; }
  bool eof() const { return eof_; }
  uint64_t file_size() const { return file_size_; }
  int fd() const { return fd_; }

  // Drops the first `n` bytes, keeping the rest at the front.
  void consume(size_t n) {
    std::memmove(buf_.get(), buf_.get() + n, size_ - n);
    size_ -= n;
    parsed_ = true;
  }

  // Reads until the buffer is full or the input ends. When the buffer was
  // parsed while full and still is (one record longer than it), doubles it first.
  void fill(uint64_t line_for_message) {
    if (size_ == capacity_ && parsed_) {
      if (capacity_ >= kMaxRecordSize)
        throw Error(at(display_, line_for_message,
                       "a row longer than " + std::to_string(kMaxRecordSize >> 20) +
                           " MiB starts here (an unterminated quote?)"));
      size_t cap = capacity_ * 2;
      std::unique_ptr<char[]> bigger(new char[cap + kPadding]);
      std::memcpy(bigger.get(), buf_.get(), size_);
      buf_ = std::move(bigger);
      capacity_ = cap;
    }
    while (size_ < capacity_ && !eof_) {
      ssize_t n = ::read(fd_, buf_.get() + size_, capacity_ - size_);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw Error(at(display_, 0, std::string("read error: ") + std::strerror(errno)));
      }
      if (n == 0) eof_ = true;
      size_ += static_cast<size_t>(n);
    }
    std::memset(buf_.get() + size_, 0, kPadding);
    parsed_ = false;
  }

 private:
  void close() {
    if (owned_ && fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  std::string display_;
  int fd_ = -1;
  bool owned_ = false;
  bool eof_ = false;
  bool parsed_ = false;
  uint64_t file_size_ = 0;
  std::unique_ptr<char[]> buf_;
  size_t capacity_ = 0;
  size_t size_ = 0;
};

// ---------------------------------------------------------------------------
// Builder: validates one row's mapped values and appends it to the table.

enum Role : int { kCustomer = 0, kTime, kEvent, kChannel, kValue, kScore, kRoles };

struct Row {
  std::string_view v[kRoles];
  bool present[kRoles] = {};  // JSONL: key present (CSV: column present)
};

class Builder {
 public:
  Builder(const ReadOptions& opt, ReadReport& report, EventTable& table, const std::string& display)
      : opt_(opt), report_(report), t_(table), display_(display) {
    names_[kCustomer] = opt.data.customer;
    names_[kTime] = opt.data.time;
    names_[kEvent] = opt.data.event;
    names_[kChannel] = opt.data.channel;
    names_[kValue] = opt.data.value;
    names_[kScore] = opt.data.score;
    try {
      format_ = parse_time_format(opt.data.time_format);
    } catch (const std::invalid_argument& e) {
      throw Error(std::string("data.time_format: ") + e.what());
    }
    report_.time_format = time_format_name(format_);
    if (!opt_.rejects_path.empty()) rejects_ = "line\treason\n";
  }

  const std::string& name(int role) const { return names_[role]; }
  bool has(int role) const { return has_[role]; }
  TimeFormat format() const { return format_; }
  EventTable& table() { return t_; }
  // The progress counters to advance, if any.
  ReadProgress* progress() const { return opt_.progress; }
  // A stopped worker (strict mode, after its first reject) ignores later rows.
  bool stopped() const { return stopped_; }

  // Turns this builder into a worker of a parallel read: it reads one chunk
  // into its own table with `main`'s columns and time format, and keeps its
  // rejects (lines relative to the chunk start) for `absorb` instead of
  // reporting them.
  void make_worker(const Builder& main) {
    worker_ = true;
    for (int r = kChannel; r < kRoles; ++r)
      if (main.has_[r]) enable(r);
    for (const AttributeColumn& a : main.t_.attributes) add_attribute(a.name);
    assigned_.assign(attr_.size(), {});
    format_ = main.format_;
    report_.time_format = main.report_.time_format;
  }

  // Ids of a worker's strings in this builder's table.
  struct Remap {
    std::vector<uint32_t> customer, event, channel;
  };

  // Takes in a worker's chunk, which follows everything read so far: interns
  // its distinct strings in their order of first appearance, replays its
  // attribute values, and reports its rejects with lines shifted by
  // `line_offset` (throwing the first with `strict`). The caller copies the
  // columns with the returned remap.
  Remap absorb(Builder& w, uint64_t line_offset) {
    EventTable& wt = w.t_;
    Remap m;
    // Strings the main table already has keep their ids, so they are looked
    // up first, on all cores (lookups only read); the new ones are then
    // interned in order, which gives them the ids of first appearance. Slots
    // are prefetched a few strings ahead: a large dictionary's lookups are
    // waits for memory otherwise.
    const unsigned threads = worker_count(opt_.threads);
    auto remap = [threads](const Dictionary& from, Dictionary& to, std::vector<uint32_t>& out) {
      constexpr size_t kAhead = 8;
      const size_t n = from.size();
      out.resize(n);
      std::vector<uint64_t> hash(n);  // kept for the interning below
      parallel_ranges(n, threads, [&](size_t lo, size_t hi) {
        for (size_t i = lo; i < hi + kAhead; ++i) {
          if (i >= lo + kAhead) {
            const size_t id = i - kAhead;
            out[id] = to.find(from.at(static_cast<uint32_t>(id)), hash[id]);
          }
          if (i < hi) {
            hash[i] = hash_bytes(from.at(static_cast<uint32_t>(i)));
            to.prefetch(hash[i]);
          }
        }
      });
      std::vector<uint32_t> missing;
      for (size_t id = 0; id < n; ++id)
        if (out[id] == Dictionary::kMissing) missing.push_back(static_cast<uint32_t>(id));
      if (missing.empty()) return;
      // Room for the new strings first: one rehash at most, not one per
      // doubling; then the slots stay put, so prefetching them ahead holds.
      to.reserve(to.size() + missing.size());
      for (size_t k = 0; k < missing.size(); ++k) {
        if (k + kAhead < missing.size()) to.prefetch(hash[missing[k + kAhead]]);
        const uint32_t id = missing[k];
        out[id] = to.intern(from.at(id), hash[id]);
      }
    };
    remap(wt.customers, t_.customers, m.customer);
    remap(wt.events, t_.events, m.event);
    remap(wt.channels, t_.channels, m.channel);
    for (AttributeColumn& a : t_.attributes) a.of.resize(t_.customers.size(), 0);
    complete_.resize((t_.customers.size() + 63) / 64, 0);
    // Each attribute column is independent: one task each. A value is
    // interned the first time a customer takes it (so new values get their
    // ids in the same order as one by one), then found by its id in the
    // worker's dictionary: millions of customers, a handful of values.
    std::vector<std::function<void()>> replay;
    for (size_t i = 0; i < w.assigned_.size(); ++i)
      replay.push_back([this, &w, &wt, &m, i] {
        AttributeColumn& a = t_.attributes[i];
        const AttributeColumn& wa = wt.attributes[i];
        uint32_t* of = a.of.mutable_data();
        std::vector<uint32_t> value_id(wa.values.size(), Dictionary::kMissing);
        for (uint32_t lc : w.assigned_[i]) {
          const uint32_t g = m.customer[lc];
          if (of[g] != 0) continue;
          uint32_t& v = value_id[wa.of[lc]];
          if (v == Dictionary::kMissing) v = a.values.intern(wa.values.at(wa.of[lc]));
          of[g] = v;
        }
      });
    run_tasks(replay, threads);
    const uint64_t kept = w.kept_.size();
    for (Reject& r : w.kept_) reject(r.line + line_offset, std::move(r.reason));
    report_.rows += w.report_.rows - kept;
    report_.rejected += w.report_.rejected - kept;
    return m;
  }

  // Declares which optional columns exist (CSV: from the header; JSONL: when
  // the key is first seen, filling earlier rows with "missing").
  void enable(int role) {
    if (role == kChannel && !has_[kChannel]) t_.channel.assign(t_.size(), kNoChannel);
    if (role == kValue && !has_[kValue])
      t_.value.assign(t_.size(), std::numeric_limits<float>::quiet_NaN());
    if (role == kScore && !has_[kScore])
      t_.score.assign(t_.size(), std::numeric_limits<float>::quiet_NaN());
    has_[role] = true;
  }

  size_t add_attribute(std::string name) {
    flush();
    std::fill(complete_.begin(), complete_.end(), 0);  // no customer has the new one
    AttributeColumn col;
    col.name = std::move(name);
    col.values.intern("");
    col.of.assign(t_.customers.size(), 0);
    t_.attributes.push_back(std::move(col));
    attr_.emplace_back();
    return t_.attributes.size() - 1;
  }
  std::vector<std::string_view>& attr_values() { return attr_; }

  void reserve(size_t n) {
    t_.customer.reserve(n);
    t_.time_us.reserve(n);
    t_.event.reserve(n);
    if (has_[kChannel]) t_.channel.reserve(n);
    if (has_[kValue]) t_.value.reserve(n);
    if (has_[kScore]) t_.score.reserve(n);
  }

  void reject(uint64_t line, std::string reason) {
    ++report_.rows;
    ++report_.rejected;
    if (worker_) {
      if (opt_.strict || !opt_.rejects_path.empty() || kept_.size() < opt_.max_reported)
        kept_.push_back(Reject{line, std::move(reason)});
      if (opt_.strict) stopped_ = true;
      return;
    }
    if (opt_.strict) throw Error(at(display_, line, reason));
    if (!opt_.rejects_path.empty()) {
      rejects_ += std::to_string(line);
      rejects_ += '\t';
      rejects_ += reason;
      rejects_ += '\n';
    }
    if (report_.first_rejects.size() < opt_.max_reported)
      report_.first_rejects.push_back(Reject{line, std::move(reason)});
  }

  void add(uint64_t line, Row& row) {
    std::string_view time = trim(row.v[kTime]);
    if (format_ == TimeFormat::kAuto && !time.empty()) {
      TimeFormat f = detect_time_format(time);
      if (f != TimeFormat::kAuto) {
        format_ = f;
        report_.time_format = time_format_name(f);
      }
    }
    if (row_bytes(row) > kMaxFieldBytes)  // rare: only then is the reason worked out
      if (std::string reason = too_long(row); !reason.empty())
        return reject(line, std::move(reason));
    if (row.v[kCustomer].empty()) return reject(line, missing(row, kCustomer));
    if (time.empty()) return reject(line, missing(row, kTime));
    std::optional<int64_t> us;
    if (format_ != TimeFormat::kAuto) us = parse_time_us(time, format_);
    if (!us && format_ != TimeFormat::kAuto && time_out_of_range(time, format_))
      return reject(line, "time '" + printable(time) + "' in column '" + printable(names_[kTime]) +
                              "' is outside the supported range (years 1000 to 9999)");
    if (!us) {
      std::string reason =
          "unparsable time '" + printable(time) + "' in column '" + printable(names_[kTime]) + "'";
      reason += format_ == TimeFormat::kAuto
                    ? " (cannot tell its format)"
                    : std::string(" (expected ") + time_format_name(format_) + ")";
      return reject(line, std::move(reason));
    }
    if (row.v[kEvent].empty()) return reject(line, missing(row, kEvent));
    float value = 0, score = 0;
    if (has_[kValue] && !parse_number(row.v[kValue], value))
      return reject(line, bad_number(row.v[kValue], kValue));
    if (has_[kScore] && !parse_number(row.v[kScore], score))
      return reject(line, bad_number(row.v[kScore], kScore));
    if (has_[kValue] && !(std::fabs(value) <= kMaxAbsValue) && !is_missing(value))
      return reject(line, out_of_range(row.v[kValue], kValue, "1e12"));
    if (has_[kScore] && !(std::fabs(score) <= kMaxAbsScore) && !is_missing(score))
      return reject(line, out_of_range(row.v[kScore], kScore, "1e6"));

    ++report_.rows;
    const std::string_view customer = row.v[kCustomer];
    bool stable = in_stable(customer);
    for (std::string_view v : attr_) stable = stable && (v.empty() || in_stable(v));
    if (ring_attrs_.size() != kRing * attr_.size()) {
      flush();
      ring_attrs_.assign(kRing * attr_.size(), std::string_view());
    }
    const uint64_t hash = hash_bytes(customer);
    t_.customers.prefetch(hash);
    const size_t slot = pushed_ % kRing;
    ring_[slot] = Pending{t_.customer.size(), 0, hash, customer};
    std::copy(attr_.begin(), attr_.end(), ring_attrs_.begin() + slot * attr_.size());
    ++pushed_;
    t_.customer.push_back(0);  // set by look_up()
    t_.time_us.push_back(*us);
    t_.event.push_back(t_.events.intern(row.v[kEvent]));
    if (has_[kChannel])
      t_.channel.push_back(row.v[kChannel].empty() ? kNoChannel
                                                   : t_.channels.intern(row.v[kChannel]));
    if (has_[kValue]) t_.value.push_back(value);
    if (has_[kScore]) t_.score.push_back(score);
    if (!stable) return flush();
    if (pushed_ - looked_up_ > kLookahead) look_up();
    if (pushed_ - done_ > 2 * kLookahead) assign_attributes();
  }

  // Where the views passed to add() stay valid until the next flush(): rows
  // whose customer and attributes lie there are completed a few rows later
  // (see Pending); others at once. Empty (the default): all at once.
  void set_stable(const char* begin, const char* end) {
    flush();
    stable_begin_ = reinterpret_cast<uintptr_t>(begin);
    stable_end_ = reinterpret_cast<uintptr_t>(end);
  }

  // Completes every row added so far. Call before the views given to add()
  // become invalid, and before using the table.
  void flush() {
    while (looked_up_ < pushed_) look_up();
    while (done_ < pushed_) assign_attributes();
  }

  void finish() {
    if (!opt_.rejects_path.empty()) write_file_atomic(opt_.rejects_path, rejects_);
  }

 private:
  // A row whose customer id is not known yet. With customers interleaved and
  // many of them, a dictionary lookup is a wait for memory: add() only
  // computes the hash and prefetches the dictionary slot; look_up() interns
  // the customer kLookahead rows later and prefetches its attribute entries;
  // assign_attributes() fills those kLookahead rows later still. Each stage
  // handles rows in input order, so every id is what a direct read gives.
  struct Pending {
    size_t row;    // index in the table
    uint32_t cid;  // set by look_up()
    uint64_t hash;
    std::string_view customer;
  };
  static constexpr size_t kLookahead = 8;
  static constexpr size_t kRing = 32;  // > 2 * kLookahead, a power of two
  static_assert(kRing > 2 * kLookahead && (kRing & (kRing - 1)) == 0);

  bool in_stable(std::string_view v) const {
    const uintptr_t p = reinterpret_cast<uintptr_t>(v.data());
    return p >= stable_begin_ && p + v.size() <= stable_end_;
  }

  void look_up() {
    Pending& p = ring_[looked_up_++ % kRing];
    // Logs are often grouped by customer: reuse the previous row's id when the
    // customer repeats, which saves a dictionary lookup. Comparing hashes
    // first keeps the usual case (another customer) to one compare.
    uint32_t cid = last_customer_;
    if (cid == Dictionary::kMissing || last_hash_ != p.hash || t_.customers.at(cid) != p.customer) {
      uint32_t customers_before = t_.customers.size();
      cid = t_.customers.intern(p.customer, p.hash);
      if (cid == customers_before) {
        for (AttributeColumn& a : t_.attributes) a.of.push_back(0);
        if (cid / 64 >= complete_.size()) complete_.resize(cid / 64 + 1, 0);
      }
      last_customer_ = cid;
      last_hash_ = p.hash;
    }
    t_.customer.mutable_data()[p.row] = cid;
    p.cid = cid;
    if (!complete(cid))
      for (AttributeColumn& a : t_.attributes) __builtin_prefetch(a.of.data() + cid);
  }

  void assign_attributes() {
    const size_t slot = done_++ % kRing;
    const uint32_t cid = ring_[slot].cid;
    if (attr_.empty() || complete(cid)) return;
    const std::string_view* values = ring_attrs_.data() + slot * attr_.size();
    bool all = true;
    for (size_t i = 0; i < attr_.size(); ++i) {
      AttributeColumn& a = t_.attributes[i];
      if (a.of[cid] != 0) continue;
      if (values[i].empty()) {
        all = false;
        continue;
      }
      a.of.mutable_data()[cid] = a.values.intern(values[i]);
      if (worker_) assigned_[i].push_back(cid);
    }
    if (all) complete_[cid / 64] |= uint64_t{1} << (cid % 64);
  }

  // Whether customer `cid` has a value for every attribute (then a row cannot
  // change any: only the first non-empty value is kept). A bit per customer
  // stays in the cache where the attribute columns would not.
  bool complete(uint32_t cid) const { return complete_[cid / 64] >> (cid % 64) & 1; }

  std::string missing(const Row& row, int role) const {
    static const char* const kWhat[] = {"customer", "time", "event"};
    std::string col = "'" + printable(names_[role]) + "'";
    if (!row.present[role])
      return std::string("missing ") + kWhat[role] + " (no " + col + " field)";
    return std::string("empty ") + kWhat[role] + " in column " + col;
  }
  std::string bad_number(std::string_view v, int role) const {
    return "unparsable number '" + printable(v) + "' in column '" + printable(names_[role]) + "'";
  }
  std::string out_of_range(std::string_view v, int role, const char* max) const {
    return "number '" + printable(v) + "' in column '" + printable(names_[role]) +
           "' is outside the supported range (at most " + max + " in magnitude)";
  }
  // The bytes of the row's fields, attributes included.
  size_t row_bytes(const Row& row) const {
    size_t total = 0;
    for (int r = 0; r < kRoles; ++r) total += row.v[r].size();
    for (std::string_view v : attr_) total += v.size();
    return total;
  }
  // Why the row's fields are too long to read (docs/spec.md, "Limits"), or "".
  std::string too_long(const Row& row) const {
    size_t total = 0, longest = 0;
    int longest_role = 0;
    for (int r = 0; r < kRoles; ++r) {
      total += row.v[r].size();
      if (row.v[r].size() > longest) longest = row.v[r].size(), longest_role = r;
    }
    size_t longest_attr = 0;
    for (std::string_view v : attr_)
      total += v.size(), longest_attr = std::max(longest_attr, v.size());
    if (std::max(longest, longest_attr) > kMaxFieldBytes)
      return "a field of " + std::to_string(std::max(longest, longest_attr)) + " bytes" +
             (longest >= longest_attr ? " in column '" + printable(names_[longest_role]) + "'"
                                      : std::string(" in an attribute column")) +
             " is longer than the limit of " + std::to_string(kMaxFieldBytes >> 20) +
             " MiB per field";
    if (total > kMaxRowBytes)
      return "the row's fields hold " + std::to_string(total) + " bytes, more than the limit of " +
             std::to_string(kMaxRowBytes >> 20) + " MiB per row";
    return "";
  }
  static bool parse_number(std::string_view s, float& out) {
    s = trim(s);
    if (s.empty()) {
      out = std::numeric_limits<float>::quiet_NaN();
      return true;
    }
    const char* first = s.data();
    const char* last = s.data() + s.size();
    if (*first == '+') ++first;
    auto r = fast_float::from_chars(first, last, out);
    return r.ec == std::errc() && r.ptr == last;
  }

  const ReadOptions& opt_;
  ReadReport& report_;
  EventTable& t_;
  const std::string& display_;
  std::string names_[kRoles];
  bool has_[kRoles] = {true, true, true, false, false, false};
  TimeFormat format_ = TimeFormat::kAuto;
  uint32_t last_customer_ = Dictionary::kMissing;
  std::vector<uint64_t> complete_;  // bit per customer id: see complete()
  uint64_t last_hash_ = 0;          // hash of last_customer_'s text
  Pending ring_[kRing];
  std::vector<std::string_view> ring_attrs_;        // attribute values, attr_.size() per ring entry
  uint64_t pushed_ = 0, looked_up_ = 0, done_ = 0;  // rows added, looked up, completed
  uintptr_t stable_begin_ = 0, stable_end_ = 0;
  std::vector<std::string_view> attr_;
  std::string rejects_;
  bool worker_ = false;
  bool stopped_ = false;
  std::vector<Reject> kept_;                     // worker: rejects to report
  std::vector<std::vector<uint32_t>> assigned_;  // worker: customers given a value, per attribute
};

// Number of rows expected in the whole input from what one block held.
size_t estimate_rows(uint64_t file_size, size_t block_bytes, uint64_t block_rows) {
  if (file_size == 0 || block_bytes == 0 || block_rows == 0) return 0;
  double per_row = static_cast<double>(block_bytes) / static_cast<double>(block_rows);
  return static_cast<size_t>(static_cast<double>(file_size) / per_row * 1.05) + 16;
}

// Removes a UTF-8 byte order mark and rejects binary input.
// Returns the number of bytes to skip (3 for a byte order mark, else 0).
size_t check_start(const char* d, size_t size, InputFormat fmt, const std::string& display) {
  size_t skip = 0;
  if (size >= 3 && static_cast<unsigned char>(d[0]) == 0xEF &&
      static_cast<unsigned char>(d[1]) == 0xBB && static_cast<unsigned char>(d[2]) == 0xBF)
    skip = 3;
  d += skip;
  size -= skip;
  size_t probe = std::min<size_t>(size, 4096);
  if (size >= 2 && static_cast<unsigned char>(d[0]) == 0x1F &&
      static_cast<unsigned char>(d[1]) == 0x8B)
    throw Error(at(display, 0,
                   std::string("does not look like ") + format_description(fmt) +
                       " (it looks gzip-compressed; decompress it first)"));
  if (std::memchr(d, '\0', probe))
    throw Error(at(display, 0,
                   std::string("does not look like ") + format_description(fmt) +
                       " (it contains NUL bytes; binary or UTF-16?)"));
  return skip;
}

void check_start(Input& in, InputFormat fmt, const std::string& display) {
  size_t skip = check_start(in.data(), in.size(), fmt, display);
  if (skip) in.consume(skip);
}

// ---------------------------------------------------------------------------
// CSV / TSV

// Maps each CSV record to a Row: the header first, then data rows.
class CsvReader {
 public:
  CsvReader(Builder& b, InputFormat fmt, const std::string& display)
      : b_(&b), fmt_(fmt), display_(&display) {}
  // A reader for a worker of a parallel read: `main`'s header, builder `b`.
  CsvReader(const CsvReader& main, Builder& b) : CsvReader(main) { b_ = &b; }

  bool header_done() const { return header_done_; }
  char delim() const { return fmt_ == InputFormat::kTsv ? '\t' : ','; }

  void operator()(std::vector<std::string_view>& f, uint64_t rline, bool unterminated) {
    Builder& b = *b_;
    if (!header_done_) return on_header(f, rline, unterminated);
    if (b.stopped()) return;
    if (unterminated) return b.reject(rline, "unterminated quoted field (a '\"' is never closed)");
    if (f.size() != expected_)
      return b.reject(rline,
                      std::to_string(f.size()) + " fields, expected " + std::to_string(expected_));
    std::vector<std::string_view>& attrs = b.attr_values();
    for (int r = 0; r < kRoles; ++r)
      row_.v[r] = column_of_[r] >= 0 ? f[column_of_[r]] : std::string_view();
    for (size_t i = 0; i < f.size(); ++i) {
      int role = role_of_[i];
      if (role < 0) attrs[static_cast<size_t>(-1 - role)] = f[i];
    }
    b.add(rline, row_);
  }

 private:
  void on_header(std::vector<std::string_view>& header, uint64_t hline, bool unterminated) {
    Builder& b = *b_;
    const std::string& display = *display_;
    std::vector<std::string> names;
    for (std::string_view f : header) names.emplace_back(trim(f));
    for (std::string_view f : header)
      if (f.find('\0') != std::string_view::npos)
        throw Error(at(display, hline,
                       std::string("does not look like ") + format_description(fmt_) +
                           " (NUL bytes in the header)"));
    if (unterminated) throw Error(at(display, hline, "unterminated quote in the header row"));
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < names.size(); ++i) {
      auto [it, inserted] = seen.emplace(names[i], i);
      if (!inserted)
        throw Error(at(display, hline,
                       "duplicate column '" + printable(names[i]) + "' in the header (columns " +
                           std::to_string(it->second + 1) + " and " + std::to_string(i + 1) + ")"));
    }
    static const char* const kKey[kRoles] = {"customer", "time",  "event",
                                             "channel",  "value", "score"};
    for (int r = 0; r < kRoles; ++r) {
      column_of_[r] = -1;
      if (b.name(r).empty()) continue;
      auto it = seen.find(b.name(r));
      if (it != seen.end()) {
        column_of_[r] = static_cast<int>(it->second);
        row_.present[r] = true;
        if (r >= kChannel) b.enable(r);
      } else if (r < kChannel) {
        std::string list;
        for (size_t i = 0; i < names.size() && i < 50; ++i)
          list += (i ? ", " : "") + printable(names[i]);
        if (names.size() > 50) list += ", ...";
        std::string msg = "missing required column '" + printable(b.name(r)) + "' (data." +
                          kKey[r] + "); the header has: " + list;
        if (fmt_ == InputFormat::kCsv && names.size() == 1 &&
            names[0].find('\t') != std::string::npos)
          msg += " (tab-separated? use the tsv format)";
        if (fmt_ == InputFormat::kTsv && names.size() == 1 &&
            names[0].find(',') != std::string::npos)
          msg += " (comma-separated? use the csv format)";
        throw Error(at(display, hline, msg));
      }
    }
    role_of_.assign(names.size(), 0);
    for (size_t i = 0; i < names.size(); ++i) {
      int role = -1;
      for (int r = 0; r < kRoles; ++r)
        if (column_of_[r] == static_cast<int>(i)) role = r;
      if (role >= 0) {
        role_of_[i] = role;
      } else {
        role_of_[i] = -1 - static_cast<int>(b.add_attribute(names[i]));
      }
    }
    expected_ = names.size();
    header_done_ = true;
  }

  Builder* b_;
  InputFormat fmt_;
  const std::string* display_;
  std::vector<int> role_of_;  // per column: Role, or -1 - attribute index
  size_t expected_ = 0;
  int column_of_[kRoles] = {-1, -1, -1, -1, -1, -1};
  bool header_done_ = false;
  Row row_;
};

// Streaming path (stdin, pipes): block by block through `in`.
void read_delimited(Input& in, InputFormat fmt, const std::string& display, Builder& b,
                    EventTable& t) {
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
  if (!reader.header_done()) throw Error(at(display, 0, "no header row (the file is empty)"));
}

constexpr size_t kSampleBytes = size_t{1} << 20;   // parsed before reserving columns
constexpr size_t kReleaseStep = size_t{64} << 20;  // pages released every this many bytes

// Parses the records of a mapped file that start in [begin, limit) (the last
// may run past `limit`) into `b`. `line` (in/out) is the line at `begin`.
// Reserves the columns, from a sample, for the rows up to `reserve_to` (>=
// limit: the first chunk of a parallel read is where the others are copied).
// Returns the index past the last record.
size_t parse_chunk(const MappedFile& map, CsvReader& reader, Builder& b, size_t begin, size_t limit,
                   size_t reserve_to, uint64_t& line) {
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

// Where each thread of a parallel read appends its rows: for every column
// one buffer, of which thread k owns the window of `room[k]` rows from
// `start[k]`. The windows follow each other in input order, so the parts
// become one table by moving each part down to the end of the rows before
// it, within memory already written, instead of by copying them into fresh
// memory. The buffers are allocated, not touched: only the rows written
// cost memory.
struct Windows {
  std::vector<size_t> start, room;             // per thread, in rows
  size_t rows = 0;                             // sum of room
  std::vector<std::shared_ptr<void>> buffers;  // one per column

  // The buffer that starts at `data`.
  const std::shared_ptr<void>& owner_of(const void* data) const {
    for (const auto& b : buffers)
      if (b.get() == data) return b;
    throw Error("internal error: a column's window is not in any buffer");
  }

  // Windows for `bytes[k]` bytes per thread at `rows_per_byte`, each with
  // `margin` times its estimated rows (and a few more); the first also holds
  // the `first_rows` rows read before the threads start.
  Windows(const std::vector<size_t>& bytes, double rows_per_byte, double margin,
          size_t first_rows) {
    for (size_t n : bytes) {
      start.push_back(rows);
      room.push_back(static_cast<size_t>(static_cast<double>(n) * rows_per_byte * margin) + 64 +
                     (rows == 0 ? first_rows : 0));
      rows += room.back();
    }
  }
  // Gives one column of every thread's table its window of a new buffer:
  // `first` (the first thread's, its rows so far copied in) and `others`
  // (empty). Without memory for the buffer the columns stay as they are.
  template <typename T>
  void adopt(Column<T>& first, std::vector<Column<T>*> others) {
    static_assert(std::is_trivially_copyable_v<T>);
    T* const data = static_cast<T*>(std::malloc(rows * sizeof(T)));
    if (data == nullptr) return;  // not worth failing for: the parts are copied instead
    std::shared_ptr<void> owner(data, std::free);
    buffers.push_back(owner);
    const size_t kept = std::min(first.size(), room[0]);
    std::copy_n(first.data(), kept, data);
    if (kept == first.size()) first.adopt(data, kept, room[0], owner);
    for (size_t k = 0; k < others.size(); ++k)
      others[k]->adopt(data + start[k + 1], 0, room[k + 1], owner);
  }
};

// Appends each worker's part of one column to `out` (which holds the first
// chunk), mapping values with `f`; frees the parts. Parts still in their
// windows (see Windows) are moved down in place; otherwise they are copied.
template <typename T, typename F>
void concat(Column<T>& out, std::vector<Column<T>*> parts, const Windows* windows, F f) {
  size_t total = out.size();
  for (auto* p : parts) total += p->size();
  bool in_place = windows != nullptr && out.is_adopted_at(out.data());
  for (size_t k = 0; k < parts.size() && in_place; ++k)
    in_place = parts[k]->is_adopted_at(out.data() + windows->start[k + 1]);
  if (in_place) {
    // Each part moves down (to the end of the rows before it), never up:
    // copied forwards, no row is overwritten before it is read.
    T* const data = out.mutable_data();
    size_t at = out.size(), written = at;
    for (size_t k = 0; k < parts.size(); ++k) {
      const T* from = data + windows->start[k + 1];
      for (size_t i = 0, n = parts[k]->size(); i < n; ++i) data[at + i] = f(k, from[i]);
      at += parts[k]->size();
      written = windows->start[k + 1] + parts[k]->size();
      parts[k]->clear();
    }
    // The rows past the end were written before the moves, and are not needed.
    if (written > total) release_pages(data + total, (written - total) * sizeof(T));
    out.adopt(data, total, windows->rows, windows->owner_of(data));
    return;
  }
  size_t at = out.size();
  out.resize(total);
  for (size_t k = 0; k < parts.size(); ++k) {
    const Column<T>& part = *parts[k];
    T* o = out.mutable_data() + at;
    for (size_t i = 0; i < part.size(); ++i) o[i] = f(k, part[i]);
    at += part.size();
    parts[k]->clear();
  }
  // Still in the first window (which had room for every row): the other
  // windows' pages are not needed any more.
  if (windows != nullptr && out.is_adopted_at(out.data()))
    release_pages(out.data() + total, (windows->rows - total) * sizeof(T));
}

// One worker's share of a parallel read.
struct Chunk {
  size_t begin = 0, limit = 0, end = 0;
  uint64_t lines = 0;  // physical lines in [begin, end)
  ReadReport report;
  EventTable table;
  std::unique_ptr<Builder> builder;
  std::unique_ptr<CsvReader> reader;
  std::exception_ptr error;

  void setup(const ReadOptions& opt, const std::string& display, const Builder& main_builder,
             const CsvReader& main_reader) {
    report = ReadReport{};
    table = EventTable{};
    builder = std::make_unique<Builder>(opt, report, table, display);
    builder->make_worker(main_builder);
    reader = std::make_unique<CsvReader>(main_reader, *builder);
  }
  void run(const MappedFile& map) {
    uint64_t line = 0;
    end = parse_chunk(map, *reader, *builder, begin, limit, limit, line);
    lines = line;
  }
};

// Mapped-file path. The header and the rows up to the first that fixes the
// time format are read first, then a sample of rows; the rest is split into
// byte ranges at newlines and parsed in parallel, each into its own table,
// whose columns are windows of shared buffers sized from the sample (see
// Windows). A range is only guessed to start at a record (the newline may sit
// inside a quoted field): the record that the previous range actually ends at
// is the check, and a range that started elsewhere is parsed again from
// there. The tables are then merged in input order, which gives exactly the
// single-threaded result.
void read_mapped(const MappedFile& map, InputFormat fmt, const std::string& display, Builder& b,
                 EventTable& t, const ReadOptions& opt) {
  const char* d = map.data();
  const size_t size = map.size();
  size_t pos = check_start(d, size, fmt, display);
  CsvReader reader(b, fmt, display);
  std::vector<std::string_view> fields;
  std::string scratch;
  uint64_t line = 1;
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
  if (!reader.header_done() || b.format() == TimeFormat::kAuto || threads < 2 ||
      size - pos < std::max<size_t>(opt.parallel_min_bytes, 1)) {
    if (pos < size) parse_chunk(map, reader, b, pos, size, size, line);
    if (!reader.header_done()) throw Error(at(display, 0, "no header row (the file is empty)"));
    return;
  }

  // A sample of the rows (a sixteenth of each thread's share at most) sizes
  // the threads' windows.
  const size_t sample_begin = pos, sample_rows = t.size();
  const size_t sample_limit = pos + std::min(kSampleBytes, (size - pos) / (16 * threads) + 1);
  pos = parse_chunk(map, reader, b, pos, sample_limit, sample_limit, line);

  // Split at newlines.
  std::vector<Chunk> chunks(threads);
  std::vector<size_t> bound(threads + 1, size);
  bound[0] = pos;
  for (unsigned k = 1; k < threads; ++k) {
    size_t target = std::max(bound[k - 1], pos + (size - pos) / threads * k);
    const void* nl = std::memchr(d + target, '\n', size - target);
    bound[k] = nl ? static_cast<size_t>(static_cast<const char*>(nl) - d) + 1 : size;
  }
  for (unsigned k = 1; k < threads; ++k) {
    chunks[k].begin = bound[k];
    chunks[k].limit = bound[k + 1];
    chunks[k].setup(opt, display, b, reader);
  }
  std::unique_ptr<Windows> windows;
  if (t.size() > sample_rows && pos > sample_begin) {
    std::vector<size_t> bytes;
    for (unsigned k = 0; k < threads; ++k) bytes.push_back(bound[k + 1] - bound[k]);
    windows = std::make_unique<Windows>(
        bytes,
        static_cast<double>(t.size() - sample_rows) / static_cast<double>(pos - sample_begin),
        opt.window_margin, t.size());
    auto adopt = [&](auto member) {
      std::vector<std::remove_reference_t<decltype(t.*member)>*> others;
      for (unsigned k = 1; k < threads; ++k) others.push_back(&(chunks[k].table.*member));
      windows->adopt(t.*member, others);
    };
    adopt(&EventTable::customer);
    adopt(&EventTable::time_us);
    adopt(&EventTable::event);
    if (b.has(kChannel)) adopt(&EventTable::channel);
    if (b.has(kValue)) adopt(&EventTable::value);
    if (b.has(kScore)) adopt(&EventTable::score);
  }
  std::vector<std::thread> workers;
  for (unsigned k = 1; k < threads; ++k)
    workers.emplace_back([&chunks, &map, k] {
      try {
        chunks[k].run(map);
      } catch (...) {
        chunks[k].error = std::current_exception();
      }
    });
  std::exception_ptr error;
  size_t end = pos;
  try {
    end = parse_chunk(map, reader, b, pos, bound[1], size, line);
  } catch (...) {
    error = std::current_exception();
  }
  for (auto& w : workers) w.join();
  if (error) std::rethrow_exception(error);
  if (ReadProgress* p = b.progress()) p->joining = true;

  // Merge in input order; redo a chunk whose guessed start was wrong.
  std::vector<Builder::Remap> remaps(threads);
  for (unsigned k = 1; k < threads; ++k) {
    Chunk& c = chunks[k];
    if (c.begin != end) {
      c.setup(opt, display, b, reader);
      c.begin = end;
      c.error = nullptr;
      if (c.begin >= c.limit) {
        c.end = c.begin;
        c.lines = 0;
      } else {
        c.run(map);
      }
    }
    if (c.error) std::rethrow_exception(c.error);
    remaps[k] = b.absorb(*c.builder, line);
    line += c.lines;
    end = c.end;
  }

  std::vector<unsigned> parts;
  for (unsigned k = 1; k < threads; ++k) parts.push_back(k);
  auto collect = [&](auto member) {
    std::vector<std::remove_reference_t<decltype(chunks[1].table.*member)>*> out;
    for (unsigned k : parts) out.push_back(&(chunks[k].table.*member));
    return out;
  };
  // One task per column, so that their copies (and the page faults of the
  // grown columns) run in parallel; the largest first.
  std::vector<std::function<void()>> tasks;
  tasks.push_back([&] {
    concat(t.time_us, collect(&EventTable::time_us), windows.get(),
           [](size_t, int64_t v) { return v; });
  });
  tasks.push_back([&] {
    concat(t.customer, collect(&EventTable::customer), windows.get(),
           [&](size_t i, uint32_t v) { return remaps[parts[i]].customer[v]; });
  });
  tasks.push_back([&] {
    concat(t.event, collect(&EventTable::event), windows.get(),
           [&](size_t i, uint32_t v) { return remaps[parts[i]].event[v]; });
  });
  if (b.has(kChannel))
    tasks.push_back([&] {
      concat(t.channel, collect(&EventTable::channel), windows.get(), [&](size_t i, uint32_t v) {
        return v == kNoChannel ? kNoChannel : remaps[parts[i]].channel[v];
      });
    });
  if (b.has(kValue))
    tasks.push_back([&] {
      concat(t.value, collect(&EventTable::value), windows.get(),
             [](size_t, float v) { return v; });
    });
  if (b.has(kScore))
    tasks.push_back([&] {
      concat(t.score, collect(&EventTable::score), windows.get(),
             [](size_t, float v) { return v; });
    });
  run_tasks(tasks, threads);
}

// ---------------------------------------------------------------------------
// JSON Lines

void read_jsonl(Input& in, const std::string& display, Builder& b, EventTable& t) {
  simdjson::dom::parser parser;
  Row row;
  // Slot of a key: a Role, or kRoles + attribute index.
  std::unordered_map<std::string, int> slot_of;
  for (int r = 0; r < kRoles; ++r)
    if (!b.name(r).empty()) slot_of.emplace(b.name(r), r);
  std::vector<std::pair<std::string, int>> last_keys;  // key order of the previous line
  std::deque<std::string> text;  // numbers as text, per slot (stable addresses)
  uint64_t line = 1;
  bool first_block = true;

  auto slot_for = [&](size_t position, std::string_view key) {
    if (position < last_keys.size() && last_keys[position].first == key)
      return last_keys[position].second;
    int slot;
    auto it = slot_of.find(std::string(key));
    if (it != slot_of.end()) {
      slot = it->second;
    } else {
      slot = kRoles + static_cast<int>(b.add_attribute(std::string(key)));
      slot_of.emplace(std::string(key), slot);
    }
    if (slot >= kChannel && slot < kRoles) b.enable(slot);
    if (position >= last_keys.size()) last_keys.resize(position + 1);
    last_keys[position] = {std::string(key), slot};
    return slot;
  };

  auto on_line = [&](const char* p, size_t len, uint64_t lline) {
    simdjson::dom::element doc;
    auto err = parser.parse(p, len, false).get(doc);
    if (err)
      return b.reject(lline, std::string("invalid JSON (") + simdjson::error_message(err) + "): '" +
                                 printable(std::string_view(p, len)) + "'");
    simdjson::dom::object obj;
    if (doc.get_object().get(obj))
      return b.reject(lline, "not a JSON object: '" + printable(std::string_view(p, len)) + "'");
    for (int r = 0; r < kRoles; ++r) {
      row.v[r] = {};
      row.present[r] = false;
    }
    std::vector<std::string_view>& attrs = b.attr_values();
    std::fill(attrs.begin(), attrs.end(), std::string_view());
    size_t position = 0;
    for (auto field : obj) {
      int slot = slot_for(position++, field.key);
      if (text.size() <= static_cast<size_t>(slot)) text.resize(static_cast<size_t>(slot) + 1);
      std::string& buf = text[static_cast<size_t>(slot)];
      std::string_view v;
      simdjson::dom::element e = field.value;
      char num[64];
      switch (e.type()) {
        case simdjson::dom::element_type::STRING:
          v = e.get_string().value_unsafe();
          break;
        case simdjson::dom::element_type::INT64: {
          auto r = std::to_chars(num, num + sizeof num, e.get_int64().value_unsafe());
          buf.assign(num, r.ptr);
          v = buf;
          break;
        }
        case simdjson::dom::element_type::UINT64: {
          auto r = std::to_chars(num, num + sizeof num, e.get_uint64().value_unsafe());
          buf.assign(num, r.ptr);
          v = buf;
          break;
        }
        case simdjson::dom::element_type::DOUBLE: {
          auto r = std::to_chars(num, num + sizeof num, e.get_double().value_unsafe());
          buf.assign(num, r.ptr);
          v = buf;
          break;
        }
        case simdjson::dom::element_type::BOOL:
          v = e.get_bool().value_unsafe() ? "true" : "false";
          break;
        case simdjson::dom::element_type::NULL_VALUE:
          break;
        default:  // array or object: kept as compact JSON text
          buf = simdjson::minify(e);
          v = buf;
          break;
      }
      if (slot < kRoles) {
        row.v[slot] = v;
        row.present[slot] = true;
      } else {
        attrs[static_cast<size_t>(slot - kRoles)] = v;
      }
    }
    b.add(lline, row);
  };

  for (;;) {
    in.fill(line);
    if (first_block) {
      check_start(in, InputFormat::kJsonl, display);
      first_block = false;
    }
    uint64_t rows_before = t.size();
    char* d = in.data();
    size_t size = in.size();
    size_t pos = 0;
    while (pos < size) {
      const void* nl = std::memchr(d + pos, '\n', size - pos);
      if (!nl && !in.eof()) break;
      size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - d) : size;
      if (!trim(std::string_view(d + pos, end - pos)).empty()) on_line(d + pos, end - pos, line);
      ++line;
      pos = nl ? end + 1 : size;
    }
    if (in.eof()) break;
    if (rows_before == 0 && t.size() > 0) b.reserve(estimate_rows(in.file_size(), pos, t.size()));
    in.consume(pos);
  }
}

// Peeks whether stdin holds JSON Lines: its first non-blank byte is '{'.
bool looks_like_jsonl(Input& in) {
  const char* d = in.data();
  size_t i = 0;
  if (in.size() >= 3 && static_cast<unsigned char>(d[0]) == 0xEF) i = 3;
  while (i < in.size() && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) ++i;
  return i < in.size() && d[i] == '{';
}

}  // namespace

InputFormat parse_input_format(const std::string& name) {
  std::string n = lower(name);
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

EventTable read_events(const ReadOptions& options, ReadReport& report) {
  report = ReadReport{};
  const std::string display = options.path == "-" ? "<stdin>" : options.path;
  EventTable table;
  Builder builder(options, report, table, display);
  Input in(options.path, display);
  InputFormat fmt = options.format;
  if (fmt == InputFormat::kAuto) {
    if (options.path == "-") {
      in.fill(1);
      fmt = looks_like_jsonl(in) ? InputFormat::kJsonl : InputFormat::kCsv;
    } else {
      fmt = format_from_extension(options.path);
    }
  }
  report.format = format_name(fmt);
  if (fmt == InputFormat::kJsonl) {
    read_jsonl(in, display, builder, table);
  } else if (options.path != "-" && in.file_size() > 0) {
    MappedFile map(in.fd(), static_cast<size_t>(in.file_size()));
    if (map.data())
      read_mapped(map, fmt, display, builder, table, options);
    else
      read_delimited(in, fmt, display, builder, table);
  } else {
    read_delimited(in, fmt, display, builder, table);
  }
  builder.finish();
  return table;
}

}  // namespace cjm
