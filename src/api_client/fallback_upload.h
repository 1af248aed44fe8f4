#pragma once
// POST /accounting/fallback-jobs (D6, FP-1): the desktop client reports the jobs it printed
// while the server was down. Idempotent per UUID, so a batch whose answer was lost can be sent
// again (the call is marked repeatable and fails over to the next server address).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api_client/api_client.h"
#include "model/job.h"
#include "model/job_ticket.h"
#include "model/timestamp.h"

namespace printline::api_client {

inline constexpr std::size_t kMaxFallbackBatch = 1000;  // the server refuses larger batches

struct FallbackJobReport {
  std::string uuid;
  std::int64_t printer_id = 0;
  model::Timestamp printed_at{};
  std::string title;
  model::PageCounts counts;  // as printed under the ticket (model/job_costing.h)
  model::JobTicket ticket;   // what the user asked (D11); the server checks counts against it
  std::string document_format;  // the MIME type, when known
};

enum class UploadStatus { kAccepted, kDuplicate, kRejected };

struct UploadResult {
  std::string uuid;
  UploadStatus status = UploadStatus::kRejected;
  std::optional<model::Job> job;  // accepted and duplicate
  std::string reason;             // rejected: invalid-uuid, unknown-printer, no-price, …
  std::string message;            // rejected: what to fix
};

struct UploadAnswer {
  std::vector<UploadResult> results;  // in the order sent
  int accepted = 0;
  int duplicates = 0;
  int rejected = 0;
};

// `jobs` must hold at most kMaxFallbackBatch entries (else the server answers 413).
ApiResult<UploadAnswer> upload_fallback_jobs(const ApiClient& client,
                                             const std::vector<FallbackJobReport>& jobs);

}  // namespace printline::api_client
