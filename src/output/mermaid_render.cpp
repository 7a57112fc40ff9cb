// Mermaid `journey` diagram of a JourneyMap (format: output/map_exports.h).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>

#include "core/error.h"
#include "output/format_util.h"
#include "output/map_exports.h"

namespace cjm {
namespace {

constexpr size_t kMaxTasks = 5;

// Decodes the code point at text[i] of valid UTF-8 (as left by fmtutil::clean)
// and returns its length in bytes.
size_t decode(std::string_view text, size_t i, uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  size_t len = 1;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  } else if (b0 < 0xE0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 < 0xF0) {
    len = 3;
    cp = b0 & 0x0F;
  } else {
    len = 4;
    cp = b0 & 0x07;
  }
  for (size_t k = 1; k < len && i + k < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return std::min(len, text.size() - i);
}

// The white space of JavaScript's `\s` (what Mermaid's lexer skips).
bool is_js_space(uint32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

bool starts_with_keyword(std::string_view text) {
  static constexpr std::array<std::string_view, 5> kKeywords = {"journey", "title", "section",
                                                                "acctitle", "accdescr"};
  for (const std::string_view keyword : kKeywords) {
    if (text.size() < keyword.size()) continue;
    bool same = true;
    for (size_t i = 0; i < keyword.size() && same; ++i) {
      const char c = text[i];
      const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      same = lower == keyword[i];
    }
    if (same) return true;
  }
  return false;
}

// Where a name goes: the title or a section (the keyword owns the line), a
// task name (its own token), or an actor (split on commas).
enum class Place { kLine, kTask, kActor };

// A name made safe for Mermaid (see map_exports.h).
std::string mermaid_text(std::string_view raw, Place place) {
  const std::string text = fmtutil::clean(raw, " ");
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    const size_t len = decode(text, i, cp);
    const std::string_view bytes(text.data() + i, len);
    i += len;
    if (is_js_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    switch (cp) {
      case ':':
        out += "\u2236";
        break;
      case '#':
        out += "\uFF03";
        break;
      case ';':
        out += "\uFF1B";
        break;
      case '%':
        out += "\uFF05";
        break;
      case '<':
        out += "\u2039";
        break;
      case '>':
        out += "\u203A";
        break;
      case '&':
        out += "\uFF06";
        break;
      case ',':
        if (place == Place::kActor) {
          out += "\u201A";
        } else {
          out += ',';
        }
        break;
      default:
        out.append(bytes);
    }
  }
  if (out.empty()) return "(unnamed)";
  if (place == Place::kTask && starts_with_keyword(out)) out.insert(0, "\u200B");
  return out;
}

// The stage's emotion on Mermaid's 1..5 scale (see map_exports.h).
int mermaid_score(const Emotion& emotion) {
  if (emotion.count == 0) return 3;
  const double max_score =
      emotion.distribution.empty() ? emotion.mean : emotion.distribution.rbegin()->first;
  const double scaled = max_score > 5 ? 1 + emotion.mean * 4 / 10 : emotion.mean;
  if (std::isnan(scaled)) return 3;
  return static_cast<int>(std::clamp(std::round(scaled), 1.0, 5.0));
}

}  // namespace

std::string render_mermaid(const JourneyMap& map, size_t segment) {
  if (segment >= map.segments.size()) {
    throw Error(
        fmt::format("map segment {} does not exist (the map has {})", segment, map.segments.size()),
        ExitCode::kUsage);
  }
  const MapSegment& seg = map.segments[segment];
  std::string out = "journey\n";
  out += fmt::format("  title {}\n", mermaid_text(map.title, Place::kLine));
  for (size_t k = 0; k < seg.stages.size(); ++k) {
    const MapStage& stage = seg.stages[k];
    std::string actors;
    if (segment != 0) {
      actors = mermaid_text(seg.name, Place::kActor);
    } else if (map.segments.size() == 1) {
      actors = map.unit == "visit" ? "All visits" : "All customers";
    } else {
      for (size_t p = 1; p < map.segments.size(); ++p) {
        const auto& stages = map.segments[p].stages;
        if (k < stages.size() && stages[k].reached > 0) {
          if (!actors.empty()) actors += ", ";
          actors += mermaid_text(map.segments[p].name, Place::kActor);
        }
      }
    }
    const std::string data = actors.empty()
                                 ? fmt::format("{}", mermaid_score(stage.emotion))
                                 : fmt::format("{}: {}", mermaid_score(stage.emotion), actors);
    const std::string_view stage_name = stage.name.empty() ? stage.id : stage.name;
    out += fmt::format("  section {}\n", mermaid_text(stage_name, Place::kLine));
    if (stage.touchpoints.empty()) {
      out += fmt::format("    {}: {}\n", mermaid_text(stage_name, Place::kTask), data);
      continue;
    }
    const size_t n = std::min(kMaxTasks, stage.touchpoints.size());
    for (size_t t = 0; t < n; ++t) {
      out +=
          fmt::format("    {}: {}\n", mermaid_text(stage.touchpoints[t].name, Place::kTask), data);
    }
  }
  return out;
}

}  // namespace cjm
