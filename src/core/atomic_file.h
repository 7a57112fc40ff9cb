// Writing outputs so that nothing is ever half-written or lost in silence.
//
// Where an output goes decides how it is written:
// - "-": standard output, written straight through;
// - a symbolic link: followed (link after link); its final target is
//   written as below and the link stays;
// - a regular file, or a path that does not exist yet: a temporary file in
//   the same folder is written, flushed, fsync'ed and closed, then renamed
//   over the path, and the folder is fsync'ed; on any failure the temporary
//   file is removed and the previous file is left as it was;
// - anything else that exists (a device such as /dev/null, a FIFO): opened
//   and written straight through, never replaced;
// - a folder: refused.
// Every write, flush, sync, close and rename is checked; a failure throws
// cjm::Error "PATH: cannot write output: REASON" (strerror).
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace cjm {

// Where write_output's callback writes: buffered, every write checked. After
// the first failed write every further one is skipped (and the stream's
// badbit is set); write_output then throws.
class Output {
 public:
  Output(int fd, std::string path);
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output();

  // Appends `size` bytes; false once any write has failed.
  bool write(const void* data, size_t size);
  bool write(std::string_view text) { return write(text.data(), text.size()); }
  // The same output as a std::ostream (for writers that take one); bytes
  // written through it and through write() keep their order.
  std::ostream& stream();

  // Writes out what stream() and write() hold; false (with errno kept in
  // error()) on failure.
  bool flush();
  int error() const { return error_; }

 private:
  class Buf;
  bool write_buffer();  // writes out buffer_ alone
  int fd_;
  std::string path_;
  std::string buffer_;
  int error_ = 0;
  Buf* buf_ = nullptr;
  std::ostream* stream_ = nullptr;
};

// Writes `path` (see above) with what `write` writes to the Output.
void write_output(const std::string& path, const std::function<void(Output&)>& write);

// Writes `content` to `path` (see above).
void write_file_atomic(const std::string& path, std::string_view content);

// One file of a folder written by write_folder_atomic.
struct FolderFile {
  std::string name;  // a plain file name, no '/'
  std::string content;
};

// Writes `files` as the whole content of folder `dir`: into a temporary
// folder beside it (each file fsync'ed, then the folder), renamed into place
// whole. An existing `dir` is swapped with it atomically (renameat2
// RENAME_EXCHANGE, else two renames) and removed only then, so a failure
// leaves the old folder intact. An existing `dir` that holds anything but
// files of these names is refused (it is not a previous output). A symbolic
// link to a folder is followed and the link stays. Missing folders above
// `dir` are created.
void write_folder_atomic(const std::string& dir, const std::vector<FolderFile>& files);

// Reads a whole file. Throws cjm::Error naming the path if it cannot.
std::string read_file(const std::string& path);

}  // namespace cjm
