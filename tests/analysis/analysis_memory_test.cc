// Bounded memory (issue 14): `printline analyze` on a ~200 MB job of each streamed format stays
// under 64 MiB peak RSS and still finds every page and colour page. The documents are written
// to a fresh directory under $TMPDIR and deleted after each case; the peak is wait4's ru_maxrss
// of the real printline process (with any Ghostscript it starts).

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "large_documents.h"
#include "measured_run.h"

namespace printline::analysis::testing {
namespace {

namespace fs = std::filesystem;

constexpr double kPeakRssLimitMib = 64;
constexpr uint64_t kDocumentBytes = 200ull << 20;

class AnalysisMemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "printline-memory-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr) << "cannot create a directory under $TMPDIR";
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Analyses `document` with the printline CLI; checks the peak, the pages and colour pages.
  void expect_bounded(const LargeDocument& document, const std::string& format) {
    ASSERT_GE(document.bytes, kDocumentBytes * 9 / 10) << "the generated document is too small";
    MeasuredRun run =
        run_measured({PRINTLINE_CLI_PATH, "analyze", "--json", document.path.string()},
                     dir_ / "out.json", dir_ / "err.txt", std::chrono::seconds(120));
    fs::remove(document.path);
    ASSERT_TRUE(run.started) << run.error;
    ASSERT_FALSE(run.timed_out) << "printline analyze took over 120 s";
    std::ifstream err(dir_ / "err.txt");
    std::stringstream err_text;
    err_text << err.rdbuf();
    ASSERT_EQ(run.exit_code, 0) << err_text.str();
    std::ifstream out(dir_ / "out.json");
    nlohmann::json analysis = nlohmann::json::parse(out);
    EXPECT_EQ(analysis["format"], format);
    EXPECT_EQ(analysis["page_count"], document.pages);
    EXPECT_EQ(analysis["color_page_count"], document.color_pages);
    EXPECT_LT(run.peak_rss_mib, kPeakRssLimitMib)
        << format << ", " << (document.bytes >> 20) << " MiB: peak RSS " << run.peak_rss_mib
        << " MiB";
    std::cout << format << " " << (document.bytes >> 20) << " MiB, " << document.pages
              << " pages: peak RSS " << run.peak_rss_mib << " MiB, " << run.wall_seconds << " s\n";
  }

  fs::path dir_;
};

TEST_F(AnalysisMemoryTest, ScannedPdfIsReadThroughQpdfFileInput) {
  auto document = write_scan_pdf(dir_ / "scans.pdf", kDocumentBytes);
  expect_bounded(document, "pdf");
}

TEST_F(AnalysisMemoryTest, PdfWithThousandsOfPages) {
  auto document = write_many_pages_pdf(dir_ / "pages.pdf", kDocumentBytes);
  expect_bounded(document, "pdf");
}

TEST_F(AnalysisMemoryTest, PostScriptDscIsReadIncrementally) {
  auto document = write_dsc_postscript(dir_ / "job.ps", kDocumentBytes);
  expect_bounded(document, "postscript");
}

TEST_F(AnalysisMemoryTest, PclXlIsReadIncrementally) {
  auto document = write_pclxl(dir_ / "job.pxl", kDocumentBytes);
  expect_bounded(document, "pcl-xl");
}

}  // namespace
}  // namespace printline::analysis::testing
