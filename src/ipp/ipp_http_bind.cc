#include "ipp/ipp_http_bind.h"

#include <sys/socket.h>

namespace printline::ipp {

int bind_http_server(httplib::Server& server, const std::string& host, int port) {
  socket_t listening = -1;
  server.set_socket_options([&listening](socket_t socket) {
    httplib::default_socket_options(socket);
    listening = socket;
  });
  int bound = port;
  if (port == 0) {
    bound = server.bind_to_any_port(host);
  } else if (!server.bind_to_port(host, port)) {
    bound = -1;
  }
  // Listening again on the bound socket only raises its backlog.
  if (bound > 0 && listening >= 0) ::listen(listening, SOMAXCONN);
  server.set_socket_options(httplib::default_socket_options);
  return bound > 0 ? bound : -1;
}

}  // namespace printline::ipp
