#include "reader/row_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/parallel.h"
#include "reader/row_add.h"
#include "reader/text.h"

namespace cjm::reader {

RowBuilder::RowBuilder(const ReadOptions& opt, ReadReport& report, EventTable& table,
                       const std::string& display)
    : opt_(opt), report_(report), t_(table), display_(display) {
  names_[kCustomer] = opt.data.customer;
  names_[kTime] = opt.data.time;
  names_[kEvent] = opt.data.event;
  names_[kChannel] = opt.data.channel;
  names_[kValue] = opt.data.value;
  names_[kScore] = opt.data.score;
  names_[kSession] = opt.data.session;
  // Rows without a session (JSONL without the key) have an empty one.
  if (!names_[kSession].empty()) enable(kSession);
  format_ = parse_time_format(opt.data.time_format);
  report_.time_format = time_format_name(format_);
  if (!opt_.rejects_path.empty()) rejects_ = "line\treason\n";
}

void RowBuilder::make_worker(const RowBuilder& main) {
  worker_ = true;
  for (int r = kChannel; r < kRoles; ++r)
    if (main.has_[r]) enable(r);
  for (const AttributeColumn& a : main.t_.attributes) add_attribute(a.name);
  format_ = main.format_;
  report_.time_format = main.report_.time_format;
}

RowBuilder::Remap RowBuilder::absorb(RowBuilder& w, uint64_t line_offset) {
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
    // Small dictionaries (attribute values) are not worth a thread.
    parallel_ranges(n, n >= 4096 ? threads : 1, [&](size_t lo, size_t hi) {
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
  remap(wt.sessions, t_.sessions, m.session);
  m.attribute.resize(wt.attributes.size());
  for (size_t i = 0; i < wt.attributes.size(); ++i)
    remap(wt.attributes[i].values, t_.attributes[i].values, m.attribute[i]);
  const uint64_t kept = w.kept_.size();
  for (Kept& r : w.kept_)
    reject(r.line + line_offset, std::move(r.reason), r.last_line ? r.last_line + line_offset : 0);
  report_.rows += w.report_.rows - kept;
  report_.rejected += w.report_.rejected - kept;
  return m;
}

void RowBuilder::enable(int role) {
  if (role == kChannel && !has_[kChannel]) t_.channel.assign(t_.size(), kNoChannel);
  if (role == kValue && !has_[kValue]) t_.value.assign(t_.size(), kMissingValue);
  if (role == kScore && !has_[kScore])
    t_.score.assign(t_.size(), std::numeric_limits<float>::quiet_NaN());
  if (role == kSession && !has_[kSession] && t_.size() > 0)
    t_.session.assign(t_.size(), t_.sessions.intern(""));
  has_[role] = true;
}

size_t RowBuilder::add_attribute(std::string name) {
  AttributeColumn col;
  col.name = std::move(name);
  col.values.intern("");
  col.of.assign(t_.size(), 0);
  t_.attributes.push_back(std::move(col));
  attr_.emplace_back();
  value_ids_.emplace_back();
  return t_.attributes.size() - 1;
}

void RowBuilder::reserve(size_t n) {
  t_.customer.reserve(n);
  t_.time_us.reserve(n);
  t_.event.reserve(n);
  if (has_[kChannel]) t_.channel.reserve(n);
  if (has_[kValue]) t_.value.reserve(n);
  if (has_[kScore]) t_.score.reserve(n);
  if (has_[kSession]) t_.session.reserve(n);
  for (AttributeColumn& a : t_.attributes) a.of.reserve(n);
}

void RowBuilder::reject(uint64_t line, std::string reason, uint64_t last_line) {
  ++report_.rows;
  ++report_.rejected;
  if (worker_) {
    if (opt_.strict || !opt_.rejects_path.empty() || kept_.size() < opt_.max_reported)
      kept_.push_back(Kept{line, last_line, std::move(reason)});
    if (opt_.strict) stopped_ = true;
    return;
  }
  if (last_line > line)
    reason += "; lines " + std::to_string(line) + "-" + std::to_string(last_line) + " (" +
              std::to_string(last_line - line + 1) + " lines) were read as one row";
  if (opt_.strict) throw Error(display_, line, reason);
  if (!opt_.rejects_path.empty()) {
    rejects_ += std::to_string(line);
    rejects_ += '\t';
    rejects_ += reason;
    rejects_ += '\n';
  }
  if (report_.first_rejects.size() < opt_.max_reported)
    report_.first_rejects.push_back(Reject{line, std::move(reason)});
}

void RowBuilder::add(uint64_t line, Row& row, uint64_t last_line) {
  add_row<false>(line, row, last_line, nullptr);
}

void RowBuilder::set_stable(const char* begin, const char* end) {
  flush();
  stable_begin_ = reinterpret_cast<uintptr_t>(begin);
  stable_end_ = reinterpret_cast<uintptr_t>(end);
}

void RowBuilder::flush() {
  while (looked_up_ < pushed_) look_up();
}

void RowBuilder::finish() {
  if (!opt_.rejects_path.empty()) write_file_atomic(opt_.rejects_path, rejects_);
}

void RowBuilder::look_up() {
  const Pending& p = ring_[looked_up_++ % kRing];
  // Logs are often grouped by customer (and session): reuse the previous
  // row's id when it repeats, which saves a dictionary lookup. Comparing
  // hashes first keeps the usual case (another customer) to one compare.
  uint32_t cid = last_customer_;
  if (cid == Dictionary::kMissing || last_hash_ != p.hash || t_.customers.at(cid) != p.customer) {
    cid = t_.customers.intern(p.customer, p.hash);
    last_customer_ = cid;
    last_hash_ = p.hash;
  }
  t_.customer.mutable_data()[p.row] = cid;
  if (!has_[kSession]) return;
  uint32_t sid = last_session_;
  if (sid == Dictionary::kMissing || last_session_hash_ != p.session_hash ||
      t_.sessions.at(sid) != p.session) {
    sid = t_.sessions.intern(p.session, p.session_hash);
    last_session_ = sid;
    last_session_hash_ = p.session_hash;
  }
  t_.session.mutable_data()[p.row] = sid;
}

std::string RowBuilder::missing(const Row& row, int role) const {
  static const char* const kWhat[] = {"customer", "time", "event"};
  std::string col = "'" + printable(names_[role]) + "'";
  if (!row.present[role]) return std::string("missing ") + kWhat[role] + " (no " + col + " field)";
  return std::string("empty ") + kWhat[role] + " in column " + col;
}

std::string RowBuilder::bad_number(std::string_view v, int role) const {
  return "unparsable number '" + printable(v) + "' in column '" + printable(names_[role]) + "'";
}

std::string RowBuilder::out_of_range(std::string_view v, int role, const char* max) const {
  return "number '" + printable(v) + "' in column '" + printable(names_[role]) +
         "' is outside the supported range (at most " + max + " in magnitude)";
}

size_t RowBuilder::row_bytes(const Row& row) const {
  size_t total = 0;
  for (int r = 0; r < kRoles; ++r) total += row.v[r].size();
  for (std::string_view v : attr_) total += v.size();
  return total;
}

std::string RowBuilder::too_long(const Row& row) const {
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

}  // namespace cjm::reader
