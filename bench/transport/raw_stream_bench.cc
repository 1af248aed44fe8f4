// raw_stream_bench: a large job to a RAW sink on loopback through Printline's send_document,
// against socat pushing the same file to the same kind of sink (socat writing to /dev/null),
// side by side in one run. Prints both throughputs, the ratio (goal >= 0.9) and Printline's
// peak RSS after a small and after a large job (flat memory: they should be about equal).
//
//   raw_stream_bench [--size-mb 200] [--small-mb 20] [--rounds 5]

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/logging.h"
#include "support/child_process.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"
#include "transport/print_transport.h"

namespace {

using Clock = std::chrono::steady_clock;
using printline::testing::ChildProcess;
using printline::testing::RawSinkPeer;
using printline::testing::TempDir;
namespace transport = printline::transport;

constexpr std::uint64_t kMiB = 1024 * 1024;

// A file of pseudo-random bytes (incompressible, like a real print job), written in 1 MiB steps.
void make_file(const std::string& path, std::uint64_t size) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char> block(kMiB);
  std::uint64_t state = 0x9e3779b97f4a7c15ull;
  for (std::uint64_t written = 0; written < size; written += block.size()) {
    for (auto& byte : block) {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      byte = static_cast<char>(state);
    }
    if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size())) {
      std::perror("write");
      std::exit(1);
    }
  }
  ::close(fd);
}

long peak_rss_kib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double printline_seconds(const std::string& file, const RawSinkPeer& sink) {
  auto document = transport::open_document_file(file);
  if (!document) {
    std::fprintf(stderr, "%s\n", document.error().message.c_str());
    std::exit(1);
  }
  transport::SendOptions options;
  const auto start = Clock::now();
  const transport::SendResult result = transport::send_document(sink.uri(), **document, options);
  const double seconds = seconds_since(start);
  if (!result.delivered()) {
    std::fprintf(stderr, "printline: %s\n", result.message.c_str());
    std::exit(1);
  }
  return seconds;
}

double socat_seconds(const std::string& file, const RawSinkPeer& sink) {
  const auto start = Clock::now();
  ChildProcess socat({"socat", "-u", "-b", "131072", "OPEN:" + file + ",rdonly",
                      "TCP:127.0.0.1:" + std::to_string(sink.port())});
  if (!socat.wait_for_exit(std::chrono::minutes(2))) {
    std::fprintf(stderr, "socat did not finish\n");
    std::exit(1);
  }
  return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t size_mb = 200;
  std::uint64_t small_mb = 20;
  int rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--size-mb") == 0) size_mb = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--small-mb") == 0) small_mb = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
  }
  printline::init_logging("warn");
  TempDir dir("printline-bench");
  const std::string big = (dir / "big.bin").string();
  const std::string small = (dir / "small.bin").string();
  make_file(big, size_mb * kMiB);
  make_file(small, small_mb * kMiB);
  RawSinkPeer sink("/dev/null");

  // Flat memory: Printline's peak RSS after a small job, then after a job 10x larger.
  printline_seconds(small, sink);
  const long rss_small = peak_rss_kib();
  printline_seconds(big, sink);
  const long rss_big = peak_rss_kib();

  // Throughput: alternate the two senders; keep each one's best round (least disturbed by the
  // other processes sharing this machine).
  double best_printline = 1e9;
  double best_socat = 1e9;
  for (int round = 0; round < rounds; ++round) {
    best_socat = std::min(best_socat, socat_seconds(big, sink));
    best_printline = std::min(best_printline, printline_seconds(big, sink));
  }
  const double mb = static_cast<double>(size_mb);
  const double printline_mbps = mb / best_printline;
  const double socat_mbps = mb / best_socat;
  std::printf("raw_stream_bench: %llu MiB job to a socat RAW sink on 127.0.0.1, best of %d\n",
              static_cast<unsigned long long>(size_mb), rounds);
  std::printf("  printline send_document : %8.1f MiB/s (%.3f s)\n", printline_mbps, best_printline);
  std::printf("  socat                   : %8.1f MiB/s (%.3f s)\n", socat_mbps, best_socat);
  std::printf("  ratio printline/socat   : %8.2f (goal >= 0.90) %s\n", printline_mbps / socat_mbps,
              printline_mbps / socat_mbps >= 0.9 ? "OK" : "BELOW GOAL");
  std::printf("  printline peak RSS      : %ld KiB after %llu MiB, %ld KiB after %llu MiB\n",
              rss_small, static_cast<unsigned long long>(small_mb), rss_big,
              static_cast<unsigned long long>(size_mb));
  return 0;
}
