#include "transport/ipps_peer_check.h"

#include <fmt/format.h>

#include <vector>

namespace printline::transport {

std::optional<Error> check_ipps_peer(http_t* http, const std::string& host, int port,
                                     const TlsTrust& trust) {
  cups_array_t* credentials = nullptr;
  std::vector<std::string> chain;
  if (httpCopyCredentials(http, &credentials) == 0 && credentials != nullptr) {
    for (auto* credential = static_cast<http_credential_t*>(cupsArrayFirst(credentials));
         credential != nullptr;
         credential = static_cast<http_credential_t*>(cupsArrayNext(credentials))) {
      chain.emplace_back(static_cast<const char*>(credential->data), credential->datalen);
    }
  }
  httpFreeCredentials(credentials);
  if (chain.empty()) {
    return Error{fmt::format("{} showed no TLS certificate that can be checked, so nothing was "
                             "sent to it.",
                             TlsTrust::key(host, port))};
  }
  return check_peer_certificate(chain, host, port, trust);
}

}  // namespace printline::transport
