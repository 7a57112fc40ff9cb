#include "reader/csv_parallel.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/parallel.h"
#include "reader/column_windows.h"
#include "reader/join_parts.h"

namespace cjm::reader {

namespace {

// One worker's share of a parallel read.
struct Chunk {
  size_t begin = 0, limit = 0, end = 0;
  uint64_t lines = 0;  // physical lines in [begin, end)
  ReadReport report;
  EventTable table;
  std::unique_ptr<RowBuilder> builder;
  std::unique_ptr<CsvReader> reader;
  std::exception_ptr error;

  // A fresh worker with `main`'s columns and header.
  void setup(const ReadOptions& opt, const std::string& display, const CsvReader& main) {
    report = ReadReport{};
    table = EventTable{};
    builder = std::make_unique<RowBuilder>(opt, report, table, display);
    builder->make_worker(main.builder());
    reader = std::make_unique<CsvReader>(main, *builder);
  }
  void run(const MappedFile& map) {
    uint64_t line = 0;
    end = parse_chunk(map, *reader, begin, limit, limit, line);
    lines = line;
  }
};

// Bounds of `threads` byte ranges of [pos, size): range k is [bound[k],
// bound[k + 1]), each but the first starting after a newline.
std::vector<size_t> split_at_newlines(const MappedFile& map, size_t pos, unsigned threads) {
  const char* d = map.data();
  const size_t size = map.size();
  std::vector<size_t> bound(threads + 1, size);
  bound[0] = pos;
  for (unsigned k = 1; k < threads; ++k) {
    size_t target = std::max(bound[k - 1], pos + (size - pos) / threads * k);
    const void* nl = std::memchr(d + target, '\n', size - target);
    bound[k] = nl ? static_cast<size_t>(static_cast<const char*>(nl) - d) + 1 : size;
  }
  return bound;
}

// Gives every column of `t` (the first range's) and of the other chunks'
// tables its window of shared buffers, sized at `rows_per_byte` for each
// range of `bound`.
std::unique_ptr<Windows> make_windows(EventTable& t, const RowBuilder& b,
                                      std::vector<Chunk>& chunks, const std::vector<size_t>& bound,
                                      double rows_per_byte, double margin) {
  const size_t threads = chunks.size();
  std::vector<size_t> bytes;
  for (size_t k = 0; k < threads; ++k) bytes.push_back(bound[k + 1] - bound[k]);
  auto windows = std::make_unique<Windows>(bytes, rows_per_byte, margin, t.size());
  auto adopt = [&](auto member) {
    std::vector<std::remove_reference_t<decltype(t.*member)>*> others;
    for (size_t k = 1; k < threads; ++k) others.push_back(&(chunks[k].table.*member));
    windows->adopt(t.*member, others);
  };
  adopt(&EventTable::customer);
  adopt(&EventTable::time_us);
  adopt(&EventTable::event);
  if (b.has(kChannel)) adopt(&EventTable::channel);
  if (b.has(kValue)) adopt(&EventTable::value);
  if (b.has(kScore)) adopt(&EventTable::score);
  if (b.has(kSession)) adopt(&EventTable::session);
  for (size_t i = 0; i < t.attributes.size(); ++i) {
    std::vector<Column<uint32_t>*> others;
    for (size_t k = 1; k < threads; ++k) others.push_back(&chunks[k].table.attributes[i].of);
    windows->adopt(t.attributes[i].of, others);
  }
  return windows;
}

// Parses the first range [pos, bound[1]) on this thread (advancing `line`)
// while the other chunks run on threads of their own. Returns where the
// first range's last record ends; rethrows its error (the chunks keep theirs).
size_t run_chunks(const MappedFile& map, CsvReader& reader, std::vector<Chunk>& chunks,
                  const std::vector<size_t>& bound, uint64_t& line) {
  std::vector<std::thread> workers;
  for (size_t k = 1; k < chunks.size(); ++k)
    workers.emplace_back([&chunks, &map, k] {
      try {
        chunks[k].run(map);
      } catch (...) {
        chunks[k].error = std::current_exception();
      }
    });
  std::exception_ptr error;
  size_t end = bound[0];
  try {
    end = parse_chunk(map, reader, bound[0], bound[1], map.size(), line);
  } catch (...) {
    error = std::current_exception();
  }
  for (auto& w : workers) w.join();
  if (error) std::rethrow_exception(error);
  return end;
}

// Merges the chunks' builders into `reader`'s in input order (the first
// range ended at `end`, line `line`), first parsing again each chunk whose
// guessed start was wrong. Returns each chunk's remap (index 0 unused).
std::vector<RowBuilder::Remap> absorb_chunks(const MappedFile& map, CsvReader& reader,
                                             const ReadOptions& opt, const std::string& display,
                                             std::vector<Chunk>& chunks, size_t end,
                                             uint64_t line) {
  std::vector<RowBuilder::Remap> remaps(chunks.size());
  for (size_t k = 1; k < chunks.size(); ++k) {
    Chunk& c = chunks[k];
    if (c.begin != end) {
      c.setup(opt, display, reader);
      c.begin = end;
      c.error = nullptr;
      if (c.begin >= c.limit) {
        c.end = c.begin;
        c.lines = 0;
      } else {
        c.run(map);
      }
    }
    if (c.error) std::rethrow_exception(c.error);
    remaps[k] = reader.builder().absorb(*c.builder, line);
    line += c.lines;
    end = c.end;
  }
  return remaps;
}

}  // namespace

void read_csv_parallel(const MappedFile& map, CsvReader& reader, const ReadOptions& opt,
                       const std::string& display, unsigned threads, size_t pos, uint64_t line) {
  RowBuilder& b = reader.builder();
  EventTable& t = b.table();
  const size_t size = map.size();

  // A sample of the rows (a sixteenth of each thread's share at most) sizes
  // the threads' windows.
  const size_t sample_begin = pos, sample_rows = t.size();
  const size_t sample_limit = pos + std::min(kSampleBytes, (size - pos) / (16 * threads) + 1);
  pos = parse_chunk(map, reader, pos, sample_limit, sample_limit, line);

  const std::vector<size_t> bound = split_at_newlines(map, pos, threads);
  std::vector<Chunk> chunks(threads);
  for (unsigned k = 1; k < threads; ++k) {
    chunks[k].begin = bound[k];
    chunks[k].limit = bound[k + 1];
    chunks[k].setup(opt, display, reader);
  }
  std::unique_ptr<Windows> windows;
  if (t.size() > sample_rows && pos > sample_begin)
    windows = make_windows(
        t, b, chunks, bound,
        static_cast<double>(t.size() - sample_rows) / static_cast<double>(pos - sample_begin),
        opt.window_margin);

  const size_t end = run_chunks(map, reader, chunks, bound, line);
  if (ReadProgress* p = b.progress()) p->joining = true;
  std::vector<RowBuilder::Remap> remaps =
      absorb_chunks(map, reader, opt, display, chunks, end, line);
  remaps.erase(remaps.begin());  // the first range's, unused
  std::vector<EventTable*> parts;
  for (size_t k = 1; k < chunks.size(); ++k) parts.push_back(&chunks[k].table);
  join_parts(t, b, parts, remaps, windows.get(), threads);
}

}  // namespace cjm::reader
