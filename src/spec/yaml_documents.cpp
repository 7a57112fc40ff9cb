#include "spec/yaml_documents.h"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <sstream>
#include <string_view>

namespace cjm {

namespace {

// Notes whether a document holds anything but an empty (null) root.
class ContentSeen : public YAML::EventHandler {
 public:
  bool content = false;
  int line = 0;

  void OnDocumentStart(const YAML::Mark&) override { content = false; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { seen(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    seen(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    seen(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    seen(mark);
  }
  void OnMapEnd() override {}

 private:
  // The document's first node: where it starts.
  void seen(const YAML::Mark& mark) {
    if (!content) line = mark.line + 1;
    content = true;
  }
};

// Empty documents examined after the first before giving up looking for a
// second one with content: a real file has at most a few.
constexpr int kMaxDocuments = 64;

// Whether a line starts with a document marker ("---", "...") or a
// directive ("%"): a text without one holds a single document.
bool has_document_markers(const std::string& text) {
  for (size_t at = 0; at < text.size(); at = text.find('\n', at) + 1) {
    const std::string_view line(text.data() + at, std::min<size_t>(3, text.size() - at));
    if (line == "---" || line == "..." || line.substr(0, 1) == "%") return true;
    if (text.find('\n', at) == std::string::npos) break;
  }
  return false;
}

}  // namespace

YamlDocuments load_yaml_documents(const std::string& text) {
  YamlDocuments out;
  out.first = YAML::Load(text);
  if (!has_document_markers(text)) return out;
  std::istringstream in(text);
  YAML::Parser parser(in);
  ContentSeen seen;
  for (int doc = 0; doc < kMaxDocuments && parser.HandleNextDocument(seen); ++doc)
    if (doc > 0 && seen.content) {
      out.second_line = seen.line;
      break;
    }
  return out;
}

}  // namespace cjm
