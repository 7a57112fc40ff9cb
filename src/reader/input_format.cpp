#include "reader/input_format.h"

#include "reader/text.h"

namespace cjm::reader {

const char* format_name(InputFormat f) {
  switch (f) {
    case InputFormat::kTsv:
      return "tsv";
    case InputFormat::kJsonl:
      return "jsonl";
    default:
      return "csv";
  }
}

const char* format_description(InputFormat f) {
  switch (f) {
    case InputFormat::kTsv:
      return "a text TSV file";
    case InputFormat::kJsonl:
      return "a text JSON Lines file";
    default:
      return "a text CSV file";
  }
}

InputFormat format_from_extension(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return InputFormat::kCsv;
  std::string ext = lower(path.substr(dot + 1));
  if (ext == "tsv" || ext == "tab") return InputFormat::kTsv;
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") return InputFormat::kJsonl;
  return InputFormat::kCsv;
}

}  // namespace cjm::reader
