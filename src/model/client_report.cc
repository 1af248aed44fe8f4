#include "model/client_report.h"

#include "model/json.h"

namespace printline::model {

void to_json(nlohmann::json& j, const ClientReport& report) {
  j = {{"client_id", report.client_id},
       {"user_id", report.user_id},
       {"login", report.login},
       {"hostname", report.hostname},
       {"os_user", report.os_user},
       {"fallback_jobs_awaiting_upload", report.fallback_jobs_awaiting_upload},
       {"reported_at", timestamp_to_json(report.reported_at)}};
}

}  // namespace printline::model
