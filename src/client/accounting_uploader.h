#pragma once
// Accounting after the outage (FP-1, D6): every printed-offline job is reported to the server
// in batches of at most 1000 (POST /accounting/fallback-jobs) and marked accounted when the
// server answers accepted or duplicate. The upload is idempotent per UUID, so a batch whose
// answer was lost is simply sent again; a job is marked accounted only after the answer.

#include <functional>
#include <optional>
#include <string>

#include "api_client/api_client.h"
#include "client/outbox_store.h"

namespace printline::client {

struct UploadSummary {
  int accounted = 0;  // accepted or duplicate, now kAccounted
  int rejected = 0;   // the server refused the report (upload_error says why)
  bool unreachable = false;
  // The server answered 503 or 429 (busy, issue 11): it is up; try again after the back-off
  // (upload_backoff.h), `retry_after_s` when it said.
  bool busy = false;
  std::optional<int> retry_after_s;
  std::string error;  // why the upload stopped early
};

// Uploads kPrintedOffline jobs. Jobs the server rejected before are skipped unless
// `include_rejected` (the daemon retries them once per start). `on_changed` is called for
// every job whose record changed.
UploadSummary upload_printed_offline(OutboxStore& outbox, const api_client::ApiClient& api,
                                     bool include_rejected,
                                     const std::function<void(const OutboxJob&)>& on_changed);

}  // namespace printline::client
