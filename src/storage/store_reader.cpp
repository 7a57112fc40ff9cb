#include "storage/store_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string_view>

#include "core/error.h"
#include "core/limits.h"
#include "core/mapped_file.h"
#include "core/parallel.h"
#include "storage/checksum.h"

namespace cjm {

namespace {

template <class T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

struct SectionRef {
  std::string name;
  uint64_t offset = 0;
  uint64_t length = 0;
  uint64_t checksum = 0;  // as recorded in the section table
  const unsigned char* data = nullptr;
};

// Bounds-checked sequential reads inside one section.
class Cursor {
 public:
  Cursor(const std::string& path, const SectionRef& s) : path_(path), s_(s) {}
  uint64_t u64() {
    need(8);
    uint64_t v = load<uint64_t>(s_.data + pos_);
    pos_ += 8;
    return v;
  }
  const unsigned char* bytes(uint64_t n) {
    need(n);
    const unsigned char* p = s_.data + pos_;
    pos_ += n;
    return p;
  }
  std::string string() {
    uint64_t n = u64();
    const unsigned char* p = bytes(n);
    return std::string(reinterpret_cast<const char*>(p), n);
  }
  void align() {
    uint64_t to = store_align(pos_);
    need(to - pos_);
    for (; pos_ < to; ++pos_)
      if (s_.data[pos_] != 0) fail("non-zero padding");
  }
  uint64_t left() const { return s_.length - pos_; }
  uint64_t pos() const { return pos_; }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(at(path_, 0,
                   fmt::format("section '{}' (offset {}): malformed: {} at byte {} of {}", s_.name,
                               s_.offset, what, pos_, s_.length)));
  }

 private:
  void need(uint64_t n) {
    if (n > left()) fail(fmt::format("needs {} more bytes", n));
  }
  const std::string& path_;
  const SectionRef& s_;
  uint64_t pos_ = 0;
};

// How a dictionary section is loaded: interned one by one, which also checks
// that no string appears twice (kBuild); for the large customer dictionary,
// which is only ever read by id, copied on all cores without building its
// index (kDefer, see Dictionary::assign_unindexed), or not loaded at all when
// nobody will read the names (kSkip: the strings' layout is still checked,
// `dict` is left empty).
enum class Index { kBuild, kDefer, kSkip };

// Reads a dictionary section into `dict`; returns its number of strings.
uint64_t read_dictionary(Cursor& c, Dictionary& dict, Index index = Index::kBuild) {
  uint64_t count = c.u64();
  if (count >= UINT32_MAX || count > c.left() / 8) c.fail("impossible string count");
  const unsigned char* offsets = c.bytes((count + 1) * 8);
  uint64_t blob_bytes = load<uint64_t>(offsets + count * 8);
  if (load<uint64_t>(offsets) != 0) c.fail("first string offset is not 0");
  const char* blob = reinterpret_cast<const char*>(c.bytes(blob_bytes));
  auto string_at = [&](uint64_t i) {
    const uint64_t begin = load<uint64_t>(offsets + i * 8),
                   end = load<uint64_t>(offsets + i * 8 + 8);
    return std::string_view(blob + begin, end - begin);
  };
  for (uint64_t i = 0, prev = 0; i < count; ++i) {
    const uint64_t end = load<uint64_t>(offsets + (i + 1) * 8);
    if (end < prev || end > blob_bytes) c.fail("string offsets out of order");
    prev = end;
  }
  if (index == Index::kSkip) {
    c.align();
    return count;
  }
  if (index == Index::kDefer) {
    std::vector<std::string> strings(count);
    parallel_ranges(count, worker_count(), [&](size_t lo, size_t hi) {
      for (size_t i = lo; i < hi; ++i) strings[i] = string_at(i);
    });
    dict.assign_unindexed(std::move(strings));
  } else {
    dict.reserve(count);
    for (uint64_t i = 0; i < count; ++i)
      if (dict.intern(string_at(i)) != i) c.fail("duplicate string");
  }
  c.align();
  return count;
}

class StoreReader {
 public:
  StoreReader(const std::string& path, const StoreReadOptions& options)
      : path_(path), options_(options), file_(std::make_shared<const MappedFile>(path)) {}

  StoreContents read() {
    read_header();
    verify_checksums();
    StoreContents out;
    EventTable& t = out.table;
    // The per-event columns, the offsets and the attributes' value ids are
    // used in place: views of the map, which they keep alive. The
    // dictionaries are copied.
    view_column("time_us", t.time_us, events_);
    view_column("customer", t.customer, events_);
    view_column("event", t.event, events_);
    if (flags_ & kStoreHasChannel) view_column("channel", t.channel, events_);
    if (flags_ & kStoreHasValue) view_column("value", t.value, events_);
    if (flags_ & kStoreHasScore) view_column("score", t.score, events_);
    if (flags_ & kStoreHasSession) view_column("session", t.session, events_);
    const uint64_t customers = dictionary("customers", t.customers,
                                          options_.customer_names ? Index::kDefer : Index::kSkip);
    view_column("offsets", out.journeys.offsets, customers_ + 1);
    dictionary("events", t.events);
    dictionary("channels", t.channels);
    // Sessions, like customers, are many and read by id: not re-indexed.
    if (flags_ & kStoreHasSession) dictionary("sessions", t.sessions, Index::kDefer);
    if (customers != customers_)
      fail_section(section("customers"),
                   fmt::format("{} customers, header says {}", customers, customers_));
    for (uint32_t i = 0; i < attributes_; ++i) t.attributes.push_back(attribute(i));
    {
      Cursor c(path_, section("source"));
      out.source.rows = c.u64();
      out.source.rejected = c.u64();
      out.source.format = c.string();
      out.source.time_format = c.string();
      // The import counted every row it saw as an event or a rejected row.
      if (out.source.rejected > out.source.rows || out.source.rows - out.source.rejected != events_)
        fail_section(section("source"),
                     fmt::format("{} rows with {} rejected do not leave the store's {} events",
                                 out.source.rows, out.source.rejected, events_));
    }
    validate(out);
    if (used_.size() != sections_.size())
      throw Error(at(path_, 0, "unexpected sections (written by a newer cjm?)"));
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw Error(at(path_, 0, what)); }
  [[noreturn]] void fail_section(const SectionRef& s, const std::string& what) const {
    fail(fmt::format("section '{}' (offset {}): {}", s.name, s.offset, what));
  }

  void read_header() {
    const unsigned char* p = file_->bytes();
    const size_t size = file_->size();
    if (size == 0) fail("empty file, not a cjm store");
    if (std::memcmp(p, kStoreMagic.data(), std::min(size, kStoreMagic.size())) != 0)
      fail("not a cjm store (no CJMSTORE magic at the start)");
    if (size < kStoreFixedHeader)
      fail(fmt::format("truncated: expected at least {} bytes, found {}", kStoreFixedHeader, size));
    const uint32_t version = load<uint32_t>(p + store_offset::kVersion);
    if (version > kStoreVersion)
      fail(fmt::format(
          "store format version {} is newer than this cjm reads (up to {}); upgrade cjm or "
          "import the events again",
          version, kStoreVersion));
    if (version == 0) fail("section 'header' (offset 0): format version 0 (file corrupted?)");
    if (version < kStoreVersion)
      fail(fmt::format(
          "store format version {} is older than this cjm reads (version {} keeps attributes per "
          "event and values exactly); import the events again with `cjm import`",
          version, kStoreVersion));
    version_ = version;
    uint32_t header_bytes = load<uint32_t>(p + store_offset::kHeaderBytes);
    uint32_t count = load<uint32_t>(p + store_offset::kSections);
    if (count > 1u << 20 || header_bytes != kStoreFixedHeader + kStoreEntryBytes * count)
      fail("section 'header' (offset 0): inconsistent header size (file corrupted?)");
    if (size < header_bytes)
      fail(fmt::format("truncated: expected at least {} bytes, found {}", header_bytes, size));
    std::string header(reinterpret_cast<const char*>(p), header_bytes);
    std::memset(header.data() + store_offset::kChecksum, 0, 8);
    if (store_checksum(header.data(), header.size(), version_) !=
        load<uint64_t>(p + store_offset::kChecksum))
      fail("section 'header' (offset 0) checksum mismatch (file corrupted?)");

    uint64_t file_bytes = load<uint64_t>(p + store_offset::kFileBytes);
    if (size < file_bytes)
      fail(fmt::format("truncated: expected {} bytes, found {}", file_bytes, size));
    if (size > file_bytes)
      fail(fmt::format("{} unexpected bytes after the end of the store at offset {}",
                       size - file_bytes, file_bytes));
    events_ = load<uint64_t>(p + store_offset::kEvents);
    customers_ = load<uint64_t>(p + store_offset::kCustomers);
    flags_ = load<uint32_t>(p + store_offset::kFlags);
    attributes_ = load<uint32_t>(p + store_offset::kAttributes);
    if (flags_ & ~kStoreKnownFlags)
      fail(fmt::format("uses features this cjm does not know (flags {:#x}); upgrade cjm", flags_));
    if (customers_ >= UINT32_MAX || events_ > file_bytes / 16)
      fail("section 'header' (offset 0): impossible counts (file corrupted?)");

    uint64_t prev_end = header_bytes;
    for (uint32_t i = 0; i < count; ++i) {
      const unsigned char* e = p + kStoreFixedHeader + size_t{i} * kStoreEntryBytes;
      SectionRef s;
      s.name.assign(reinterpret_cast<const char*>(e),
                    strnlen(reinterpret_cast<const char*>(e), kStoreNameBytes - 1));
      s.offset = load<uint64_t>(e + kStoreNameBytes);
      s.length = load<uint64_t>(e + kStoreNameBytes + 8);
      uint64_t sum = load<uint64_t>(e + kStoreNameBytes + 16);
      if (s.offset % kStoreAlign != 0 || s.offset < prev_end || s.offset > file_bytes ||
          s.length > file_bytes - s.offset)
        fail_section(s, "bad position in the section table (file corrupted?)");
      check_zero(prev_end, s.offset);
      s.data = p + s.offset;
      s.checksum = sum;
      prev_end = s.offset + s.length;
      if (!sections_.emplace(s.name, s).second) fail_section(s, "appears twice");
    }
    check_zero(prev_end, file_bytes);
  }

  // Checks every section against its recorded checksum, on all cores; the
  // first mismatch in file order is reported.
  void verify_checksums() const {
    std::vector<const SectionRef*> order;
    for (const auto& [name, s] : sections_) order.push_back(&s);
    std::sort(order.begin(), order.end(),
              [](const SectionRef* a, const SectionRef* b) { return a->offset < b->offset; });
    std::vector<uint8_t> bad(order.size(), 0);
    std::vector<size_t> by_size(order.size());
    for (size_t i = 0; i < by_size.size(); ++i) by_size[i] = i;
    std::sort(by_size.begin(), by_size.end(),
              [&](size_t a, size_t b) { return order[a]->length > order[b]->length; });
    std::vector<std::function<void()>> tasks;
    for (size_t i : by_size)
      tasks.push_back([&, i] {
        bad[i] = store_checksum(order[i]->data, order[i]->length, version_) != order[i]->checksum;
      });
    run_tasks(tasks, worker_count());
    for (size_t i = 0; i < order.size(); ++i)
      if (bad[i])
        fail(fmt::format("section '{}' (offset {}, {} bytes) checksum mismatch (file corrupted?)",
                         order[i]->name, order[i]->offset, order[i]->length));
  }

  // Padding between sections must be zero: a flipped byte there is corruption too.
  void check_zero(uint64_t from, uint64_t to) const {
    for (uint64_t i = from; i < to; ++i)
      if (file_->bytes()[i] != 0)
        fail(fmt::format("non-zero padding at offset {} (file corrupted?)", i));
  }

  // The section `name` (marked used). Looking up sections that the caller
  // marked used before is safe from several threads.
  const SectionRef& section(const std::string& name) {
    auto it = sections_.find(name);
    if (it == sections_.end()) fail(fmt::format("section '{}' is missing", name));
    if (!used_.count(name)) used_.insert(name);
    return it->second;
  }

  // The section `name`, checked to hold `count` elements of T.
  template <class T>
  const T* column_data(const char* name, uint64_t count) {
    const SectionRef& s = section(name);
    if (s.length != count * sizeof(T))
      fail_section(s, fmt::format("{} bytes, expected {} ({} x {} bytes)", s.length,
                                  count * sizeof(T), count, sizeof(T)));
    // Sections are 8-byte aligned in a page-aligned map: the elements are aligned.
    return reinterpret_cast<const T*>(s.data);
  }

  template <class T>
  void view_column(const char* name, Column<T>& out, uint64_t count) {
    out.view(std::span<const T>(column_data<T>(name, count), count), file_);
  }

  uint64_t dictionary(const char* name, Dictionary& dict, Index index = Index::kBuild) {
    const SectionRef& s = section(name);
    Cursor c(path_, s);
    const uint64_t count = read_dictionary(c, dict, index);
    if (c.left() != 0) c.fail("unexpected trailing bytes");
    file_->release(s.offset, s.length);
    return count;
  }

  // Attribute column i: its name and values (section attr.i), and its value
  // ids per event (attr.i.of), used in place like the other per-event
  // columns; validate() checks the ids.
  AttributeColumn attribute(uint32_t i) {
    const std::string name = fmt::format("attr.{}", i);
    const SectionRef& s = section(name);
    Cursor c(path_, s);
    AttributeColumn a;
    a.name = c.string();
    c.align();
    read_dictionary(c, a.values);
    if (a.values.size() == 0 || !a.values.at(0).empty())
      c.fail("value 0 is not the empty string (missing)");
    if (c.left() != 0) c.fail("unexpected trailing bytes");
    view_column((name + ".of").c_str(), a.of, events_);
    return a;
  }

  // Checks that every id of the per-event column of section `name` is below
  // `limit`, on all cores; names the first event at fault.
  void check_ids(const Column<uint32_t>& ids, uint64_t limit, const std::string& name) const {
    std::atomic<bool> bad{false};
    parallel_ranges(ids.size(), worker_count(), [&](size_t lo, size_t hi) {
      uint32_t top = 0;
      for (size_t i = lo; i < hi; ++i) top = std::max(top, ids[i]);
      if (hi > lo && top >= limit) bad = true;
    });
    if (!bad) return;
    for (size_t i = 0; i < ids.size(); ++i)
      if (ids[i] >= limit)
        fail_section(sections_.at(name),
                     fmt::format("id {} out of range at event {} (the dictionary holds {})", ids[i],
                                 i, limit));
  }

  // Ids in range, offsets monotonic, each journey holds only its customer's
  // events in time order: what build_journeys would have produced.
  void validate(const StoreContents& out) const {
    const EventTable& t = out.table;
    const auto& off = out.journeys.offsets;
    if (off[0] != 0 || off.back() != events_)
      fail_section(sections_.at("offsets"), "offsets do not span the events");
    for (uint64_t c = 0; c < customers_; ++c)
      if (off[c + 1] < off[c] || off[c + 1] > events_)
        fail_section(sections_.at("offsets"),
                     fmt::format("offsets out of order at customer {}", c));
    // The offsets are sound: check the events on all cores, by customer
    // ranges (the first error in file order is reported).
    const uint32_t events = t.events.size(), channels = t.channels.size();
    parallel_ranges(customers_, worker_count(), [&](size_t lo, size_t hi) {
      for (uint64_t c = lo; c < hi; ++c)
        for (uint64_t i = off[c]; i < off[c + 1]; ++i) {
          if (t.customer[i] != c)
            fail_section(sections_.at("customer"),
                         fmt::format("event {} is not grouped under its customer", i));
          if (i > off[c] && t.time_us[i] < t.time_us[i - 1])
            fail_section(sections_.at("time_us"), fmt::format("event {} is out of time order", i));
          if (!time_in_range(t.time_us[i]))
            fail_section(sections_.at("time_us"),
                         fmt::format("time {} us at event {} is outside years 1000 to 9999",
                                     t.time_us[i], i));
          if (!t.value.empty() && !value_in_range(t.value[i]))
            fail_section(sections_.at("value"),
                         fmt::format("value at event {} is outside the supported range", i));
          if (!t.score.empty() && !(std::fabs(t.score[i]) <= kMaxAbsScore) &&
              !is_missing(t.score[i]))
            fail_section(sections_.at("score"),
                         fmt::format("score at event {} is outside the supported range", i));
          if (t.event[i] >= events)
            fail_section(sections_.at("event"),
                         fmt::format("event id out of range at event {}", i));
          if (!t.channel.empty() && t.channel[i] >= channels && t.channel[i] != kNoChannel)
            fail_section(sections_.at("channel"),
                         fmt::format("channel id out of range at event {}", i));
        }
    });
    if (t.has_session()) check_ids(t.session, t.sessions.size(), "session");
    for (size_t a = 0; a < t.attributes.size(); ++a)
      check_ids(t.attributes[a].of, t.attributes[a].values.size(), fmt::format("attr.{}.of", a));
  }

  const std::string& path_;
  StoreReadOptions options_;
  std::shared_ptr<const MappedFile> file_;
  std::map<std::string, SectionRef> sections_;
  std::set<std::string> used_;
  uint64_t events_ = 0, customers_ = 0;
  uint32_t version_ = 0, flags_ = 0, attributes_ = 0;
};

}  // namespace

bool is_store_file(const std::string& path) {
  // Only regular files: probing a pipe (--events <(zcat ...)) would eat its first bytes.
  struct stat st {};
  if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char magic[8];
  ssize_t n = ::read(fd, magic, sizeof magic);
  ::close(fd);
  return n == static_cast<ssize_t>(sizeof magic) &&
         std::memcmp(magic, kStoreMagic.data(), sizeof magic) == 0;
}

StoreContents read_store(const std::string& path, const StoreReadOptions& options) {
  return StoreReader(path, options).read();
}

}  // namespace cjm
