#pragma once
// Who is at the other end of a loopback TCP connection (D13): the local IPP printer serves only
// the workstation user who owns the client. A TCP socket carries no credentials, but the kernel
// knows which uid owns the peer's socket: sock_diag (NETLINK_INET_DIAG) looks it up by the
// connection's 4-tuple, as identd does; /proc/net/tcp and tcp6 are the fallback.

#include <sys/types.h>

#include <optional>
#include <string>

namespace printline::client {

struct LoopbackConnection {
  std::string local_addr;  // our end, as accepted ("127.0.0.1", "::1")
  int local_port = 0;
  std::string remote_addr;  // the peer's end
  int remote_port = 0;
};

// The uid owning the peer's socket; nullopt when the peer is not on this machine's loopback or
// cannot be found (then refuse).
std::optional<uid_t> loopback_peer_uid(const LoopbackConnection& connection);

// Whether `host` (a Host header, with or without its port) names loopback: "localhost",
// 127.0.0.0/8 or [::1]. Anything else may be a DNS-rebinding page in a browser.
bool is_loopback_authority(const std::string& host);

}  // namespace printline::client
