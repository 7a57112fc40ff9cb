#include "reader/join_parts.h"

#include <functional>
#include <type_traits>

#include "core/parallel.h"

namespace cjm::reader {

void join_parts(EventTable& t, const RowBuilder& b, const std::vector<EventTable*>& parts,
                const std::vector<RowBuilder::Remap>& remaps, const Windows* windows,
                unsigned threads) {
  auto collect = [&](auto member) {
    std::vector<std::remove_reference_t<decltype(parts[0]->*member)>*> out;
    for (EventTable* p : parts) out.push_back(&(p->*member));
    return out;
  };
  // The largest first.
  std::vector<std::function<void()>> tasks;
  tasks.push_back([&] {
    concat(t.time_us, collect(&EventTable::time_us), windows, [](size_t, int64_t v) { return v; });
  });
  tasks.push_back([&] {
    concat(t.customer, collect(&EventTable::customer), windows,
           [&](size_t i, uint32_t v) { return remaps[i].customer[v]; });
  });
  tasks.push_back([&] {
    concat(t.event, collect(&EventTable::event), windows,
           [&](size_t i, uint32_t v) { return remaps[i].event[v]; });
  });
  if (b.has(kChannel))
    tasks.push_back([&] {
      concat(t.channel, collect(&EventTable::channel), windows, [&](size_t i, uint32_t v) {
        return v == kNoChannel ? kNoChannel : remaps[i].channel[v];
      });
    });
  if (b.has(kValue))
    tasks.push_back([&] {
      concat(t.value, collect(&EventTable::value), windows, [](size_t, int64_t v) { return v; });
    });
  if (b.has(kScore))
    tasks.push_back([&] {
      concat(t.score, collect(&EventTable::score), windows, [](size_t, float v) { return v; });
    });
  if (b.has(kSession))
    tasks.push_back([&] {
      concat(t.session, collect(&EventTable::session), windows,
             [&](size_t i, uint32_t v) { return remaps[i].session[v]; });
    });
  for (size_t a = 0; a < t.attributes.size(); ++a)
    tasks.push_back([&, a] {
      std::vector<Column<uint32_t>*> of;
      for (EventTable* p : parts) of.push_back(&p->attributes[a].of);
      concat(t.attributes[a].of, of, windows,
             [&](size_t i, uint32_t v) { return remaps[i].attribute[a][v]; });
    });
  run_tasks(tasks, threads);
}

}  // namespace cjm::reader
