#include "storage/store_writer.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <vector>

#include "core/atomic_file.h"
#include "core/error.h"
#include "storage/checksum.h"

namespace cjm {

namespace {

// One section: either a view of existing memory (the big columns, written
// without a copy) or bytes built here (dictionaries, attributes, source).
struct Section {
  std::string name;
  const void* data = nullptr;
  uint64_t size = 0;
  std::string owned;
  uint64_t offset = 0;
  uint64_t checksum = 0;
  const void* bytes() const { return data ? data : owned.data(); }
  uint64_t length() const { return data ? size : owned.size(); }
};

void put_u64(std::string& out, uint64_t v) {
  out.append(reinterpret_cast<const char*>(&v), 8);
}
void put_string(std::string& out, const std::string& s) {
  put_u64(out, s.size());
  out.append(s);
}
void pad(std::string& out) {
  out.resize(store_align(out.size()), '\0');
}

// u64 count, u64 offsets[count + 1] into the blob, the blob, zero padding.
void put_dictionary(std::string& out, const Dictionary& dict) {
  const auto& strings = dict.strings();
  put_u64(out, strings.size());
  uint64_t at = 0;
  put_u64(out, 0);
  for (const auto& s : strings) put_u64(out, at += s.size());
  for (const auto& s : strings) out.append(s);
  pad(out);
}

template <class T>
Section column(std::string name, std::span<const T> v) {
  Section s;
  s.name = std::move(name);
  s.data = v.data();
  s.size = v.size() * sizeof(T);
  if (v.empty()) s.data = "";  // an empty view, never the `owned` string
  return s;
}

Section owned(std::string name, std::string bytes) {
  Section s;
  s.name = std::move(name);
  s.owned = std::move(bytes);
  return s;
}

void check_consistent(const std::string& path, const EventTable& t, const Journeys& j) {
  auto fail = [&](const std::string& what) {
    throw Error(at(path, 0, "cannot write store: " + what));
  };
  size_t n = t.size();
  if (t.customer.size() != n || t.event.size() != n) fail("columns differ in length");
  if ((t.has_channel() && t.channel.size() != n) || (t.has_value() && t.value.size() != n) ||
      (t.has_score() && t.score.size() != n) || (t.has_session() && t.session.size() != n))
    fail("optional columns differ in length");
  if (j.offsets.size() != static_cast<size_t>(t.customers.size()) + 1 || j.offsets[0] != 0 ||
      j.offsets.back() != n)
    fail("journey offsets do not match the table (run build_journeys first)");
  for (const auto& a : t.attributes)
    if (a.of.size() != n) fail("attribute '" + a.name + "' has wrong length");
}

}  // namespace

uint64_t write_store(const std::string& path, const EventTable& table, const Journeys& journeys,
                     const StoreSource& source) {
  check_consistent(path, table, journeys);

  std::vector<Section> sections;
  sections.push_back(column<uint32_t>("customer", table.customer));
  sections.push_back(column<int64_t>("time_us", table.time_us));
  sections.push_back(column<uint32_t>("event", table.event));
  uint32_t flags = 0;
  if (table.has_channel()) {
    flags |= kStoreHasChannel;
    sections.push_back(column<uint32_t>("channel", table.channel));
  }
  if (table.has_value()) {
    flags |= kStoreHasValue;
    sections.push_back(column<int64_t>("value", table.value));
  }
  if (table.has_score()) {
    flags |= kStoreHasScore;
    sections.push_back(column<float>("score", table.score));
  }
  if (table.has_session()) {
    flags |= kStoreHasSession;
    sections.push_back(column<uint32_t>("session", table.session));
  }
  sections.push_back(column<uint64_t>("offsets", journeys.offsets));
  std::string bytes;
  put_dictionary(bytes, table.customers);
  sections.push_back(owned("customers", std::move(bytes)));
  bytes = {};
  put_dictionary(bytes, table.events);
  sections.push_back(owned("events", std::move(bytes)));
  bytes = {};
  put_dictionary(bytes, table.channels);
  sections.push_back(owned("channels", std::move(bytes)));
  if (table.has_session()) {
    bytes = {};
    put_dictionary(bytes, table.sessions);
    sections.push_back(owned("sessions", std::move(bytes)));
  }
  // An attribute is two sections: its name and values (small, built here),
  // then its value ids (per event, written without a copy).
  for (size_t i = 0; i < table.attributes.size(); ++i) {
    const AttributeColumn& a = table.attributes[i];
    bytes = {};
    put_string(bytes, a.name);
    pad(bytes);
    put_dictionary(bytes, a.values);
    sections.push_back(owned(fmt::format("attr.{}", i), std::move(bytes)));
    sections.push_back(column<uint32_t>(fmt::format("attr.{}.of", i), a.of));
  }
  bytes = {};
  put_u64(bytes, source.rows);
  put_u64(bytes, source.rejected);
  put_string(bytes, source.format);
  put_string(bytes, source.time_format);
  sections.push_back(owned("source", std::move(bytes)));

  // Lay out: header, then each section on an 8-byte boundary.
  const uint64_t header_bytes = kStoreFixedHeader + kStoreEntryBytes * sections.size();
  uint64_t at_byte = store_align(header_bytes);
  for (auto& s : sections) {
    s.offset = at_byte;
    s.checksum = store_checksum(s.bytes(), s.length(), kStoreVersion);
    at_byte = store_align(s.offset + s.length());
  }
  const uint64_t file_bytes = at_byte;

  std::string header(header_bytes, '\0');
  auto set32 = [&](size_t off, uint32_t v) { std::memcpy(header.data() + off, &v, 4); };
  auto set64 = [&](size_t off, uint64_t v) { std::memcpy(header.data() + off, &v, 8); };
  std::memcpy(header.data(), kStoreMagic.data(), kStoreMagic.size());
  set32(store_offset::kVersion, kStoreVersion);
  set32(store_offset::kHeaderBytes, static_cast<uint32_t>(header_bytes));
  set64(store_offset::kFileBytes, file_bytes);
  set64(store_offset::kEvents, table.size());
  set64(store_offset::kCustomers, table.customers.size());
  set32(store_offset::kFlags, flags);
  set32(store_offset::kAttributes, static_cast<uint32_t>(table.attributes.size()));
  set32(store_offset::kSections, static_cast<uint32_t>(sections.size()));
  for (size_t i = 0; i < sections.size(); ++i) {
    size_t e = kStoreFixedHeader + i * kStoreEntryBytes;
    std::memcpy(header.data() + e, sections[i].name.data(),
                std::min(sections[i].name.size(), kStoreNameBytes - 1));
    set64(e + kStoreNameBytes, sections[i].offset);
    set64(e + kStoreNameBytes + 8, sections[i].length());
    set64(e + kStoreNameBytes + 16, sections[i].checksum);
  }
  set64(store_offset::kChecksum, store_checksum(header.data(), header.size(), kStoreVersion));

  write_output(path, [&](Output& out) {
    static const char zeros[kStoreAlign] = {};
    uint64_t written = 0;
    auto write = [&](const void* p, uint64_t n) {
      written += n;
      return out.write(p, n);
    };
    bool ok = write(header.data(), header.size());
    for (const auto& s : sections)
      ok = ok && write(zeros, s.offset - written) && write(s.bytes(), s.length());
    if (ok) write(zeros, file_bytes - written);
  });
  return file_bytes;
}

}  // namespace cjm
