// The .cjm binary store: constants and the fixed header layout shared by the
// writer and the reader. The byte layout is documented in docs/store-format.md;
// change both together, and bump kStoreVersion on any incompatible change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cjm {

// The first 8 bytes of every store file.
inline constexpr std::string_view kStoreMagic = "CJMSTORE";
// The format version this build writes and the only one it reads. Version 3
// keeps attributes per event (versions 1 and 2 kept one value per customer),
// may hold a session column, and holds values exactly (64-bit
// ten-thousandths, not 32-bit floats); older stores are refused with a message to
// import the events again (docs/store-format.md, "Compatibility").
inline constexpr uint32_t kStoreVersion = 3;

// Header field offsets (all integers little-endian). The fixed part is
// kStoreFixedHeader bytes, followed by `sections` entries of kStoreEntryBytes.
inline constexpr size_t kStoreFixedHeader = 64;
inline constexpr size_t kStoreEntryBytes = 48;
inline constexpr size_t kStoreNameBytes = 24;  // section name, NUL-padded
namespace store_offset {
inline constexpr size_t kMagic = 0;         // char[8]
inline constexpr size_t kVersion = 8;       // u32
inline constexpr size_t kHeaderBytes = 12;  // u32: fixed part + section table
inline constexpr size_t kFileBytes = 16;    // u64: whole file
inline constexpr size_t kEvents = 24;       // u64
inline constexpr size_t kCustomers = 32;    // u64 (= journeys)
inline constexpr size_t kFlags = 40;        // u32: kStoreHas*
inline constexpr size_t kAttributes = 44;   // u32
inline constexpr size_t kSections = 48;     // u32
inline constexpr size_t kReserved = 52;     // u32, 0
inline constexpr size_t kChecksum = 56;     // u64: checksum of the header with this field 0
}  // namespace store_offset

// Header flags: which optional per-event columns are present.
inline constexpr uint32_t kStoreHasChannel = 1u << 0;
inline constexpr uint32_t kStoreHasValue = 1u << 1;
inline constexpr uint32_t kStoreHasScore = 1u << 2;
inline constexpr uint32_t kStoreHasSession = 1u << 3;  // `session` column, `sessions` dictionary
inline constexpr uint32_t kStoreKnownFlags =
    kStoreHasChannel | kStoreHasValue | kStoreHasScore | kStoreHasSession;

// Sections start on this boundary so columns can be used in place.
inline constexpr size_t kStoreAlign = 8;
inline constexpr uint64_t store_align(uint64_t n) {
  return (n + kStoreAlign - 1) / kStoreAlign * kStoreAlign;
}

// Where the events of a store came from, kept so that analysing a store
// reports the same input summary as analysing the original log.
struct StoreSource {
  std::string format;       // format of the imported log: csv, tsv, jsonl
  std::string time_format;  // time format used / detected at import
  uint64_t rows = 0;        // data rows read at import (accepted + rejected)
  uint64_t rejected = 0;    // rows rejected at import
};

}  // namespace cjm
