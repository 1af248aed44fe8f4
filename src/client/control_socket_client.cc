#include "client/control_socket_client.h"

#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>

#include "core/i18n.h"
#include "model/bounded_json.h"

namespace printline::client {

using nlohmann::json;

namespace {

// Event lines can be long (a prompt carries every candidate); far more than a request.
constexpr std::size_t kMaxAnswerLine = 16 * 1024 * 1024;

}  // namespace

std::string not_running_message(const std::filesystem::path& socket_path) {
  return trf(
      "The Printline client is not running (nothing answers on {socket}); start it with "
      "`systemctl --user start printline-client` or `printline-client --state DIR --server "
      "URL`.",
      fmt::arg("socket", socket_path.string()));
}

ControlSocketClient::ControlSocketClient(UniqueFd fd, std::filesystem::path path)
    : fd_(std::move(fd)), path_(std::move(path)), reader_(fd_.get(), kMaxAnswerLine) {}

ControlResult<ControlSocketClient> ControlSocketClient::connect(
    const std::filesystem::path& socket_path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string text = socket_path.string();
  if (text.size() >= sizeof(address.sun_path)) {
    return ControlError{ControlError::Kind::kBroken,
                        fmt::format("The control socket path {} is too long for a Unix socket; "
                                    "use a shorter --control-socket path.",
                                    text)};
  }
  std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) {
    return ControlError{ControlError::Kind::kBroken,
                        std::string("Cannot create a socket: ") + std::strerror(errno)};
  }
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    const int error = errno;
    if (error == ENOENT || error == ECONNREFUSED || error == ENOTDIR) {
      return ControlError{ControlError::Kind::kNotRunning, not_running_message(socket_path)};
    }
    if (error == EACCES || error == EPERM) {
      return ControlError{ControlError::Kind::kNoAccess,
                          trf("You may not use the Printline client socket {socket}: it "
                              "belongs to another user. Start your own client.",
                              fmt::arg("socket", text))};
    }
    return ControlError{ControlError::Kind::kBroken,
                        trf("Cannot connect to the Printline client at {socket}: {reason}.",
                            fmt::arg("socket", text), fmt::arg("reason", std::strerror(error)))};
  }
  return ControlSocketClient(std::move(fd), socket_path);
}

ControlResult<json> ControlSocketClient::read_answer() {
  std::string line;
  const auto status = reader_.next(&line);
  if (status != LineReader::Status::kLine) {
    return ControlError{ControlError::Kind::kBroken,
                        fmt::format("The Printline client at {} closed the connection without "
                                    "answering; see its log (`journalctl --user -u "
                                    "printline-client`).",
                                    path_.string())};
  }
  // Depth-limited (D12): the CUPS backend runs as root and reads the user's daemon.
  auto bounded = model::parse_bounded_json(line);
  json answer = bounded.ok() ? std::move(bounded.value) : json(json::value_t::discarded);
  if (answer.is_discarded() || !answer.is_object()) {
    return ControlError{ControlError::Kind::kBroken,
                        "The Printline client answered something that is not a protocol line; "
                        "check that the CLI and the client are the same version."};
  }
  if (!answer.value("ok", false) && !answer.contains("event")) {
    return ControlError{ControlError::Kind::kRefused,
                        answer.value("error", std::string("The Printline client refused the "
                                                          "request without saying why."))};
  }
  return answer;
}

ControlResult<json> ControlSocketClient::request(const ControlRequest& request, int document_fd) {
  if (!send_line(fd_.get(), request_line(request), document_fd)) {
    return ControlError{ControlError::Kind::kBroken,
                        trf("Cannot send the request to the Printline client at {socket}: "
                            "{reason}.",
                            fmt::arg("socket", path_.string()),
                            fmt::arg("reason", std::strerror(errno)))};
  }
  return read_answer();
}

ControlResult<std::optional<ClientEvent>> ControlSocketClient::next_event(
    std::optional<std::chrono::milliseconds> timeout) {
  std::string line;
  const auto status = reader_.next(&line, timeout);
  if (status == LineReader::Status::kTimedOut) {
    return ControlError{ControlError::Kind::kBroken, "timed out waiting for an event"};
  }
  if (status != LineReader::Status::kLine) return std::optional<ClientEvent>();
  auto bounded = model::parse_bounded_json(line);  // depth-limited (D12)
  json j = bounded.ok() ? std::move(bounded.value) : json(json::value_t::discarded);
  if (j.is_discarded() || !j.is_object()) {
    return ControlError{ControlError::Kind::kBroken,
                        "The Printline client sent an event line that is not JSON."};
  }
  if (!j.contains("event")) {
    return ControlError{ControlError::Kind::kRefused,
                        j.value("error", std::string("The event stream ended."))};
  }
  try {
    return std::optional<ClientEvent>(j["event"].get<ClientEvent>());
  } catch (const json::exception&) {
    return ControlError{ControlError::Kind::kBroken,
                        "The Printline client sent an event the CLI does not understand; check "
                        "that both are the same version."};
  }
}

}  // namespace printline::client
