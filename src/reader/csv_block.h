// Internal: splits a byte range of CSV/TSV text into records and fields.
//
// The splitter works on a mutable buffer so quoted fields can be unescaped in
// place (an unescaped field is never longer than its raw bytes); fields are
// string_views into the buffer, valid until the buffer is reused. It only
// touches complete records, so a caller can feed a file block by block and carry
// the unconsumed tail over to the next block; a range that starts at a record
// boundary can be parsed independently of the others.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace cjm::csv {

// Quoting rules (RFC 4180, lenient): a field that starts with '"' is quoted and
// may contain delimiters, newlines and doubled quotes ""; bytes after its
// closing quote up to the next delimiter are kept as they are. A '"' inside an
// unquoted field is an ordinary byte. "\r\n" ends a record like "\n".

// Finds the end of the record starting at data[0]. Returns the index of the
// terminating '\n', or `size` if none was found (the record is incomplete
// unless the input ends there). `newlines` counts the newlines inside quoted
// fields; `unterminated` is set when the range ends inside a quoted field.
inline size_t find_record_end(const char* data, size_t size, char delim, uint64_t& newlines,
                              bool& unterminated) {
  newlines = 0;
  unterminated = false;
  const void* nl = std::memchr(data, '\n', size);
  size_t nl_pos = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) : size;
  // Fast path: no quote before the newline.
  if (!std::memchr(data, '"', nl_pos)) return nl_pos;
  bool field_start = true;
  for (size_t p = 0; p < size; ++p) {
    char c = data[p];
    if (c == '\n') return p;
    if (c == delim) {
      field_start = true;
      continue;
    }
    if (c == '"' && field_start) {
      // Inside a quoted field until a '"' that is not doubled.
      ++p;
      for (;; ++p) {
        if (p >= size) {
          unterminated = true;
          return size;
        }
        if (data[p] == '"') {
          if (p + 1 < size && data[p + 1] == '"') {
            ++p;
            continue;
          }
          break;
        }
        if (data[p] == '\n') ++newlines;
      }
    }
    field_start = false;
  }
  return size;
}

// Splits one complete record data[0, size) (no line terminator) into `fields`,
// unescaping quoted fields in place.
inline void split_record(char* data, size_t size, char delim,
                         std::vector<std::string_view>& fields) {
  fields.clear();
  size_t p = 0;
  for (;;) {
    size_t r;
    if (p < size && data[p] == '"') {
      size_t start = p;
      size_t w = p;
      r = p + 1;
      while (r < size) {
        if (data[r] == '"') {
          if (r + 1 < size && data[r + 1] == '"') {
            data[w++] = '"';
            r += 2;
            continue;
          }
          ++r;
          break;
        }
        data[w++] = data[r++];
      }
      while (r < size && data[r] != delim) data[w++] = data[r++];
      fields.emplace_back(data + start, w - start);
    } else {
      const void* d = std::memchr(data + p, delim, size - p);
      r = d ? static_cast<size_t>(static_cast<const char*>(d) - data) : size;
      fields.emplace_back(data + p, r - p);
    }
    if (r >= size) break;
    p = r + 1;
  }
}

// Parses the complete records of data[0, size). With `at_eof`, the range ends
// the input and every byte is consumed; otherwise a trailing incomplete record
// is left. Calls sink(fields, line, unterminated_quote) for each non-blank
// record, where `line` is the 1-based physical line of its first byte; `line`
// (in/out) is the line number at data[0]. Returns the number of bytes consumed.
template <class Sink>
size_t parse_block(char* data, size_t size, bool at_eof, char delim, uint64_t& line,
                   std::vector<std::string_view>& fields, Sink&& sink) {
  size_t pos = 0;
  while (pos < size) {
    uint64_t inner_newlines;
    bool unterminated;
    size_t end = find_record_end(data + pos, size - pos, delim, inner_newlines, unterminated);
    bool has_newline = end < size - pos;
    if (!has_newline && !at_eof) break;
    size_t len = end;
    if (len > 0 && data[pos + len - 1] == '\r' && !unterminated) --len;
    if (len > 0) {
      split_record(data + pos, len, delim, fields);
      sink(fields, line, unterminated);
    }
    line += inner_newlines + (has_newline ? 1 : 0);
    pos += end + (has_newline ? 1 : 0);
  }
  return pos;
}

}  // namespace cjm::csv
