#pragma once
// A plain TCP connection to a test server that sends exactly the bytes a test writes — the
// hostile requests (trickled headers, endless chunked bodies) no HTTP client library sends —
// and reads the answer with a deadline.

#include <chrono>
#include <optional>
#include <string>

namespace printline::testing {

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; throws std::runtime_error when it cannot.
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False once the peer has closed or reset the connection.
  bool send(const std::string& bytes);
  // Reads until one whole response (header + Content-Length body) is in, the peer closes, or
  // the deadline passes; returns what was read.
  std::string read_response(std::chrono::milliseconds deadline);
  // True when the peer closes (EOF or reset) within the deadline; data read meanwhile is kept
  // in received().
  bool closed_within(std::chrono::milliseconds deadline);
  const std::string& received() const { return received_; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  std::string received_;
  std::size_t consumed_ = 0;  // bytes of received_ already returned by read_response
};

// The status code of an HTTP response text, or 0.
int status_of(const std::string& response);
// The value of a header in an HTTP response text, or "".
std::string header_of(const std::string& response, const std::string& name);

}  // namespace printline::testing
