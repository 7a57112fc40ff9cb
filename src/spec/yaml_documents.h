// Reading the documents of a YAML text without YAML::LoadAll, which never
// returns on some malformed input (yaml-cpp 0.7: a lone "," makes the parser
// yield one empty document after another, forever).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace cjm {

struct YamlDocuments {
  YAML::Node first;     // the first document (Null if there is none)
  int second_line = 0;  // 1-based line where a second, non-empty document starts; 0: none
};

// The first document of `text`, and where a second non-empty one starts.
// Documents after the first are examined up to a fixed count (empty ones
// are allowed, as "---" separators at the end of a file). Throws
// YAML::Exception on a syntax error, like YAML::Load.
YamlDocuments load_yaml_documents(const std::string& text);

}  // namespace cjm
