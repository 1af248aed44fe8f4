// Desktop clients' heartbeat reports: the latest per (user, client id), so no user can
// overwrite another's row (D12).

#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

Status SqlStore::record_client_report(const model::ClientReport& report) {
  return write([&] {
    auto q = db().query(
        "INSERT INTO client_reports (client_id, user_id, hostname, os_user, awaiting_upload, "
        "reported_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, client_id) DO UPDATE SET "
        "hostname = excluded.hostname, os_user = excluded.os_user, "
        "awaiting_upload = excluded.awaiting_upload, reported_at = excluded.reported_at");
    q.bind_all(report.client_id, report.user_id, report.hostname, report.os_user,
               report.fallback_jobs_awaiting_upload, now_unix());
    run_or_refuse(q, "the report names no known user, or a number of jobs out of range");
    return std::monostate{};
  });
}

Result<std::vector<model::ClientReport>> SqlStore::client_reports() {
  return read([&] {
    std::vector<model::ClientReport> reports;
    auto q = db().query(
        "SELECT c.client_id, c.user_id, u.login, c.hostname, c.os_user, c.awaiting_upload, "
        "c.reported_at FROM client_reports c JOIN users u ON u.id = c.user_id "
        "ORDER BY c.reported_at DESC, c.client_id");
    while (q.step()) {
      model::ClientReport report;
      report.client_id = q.text(0);
      report.user_id = q.integer(1);
      report.login = q.text(2);
      report.hostname = q.text(3);
      report.os_user = q.text(4);
      report.fallback_jobs_awaiting_upload = q.integer(5);
      report.reported_at = from_unix(q.integer(6));
      reports.push_back(std::move(report));
    }
    return reports;
  });
}

}  // namespace printline::store::sql
