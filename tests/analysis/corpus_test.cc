// Analysis of real documents that nobody here wrote: the PDFs Debian's cups-filters installs,
// and PostScript / PCL-XL produced by Ghostscript's own devices. Expected values come from
// independent tools run by this test: `qpdf --show-npages` and Ghostscript.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "test_pdf.h"

namespace printline::analysis {
namespace {

namespace fs = std::filesystem;

const fs::path kCupsData = "/usr/share/cups/data";

// Runs a shell command and returns its standard output ("" when it fails to start).
std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return "";
  std::string out;
  std::array<char, 4096> buffer;
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe.get()))
    out.append(buffer.data(), n);
  return out;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// Ghostscript's inkcov verdict per page. With -dUseFastColor an RGB grey becomes equal cyan,
// magenta and yellow, so a page is colour when those three differ.
std::vector<bool> inkcov_color_pages(const fs::path& document) {
  std::istringstream lines(
      run("gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=inkcov "
          "-dUseFastColor=true -sOutputFile=- " +
          quoted(document)));
  std::vector<bool> pages;
  std::string line;
  while (std::getline(lines, line)) {
    double c, m, y, k;
    char model[8] = {};
    if (sscanf(line.c_str(), " %lf %lf %lf %lf %7s", &c, &m, &y, &k, model) == 5 &&
        std::string(model) == "CMYK") {
      double high = std::max({c, m, y}), low = std::min({c, m, y});
      pages.push_back(high - low > 0.000005);
    }
  }
  return pages;
}

std::vector<fs::path> cups_pdfs() {
  std::vector<fs::path> pdfs;
  for (const auto& entry : fs::directory_iterator(kCupsData)) {
    if (entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
  }
  std::sort(pdfs.begin(), pdfs.end());
  return pdfs;
}

std::vector<bool> color_flags(const JobAnalysis& analysis) {
  std::vector<bool> flags;
  for (const PageInfo& page : analysis.pages) flags.push_back(page.color);
  return flags;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "printline-corpus-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Writes the first `length` bytes of `source` to `target`.
void write_prefix(const fs::path& source, const fs::path& target, size_t length) {
  std::ifstream in(source, std::ios::binary);
  std::string data(length, '\0');
  in.read(data.data(), static_cast<std::streamsize>(length));
  std::ofstream(target, std::ios::binary).write(data.data(), static_cast<std::streamsize>(length));
}

void expect_truncated_copies_fail(const fs::path& document, const std::vector<double>& fractions,
                                  const TempDir& dir) {
  size_t size = fs::file_size(document);
  for (double fraction : fractions) {
    size_t length = static_cast<size_t>(size * fraction);
    fs::path copy = dir.path() / ("truncated-" + document.filename().string());
    write_prefix(document, copy, length);
    auto result = analyze_file(copy);
    EXPECT_FALSE(result.ok()) << document << " cut to " << length << " of " << size
                              << " bytes was accepted with " << result->page_count() << " pages";
    if (!result.ok()) {
      EXPECT_FALSE(result.error().message.empty());
    }
  }
}

TEST(AnalysisCorpusTest, CupsPdfsMatchQpdfAndInkcov) {
  auto pdfs = cups_pdfs();
  ASSERT_GE(pdfs.size(), 5u) << "cups-filters test PDFs are missing under " << kCupsData;
  for (const fs::path& pdf : pdfs) {
    SCOPED_TRACE(pdf.string());
    int expected_pages = std::stoi(run("qpdf --show-npages " + quoted(pdf)));
    std::vector<bool> expected_colors = inkcov_color_pages(pdf);
    ASSERT_EQ(expected_colors.size(), static_cast<size_t>(expected_pages));
    auto result = analyze_file(pdf);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->format, DocumentFormat::kPdf);
    EXPECT_EQ(result->page_count(), expected_pages);
    EXPECT_EQ(color_flags(*result), expected_colors);
    // The same answer from structure alone: Ghostscript is not needed for this corpus.
    AnalyzeOptions structure_only;
    structure_only.allow_ghostscript = false;
    auto without_gs = analyze_file(pdf, structure_only);
    ASSERT_TRUE(without_gs.ok());
    EXPECT_EQ(color_flags(*without_gs), expected_colors);
    EXPECT_EQ(without_gs->color_method, Method::kStructure);
  }
}

TEST(AnalysisCorpusTest, TruncatedCupsPdfsAreErrors) {
  TempDir dir;
  for (const fs::path& pdf : cups_pdfs()) {
    SCOPED_TRACE(pdf.string());
    expect_truncated_copies_fail(pdf, {0.0001, 0.25, 0.5, 0.9, 0.98}, dir);
  }
}

// Mesh shadings carry their colours in stream data that structure does not decode: those pages
// go to Ghostscript inkcov, the others stay with structure.
TEST(AnalysisCorpusTest, UndecidedPdfPagesAreMeasuredByInkcov) {
  auto mesh = [](unsigned char r, unsigned char g, unsigned char b) {
    std::string data;
    for (auto [x, y] : {std::pair{10, 10}, std::pair{200, 10}, std::pair{100, 200}}) {
      data += std::string{'\0',
                          static_cast<char>(x),
                          static_cast<char>(y),
                          static_cast<char>(r),
                          static_cast<char>(g),
                          static_cast<char>(b)};
    }
    return testing::stream_object(
        "/ShadingType 4 /ColorSpace /DeviceRGB /BitsPerCoordinate 8 /BitsPerComponent 8 "
        "/BitsPerFlag 8 /Decode [0 255 0 255 0 1 0 1 0 1]",
        data);
  };
  std::string pdf =
      testing::make_pdf({testing::TestPage{"/Sh sh", "<< /Shading << /Sh 100 0 R >> >>"},
                         testing::TestPage{"/Sh sh", "<< /Shading << /Sh 101 0 R >> >>"},
                         testing::TestPage{"0.5 g 0 0 100 100 re f"}},
                        {mesh(255, 0, 0), mesh(128, 128, 128)});
  TempDir dir;
  fs::path path = dir.path() / "mesh.pdf";
  std::ofstream(path, std::ios::binary) << pdf;
  std::vector<bool> expected = inkcov_color_pages(path);
  ASSERT_EQ(expected, (std::vector<bool>{true, false, false})) << "Ghostscript disagrees";

  auto result = analyze_file(path);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(color_flags(*result), expected);
  EXPECT_EQ(result->color_method, Method::kInkCoverage);

  AnalyzeOptions structure_only;
  structure_only.allow_ghostscript = false;
  auto cautious = analyze_file(path, structure_only);
  ASSERT_TRUE(cautious.ok());
  EXPECT_EQ(color_flags(*cautious), (std::vector<bool>{true, true, false}))
      << "undecided pages count as colour without Ghostscript";
  EXPECT_EQ(cautious->color_method, Method::kHeuristic);

  AnalyzeOptions impatient;
  impatient.ghostscript_timeout = std::chrono::milliseconds(1);
  auto timed_out = analyze_file(path, impatient);
  ASSERT_TRUE(timed_out.ok()) << "qpdf read it; a Ghostscript timeout keeps the cautious answer";
  EXPECT_EQ(color_flags(*timed_out), (std::vector<bool>{true, true, false}));
}

// A PostScript program with five pages: red, black text, RGB grey, CMYK cyan, grey text.
constexpr const char* kProgram = R"(%!PS
/Helvetica findfont 24 scalefont setfont
/page { 72 500 moveto show showpage } def
1 0 0 setrgbcolor 72 72 200 200 rectfill (Red square) page
0 setgray 72 72 200 200 rectfill (Black square) page
0.5 0.5 0.5 setrgbcolor 72 72 200 200 rectfill (RGB grey) page
1 0 0 0 setcmykcolor 72 72 200 200 rectfill (Cyan) page
0.3 setgray (Grey text only) page
)";
const std::vector<bool> kProgramColors = {true, false, false, true, false};

class GhostscriptDevicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = dir_.path() / "pages.ps";
    std::ofstream(source_) << kProgram;
    expected_pages_ = inkcov_color_pages(source_).size();
    ASSERT_EQ(expected_pages_, kProgramColors.size()) << "Ghostscript does not run";
  }

  fs::path convert(const std::string& device, const std::string& options = "") {
    fs::path out = dir_.path() / ("out-" + device + (options.empty() ? "" : "-opts"));
    run("gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=" + device + " " + options +
        " -sOutputFile=" + quoted(out) + " " + quoted(source_));
    EXPECT_TRUE(fs::exists(out) && fs::file_size(out) > 0) << device << " produced nothing";
    return out;
  }

  TempDir dir_;
  fs::path source_;
  size_t expected_pages_ = 0;
};

TEST_F(GhostscriptDevicesTest, Ps2write) {
  fs::path ps = convert("ps2write", "-sPAPERSIZE=a4");
  auto result = analyze_file(ps);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->format, DocumentFormat::kPostScript);
  EXPECT_EQ(result->page_count(), static_cast<int>(expected_pages_));
  EXPECT_EQ(result->page_count_method, Method::kDsc);
  EXPECT_EQ(color_flags(*result), kProgramColors);
  EXPECT_EQ(result->color_method, Method::kInkCoverage);
  EXPECT_EQ(result->pages[0].paper, "A4");

  AnalyzeOptions dsc_only;
  dsc_only.allow_ghostscript = false;
  auto without_gs = analyze_file(ps, dsc_only);
  ASSERT_TRUE(without_gs.ok()) << without_gs.error().message;
  EXPECT_EQ(without_gs->page_count(), static_cast<int>(expected_pages_));
  expect_truncated_copies_fail(ps, {0.0001, 0.3, 0.6, 0.9}, dir_);
}

TEST_F(GhostscriptDevicesTest, PxlColor) {
  fs::path pxl = convert("pxlcolor", "-sPAPERSIZE=a3 -dDuplex=true");
  auto result = analyze_file(pxl);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->format, DocumentFormat::kPclXl);
  EXPECT_TRUE(result->pjl_wrapped);
  EXPECT_EQ(result->page_count(), static_cast<int>(expected_pages_));
  EXPECT_EQ(color_flags(*result), kProgramColors);
  EXPECT_EQ(result->pages[0].paper, "A3");
  EXPECT_EQ(result->duplex, true);
  expect_truncated_copies_fail(pxl, {0.0001, 0.3, 0.6, 0.9}, dir_);
}

TEST_F(GhostscriptDevicesTest, PxlMono) {
  fs::path pxl = convert("pxlmono", "-sPAPERSIZE=letter");
  auto result = analyze_file(pxl);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->format, DocumentFormat::kPclXl);
  EXPECT_EQ(result->page_count(), static_cast<int>(expected_pages_));
  EXPECT_EQ(result->color_page_count(), 0);
  EXPECT_EQ(result->pages[0].paper, "Letter");
  EXPECT_EQ(result->duplex, false);
  expect_truncated_copies_fail(pxl, {0.0001, 0.3, 0.6, 0.9}, dir_);
}

TEST_F(GhostscriptDevicesTest, PdfwriteOutputMatchesQpdfAndInkcov) {
  fs::path pdf = convert("pdfwrite");
  auto result = analyze_file(pdf);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->page_count(), std::stoi(run("qpdf --show-npages " + quoted(pdf))));
  EXPECT_EQ(color_flags(*result), inkcov_color_pages(pdf));
  EXPECT_EQ(color_flags(*result), kProgramColors);
}

}  // namespace
}  // namespace printline::analysis
