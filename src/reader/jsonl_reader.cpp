#include "reader/jsonl_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <deque>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"
#include "reader/json_text.h"
#include "reader/text.h"

namespace cjm::reader {

namespace {

static_assert(kPadding >= simdjson::SIMDJSON_PADDING);

// The slots of an object's keys.
class KeySlots {
 public:
  explicit KeySlots(RowBuilder& b) : b_(b) {
    for (int r = 0; r < kRoles; ++r)
      if (!b.name(r).empty()) slot_of_.emplace(b.name(r), r);
  }

  // The slot of `key`, the key at `position` of its object. A key never seen
  // before becomes an attribute column (or enables its optional column). Lines
  // usually list the same keys in the same order: the previous line's key at
  // the same position is checked first.
  Slot slot_for(size_t position, std::string_view key) {
    if (position < last_keys_.size() && last_keys_[position].first == key)
      return last_keys_[position].second;
    Slot slot;
    auto it = slot_of_.find(std::string(key));
    if (it != slot_of_.end()) {
      slot = it->second;
    } else {
      slot = attribute_slot(b_.add_attribute(std::string(key)));
      slot_of_.emplace(std::string(key), slot);
    }
    if (slot >= kChannel && !is_attribute(slot)) b_.enable(slot);
    if (position >= last_keys_.size()) last_keys_.resize(position + 1);
    last_keys_[position] = {std::string(key), slot};
    return slot;
  }

 private:
  RowBuilder& b_;
  std::unordered_map<std::string, Slot> slot_of_;
  std::vector<std::pair<std::string, Slot>> last_keys_;  // key order of the previous line
};

// Maps each line to a row of its builder.
class JsonlLines {
 public:
  explicit JsonlLines(RowBuilder& b) : b_(b), keys_(b) {}

  // Parses the line data[0, len) (kPadding readable bytes follow it), which
  // starts at `line`, and adds or rejects it.
  void add(const char* data, size_t len, uint64_t line) {
    simdjson::dom::element doc;
    auto err = parser_.parse(data, len, false).get(doc);
    if (err)
      return b_.reject(line, std::string("invalid JSON (") + simdjson::error_message(err) + "): '" +
                                 printable(std::string_view(data, len)) + "'");
    simdjson::dom::object obj;
    if (doc.get_object().get(obj))
      return b_.reject(line, "not a JSON object: '" + printable(std::string_view(data, len)) + "'");
    for (int r = 0; r < kRoles; ++r) {
      row_.v[r] = {};
      row_.present[r] = false;
    }
    std::vector<std::string_view>& attrs = b_.attr_values();
    std::fill(attrs.begin(), attrs.end(), std::string_view());
    size_t position = 0;
    for (auto field : obj) {
      const Slot slot = keys_.slot_for(position++, field.key);
      if (text_.size() <= static_cast<size_t>(slot)) text_.resize(static_cast<size_t>(slot) + 1);
      b_.set(row_, slot, json_value_text(field.value, text_[static_cast<size_t>(slot)]));
      if (!is_attribute(slot)) row_.present[slot] = true;
    }
    b_.add(line, row_);
  }

 private:
  RowBuilder& b_;
  KeySlots keys_;
  simdjson::dom::parser parser_;
  Row row_;
  std::deque<std::string> text_;  // formatted values, per slot (stable addresses)
};

}  // namespace

void read_jsonl(BlockInput& in, const std::string& display, RowBuilder& b) {
  EventTable& t = b.table();
  JsonlLines lines(b);
  uint64_t line = 1;
  bool first_block = true;
  for (;;) {
    in.fill(line);
    if (first_block) {
      check_start(in, InputFormat::kJsonl, display);
      first_block = false;
    }
    uint64_t rows_before = t.size();
    char* d = in.data();
    size_t size = in.size();
    size_t pos = 0;
    while (pos < size) {
      const void* nl = std::memchr(d + pos, '\n', size - pos);
      if (!nl && !in.eof()) break;
      size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - d) : size;
      if (!trim(std::string_view(d + pos, end - pos)).empty()) lines.add(d + pos, end - pos, line);
      ++line;
      pos = nl ? end + 1 : size;
    }
    if (in.eof()) break;
    if (rows_before == 0 && t.size() > 0) b.reserve(estimate_rows(in.file_size(), pos, t.size()));
    in.consume(pos);
  }
}

}  // namespace cjm::reader
