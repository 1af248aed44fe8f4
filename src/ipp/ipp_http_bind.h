#pragma once
// Binding the cpp-httplib server that carries IPP (the server's listener, the desktop client's
// local printer) with the system's listen backlog. cpp-httplib listens with a backlog of 5:
// when many clients connect at once (every desktop client when the server is back after an
// outage) the connections beyond it were never accepted and their first request failed with a
// broken pipe after about a second.

#include <httplib.h>

#include <string>

namespace printline::ipp {

// Binds to host:port (port 0: any free port) and listens; the bound port, or -1.
int bind_http_server(httplib::Server& server, const std::string& host, int port);

}  // namespace printline::ipp
