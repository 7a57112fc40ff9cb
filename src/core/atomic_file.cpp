#include "core/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "core/error.h"

namespace cjm {

void write_file_atomic(const std::string& path, std::string_view content) {
  if (path == "-") {
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
    std::cout.flush();
    if (!std::cout) throw Error("cannot write to standard output");
    return;
  }
  write_file_atomic(path, [&](std::FILE* f) {
    return std::fwrite(content.data(), 1, content.size(), f) == content.size();
  });
}

void write_file_atomic(const std::string& path, const std::function<bool(std::FILE*)>& write) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw Error(at(path, 0, std::string("cannot create output: ") + std::strerror(errno)));
  std::unique_ptr<char[]> buffer(new char[1 << 20]);
  std::setvbuf(f, buffer.get(), _IOFBF, 1 << 20);
  bool ok = write(f);
  ok = (std::fflush(f) == 0) && ok;
  ok = (::fsync(::fileno(f)) == 0 || errno == EINVAL) && ok;
  int saved = errno;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    if (ok) saved = errno;
    std::remove(tmp.c_str());
    throw Error(at(path, 0, std::string("cannot write output: ") + std::strerror(saved)));
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(at(path, 0, std::string("cannot open: ") + std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(at(path, 0, "read error"));
  return ss.str();
}

}  // namespace cjm
