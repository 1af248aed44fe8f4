#include "client/loopback_peer.h"

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <fstream>
#include <sstream>

namespace printline::client {

namespace {

struct Address {
  int family = AF_UNSPEC;
  std::array<std::uint32_t, 4> words{};  // network byte order, as sock_diag has it
};

std::optional<Address> parse_address(std::string text) {
  if (text.starts_with("::ffff:") && text.find('.') != std::string::npos) text = text.substr(7);
  Address address;
  in_addr v4{};
  in6_addr v6{};
  if (::inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    address.family = AF_INET;
    address.words[0] = v4.s_addr;
  } else if (::inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    address.family = AF_INET6;
    std::memcpy(address.words.data(), &v6, sizeof(v6));
  } else {
    return std::nullopt;
  }
  return address;
}

bool is_loopback(const Address& address) {
  if (address.family == AF_INET) return (ntohl(address.words[0]) >> 24) == 127;
  return address.words[0] == 0 && address.words[1] == 0 && address.words[2] == 0 &&
         address.words[3] == htonl(1);
}

// The peer's socket has the connection's remote end as its source.
std::optional<uid_t> uid_by_sock_diag(const Address& local, int local_port, const Address& remote,
                                      int remote_port) {
  const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_INET_DIAG);
  if (fd < 0) return std::nullopt;
  struct {
    nlmsghdr header;
    inet_diag_req_v2 request;
  } message{};
  message.header.nlmsg_len = sizeof(message);
  message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  message.header.nlmsg_flags = NLM_F_REQUEST;
  message.request.sdiag_family = static_cast<std::uint8_t>(remote.family);
  message.request.sdiag_protocol = IPPROTO_TCP;
  message.request.idiag_states = ~0U;
  message.request.id.idiag_sport = htons(static_cast<std::uint16_t>(remote_port));
  message.request.id.idiag_dport = htons(static_cast<std::uint16_t>(local_port));
  std::memcpy(message.request.id.idiag_src, remote.words.data(), sizeof(remote.words));
  std::memcpy(message.request.id.idiag_dst, local.words.data(), sizeof(local.words));
  message.request.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
  message.request.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  std::optional<uid_t> uid;
  if (::sendto(fd, &message, sizeof(message), 0, reinterpret_cast<sockaddr*>(&kernel),
               sizeof(kernel)) == static_cast<ssize_t>(sizeof(message))) {
    alignas(nlmsghdr) std::array<char, 8192> buffer{};
    const ssize_t got = ::recv(fd, buffer.data(), buffer.size(), 0);
    auto* header = reinterpret_cast<nlmsghdr*>(buffer.data());
    if (got > 0 && NLMSG_OK(header, static_cast<unsigned>(got)) &&
        header->nlmsg_type == SOCK_DIAG_BY_FAMILY) {
      const auto* answer = static_cast<const inet_diag_msg*>(NLMSG_DATA(header));
      uid = answer->idiag_uid;
    }
  }
  ::close(fd);
  return uid;
}

// "0100007F:1F90" (IPv4) or 32 hex digits (IPv6), each 32-bit word in host order.
std::string proc_address(const Address& address, int port) {
  std::ostringstream out;
  out << std::uppercase << std::hex;
  const int words = address.family == AF_INET ? 1 : 4;
  for (int i = 0; i < words; ++i) {
    out.width(8);
    out.fill('0');
    out << address.words[i];
  }
  out << ':';
  out.width(4);
  out.fill('0');
  out << port;
  return out.str();
}

std::optional<uid_t> uid_by_proc(const Address& local, int local_port, const Address& remote,
                                 int remote_port) {
  std::ifstream table(remote.family == AF_INET ? "/proc/net/tcp" : "/proc/net/tcp6");
  const std::string peer_end = proc_address(remote, remote_port);
  const std::string our_end = proc_address(local, local_port);
  std::string line;
  std::getline(table, line);  // header
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string slot, source, destination, state, queues, timer, retransmits;
    uid_t uid = 0;
    if (fields >> slot >> source >> destination >> state >> queues >> timer >> retransmits >>
        uid) {
      if (source == peer_end && destination == our_end) return uid;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<uid_t> loopback_peer_uid(const LoopbackConnection& connection) {
  auto local = parse_address(connection.local_addr);
  auto remote = parse_address(connection.remote_addr);
  if (!local || !remote || local->family != remote->family || !is_loopback(*remote)) {
    return std::nullopt;
  }
  if (auto uid = uid_by_sock_diag(*local, connection.local_port, *remote, connection.remote_port)) {
    return uid;
  }
  return uid_by_proc(*local, connection.local_port, *remote, connection.remote_port);
}

bool is_loopback_authority(const std::string& host) {
  std::string name = host;
  if (name.starts_with('[')) {
    const auto close = name.find(']');
    if (close == std::string::npos) return false;
    name = name.substr(1, close - 1);
  } else if (std::count(name.begin(), name.end(), ':') == 1) {
    name = name.substr(0, name.find(':'));
  }
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "localhost" || name == "localhost.") return true;
  auto address = parse_address(name);
  return address && is_loopback(*address);
}

}  // namespace printline::client
