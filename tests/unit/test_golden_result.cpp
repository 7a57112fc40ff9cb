// The whole result of the bundled example (examples/shop, `cjm analyze
// --format json` with two threads) against the committed file
// tests/golden/shop_result/result.json, byte for byte: any change of any
// figure, key or formatting shows here and must be explained in the commit
// that updates the file (tests/golden/shop_result/README.md).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "app/run_analysis.h"
#include "output/render.h"

namespace cjm {
namespace {

std::string golden_path() {
  return std::string(CJM_SOURCE_DIR) + "/tests/golden/shop_result/result.json";
}

std::string shop_result() {
  RunOptions run;
  run.spec_path = "examples/shop/journey.yaml";
  run.events_path = "examples/shop/events.csv";
  run.report_to_stderr = false;
  run.analyze.threads = 2;
  // Paths relative to the source tree, as the committed file names them.
  const std::string root = std::string(CJM_SOURCE_DIR) + "/";
  RunOptions abs = run;
  abs.spec_path = root + run.spec_path;
  abs.events_path = root + run.events_path;
  AnalysisResult r = run_analysis(abs);
  r.input.path = run.events_path;
  return render_json(r);
}

TEST(GoldenResult, TheShopExampleIsUnchanged) {
  const std::string actual = shop_result();
  std::ifstream in(golden_path(), std::ios::binary);
  ASSERT_TRUE(in) << golden_path() << " missing";
  std::ostringstream expected;
  expected << in.rdbuf();
  if (actual != expected.str()) {
    std::ofstream(::testing::TempDir() + "shop_result.json", std::ios::binary) << actual;
    FAIL() << "the result of examples/shop differs from " << golden_path() << "; the new one is in "
           << ::testing::TempDir() << "shop_result.json (diff them)";
  }
}

}  // namespace
}  // namespace cjm
