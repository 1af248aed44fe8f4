#pragma once
// Tells the server, with the heartbeat, which client this is and how many jobs it printed in
// fallback that are not accounted yet (api_client/client_report_calls.h), so the
// administrator's dashboard can show jobs awaiting upload. A report goes when the number or
// the login changed since the last one the server took, and at least every `refresh`, so the
// dashboard's "last reported" stays fresh without a database write on every beat. The
// server's answer names the user's held jobs about to expire.
//
// Threading: report() is called on the heartbeat thread only.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "api_client/api_client.h"
#include "api_client/client_report_calls.h"
#include "client/client_identity.h"

namespace printline::client {

class ClientReporter {
 public:
  explicit ClientReporter(ClientIdentity identity,
                          std::chrono::seconds refresh = std::chrono::seconds(60));

  // Sends the report when due; returns the server's answer when it took one now. A failure
  // is logged once and retried on the next beat.
  std::optional<api_client::ClientReportAnswer> report(const api_client::ApiClient& api,
                                                       std::int64_t awaiting_upload);

 private:
  const ClientIdentity identity_;
  const std::chrono::seconds refresh_;
  std::optional<api_client::ClientReportBody> last_;
  std::string last_token_;
  std::chrono::steady_clock::time_point last_at_{};
  bool failing_ = false;
};

}  // namespace printline::client
