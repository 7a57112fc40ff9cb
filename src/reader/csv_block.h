// Internal: splits a byte range of CSV/TSV text into records and fields.
//
// The splitter never writes to its input (which may be a read-only memory
// map): fields are string_views into the input, or into a scratch buffer for
// quoted fields that need unescaping, valid until either is reused. It only
// touches complete records, so a caller can feed a file block by block and carry
// the unconsumed tail over to the next block; a range that starts at a record
// boundary can be parsed independently of the others.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cjm::csv {

// Quoting rules (RFC 4180, lenient): a field that starts with '"' is quoted and
// may contain delimiters, newlines and doubled quotes ""; bytes after its
// closing quote up to the next delimiter are kept as they are. A '"' inside an
// unquoted field is an ordinary byte. "\r\n" ends a record like "\n".

// The physical lines a record occupies.
struct RecordLines {
  uint64_t first = 0;         // 1-based line of its first byte
  uint64_t last = 0;          // line of its last byte: > first when a quoted field holds newlines
  bool unterminated = false;  // the input ended inside one of its quoted fields
};

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

// Splits one complete record data[0, size) (no line terminator) into `fields`.
// The input is never modified: a quoted field that needs unescaping is copied
// into `scratch` (grown to at least `size` bytes first, so views stay valid).
inline void split_record(const char* data, size_t size, char delim,
                         std::vector<std::string_view>& fields, std::string& scratch) {
  fields.clear();
  if (scratch.size() < size) scratch.resize(size);
  char* out = scratch.data();
  size_t w = 0;  // bytes used in scratch
  size_t p = 0;
  for (;;) {
    size_t r;
    if (p < size && data[p] == '"') {
      // Find the closing quote; a view suffices when there is no doubled quote
      // and the delimiter (or the end) follows it directly.
      r = p + 1;
      bool simple = true;
      while (r < size) {
        if (data[r] == '"') {
          if (r + 1 < size && data[r + 1] == '"') {
            simple = false;
            r += 2;
            continue;
          }
          break;
        }
        ++r;
      }
      size_t close = r;  // index of the closing quote, or size
      if (simple && (close >= size || close + 1 >= size || data[close + 1] == delim)) {
        fields.emplace_back(data + p, close - p);  // keeps the opening quote: fixed below
        fields.back().remove_prefix(1);
        r = close < size ? close + 1 : size;
      } else {
        size_t begin = w;
        r = p + 1;
        while (r < size) {
          if (data[r] == '"') {
            if (r + 1 < size && data[r + 1] == '"') {
              out[w++] = '"';
              r += 2;
              continue;
            }
            ++r;
            break;
          }
          out[w++] = data[r++];
        }
        while (r < size && data[r] != delim) out[w++] = data[r++];
        fields.emplace_back(out + begin, w - begin);
      }
    } else {
      const void* d = std::memchr(data + p, delim, size - p);
      r = d ? static_cast<size_t>(static_cast<const char*>(d) - data) : size;
      fields.emplace_back(data + p, r - p);
    }
    if (r >= size) break;
    p = r + 1;
  }
}

// Splits the record starting at data[pos] when it has no quoted field (the
// common case), scanning 16 bytes at a time for delimiters and newlines.
// Returns false, having consumed nothing, when a field starts with '"' or no
// newline is found before `size`; the caller then uses the general path. On
// success `end` is the index of the terminating '\n'.
inline bool split_simple_record(const char* data, size_t pos, size_t size, char delim,
                                std::vector<std::string_view>& fields, size_t& end) {
  fields.clear();
  size_t field_start = pos;
  size_t p = pos;
#if defined(__SSE2__)
  const __m128i vd = _mm_set1_epi8(delim);
  const __m128i vn = _mm_set1_epi8('\n');
  const __m128i vq = _mm_set1_epi8('"');
  while (p + 16 <= size) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + p));
    unsigned md = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, vd)));
    unsigned mn = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, vn)));
    unsigned mq = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, vq)));
    unsigned m = md | mn | mq;
    while (m) {
      size_t i = p + static_cast<size_t>(__builtin_ctz(m));
      m &= m - 1;
      char c = data[i];
      if (c == '"') {
        if (i == field_start) return false;
        continue;  // a quote inside an unquoted field is an ordinary byte
      }
      if (c == delim) {
        fields.emplace_back(data + field_start, i - field_start);
        field_start = i + 1;
        continue;
      }
      // newline
      size_t last = i;
      if (last > field_start && data[last - 1] == '\r') --last;
      fields.emplace_back(data + field_start, last - field_start);
      end = i;
      return true;
    }
    p += 16;
  }
#endif
  for (; p < size; ++p) {
    char c = data[p];
    if (c == '"') {
      if (p == field_start) return false;
    } else if (c == delim) {
      fields.emplace_back(data + field_start, p - field_start);
      field_start = p + 1;
    } else if (c == '\n') {
      size_t last = p;
      if (last > field_start && data[last - 1] == '\r') --last;
      fields.emplace_back(data + field_start, last - field_start);
      end = p;
      return true;
    }
  }
  return false;
}

// Parses the records of data[0, size) that start before `limit` (the last one
// may extend past `limit`). `begin` must be a record start. With `at_eof`,
// `size` ends the input and every record is complete; otherwise a trailing
// record with no newline is left unconsumed. Calls sink(fields, RecordLines)
// for each non-blank record; `line` (in/out) is the line number at
// data[begin]. Returns the index just past the last record consumed.
template <class Sink>
size_t parse_range(const char* data, size_t begin, size_t limit, size_t size, bool at_eof,
                   char delim, uint64_t& line, std::vector<std::string_view>& fields,
                   std::string& scratch, Sink&& sink) {
  size_t pos = begin;
  while (pos < limit && pos < size) {
    size_t nl;
    if (split_simple_record(data, pos, size, delim, fields, nl)) {
      // A record of only "\r" (or nothing) is blank.
      if (!(fields.size() == 1 && fields[0].empty())) sink(fields, RecordLines{line, line, false});
      ++line;
      pos = nl + 1;
      continue;
    }
    uint64_t inner_newlines;
    bool unterminated;
    size_t end = find_record_end(data + pos, size - pos, delim, inner_newlines, unterminated);
    bool has_newline = end < size - pos;
    if (!has_newline && !at_eof) break;
    size_t len = end;
    if (len > 0 && data[pos + len - 1] == '\r' && !unterminated) --len;
    if (len > 0) {
      split_record(data + pos, len, delim, fields, scratch);
      // An unterminated record ends with the input: a newline there ends
      // its last line rather than starting another.
      const uint64_t last = line + inner_newlines -
                            (unterminated && inner_newlines > 0 && data[size - 1] == '\n' ? 1 : 0);
      sink(fields, RecordLines{line, last, unterminated});
    }
    line += inner_newlines + (has_newline ? 1 : 0);
    pos += end + (has_newline ? 1 : 0);
  }
  return pos;
}

// Parses the complete records of data[0, size); see parse_range. Returns the
// number of bytes consumed.
template <class Sink>
size_t parse_block(const char* data, size_t size, bool at_eof, char delim, uint64_t& line,
                   std::vector<std::string_view>& fields, std::string& scratch, Sink&& sink) {
  return parse_range(data, 0, size, size, at_eof, delim, line, fields, scratch, sink);
}

}  // namespace cjm::csv
