// SpecVersions: the spec a server runs with, edited from the browser: the
// spec file itself holds the current version, DIR/spec-history/ every one it
// replaced, so that any can be restored.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "spec/journey_spec.h"

namespace cjm::server {

// Why a spec text is refused: the message, and its line (0: none known).
struct SpecProblem {
  uint64_t line = 0;
  std::string message;
};

class SpecVersions {
 public:
  // The spec at `spec_path` (throws cjm::Error as load_spec does); history
  // in `dir`/spec-history.
  SpecVersions(const std::string& spec_path, const std::string& dir);

  // Parses `text` as the spec would be read from the spec file, and checks
  // that its data: block is the one the server runs with (the received
  // events were mapped with it). Returns the spec, or fills `problem`.
  std::optional<JourneySpec> check(const std::string& text, SpecProblem& problem) const;

  // Makes `text` the current spec: the current one goes to the history, the
  // spec file is replaced (atomically). Returns the spec; fills `problem`
  // and changes nothing if `text` does not pass check().
  std::optional<JourneySpec> save(const std::string& text, SpecProblem& problem);

  // The current text and spec.
  std::string text() const;
  JourneySpec spec() const;
  // The history's version numbers, oldest first, and one version's text
  // ("" when there is no such version).
  std::vector<uint64_t> history() const;
  std::string version_text(uint64_t version) const;

 private:
  std::string path_of(uint64_t version) const;

  mutable std::mutex mu_;
  std::string spec_path_, history_dir_;
  std::string text_;
  JourneySpec spec_;
};

}  // namespace cjm::server
