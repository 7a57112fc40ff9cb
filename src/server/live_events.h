// LiveEvents: the events the server holds for analysis, as one EventTable
// that grows as messages become durable, plus each customer's latest traits
// (identify calls), which a snapshot adds as attribute columns so that
// personas can filter on them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/event_table.h"
#include "reader/read_events.h"
#include "reader/row_builder.h"
#include "server/message.h"
#include "spec/journey_spec.h"

namespace cjm::server {

class LiveEvents {
 public:
  // Events whose properties name `data`'s channel, value, score and session
  // columns fill those columns; every other property is an attribute.
  explicit LiveEvents(const DataSpec& data);
  LiveEvents(const LiveEvents&) = delete;
  LiveEvents& operator=(const LiveEvents&) = delete;

  // Adds durable messages in log order: an event becomes a row (or a
  // rejected row, counted in rejected(), when the reader's checks refuse a
  // value, e.g. a value that is not a number); traits replace the
  // customer's earlier value of each trait.
  void add(const std::vector<Message>& messages);

  // A copy of the table in input order, with every trait as an attribute
  // column: an event carries its customer's latest value of a trait unless
  // the event's own property of that name has a value.
  EventTable snapshot() const;

  uint64_t events() const { return table_.size(); }
  uint64_t customers() const { return table_.customers.size(); }
  uint64_t rejected() const { return report_.rejected; }
  // The rejected rows so far (count and the first few reasons).
  const ReadReport& report() const { return report_; }

 private:
  void add_event(const Message& m);

  ReadOptions options_;
  ReadReport report_;
  EventTable table_;
  std::string display_ = "received events";
  std::unique_ptr<reader::RowBuilder> builder_;
  std::unordered_map<std::string, size_t> attribute_of_;  // name -> index in table_.attributes
  // Customer -> its traits (name, value), latest value of each.
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> traits_;
  uint64_t line_ = 0;      // messages seen: the "line" of a rejected one
  std::string time_text_;  // the row's time as epoch microseconds
};

// Why LiveEvents would reject an event of `messages` ("message N: reason",
// N counting from 0, for the first such event), or "" when it would take
// them all: ingestion refuses such a request instead of acknowledging an
// event that analysis would then drop.
std::string first_rejected(const std::vector<Message>& messages, const DataSpec& data);

}  // namespace cjm::server
