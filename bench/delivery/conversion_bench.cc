// conversion_bench: a colour PDF converted for a PCL-XL mono printer and streamed to a RAW sink
// by Printline's send_to_printer (Ghostscript's pxlmono read from its pipe, the PJL ticket in
// front, the RAW socket transport), against the same `gs` command alone piped by socat into
// the same kind of sink (socat writing to /dev/null), side by side in one run. Prints both
// times, the ratio (goal >= 0.95) and the peak RSS of Printline's process and of the largest
// child (gs) after a small and after a large job (flat memory: the same for both).
//
//   conversion_bench [--pages 100] [--small-pages 10] [--large-pages 1000] [--rounds 3]

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/test_pdf.h"
#include "core/logging.h"
#include "render/render_plan.h"
#include "support/child_process.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"
#include "transport/printer_send.h"

namespace {

using Clock = std::chrono::steady_clock;
using printline::testing::ChildProcess;
using printline::testing::RawSinkPeer;
using printline::testing::TempDir;
namespace model = printline::model;
namespace transport = printline::transport;

// A colour PDF of `pages` pages, like a report: 40 lines of Helvetica text, colour shapes and
// a 128x128 colour image (one XObject every page draws) on each page, so Ghostscript has real
// work: glyphs, an image to turn grey, fills. Small enough to make in memory without raising
// this process's peak RSS, which is measured.
std::string make_pdf_file(const TempDir& dir, int pages) {
  namespace pdf = printline::analysis::testing;
  std::string image;
  for (int y = 0; y < 128; ++y) {
    for (int x = 0; x < 128; ++x) {
      image += static_cast<char>(x * 2);
      image += static_cast<char>(y * 2);
      image += static_cast<char>((x + y) & 0xff);
    }
  }
  const std::string resources =
      "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> "
      "/XObject << /Im1 100 0 R >> >>";
  std::vector<pdf::TestPage> list;
  for (int i = 0; i < pages; ++i) {
    std::string content = "1 0 0 rg 72 620 200 150 re f 0 0 1 rg 320 620 200 150 re f "
                          "q 200 0 0 200 320 380 cm /Im1 Do Q 0 0.4 0 rg BT /F1 10 Tf "
                          "72 560 Td 12 TL ";
    for (int line = 0; line < 40; ++line) {
      content += "(Page " + std::to_string(i + 1) + ", line " + std::to_string(line + 1) +
                 ": printed as asked, charged as printed.) '\n";
    }
    content += "ET";
    list.emplace_back(content, resources);
  }
  const std::vector<std::string> objects = {pdf::stream_object(
      "/Type /XObject /Subtype /Image /Width 128 /Height 128 /ColorSpace /DeviceRGB "
      "/BitsPerComponent 8",
      image)};
  const auto path = (dir.path() / ("colour-" + std::to_string(pages) + ".pdf")).string();
  std::ofstream(path, std::ios::binary) << pdf::make_pdf(list, objects);
  return path;
}

model::Printer pclxl_mono(const RawSinkPeer& sink) {
  model::Printer printer;
  printer.name = "bench-pclxl-mono";
  printer.device_uri = sink.uri();
  printer.language = model::PrinterLanguage::kPclXl;
  printer.color = false;
  return printer;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double printline_seconds(const std::string& pdf, const RawSinkPeer& sink) {
  transport::SendOptions options;
  options.job_uuid = "00000000-0000-4000-8000-00000000beef";
  options.user = "bench";
  const auto start = Clock::now();
  auto result = transport::send_to_printer(pclxl_mono(sink), sink.uri(), pdf, options);
  const double seconds = seconds_since(start);
  if (!result.delivered()) {
    std::fprintf(stderr, "printline: %s\n", result.message.c_str());
    std::exit(1);
  }
  return seconds;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The very gs command Printline runs, alone, piped by socat into the same kind of sink.
double gs_alone_seconds(const std::string& pdf, const RawSinkPeer& sink) {
  auto plan = printline::render::plan_render(printline::analysis::DocumentFormat::kPdf,
                                             pclxl_mono(sink), {});
  std::string command;
  for (const auto& arg : printline::render::ghostscript_command(*plan, pdf)) {
    command += shell_quote(arg) + " ";
  }
  command += "| socat -u -b 131072 STDIN TCP:127.0.0.1:" + std::to_string(sink.port());
  const auto start = Clock::now();
  ChildProcess peer({"sh", "-c", command});
  if (!peer.wait_for_exit(std::chrono::minutes(10))) {
    std::fprintf(stderr, "gs | socat did not finish\n");
    std::exit(1);
  }
  return seconds_since(start);
}

long peak_rss_kib(int who) {
  rusage usage{};
  ::getrusage(who, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  int pages = 100, small_pages = 10, large_pages = 1000, rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--pages") == 0) pages = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--small-pages") == 0) small_pages = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--large-pages") == 0) large_pages = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
  }
  printline::init_logging("warn");
  TempDir dir("printline-bench");
  RawSinkPeer sink("/dev/null");
  const std::string small = make_pdf_file(dir, small_pages);
  const std::string large = make_pdf_file(dir, large_pages);
  const std::string measured = make_pdf_file(dir, pages);

  // Flat memory: peak RSS of this process (and of the largest child, gs) after a small job,
  // then after a job 100x larger. Measured first, before the rounds below add their own.
  printline_seconds(small, sink);
  const long self_small = peak_rss_kib(RUSAGE_SELF);
  const long child_small = peak_rss_kib(RUSAGE_CHILDREN);
  const double large_seconds = printline_seconds(large, sink);
  const long self_large = peak_rss_kib(RUSAGE_SELF);
  const long child_large = peak_rss_kib(RUSAGE_CHILDREN);

  // Time: alternate the two; keep each one's best round (least disturbed by the other
  // processes sharing this machine).
  double best_printline = 1e9, best_gs = 1e9;
  for (int round = 0; round < rounds; ++round) {
    best_gs = std::min(best_gs, gs_alone_seconds(measured, sink));
    best_printline = std::min(best_printline, printline_seconds(measured, sink));
  }
  const double ratio = best_gs / best_printline;
  std::printf("conversion_bench: %d-page colour PDF -> PCL-XL mono (gs pxlmono) -> RAW sink on "
              "127.0.0.1, best of %d\n", pages, rounds);
  std::printf("  printline send_to_printer : %7.3f s (%.1f pages/s)\n", best_printline,
              pages / best_printline);
  std::printf("  gs alone | socat          : %7.3f s (%.1f pages/s)\n", best_gs, pages / best_gs);
  std::printf("  ratio printline/gs alone  : %7.2f (goal >= 0.95) %s\n", ratio,
              ratio >= 0.95 ? "OK" : "BELOW GOAL");
  std::printf("  printline peak RSS        : %ld KiB after %d pages, %ld KiB after %d pages "
              "(%.1f s)\n", self_small, small_pages, self_large, large_pages, large_seconds);
  std::printf("  gs peak RSS (children)    : %ld KiB after %d pages, %ld KiB after %d pages\n",
              child_small, small_pages, child_large, large_pages);
  return 0;
}
