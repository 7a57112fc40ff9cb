#include "app/run_init.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "app/read_progress.h"
#include "app/run_analysis.h"
#include "core/error.h"
#include "core/progress.h"
#include "reader/read_sample.h"
#include "storage/store_reader.h"

namespace cjm {

namespace {

// Standard input copied into a temporary file, removed when this goes.
class SpooledStdin {
 public:
  SpooledStdin() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/cjm-init-XXXXXX";
    const int fd = ::mkstemp(path_.data());
    if (fd < 0)
      throw Error("<stdin>: cannot keep standard input in a temporary file (" + path_ +
                  "): " + std::strerror(errno));
    std::vector<char> buf(size_t{1} << 20);
    for (;;) {
      const ssize_t n = ::read(STDIN_FILENO, buf.data(), buf.size());
      if (n == 0) break;
      if (n < 0 && errno == EINTR) continue;
      bool ok = n > 0;
      for (ssize_t w = 0; ok && w < n;) {
        const ssize_t m = ::write(fd, buf.data() + w, static_cast<size_t>(n - w));
        if (m < 0 && errno == EINTR) continue;
        ok = m > 0;
        w += ok ? m : 0;
      }
      if (!ok) {
        const std::string reason = std::strerror(errno);
        ::close(fd);
        ::unlink(path_.c_str());
        throw Error("<stdin>: cannot keep standard input in " + path_ + ": " + reason);
      }
    }
    ::close(fd);
  }
  ~SpooledStdin() { ::unlink(path_.c_str()); }
  SpooledStdin(const SpooledStdin&) = delete;
  SpooledStdin& operator=(const SpooledStdin&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string spec_name(const std::string& path) {
  if (path == "-") return "events";
  const std::string stem = std::filesystem::path(path).stem().string();
  return stem.empty() ? "events" : stem;
}

}  // namespace

InitResult run_init(const InitOptions& options) {
  const std::string display = options.events_path == "-" ? "<stdin>" : options.events_path;
  if (options.format == InputFormat::kCjm || options.format == InputFormat::kPaths ||
      (options.events_path != "-" && is_store_file(options.events_path)))
    throw Error(display, 0,
                "cjm init drafts a spec from an event log (CSV, TSV or JSON Lines with a "
                "customer, a time and an event per row); a .cjm store or aggregated paths "
                "already have their columns mapped");
  std::unique_ptr<SpooledStdin> spooled;
  if (options.events_path == "-") spooled = std::make_unique<SpooledStdin>();
  const std::string path = spooled ? spooled->path() : options.events_path;

  Progress progress(options.report_to_stderr);
  progress.phase("guessing the columns of " + display);
  const RawSample sample = read_sample(path, display, options.format, options.sample_rows);
  const ColumnGuess columns = guess_columns(sample, display);

  ReadOptions read;
  read.path = path;
  read.display = display;  // stdin's temporary copy is not named in messages
  read.format = sample.format;
  read.data = columns.data;
  ReadReport report;
  ReadProgress counters;
  progress.phase("reading " + display);
  read.progress = &counters;
  show_read_progress(progress, counters, path);
  EventTable table = read_events(read, report);
  progress.done(read_rate(path, report.rows, progress.elapsed()));
  if (options.report_to_stderr) report_rejects(display, "", report);

  progress.phase("drafting the spec");
  DraftOptions draft_options;
  draft_options.stages.k = options.stages;
  InitResult out;
  out.draft = draft_spec(columns, table, display, draft_options);
  out.draft.name = spec_name(options.events_path);
  out.draft.rows = report.rows;
  out.draft.rejected = report.rejected;
  out.yaml = draft_yaml(out.draft);
  progress.done();
  return out;
}

}  // namespace cjm
