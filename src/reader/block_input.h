// Internal: the bytes of an event log, a file or stdin, read in large blocks
// into one growable buffer; and the checks on the first bytes of any input.
//
// Line endings: LF and CRLF are read as they are (the parsers treat "\r\n"
// as a line break). Old Mac text, whose lines end in a lone CR, is read with
// every CR turned into LF as it is read, so that the parsers, line numbers
// and messages see ordinary lines (has_cr_line_endings decides).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "reader/read_events.h"

namespace cjm::reader {

// Bytes kept readable (and zero) past the end of every buffer a reader
// parses, so that SIMD parsers may read a little past the data.
inline constexpr size_t kPadding = 64;

class BlockInput {
 public:
  // Opens `path` ("-": stdin). `display` names it in messages. Throws
  // cjm::Error if it cannot be opened or is a directory.
  BlockInput(const std::string& path, const std::string& display);
  ~BlockInput();
  BlockInput(const BlockInput&) = delete;
  BlockInput& operator=(const BlockInput&) = delete;

  // The bytes read and not consumed, followed by kPadding zero bytes.
  char* data() { return buf_.get(); }
  size_t size() const { return size_; }
  // Whether the input has ended (no more bytes than size()).
  bool eof() const { return eof_; }
  // The size of a regular file; 0 for anything else.
  uint64_t file_size() const { return file_size_; }
  // The open descriptor (stdin's for "-"), e.g. to map a regular file.
  int fd() const { return fd_; }

  // Drops the first `n` bytes, keeping the rest at the front.
  void consume(size_t n);

  // Reads until the buffer is full or the input ends. When the buffer was
  // parsed while full and still is (one record longer than it), doubles it
  // first; past the longest record accepted, throws cjm::Error naming
  // `line_for_message`, where that record starts. The first fill decides
  // whether the input has CR line endings; with them, every CR read becomes
  // LF.
  void fill(uint64_t line_for_message);
  // Whether the input was found to have CR line endings (after a fill).
  bool cr_line_endings() const { return cr_lines_; }

 private:
  void close();

  std::string display_;
  int fd_ = -1;
  bool owned_ = false;
  bool eof_ = false;
  bool parsed_ = false;
  bool filled_ = false;    // fill() has run
  bool cr_lines_ = false;  // CR line endings: CRs become LFs as read
  uint64_t file_size_ = 0;
  std::unique_ptr<char[]> buf_;
  size_t capacity_ = 0;
  size_t size_ = 0;
};

// Checks the first bytes of an input read as `fmt`: returns the number of
// bytes to skip (3 for a UTF-8 byte order mark, else 0); throws cjm::Error
// naming `display` if the input looks gzip-compressed or holds NUL bytes
// (binary, or UTF-16).
size_t check_start(const char* data, size_t size, InputFormat fmt, const std::string& display);

// The same for the first block of `in`, whose byte order mark it consumes.
void check_start(BlockInput& in, InputFormat fmt, const std::string& display);

// Whether text starting with data[0, size) uses old Mac line endings: no LF
// in its first block (16 MiB) but at least one CR. (Text whose lines all end
// in CR has no LF; text with LF or CRLF endings has one in its first line.)
bool has_cr_line_endings(const char* data, size_t size);

// Whether the bytes read so far look like JSON Lines: the first non-blank
// byte (after a UTF-8 byte order mark) is '{'.
bool looks_like_jsonl(BlockInput& in);

// Number of rows expected in the whole input (`file_size` bytes; 0 when not
// known) from `block_rows` rows read in `block_bytes` bytes; 0 if it cannot
// tell.
size_t estimate_rows(uint64_t file_size, size_t block_bytes, uint64_t block_rows);

}  // namespace cjm::reader
