#pragma once
// How a command reaches the server: the global --server / --token options (or
// PRINTLINE_SERVER / PRINTLINE_TOKEN) for scripts, else the login saved by `printline login`.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "api_client/api_client.h"
#include "core/error.h"

namespace printline::cli {

struct GlobalOptions {
  std::string server;
  std::string token;
  int connect_timeout_ms = 3000;
  int timeout_ms = 30000;
  std::string ca_cert_file;
  bool insecure = false;  // accept any TLS certificate (self-signed test servers)
};

// Adds --server, --token, --connect-timeout-ms, --timeout-ms, --ca-cert, --insecure to `app`.
void add_global_options(CLI::App& app, GlobalOptions& options);

api_client::ClientOptions client_options(const GlobalOptions& options, std::string token);

// A client for the given server (URL or "host:port"), without a token.
Result<std::unique_ptr<api_client::ApiClient>> connect_anonymous(const GlobalOptions& options,
                                                                 const std::string& server);

// A logged-in client. The saved token is only sent to the server it was issued by: with
// --server naming another server, --token is needed. Error: not logged in, with what to run.
Result<std::unique_ptr<api_client::ApiClient>> connect(const GlobalOptions& options);

// Asks the server its currency (GET /me) for the amounts this command prints (money());
// amounts stay bare numbers when it does not say.
void learn_server_currency(const api_client::ApiClient& client);

}  // namespace printline::cli
