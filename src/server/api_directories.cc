// Directory sources (administrators, docs/directory.md): their sync status, and a sync on
// demand, with a dry run that shows what it would change.

#include <fmt/format.h>

#include "core/i18n.h"
#include "server/api_route.h"

namespace printline::server {
namespace {

nlohmann::json status_json(const directory::SourceStatus& status) {
  auto time = [](const std::optional<model::Timestamp>& t) {
    return t ? nlohmann::json(model::format_timestamp(*t)) : nlohmann::json(nullptr);
  };
  return {{"name", status.name},
          {"uri", status.uri},
          {"last_complete_sync", time(status.last_complete)},
          {"last_sync", time(status.last_run)},
          {"last_failure", time(status.last_failure)},
          {"last_error", status.last_error}};
}

bool flag(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end()) return false;
  if (!it->is_boolean()) {
    throw bad_request(trf("Field \"{field}\" must be true or false.", fmt::arg("field", name)),
                      name);
  }
  return it->get<bool>();
}

void list_directories(ApiCall& call) {
  auto list = nlohmann::json::array();
  for (const auto& status : call.context.directories.statuses()) {
    list.push_back(status_json(status));
  }
  send_json(call.response, {{"directories", list}});
}

void sync_directory(ApiCall& call) {
  const std::string name = call.path_part(1);
  if (call.context.directories.find(name) == nullptr) {
    throw not_found(
        trf("There is no directory source \"{source}\". GET /api/v1/directories lists the "
            "configured ones.",
            fmt::arg("source", name)));
  }
  nlohmann::json body = nlohmann::json::object();
  if (!call.request.body.empty()) body = call.json_body();
  require_known_fields(body, {"dry_run", "incremental"});
  const bool dry_run = flag(body, "dry_run");
  // On demand, complete by default: an administrator asking wants the whole picture.
  const auto kind = flag(body, "incremental") ? directory::SyncKind::kIncremental
                                              : directory::SyncKind::kComplete;
  auto plan = call.context.directories.run(name, kind, dry_run, call.actor());
  if (!plan.ok()) {
    // The directory, not the request, failed: nothing was changed.
    ApiError failed;
    failed.status = 502;
    failed.code = "directory-failed";
    failed.message = trf("{error}. Nothing was changed; fix the directory source or try again.",
                         fmt::arg("error", plan.error().message));
    throw failed;
  }
  nlohmann::json answer = *plan;
  answer["dry_run"] = dry_run;
  send_json(call.response, answer);
}

}  // namespace

void add_directory_routes(ApiRoutes& routes) {
  routes.push_back({"GET", "/api/v1/directories", Access::kAdmin, list_directories});
  routes.push_back({"POST", R"(/api/v1/directories/([^/]+)/sync)", Access::kAdmin, sync_directory});
}

}  // namespace printline::server
