#include <fmt/format.h>

#include <chrono>

#include "analysis/subprocess.h"
#include "server/backup_database.h"

#ifdef PRINTLINE_HAVE_POSTGRES
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>
#endif

namespace printline::server {

#ifdef PRINTLINE_HAVE_POSTGRES
namespace {

// pg_dump and pg_restore of a large database take long; a hung one is still stopped.
constexpr auto kToolTimeout = std::chrono::hours(12);

std::string tail_of(const std::string& text) {
  const std::size_t keep = 600;
  std::string tail = text.size() > keep ? text.substr(text.size() - keep) : text;
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
  return tail;
}

Result<bool> run_tool(const std::vector<std::string>& argv, const std::string& what) {
  auto ran = analysis::run_with_timeout(argv, kToolTimeout);
  if (!ran.ok()) {
    return Error{fmt::format("{} could not run: {} (is Debian's postgresql-client installed?)",
                             argv.front(), ran.error().message)};
  }
  if (ran->exit_code != 0) {
    return Error{fmt::format("{} failed ({}): {}", what, argv.front(), tail_of(ran->err))};
  }
  return true;
}

}  // namespace

Result<DatabaseSnapshot> snapshot_postgres(const ServerConfig& config,
                                           const std::filesystem::path& into) {
  try {
    // One snapshot for both pg_dump and the list of unfinished jobs: exported by this
    // transaction, which stays open until pg_dump is done.
    pqxx::connection connection(config.database);
    pqxx::nontransaction session(connection);
    session.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const auto snapshot_id = session.exec("SELECT pg_export_snapshot()")[0][0].as<std::string>();
    if (auto dumped = run_tool({"pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                                "--snapshot=" + snapshot_id, "--file=" + into.string(),
                                "--dbname=" + config.database},
                               "Dumping the PostgreSQL database");
        !dumped.ok()) {
      return dumped.error();
    }
    DatabaseSnapshot snapshot;
    for (const auto& row :
         session.exec("SELECT uuid FROM jobs WHERE state IN " + unfinished_states_sql())) {
      snapshot.unfinished_jobs.push_back(row[0].as<std::string>());
    }
    for (const auto& row : session.exec(kDocumentsInDatabaseSql)) {
      snapshot.documents_in_database.insert(row[0].as<std::string>());
    }
    session.exec("COMMIT");
    return snapshot;
  } catch (const std::exception& e) {
    return Error{fmt::format("Cannot back up the PostgreSQL database: {}", e.what())};
  }
}

Result<bool> restore_postgres(const ServerConfig& config, const std::filesystem::path& from) {
  try {
    pqxx::connection connection(config.database);
    pqxx::nontransaction session(connection);
    const auto tables =
        session
            .exec("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'")[0][0]
            .as<long>();
    if (tables > 0) {
      return Error{
          "The PostgreSQL database already has tables: restore into a new, empty database "
          "(createdb) and point --db at it. Nothing was changed."};
    }
  } catch (const std::exception& e) {
    return Error{fmt::format("Cannot reach the PostgreSQL database to restore into: {}",
                             e.what())};
  }
  return run_tool({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                   "--single-transaction", "--dbname=" + config.database, from.string()},
                  "Restoring the PostgreSQL database");
}

#else

Result<DatabaseSnapshot> snapshot_postgres(const ServerConfig&, const std::filesystem::path&) {
  return Error{"This printline-server was built without PostgreSQL support."};
}

Result<bool> restore_postgres(const ServerConfig&, const std::filesystem::path&) {
  return Error{"This printline-server was built without PostgreSQL support."};
}

#endif

}  // namespace printline::server
