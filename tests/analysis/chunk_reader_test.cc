// The bounded readers (issue 14) give the same answers as reading the whole job: matches,
// lines, tokens and escape sequences that straddle a buffer or window boundary are each seen
// once. Documents are built in memory and analysed through the same streaming code.

#include "analysis/chunk_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "analysis/paper_size.h"
#include "analysis/pcl5_scanner.h"
#include "analysis/pclxl_parser.h"
#include "analysis/postscript_dsc.h"
#include "test_pclxl.h"

namespace printline::analysis {
namespace {

ByteSource memory(const std::string& data) {
  return ByteSource::from_memory(data.data(), data.size());
}

TEST(ChunkReaderTest, PeekAndSkipWalkTheWholeSourceInBoundedPieces) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data += static_cast<char>('a' + i % 26);
  ByteSource source = memory(data);
  ChunkReader reader(source, 4096);
  std::string seen;
  while (!reader.at_end()) {
    std::string_view view = reader.peek(1000);
    ASSERT_LE(view.size(), 4096u);
    ASSERT_GE(view.size(), std::min<uint64_t>(1000, reader.remaining()));
    size_t take = std::min<size_t>(view.size(), 777);
    seen.append(view.substr(0, take));
    reader.skip(take);
  }
  EXPECT_EQ(seen, data);
  ChunkReader skipper(source, 4096);
  skipper.skip(50000);  // beyond the buffer, unread
  EXPECT_EQ(skipper.offset(), 50000u);
  EXPECT_EQ(skipper.peek(1)[0], data[50000]);
  skipper.skip(1 << 30);
  EXPECT_TRUE(skipper.at_end());
}

TEST(ChunkReaderTest, FindInSeesANeedleAcrossEveryWindowBoundary) {
  const std::string needle = "\x1b%-12345X";
  for (size_t at : {size_t{0}, (size_t{1} << 20) - 5, (size_t{1} << 20) - 1, size_t{1} << 20,
                    (size_t{2} << 20) - 3}) {
    std::string data(size_t{3} << 20, 'x');
    data.replace(at, needle.size(), needle);
    EXPECT_EQ(find_in(memory(data), needle, 0), at) << at;
    EXPECT_EQ(find_in(memory(data), needle, at + 1), std::nullopt) << at;
  }
}

TEST(ChunkReaderTest, DscRequestsAndCommentsAcrossBoundariesAreSeenOnce) {
  // Pad so that "/Duplex true" starts 3 bytes before the first 1 MiB window ends, "showpage"
  // straddles the second, and a %%Page: line straddles the 256 KiB line buffer.
  std::string program =
      "%!PS-Adobe-3.0\n%%Pages: 2\n%%DocumentMedia: A4 595 842 0 () ()\n%%EndComments\n";
  auto pad_to = [&program](size_t offset) {
    while (program.size() < offset) {
      size_t n = std::min<size_t>(offset - program.size(), 80);
      program += std::string(n - 1, '0') + "\n";
    }
  };
  pad_to((256 << 10) - 4);
  program += "%%Page: 1 1\n";
  pad_to((1 << 20) - 3);
  program += "<< /Duplex true /NumCopies 3 >> setpagedevice\n";
  pad_to((2 << 20) - 4);
  program += "showpage\n%%Page: 2 2\nshowpage\n%%Trailer\n%%EOF\n";
  DscSummary dsc = read_dsc(memory(program));
  EXPECT_TRUE(dsc.trustworthy());
  EXPECT_EQ(dsc.page_markers, 2);
  ASSERT_EQ(dsc.pages.size(), 2u);
  EXPECT_EQ(dsc.pages[0].paper, "A4");
  EXPECT_EQ(dsc.duplex, true);
  EXPECT_EQ(dsc.copies, 3);
  EXPECT_EQ(dsc.showpage_count, 2);
}

TEST(ChunkReaderTest, PclXlTokensAcrossTheBufferAreParsedAsInMemory) {
  testing::PclXlBuilder job;
  job.begin_session();
  const std::string block(251, '\x11');  // odd sizes move tokens across every boundary
  for (int page = 0; page < 48; ++page) {
    job.begin_page(2);
    if (page % 4 == 0) job.color_space(2).rgb_brush(200, 10, 10);
    for (int i = 0; i < 100; ++i) job.op(0xb1).data(block);
    job.end_page();
  }
  job.end_session();
  ASSERT_GT(job.bytes().size(), 4 * ChunkReader::kDefaultBuffer);
  auto result = analyze_pclxl(memory(job.bytes()));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->page_count(), 48);
  EXPECT_EQ(result->color_page_count(), 12);
  auto truncated = analyze_pclxl(job.bytes().substr(0, job.bytes().size() - 3));
  EXPECT_FALSE(truncated.ok());
}

TEST(ChunkReaderTest, Pcl5BinaryBlocksLargerThanTheBufferAreSkipped) {
  std::string job =
      "\x1b"
      "E";
  for (int page = 0; page < 3; ++page) {
    job += "\x1b*r1A";
    std::string raster(300 << 10, '\x0c');  // form feeds inside raster data are not pages
    job += "\x1b*b" + std::to_string(raster.size()) + "W" + raster;
    job += "\x1b*rB\f";
  }
  job +=
      "\x1b"
      "E";
  JobAnalysis analysis = analyze_pcl5(memory(job), *paper_by_name("A4"));
  EXPECT_EQ(analysis.page_count(), 3);
}

}  // namespace
}  // namespace printline::analysis
