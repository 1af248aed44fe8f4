#include "client/accounting_uploader.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>

#include "api_client/fallback_upload.h"
#include "core/crash_point.h"
#include "core/i18n.h"
#include "core/logging.h"

namespace printline::client {

UploadSummary upload_printed_offline(OutboxStore& outbox, const api_client::ApiClient& api,
                                     bool include_rejected,
                                     const std::function<void(const OutboxJob&)>& on_changed) {
  UploadSummary summary;
  std::vector<OutboxJob> pending;
  for (auto& job : outbox.in_state(JobState::kPrintedOffline)) {
    if (!job.printer_id || !job.printed_at) continue;  // cannot be reported; logged at print
    if (!job.upload_error.empty() && !include_rejected) continue;
    pending.push_back(std::move(job));
  }
  for (std::size_t start = 0; start < pending.size(); start += api_client::kMaxFallbackBatch) {
    const std::size_t end = std::min(pending.size(), start + api_client::kMaxFallbackBatch);
    std::vector<api_client::FallbackJobReport> reports;
    std::map<std::string, OutboxJob*> by_uuid;
    for (std::size_t i = start; i < end; ++i) {
      OutboxJob& job = pending[i];
      api_client::FallbackJobReport report;
      report.uuid = job.uuid;
      report.printer_id = *job.printer_id;
      report.printed_at = *job.printed_at;
      report.title = job.title;
      report.ticket = job.ticket;
      report.document_format = job.document_format;
      if (job.counts) {
        report.counts = *job.counts;
      } else {
        report.counts.copies = job.copies;
      }
      reports.push_back(std::move(report));
      by_uuid[job.uuid] = &job;
    }
    auto answer = api_client::upload_fallback_jobs(api, reports);
    if (!answer.ok()) {
      const int status = answer.error().http_status;
      summary.busy = status == 503 || status == 429;
      summary.retry_after_s = answer.error().retry_after_s;
      summary.unreachable = answer.error().unreachable() && !summary.busy;
      summary.error = api_client::describe(answer.error());
      spdlog::warn("accounting upload stopped: {}", summary.error);
      return summary;
    }
    crash_point("client.upload-answered");  // the server charged the batch, the outbox not marked
    std::vector<OutboxJob> changed;
    for (const auto& result : answer->results) {
      auto found = by_uuid.find(result.uuid);
      if (found == by_uuid.end()) continue;
      OutboxJob job = *found->second;
      if (result.status == api_client::UploadStatus::kRejected) {
        job.upload_error = result.message.empty() ? result.reason : result.message;
        job.reason = trf(
            "Printed on \"{printer}\" while the server was offline; the server refused its "
            "accounting report: {reason}. An administrator should check it.",
            fmt::arg("printer", job.printer), fmt::arg("reason", job.upload_error));
        ++summary.rejected;
      } else {
        job.state = JobState::kAccounted;
        job.upload_error.clear();
        job.reason = trf(
            "Printed on \"{printer}\" while the server was offline, and accounted by the server.",
            fmt::arg("printer", job.printer));
        ++summary.accounted;
      }
      changed.push_back(std::move(job));
    }
    if (auto saved = outbox.update_all(changed); !saved.ok()) {
      summary.error = saved.error().message;
      return summary;
    }
    for (const auto& job : changed) {
      if (job.state == JobState::kAccounted) outbox.discard_document(job.uuid);
      object_logger("job", job.uuid)->info("{}", job.reason);
      if (on_changed) on_changed(job);
    }
  }
  return summary;
}

}  // namespace printline::client
