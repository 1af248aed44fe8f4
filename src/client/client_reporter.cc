#include "client/client_reporter.h"

#include <spdlog/spdlog.h>

namespace printline::client {

ClientReporter::ClientReporter(ClientIdentity identity, std::chrono::seconds refresh)
    : identity_(std::move(identity)), refresh_(refresh) {}

std::optional<api_client::ClientReportAnswer> ClientReporter::report(
    const api_client::ApiClient& api, std::int64_t awaiting_upload) {
  const api_client::ClientReportBody body{identity_.client_id, identity_.hostname,
                                          identity_.os_user, awaiting_upload};
  const auto now = std::chrono::steady_clock::now();
  if (last_ && *last_ == body && last_token_ == api.token() && now - last_at_ < refresh_) {
    return std::nullopt;
  }
  auto sent = api_client::send_client_report(api, body);
  if (!sent.ok()) {
    // Older servers do not know the route: the dashboard then lacks this client, nothing more.
    if (!failing_) {
      spdlog::warn("the server did not take this client's report ({}); trying again next beat",
                   api_client::describe(sent.error()));
    }
    failing_ = true;
    return std::nullopt;
  }
  failing_ = false;
  last_ = body;
  last_token_ = api.token();
  last_at_ = now;
  return std::move(*sent);
}

}  // namespace printline::client
