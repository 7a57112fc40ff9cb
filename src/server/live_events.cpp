#include "server/live_events.h"

#include <fmt/format.h>

#include <algorithm>

namespace cjm::server {

using reader::Row;

LiveEvents::LiveEvents(const DataSpec& data) {
  options_.path = display_;
  options_.display = display_;
  options_.data = data;
  options_.data.time_format = "epoch_us";  // the rows' time is written so
  options_.max_reported = 5;
  builder_ = std::make_unique<reader::RowBuilder>(options_, report_, table_, display_);
}

void LiveEvents::add(const std::vector<Message>& messages) {
  for (const Message& m : messages) {
    ++line_;
    if (m.kind == MessageKind::kEvent) {
      add_event(m);
      continue;
    }
    auto& traits = traits_[m.customer];
    for (const auto& field : m.fields) {
      auto it = std::find_if(traits.begin(), traits.end(),
                             [&](const auto& t) { return t.first == field.first; });
      if (it == traits.end())
        traits.emplace_back(field.first, field.second);
      else
        it->second = field.second;
    }
  }
  builder_->flush();
}

void LiveEvents::add_event(const Message& m) {
  Row row;
  auto put = [&](int role, std::string_view v) {
    row.v[role] = v;
    row.present[role] = true;
  };
  time_text_ = fmt::format("{}", m.time_us);
  put(reader::kCustomer, m.customer);
  put(reader::kTime, time_text_);
  put(reader::kEvent, m.event);
  auto& attrs = builder_->attr_values();
  std::fill(attrs.begin(), attrs.end(), std::string_view());
  const DataSpec& d = options_.data;
  for (const auto& [key, value] : m.fields) {
    int role = -1;
    if (key == d.channel)
      role = reader::kChannel;
    else if (key == d.value)
      role = reader::kValue;
    else if (key == d.score)
      role = reader::kScore;
    else if (!d.session.empty() && key == d.session)
      role = reader::kSession;
    else if (key == d.customer || key == d.time || key == d.event)
      continue;
    if (role >= 0) {
      if (!builder_->has(role)) builder_->enable(role);
      put(role, value);
      continue;
    }
    auto it = attribute_of_.find(key);
    if (it == attribute_of_.end())
      it = attribute_of_.emplace(key, builder_->add_attribute(key)).first;
    builder_->attr_values()[it->second] = value;
  }
  builder_->add(line_, row);
}

EventTable LiveEvents::snapshot() const {
  EventTable t = table_;
  if (traits_.empty() || t.size() == 0) return t;
  // Per customer id: its traits as (column, value id), built once.
  std::vector<int32_t> slot_of(t.customers.size(), -1);
  std::vector<std::vector<std::pair<size_t, uint32_t>>> slots;
  for (const auto& [customer, traits] : traits_) {
    const uint32_t c = t.customers.find(customer);
    if (c == Dictionary::kMissing) continue;  // traits of a customer with no events yet
    std::vector<std::pair<size_t, uint32_t>> ids;
    for (const auto& [name, value] : traits) {
      if (value.empty()) continue;
      int col = t.attribute_index(name);
      if (col < 0) {
        AttributeColumn a;
        a.name = name;
        a.values.intern("");
        a.of.assign(t.size(), 0);
        t.attributes.push_back(std::move(a));
        col = static_cast<int>(t.attributes.size() - 1);
      }
      auto& column = t.attributes[static_cast<size_t>(col)];
      ids.emplace_back(static_cast<size_t>(col), column.values.intern(value));
    }
    slot_of[c] = static_cast<int32_t>(slots.size());
    slots.push_back(std::move(ids));
  }
  std::vector<uint32_t*> of(t.attributes.size());
  for (size_t k = 0; k < of.size(); ++k) of[k] = t.attributes[k].of.mutable_data();
  for (size_t i = 0; i < t.size(); ++i) {
    const int32_t s = slot_of[t.customer[i]];
    if (s < 0) continue;
    for (const auto& [col, id] : slots[static_cast<size_t>(s)])
      if (of[col][i] == 0) of[col][i] = id;
  }
  return t;
}

std::string first_rejected(const std::vector<Message>& messages, const DataSpec& data) {
  LiveEvents probe(data);
  probe.add(messages);
  if (probe.rejected() == 0) return {};
  const Reject& r = probe.report().first_rejects.front();
  return fmt::format("message {}: {}", r.line - 1, r.reason);
}

}  // namespace cjm::server
