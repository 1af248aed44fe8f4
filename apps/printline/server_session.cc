#include "server_session.h"

#include "api_client/session_calls.h"
#include "core/i18n.h"
#include "core/tls_trust.h"
#include "credentials.h"
#include "output.h"

namespace printline::cli {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--server", options.server,
                 tr("Server URL, e.g. https://print.example.org:8631 (default: the one you logged "
                    "in to)"))
      ->envname("PRINTLINE_SERVER");
  app.add_option("--token", options.token, tr("API token to use instead of the saved login"))
      ->envname("PRINTLINE_TOKEN");
  app.add_option("--connect-timeout-ms", options.connect_timeout_ms,
                 tr("Give up connecting to the server after this long"))
      ->capture_default_str();
  app.add_option("--timeout-ms", options.timeout_ms,
                 tr("Give up waiting for an answer after this long"))
      ->capture_default_str();
  app.add_option("--ca-cert", options.ca_cert_file, tr("HTTPS: trust this PEM certificate file"));
  app.add_flag("--insecure", options.insecure,
               tr("HTTPS: do not check the server's certificate (test servers only)"));
}

api_client::ClientOptions client_options(const GlobalOptions& options, std::string token) {
  api_client::ClientOptions client;
  client.token = std::move(token);
  client.connect_timeout = std::chrono::milliseconds(options.connect_timeout_ms);
  client.read_timeout = std::chrono::milliseconds(options.timeout_ms);
  client.ca_cert_file = options.ca_cert_file;
  client.verify_tls = !options.insecure;
  return client;
}

Result<std::unique_ptr<api_client::ApiClient>> connect_anonymous(const GlobalOptions& options,
                                                                 const std::string& server) {
  auto url = api_client::parse_server_url(server);
  if (!url.ok()) return url.error();
  return std::make_unique<api_client::ApiClient>(std::vector{*url}, client_options(options, ""));
}

Result<std::unique_ptr<api_client::ApiClient>> connect(const GlobalOptions& options) {
  auto saved = load_credentials();
  if (!saved.ok()) return saved.error();
  std::string server = options.server;
  std::string token = options.token;
  if (*saved) {
    const Credentials& credentials = **saved;
    if (server.empty()) server = credentials.server;
    if (token.empty()) {
      // Compare canonical forms so "127.0.0.1:8631" matches "http://127.0.0.1:8631".
      auto wanted = api_client::parse_server_url(server);
      auto issuer = api_client::parse_server_url(credentials.server);
      if (wanted.ok() && issuer.ok() && wanted->to_string() == issuer->to_string()) {
        token = credentials.token;
      }
    }
  }
  if (server.empty()) {
    return Error{tr("Not logged in. Run `printline login --server URL` first, or pass --server "
                    "and --token.")};
  }
  if (token.empty()) {
    return Error{trf("Not logged in to {server}. Run `printline login --server {server}` first, "
                     "or pass --token.",
                     fmt::arg("server", server))};
  }
  auto url = api_client::parse_server_url(server);
  if (!url.ok()) return url.error();
  api_client::ClientOptions client = client_options(options, std::move(token));
  if (*saved && !(*saved)->pinned_sha256.empty()) {
    // D13: the certificate pinned at login is the only one this server may show.
    auto issuer = api_client::parse_server_url((*saved)->server);
    if (issuer.ok() && issuer->to_string() == url->to_string()) {
      client.pinned_certificates[TlsTrust::key(url->host, url->port)] = (*saved)->pinned_sha256;
    }
  }
  return std::make_unique<api_client::ApiClient>(std::vector{*url}, std::move(client));
}

void learn_server_currency(const api_client::ApiClient& client) {
  auto me = api_client::me(client);
  if (me.ok()) set_money_currency(me->currency);
}

}  // namespace printline::cli
