#include "support/raw_sink_peer.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/loopback_port.h"

namespace printline::testing {

RawSinkPeer::RawSinkPeer(std::filesystem::path output, std::string host, int port)
    : output_(output.empty() ? dir_.path() / "output" : std::move(output)) {
  for (int attempt = 0; attempt < 3 && !process_; ++attempt) {
    port_ = port != 0 ? port : pick_free_port();
    // fork: one child per connection, so several jobs can follow each other.
    auto process = std::make_unique<ChildProcess>(
        std::vector<std::string>{
            "socat", "-u", "-b", "131072",
            "TCP-LISTEN:" + std::to_string(port_) + ",bind=" + host + ",reuseaddr,fork",
            "OPEN:" + output_.string() + ",creat,append"},
        dir_.path() / "socat.log");
    if (wait_until_listening(host, port_, std::chrono::seconds(5),
                             [&] { return process->running(); })) {
      process_ = std::move(process);
    }
  }
  if (!process_) throw std::runtime_error("socat did not start as a RAW sink");
  uri_ = "socket://" + host + ":" + std::to_string(port_);
}

std::string RawSinkPeer::received() const {
  std::ifstream in(output_, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace printline::testing
