#include "reader/read_paths.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string_view>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/money.h"
#include "reader/text.h"

namespace cjm {

namespace {

using reader::trim;

bool parse_count(std::string_view s, uint64_t& out) {
  s = trim(s);
  if (s.empty()) return false;
  // Accept "12" and "12.0" (exports of some tools), nothing fractional.
  double d = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(d) || d < 0 ||
      d != std::floor(d) || d > 9.0e15)
    return false;
  out = static_cast<uint64_t>(d);
  return true;
}

}  // namespace

AggregatedPath parse_path_line(const std::string& line, Dictionary& touchpoints) {
  std::vector<std::string_view> fields;
  std::string_view rest(line);
  while (true) {
    const size_t semi = rest.find(';');
    fields.push_back(rest.substr(0, semi));
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  if (fields.size() != 4)
    throw Error(std::to_string(fields.size()) +
                " fields, expected 4 (path;conversions;value;null)");

  AggregatedPath out;
  const std::string_view path = trim(fields[0]);
  if (!path.empty()) {
    std::string_view p = path;
    while (true) {
      const size_t gt = p.find('>');
      const std::string_view name = trim(p.substr(0, gt));
      if (name.empty()) throw Error("empty touchpoint in path '" + std::string(path) + "'");
      // The name attribution gives a path without touchpoints: a touchpoint
      // of that name would be reported merged with it.
      if (name == "(direct)")
        throw Error(
            "touchpoint '(direct)' is reserved for a path with no touchpoint (leave the path "
            "empty)");
      if (out.touches.size() == kMaxPathTouches)
        throw Error("path of more than " + std::to_string(kMaxPathTouches) +
                    " touchpoints (the limit per aggregated path)");
      out.touches.push_back(touchpoints.intern(name));
      if (gt == std::string_view::npos) break;
      p.remove_prefix(gt + 1);
    }
  }
  if (!parse_count(fields[1], out.conversions))
    throw Error("bad total_conversions '" + std::string(trim(fields[1])) +
                "' (expected a whole number >= 0)");
  const std::string_view value = trim(fields[2]);
  if (!value.empty()) {
    const MoneyParse m = parse_money(value, out.value_e4);
    if (m == MoneyParse::kBad)
      throw Error("bad total_conversion_value '" + std::string(value) + "'");
    if (m == MoneyParse::kOutOfRange)
      throw Error("total_conversion_value '" + std::string(value) +
                  "' is out of range (at most 1e12 in magnitude)");
  }
  if (!parse_count(fields[3], out.nulls))
    throw Error("bad total_null '" + std::string(trim(fields[3])) +
                "' (expected a whole number >= 0)");
  return out;
}

PathsInput read_paths(const ReadOptions& options, ReadReport& report) {
  report = ReadReport{};
  report.format = "paths";
  report.time_format = "none";
  const std::string display = options.path == "-" ? "<stdin>" : options.path;
  std::ifstream file;
  if (options.path != "-") {
    file.open(options.path, std::ios::binary);
    if (!file)
      throw Error(display, 0, std::string("cannot open paths file: ") + std::strerror(errno));
  }
  std::istream& in = options.path == "-" ? std::cin : file;

  PathsInput result;
  // Every transition count of the Markov chain is at most the sum over lines
  // of (conversions + nulls) x (touches + 1): kept below 2^64, so no count
  // or total downstream wraps.
  uint64_t steps = 0;
  std::string rejects = options.rejects_path.empty() ? "" : "line\treason\n";
  std::string line;
  uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string_view t = trim(line);
    if (t.empty()) continue;
    if (number == 1 && t.substr(0, 4) == "path") continue;  // header
    ++report.rows;
    AggregatedPath path;
    try {
      if (line.size() > kMaxRowBytes)
        throw Error("line of " + std::to_string(line.size()) + " bytes, more than the limit of " +
                    std::to_string(kMaxRowBytes >> 20) + " MiB");
      path = parse_path_line(line, result.touchpoints);
    } catch (const Error& e) {
      ++report.rejected;
      if (options.strict) throw e.placed(display, number);
      if (!options.rejects_path.empty())
        rejects += std::to_string(number) + "\t" + e.reason() + "\n";
      if (report.first_rejects.size() < options.max_reported)
        report.first_rejects.push_back(Reject{number, e.reason()});
      continue;
    }
    // Not a bad line but a total cjm cannot hold: the whole read fails.
    const unsigned __int128 walk =
        static_cast<unsigned __int128>(path.conversions + path.nulls) * (path.touches.size() + 1);
    if (walk > UINT64_MAX - steps)
      throw Error(display, number,
                  "the paths' counts (conversions and nulls, times path length) add up to "
                  "more than 2^64 (18446744073709551615); cjm cannot count them exactly");
    steps += static_cast<uint64_t>(walk);
    path.line = number;
    result.paths.push_back(std::move(path));
  }
  if (!options.rejects_path.empty()) write_file_atomic(options.rejects_path, rejects);
  return result;
}

}  // namespace cjm
