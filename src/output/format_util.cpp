#include "output/format_util.h"

#include <fmt/format.h>

#include <cmath>

namespace cjm::fmtutil {

namespace {

// Length of the valid UTF-8 sequence starting at text[i] and its code point,
// or 0 when the bytes there are not valid UTF-8.
size_t utf8_sequence(std::string_view text, size_t i, uint32_t& cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  size_t len = 0;
  uint32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_control(uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

}  // namespace

std::optional<double> ratio(uint64_t num, uint64_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

std::string shortest(double value) {
  return fmt::format("{}", value);
}

std::string duration(double seconds) {
  if (std::isnan(seconds)) return "—";
  if (std::isinf(seconds)) return seconds > 0 ? "∞" : "-∞";
  if (seconds < 0) return "-" + duration(-seconds);
  if (seconds < 10 && seconds != std::floor(seconds)) {
    std::string s = fmt::format("{:.1f}", seconds);
    if (s == "10.0") return "10s";
    return s + "s";
  }
  // Whole seconds from here; values too large for an integer stay in days.
  if (seconds >= 1e15) return fmt::format("{:.0f}d", seconds / 86400);
  const auto total = static_cast<uint64_t>(std::llround(seconds));
  const uint64_t d = total / 86400, h = total % 86400 / 3600, m = total % 3600 / 60, s = total % 60;
  const auto two = [](uint64_t big, char bu, uint64_t small, char su) {
    return small == 0 ? fmt::format("{}{}", big, bu) : fmt::format("{}{} {}{}", big, bu, small, su);
  };
  if (d > 0) return two(d, 'd', h, 'h');
  if (h > 0) return two(h, 'h', m, 'm');
  if (m > 0) return two(m, 'm', s, 's');
  return fmt::format("{}s", s);
}

std::string percent(std::optional<double> fraction) {
  if (!fraction || std::isnan(*fraction)) return "—";
  return fmt::format("{:.1f}%", *fraction * 100.0);
}

std::string count(uint64_t value) {
  std::string digits = fmt::format("{}", value);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string score(double value) {
  return fmt::format("{:.2f}", value);
}

std::string clean(std::string_view text, std::string_view replacement) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    const size_t len = utf8_sequence(text, i, cp);
    if (len == 0) {
      out += replacement;
      ++i;
    } else if (is_control(cp)) {
      out += replacement;
      i += len;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

size_t width(std::string_view text) {
  size_t columns = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == 0x1B && i + 1 < text.size() && text[i + 1] == '[') {
      size_t j = i + 2;
      while (j < text.size() && text[j] != 'm') ++j;
      i = j;  // skip the whole SGR sequence
      continue;
    }
    if ((b & 0xC0) != 0x80) ++columns;  // count lead bytes only
  }
  return columns;
}

std::string truncate(std::string_view text, size_t max) {
  if (width(text) <= max) return std::string(text);
  if (max == 0) return {};
  // Keep max-1 columns, then the ellipsis (SGR sequences are kept whole).
  size_t columns = 0, i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == 0x1B && i + 1 < text.size() && text[i + 1] == '[') {
      const size_t end = text.find('m', i);
      if (end == std::string_view::npos) break;
      i = end + 1;
      continue;
    }
    if ((b & 0xC0) != 0x80) {
      if (columns == max - 1) break;
      ++columns;
    }
    ++i;
  }
  return std::string(text.substr(0, i)) + "…";
}

std::string pad_right(std::string_view text, size_t columns) {
  std::string out = truncate(text, columns);
  out.append(columns - width(out), ' ');
  return out;
}

std::string pad_left(std::string_view text, size_t columns) {
  std::string out = truncate(text, columns);
  return std::string(columns - width(out), ' ') + out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    const size_t len = utf8_sequence(text, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    switch (cp) {
      case '|':
        out += "\\|";
        break;
      case '`':
        out += "\\`";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '[':
        out += "\\[";
        break;
      case ']':
        out += "\\]";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        if (is_control(cp)) {
          out += '?';
        } else {
          out.append(text.substr(i, len));
        }
    }
    i += len;
  }
  return out;
}

StageNames::StageNames(const AnalysisResult& r, std::function<std::string(std::string_view)> escape)
    : escape_(std::move(escape)) {
  for (size_t k = 0; k < r.stages.size(); ++k) {
    const StageInfo& s = r.stages[k];
    index_.emplace(s.id, k);
    names_.push_back(escape_(s.name.empty() ? s.id : s.name));
  }
}

std::string StageNames::name_of(const std::string& id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? escape_(id) : names_[it->second];
}

bool StageNames::backward(const Transition& t) const {
  const auto from = index_.find(t.from), to = index_.find(t.to);
  return from != index_.end() && to != index_.end() && to->second < from->second;
}

}  // namespace cjm::fmtutil
