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
#include <limits>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "core/atomic_file.h"
#include "core/error.h"
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
    capacity_ = kBlockSize;
    buf_.reset(new char[capacity_ + kPadding]);
  }
  ~Input() { close(); }
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  char* data() { return buf_.get(); }
  size_t size() const { return size_; }
  bool eof() const { return eof_; }
  uint64_t file_size() const { return file_size_; }

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
    if (row.v[kCustomer].empty()) return reject(line, missing(row, kCustomer));
    if (time.empty()) return reject(line, missing(row, kTime));
    std::optional<int64_t> us;
    if (format_ != TimeFormat::kAuto) us = parse_time_us(time, format_);
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

    ++report_.rows;
    // Logs are often grouped by customer: reuse the previous row's id when the
    // customer repeats, which saves a hash lookup.
    uint32_t cid = last_customer_;
    if (cid == Dictionary::kMissing || t_.customers.at(cid) != row.v[kCustomer]) {
      uint32_t customers_before = t_.customers.size();
      cid = t_.customers.intern(row.v[kCustomer]);
      if (cid == customers_before)
        for (AttributeColumn& a : t_.attributes) a.of.push_back(0);
      last_customer_ = cid;
    }
    t_.customer.push_back(cid);
    t_.time_us.push_back(*us);
    t_.event.push_back(t_.events.intern(row.v[kEvent]));
    if (has_[kChannel])
      t_.channel.push_back(row.v[kChannel].empty() ? kNoChannel
                                                   : t_.channels.intern(row.v[kChannel]));
    if (has_[kValue]) t_.value.push_back(value);
    if (has_[kScore]) t_.score.push_back(score);
    for (size_t i = 0; i < attr_.size(); ++i) {
      if (attr_[i].empty()) continue;
      AttributeColumn& a = t_.attributes[i];
      if (a.of[cid] == 0) a.of[cid] = a.values.intern(attr_[i]);
    }
  }

  void finish() {
    if (!opt_.rejects_path.empty()) write_file_atomic(opt_.rejects_path, rejects_);
  }

 private:
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
  std::vector<std::string_view> attr_;
  std::string rejects_;
};

// Number of rows expected in the whole input from what one block held.
size_t estimate_rows(uint64_t file_size, size_t block_bytes, uint64_t block_rows) {
  if (file_size == 0 || block_bytes == 0 || block_rows == 0) return 0;
  double per_row = static_cast<double>(block_bytes) / static_cast<double>(block_rows);
  return static_cast<size_t>(static_cast<double>(file_size) / per_row * 1.05) + 16;
}

// Removes a UTF-8 byte order mark and rejects binary input.
void check_start(Input& in, InputFormat fmt, const std::string& display) {
  char* d = in.data();
  if (in.size() >= 3 && static_cast<unsigned char>(d[0]) == 0xEF &&
      static_cast<unsigned char>(d[1]) == 0xBB && static_cast<unsigned char>(d[2]) == 0xBF)
    in.consume(3);
  d = in.data();
  size_t probe = std::min<size_t>(in.size(), 4096);
  if (in.size() >= 2 && static_cast<unsigned char>(d[0]) == 0x1F &&
      static_cast<unsigned char>(d[1]) == 0x8B)
    throw Error(at(display, 0,
                   std::string("does not look like ") + format_description(fmt) +
                       " (it looks gzip-compressed; decompress it first)"));
  if (std::memchr(d, '\0', probe))
    throw Error(at(display, 0,
                   std::string("does not look like ") + format_description(fmt) +
                       " (it contains NUL bytes; binary or UTF-16?)"));
}

// ---------------------------------------------------------------------------
// CSV / TSV

void read_delimited(Input& in, InputFormat fmt, const std::string& display, Builder& b,
                    EventTable& t) {
  const char delim = fmt == InputFormat::kTsv ? '\t' : ',';
  std::vector<std::string_view> fields;
  fields.reserve(64);
  std::vector<int> role_of;  // per column: Role, or -1 - attribute index
  size_t expected = 0;
  int column_of[kRoles];
  bool header_done = false;
  Row row;
  uint64_t line = 1;
  bool first_block = true;

  auto on_header = [&](std::vector<std::string_view>& header, uint64_t hline, bool unterminated) {
    std::vector<std::string> names;
    for (std::string_view f : header) names.emplace_back(trim(f));
    for (std::string_view f : header)
      if (f.find('\0') != std::string_view::npos)
        throw Error(at(display, hline,
                       std::string("does not look like ") + format_description(fmt) +
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
      column_of[r] = -1;
      if (b.name(r).empty()) continue;
      auto it = seen.find(b.name(r));
      if (it != seen.end()) {
        column_of[r] = static_cast<int>(it->second);
        row.present[r] = true;
        if (r >= kChannel) b.enable(r);
      } else if (r < kChannel) {
        std::string list;
        for (size_t i = 0; i < names.size() && i < 50; ++i)
          list += (i ? ", " : "") + printable(names[i]);
        if (names.size() > 50) list += ", ...";
        std::string msg = "missing required column '" + printable(b.name(r)) + "' (data." +
                          kKey[r] + "); the header has: " + list;
        if (fmt == InputFormat::kCsv && names.size() == 1 &&
            names[0].find('\t') != std::string::npos)
          msg += " (tab-separated? use the tsv format)";
        if (fmt == InputFormat::kTsv && names.size() == 1 &&
            names[0].find(',') != std::string::npos)
          msg += " (comma-separated? use the csv format)";
        throw Error(at(display, hline, msg));
      }
    }
    role_of.assign(names.size(), 0);
    for (size_t i = 0; i < names.size(); ++i) {
      int role = -1;
      for (int r = 0; r < kRoles; ++r)
        if (column_of[r] == static_cast<int>(i)) role = r;
      if (role >= 0) {
        role_of[i] = role;
      } else {
        role_of[i] = -1 - static_cast<int>(b.add_attribute(names[i]));
      }
    }
    expected = names.size();
    header_done = true;
  };

  auto on_record = [&](std::vector<std::string_view>& f, uint64_t rline, bool unterminated) {
    if (!header_done) return on_header(f, rline, unterminated);
    if (unterminated) return b.reject(rline, "unterminated quoted field (a '\"' is never closed)");
    if (f.size() != expected)
      return b.reject(rline,
                      std::to_string(f.size()) + " fields, expected " + std::to_string(expected));
    std::vector<std::string_view>& attrs = b.attr_values();
    for (int r = 0; r < kRoles; ++r)
      row.v[r] = column_of[r] >= 0 ? f[column_of[r]] : std::string_view();
    for (size_t i = 0; i < f.size(); ++i) {
      int role = role_of[i];
      if (role < 0) attrs[static_cast<size_t>(-1 - role)] = f[i];
    }
    b.add(rline, row);
  };

  for (;;) {
    in.fill(line);
    if (first_block) {
      check_start(in, fmt, display);
      first_block = false;
    }
    uint64_t rows_before = t.size();
    size_t used = csv::parse_block(in.data(), in.size(), in.eof(), delim, line, fields, on_record);
    if (in.eof()) break;
    if (rows_before == 0 && t.size() > 0) b.reserve(estimate_rows(in.file_size(), used, t.size()));
    in.consume(used);
  }
  if (!header_done) throw Error(at(display, 0, "no header row (the file is empty)"));
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
  throw Error("unknown input format '" + printable(name) + "' (expected auto, csv, tsv or jsonl)",
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
  if (fmt == InputFormat::kJsonl)
    read_jsonl(in, display, builder, table);
  else
    read_delimited(in, fmt, display, builder, table);
  builder.finish();
  return table;
}

}  // namespace cjm
