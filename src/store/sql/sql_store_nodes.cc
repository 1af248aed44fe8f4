// Server nodes: which server process is alive, and which jobs a stopped one left "printing".

#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

Status SqlStore::record_node_alive(std::string_view node_name) {
  return write([&] {
    db()
        .query(
            "INSERT INTO server_nodes (name, seen_at) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET seen_at = excluded.seen_at")
        .bind_all(node_name, now_unix())
        .run();
    return std::monostate{};
  });
}

Result<AbandonedJobs> SqlStore::hold_abandoned_jobs(std::string_view restarting_node,
                                                    model::Timestamp alive_since,
                                                    std::string_view outcome) {
  return write([&] {
    AbandonedJobs result;
    const std::int64_t since = to_unix(alive_since);
    auto held = db().query(
        "UPDATE jobs SET state = ?, outcome = ? WHERE state = ? AND ("
        "printing_node IS NULL OR printing_node = ? OR NOT EXISTS ("
        "SELECT 1 FROM server_nodes n WHERE n.name = jobs.printing_node AND n.seen_at >= ?)) "
        "RETURNING uuid");
    held.bind_all(model::state_name(model::JobState::kHeld), outcome,
                  model::state_name(model::JobState::kPrinting), restarting_node, since);
    while (held.step()) result.held_uuids.push_back(held.text(0));
    auto dead = db().query("DELETE FROM server_nodes WHERE seen_at < ? RETURNING name");
    dead.bind_all(since);
    while (dead.step()) ++result.dead_nodes;
    return result;
  });
}

}  // namespace printline::store::sql
