// Fuzzes what a desktop client may PUT to /api/v1/me/client-report (D12): the same bounded
// JSON parse and field checks as the route, without a server. Properties: never crashes; an
// accepted report has a non-empty client id, short texts and a count within bounds.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "model/bounded_json.h"
#include "server/client_report_parsing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace printline;
  auto parsed = model::parse_bounded_json(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.ok()) return 0;  // the route answers 400
  auto report = server::parse_client_report(parsed.value, 7);
  if (auto* ok = std::get_if<model::ClientReport>(&report)) {
    if (ok->client_id.empty() || ok->client_id.size() > server::kMaxClientReportText ||
        ok->hostname.size() > server::kMaxClientReportText ||
        ok->os_user.size() > server::kMaxClientReportText || ok->user_id != 7 ||
        ok->fallback_jobs_awaiting_upload < 0 ||
        ok->fallback_jobs_awaiting_upload > server::kMaxJobsAwaitingUpload) {
      std::abort();
    }
  }
  return 0;
}
