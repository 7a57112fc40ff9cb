#include "server/access_keys.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/error.h"

namespace cjm::server {

namespace {

// 32 random bytes from the kernel, as 64 hex digits.
std::string random_key(const std::string& dir) {
  unsigned char bytes[32];
  const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  size_t got = 0;
  while (fd >= 0 && got < sizeof bytes) {
    const ssize_t r = ::read(fd, bytes + got, sizeof bytes - got);
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  if (fd >= 0) ::close(fd);
  if (got != sizeof bytes) throw Error(dir, 0, "cannot read random bytes for the access keys");
  static const char* hex = "0123456789abcdef";
  std::string key;
  for (unsigned char b : bytes) {
    key.push_back(hex[b >> 4]);
    key.push_back(hex[b & 15]);
  }
  return key;
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

bool same_secret(std::string_view given, std::string_view secret) {
  if (secret.empty() || given.size() != secret.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < secret.size(); ++i)
    diff |= static_cast<unsigned char>(given[i] ^ secret[i]);
  return diff == 0;
}

AccessKeys load_access_keys(const std::string& dir, bool& created) {
  created = false;
  AccessKeys keys{env("CJM_WRITE_KEY"), env("CJM_READ_TOKEN")};
  if (!keys.write_key.empty() && !keys.read_token.empty()) return keys;
  const std::string path = (std::filesystem::path(dir) / "keys").string();
  AccessKeys stored;
  if (std::filesystem::exists(path)) {
    const std::string text = read_file(path);
    size_t pos = 0;
    uint64_t line = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      const std::string_view l(text.data() + pos, end - pos);
      ++line;
      pos = end + 1;
      if (l.starts_with("write_key="))
        stored.write_key = l.substr(10);
      else if (l.starts_with("read_token="))
        stored.read_token = l.substr(11);
      else if (!l.empty())
        throw Error(path, line, "expected write_key=... or read_token=...");
    }
    if (stored.write_key.empty() || stored.read_token.empty())
      throw Error(path, 0, "needs both write_key= and read_token=");
  } else {
    stored = {random_key(dir), random_key(dir)};
    const std::string text =
        "write_key=" + stored.write_key + "\nread_token=" + stored.read_token + "\n";
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const bool ok = fd >= 0 &&
                    ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                    ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0)
      throw Error(path, 0, "cannot write the access keys");
    created = true;
  }
  if (keys.write_key.empty()) keys.write_key = stored.write_key;
  if (keys.read_token.empty()) keys.read_token = stored.read_token;
  return keys;
}

}  // namespace cjm::server
