#pragma once
// The client side of the control socket, for the CLI and the CUPS backend: connect, send a
// request (with a document's descriptor for submit), read the answer or the event stream.
// Not thread-safe: one connection per thread.

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "client/control_protocol.h"
#include "client/unix_socket.h"
#include "core/error.h"

namespace printline::client {

struct ControlError {
  enum class Kind {
    kNotRunning,  // no socket, or nobody listens on it: the daemon is not running
    kNoAccess,    // the socket exists but we may not use it (another user's client)
    kBroken,      // the connection broke or the answer was not a protocol line
    kRefused,     // the daemon answered {"ok":false}: message is its sentence
  };
  Kind kind = Kind::kBroken;
  std::string message;
};

template <typename T>
using ControlResult = Result<T, ControlError>;

class ControlSocketClient {
 public:
  static ControlResult<ControlSocketClient> connect(const std::filesystem::path& socket_path);
  // The connection's descriptor, to check who is at the other end (SO_PEERCRED).
  int fd() const { return fd_.get(); }

  // Sends one request and returns the answer object (ok:true); ok:false becomes kRefused with
  // the daemon's sentence. document_fd >= 0 is passed along (submit); it stays the caller's.
  ControlResult<nlohmann::json> request(const ControlRequest& request, int document_fd = -1);

  // After a successful subscribe: the next event; nullopt when the stream ends (the daemon
  // stopped). timeout: nullopt waits for ever; a timeout is kBroken with "timed out".
  ControlResult<std::optional<ClientEvent>> next_event(
      std::optional<std::chrono::milliseconds> timeout = std::nullopt);

 private:
  ControlSocketClient(UniqueFd fd, std::filesystem::path path);
  ControlResult<nlohmann::json> read_answer();

  UniqueFd fd_;
  std::filesystem::path path_;
  LineReader reader_;
};

// The sentence for a daemon that is not running, with how to start it.
std::string not_running_message(const std::filesystem::path& socket_path);

}  // namespace printline::client
