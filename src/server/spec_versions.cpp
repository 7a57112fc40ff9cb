#include "server/spec_versions.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/error.h"

namespace fs = std::filesystem;

namespace cjm::server {

namespace {

bool same_data(const DataSpec& a, const DataSpec& b) {
  return a.customer == b.customer && a.time == b.time && a.event == b.event &&
         a.channel == b.channel && a.value == b.value && a.score == b.score &&
         a.session == b.session;
}

// The version a history file holds (its name is the number), or nullopt.
std::optional<uint64_t> version_number(const fs::path& file) {
  const std::string stem = file.stem().string();
  if (file.extension() != ".yaml" || stem.empty() || stem.size() > 18 ||
      !std::all_of(stem.begin(), stem.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoull(stem);
}

}  // namespace

SpecVersions::SpecVersions(const std::string& spec_path, const std::string& dir)
    : spec_path_(spec_path), history_dir_((fs::path(dir) / "spec-history").string()) {
  text_ = read_file(spec_path_);
  spec_ = parse_spec(text_, spec_path_);
}

std::optional<JourneySpec> SpecVersions::check(const std::string& text,
                                               SpecProblem& problem) const {
  try {
    JourneySpec spec = parse_spec(text, spec_path_);
    std::lock_guard lock(mu_);
    if (!same_data(spec.data, spec_.data)) {
      problem = {0,
                 "the data: block cannot change while the server runs (the received events "
                 "were mapped with it); restart the server with the new spec"};
      return std::nullopt;
    }
    return spec;
  } catch (const Error& e) {
    problem = {e.line(), e.line() > 0 ? e.reason() : std::string(e.what())};
    return std::nullopt;
  }
}

std::optional<JourneySpec> SpecVersions::save(const std::string& text, SpecProblem& problem) {
  auto spec = check(text, problem);
  if (!spec) return std::nullopt;
  std::lock_guard lock(mu_);
  fs::create_directories(history_dir_);
  uint64_t next = 1;
  for (const auto& e : fs::directory_iterator(history_dir_))
    if (auto v = version_number(e.path())) next = std::max<uint64_t>(next, *v + 1);
  write_file_atomic(path_of(next), text_);
  write_file_atomic(spec_path_, text);
  text_ = text;
  spec_ = *spec;
  return spec;
}

std::string SpecVersions::text() const {
  std::lock_guard lock(mu_);
  return text_;
}

JourneySpec SpecVersions::spec() const {
  std::lock_guard lock(mu_);
  return spec_;
}

std::vector<uint64_t> SpecVersions::history() const {
  std::lock_guard lock(mu_);
  std::vector<uint64_t> out;
  if (!fs::is_directory(history_dir_)) return out;
  for (const auto& e : fs::directory_iterator(history_dir_))
    if (auto v = version_number(e.path())) out.push_back(*v);
  std::sort(out.begin(), out.end());
  return out;
}

std::string SpecVersions::version_text(uint64_t version) const {
  std::lock_guard lock(mu_);
  const std::string path = path_of(version);
  return fs::exists(path) ? read_file(path) : std::string();
}

std::string SpecVersions::path_of(uint64_t version) const {
  return (fs::path(history_dir_) / fmt::format("{:06}.yaml", version)).string();
}

}  // namespace cjm::server
