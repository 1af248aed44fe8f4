#pragma once
// A real RAW (AppSocket) sink for tests: socat listening on a free loopback port and appending
// whatever each connection sends to a file.
//
//   RawSinkPeer sink;                         // throws std::runtime_error if it cannot start
//   send_document(sink.uri(), ...);           // socket://127.0.0.1:PORT
//   EXPECT_EQ(sink.received(), expected);

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "support/child_process.h"
#include "support/temp_dir.h"

namespace printline::testing {

class RawSinkPeer {
 public:
  // output: where to write (e.g. /dev/null for benchmarks); default a file in a temp dir.
  // host: any 127.0.0.0/8 address, so several printers can share one port the way office
  // printers share 9100 on their own addresses (a profile has one device port, FP-6);
  // port 0 picks a free one.
  explicit RawSinkPeer(std::filesystem::path output = {}, std::string host = "127.0.0.1",
                       int port = 0);

  int port() const { return port_; }
  const std::string& uri() const { return uri_; }
  const std::filesystem::path& output_file() const { return output_; }
  std::string received() const;

 private:
  TempDir dir_{"printline-raw"};
  std::filesystem::path output_;
  int port_ = 0;
  std::string uri_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace printline::testing
