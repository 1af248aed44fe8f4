#pragma once
// The layer every transport shares (like PAPPL's device layer): a TCP connection over IPv4 or
// IPv6 with a connect timeout, an I/O timeout on every wait, prompt cancellation, and a count of
// bytes written. Internal to the transport library.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/unique_fd.h"
#include "transport/cancel_flag.h"

namespace printline::transport {

enum class IoCode {
  kRefused,         // nobody listens on the port
  kNoRoute,         // host or network unreachable, unknown host
  kConnectTimeout,  // no answer within connect_timeout
  kStalled,         // the peer took no data (or sent none) for io_timeout
  kCancelled,       // CancelFlag was set
  kReset,           // the peer reset or closed the connection while we were sending
  kOther,           // any other system error
};

struct IoError {
  IoCode code;
  std::string detail;  // e.g. "Connection refused"
};

struct IoLimits {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds io_timeout{30000};
  const CancelFlag* cancel = nullptr;
};

class TcpConnection {
 public:
  explicit TcpConnection(IoLimits limits) : limits_(limits) {}
  ~TcpConnection();
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  // Tries every address of host in turn until one accepts, within connect_timeout in total.
  std::optional<IoError> connect(const std::string& host, int port);
  // Writes everything, waiting at most io_timeout for the peer to take each piece.
  std::optional<IoError> write_all(std::span<const char> data);
  std::optional<IoError> write_text(std::string_view text) {
    return write_all(std::span<const char>(text.data(), text.size()));
  }
  // Reads what is available (at least one byte) within timeout; 0 means the peer closed.
  std::optional<IoError> read_some(std::span<char> buffer, std::size_t& got,
                                   std::chrono::milliseconds timeout);
  // Tells the peer we are done sending (half-close).
  void shutdown_write();
  // Waits up to timeout for the peer to close its side, discarding what it sends.
  // kReset when it resets the connection; nullopt on orderly close or when time runs out.
  std::optional<IoError> drain_until_closed(std::chrono::milliseconds timeout);

  std::uint64_t bytes_written() const { return bytes_written_; }
  const IoLimits& limits() const { return limits_; }

 private:
  // poll() for events in short slices so that a cancel is seen promptly.
  std::optional<IoError> wait_for(short events, std::chrono::milliseconds timeout);

  IoLimits limits_;
  UniqueFd fd_;
  std::uint64_t bytes_written_ = 0;
};

}  // namespace printline::transport
