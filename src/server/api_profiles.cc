// Desktop Client profiles (FP-4…FP-6, FP-9): administrators' CRUD with the D8 check, and
// GET /me/profile, the one answer a desktop client needs to fall back on its own.

#include <fmt/format.h>

#include <functional>

#include "core/i18n.h"
#include "model/profile_validation.h"
#include "server/api_fallback_printers.h"
#include "server/api_route.h"

namespace printline::server {
namespace {

using model::ClientProfile;

nlohmann::json findings_json(const std::vector<model::ProfileFinding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : findings) out.push_back({{"field", f.field}, {"message", f.message}});
  return out;
}

void require_known_profile_fields(const nlohmann::json& body) {
  require_known_fields(
      body, {"name", "assigned_users", "assigned_groups", "is_default", "server_addresses",
             "connect_timeout_ms", "heartbeat_interval_s", "answer_timeout_s", "fallback"});
  auto fallback = body.find("fallback");
  if (fallback == body.end() || !fallback->is_object()) return;
  for (const auto& [key, value] : fallback->items()) {
    static const std::vector<std::string> kAllowed = {
        "enabled", "port",           "printer_ids",      "group_id",
        "release", "kx_integration", "keep_waiting_days"};
    if (std::find(kAllowed.begin(), kAllowed.end(), key) == kAllowed.end()) {
      throw unknown_field("fallback." + key);
    }
  }
  auto port = fallback->find("port");
  if (port == fallback->end() || !port->is_object()) return;
  for (const auto& [key, value] : port->items()) {
    if (key != "protocol" && key != "port" && key != "queue")
      throw unknown_field("fallback.port." + key);
  }
}

// D8 and the sanity rules, with the fields named: 422 on an error, the warnings otherwise.
std::vector<model::ProfileFinding> validate(ApiCall& call, const ClientProfile& profile) {
  auto resolved = resolve_fallback_printers(call.context.store, profile.fallback);
  auto check = model::check_profile(profile, resolved.printers);
  check.errors.insert(check.errors.begin(), resolved.missing.begin(), resolved.missing.end());
  if (!check.ok()) {
    const auto& first = check.errors.front();
    auto error = invalid(check.errors.size() > 1
                             ? trf("The profile cannot be saved: {problem}. See details for the "
                                   "others.",
                                   fmt::arg("problem", first.message))
                             : trf("The profile cannot be saved: {problem}.",
                                   fmt::arg("problem", first.message)),
                         first.field);
    error.details = findings_json(check.errors);
    throw error;
  }
  return check.warnings;
}

ClientProfile find_profile(ApiCall& call, const std::string& reference) {
  auto& store = call.context.store;
  if (auto id = as_id(reference)) {
    if (auto found = read_or_throw(store.find_profile(*id))) return *found;
  } else {
    for (auto& profile : read_or_throw(store.list_profiles())) {
      if (profile.name == reference) return profile;
    }
  }
  throw not_found(trf("There is no Desktop Client profile \"{profile}\". GET /api/v1/profiles "
                      "lists them.",
                      fmt::arg("profile", reference)));
}

void send_saved(ApiCall& call, const store::SavedProfile& saved,
                const std::vector<model::ProfileFinding>& warnings, int status) {
  send_json(call.response, {{"profile", saved.profile}, {"warnings", findings_json(warnings)}},
            status);
}

void list(ApiCall& call) {
  send_json(call.response, {{"profiles", read_or_throw(call.context.store.list_profiles())}});
}

void get(ApiCall& call) { send_json(call.response, find_profile(call, call.path_part(1))); }

void create(ApiCall& call) {
  auto body = call.json_body();
  require_known_profile_fields(body);
  if (!body.contains("name")) {
    throw bad_request(tr("Field \"name\" is required: name the profile."), "name");
  }
  auto profile = merge_fields(ClientProfile{}, body);
  auto warnings = validate(call, profile);
  auto saved = write_or_throw(call.context.store.create_profile(profile, call.actor()));
  send_saved(call, saved, warnings, 201);
}

void update(ApiCall& call) {
  auto current = find_profile(call, call.path_part(1));
  auto body = call.json_body();
  require_known_profile_fields(body);
  auto profile = merge_fields(current, body);
  profile.id = current.id;
  auto warnings = validate(call, profile);
  auto saved = write_or_throw(call.context.store.update_profile(profile, call.actor()));
  send_saved(call, saved, warnings, 200);
}

void remove(ApiCall& call) {
  auto profile = find_profile(call, call.path_part(1));
  write_or_throw(call.context.store.delete_profile(profile.id, call.actor()));
  send_no_content(call.response);
}

// The ETag covers the version and everything else in the answer (printers' addresses can
// change without the profile's version changing), so a 304 is never stale.
std::string etag_of(const ClientProfile& profile, const std::string& body) {
  return fmt::format("\"{}.{}.{:016x}\"", profile.id, profile.version,
                     std::hash<std::string>{}(body));
}

void my_profile(ApiCall& call) {
  const auto& user = call.caller();
  auto profile = read_or_throw(call.context.store.profile_for(user.login));
  if (!profile) {
    ApiError error = not_found(
        tr("No Desktop Client profile applies to you. Ask an administrator to assign you one or "
           "to make one the default."));
    error.code = "no-profile";
    throw error;
  }
  nlohmann::json printers = nlohmann::json::array();
  for (const auto& printer :
       resolve_fallback_printers(call.context.store, profile->fallback).printers) {
    if (printer.fallback_allowed)
      printers.push_back(fallback_printer_json(printer, profile->fallback));
  }
  const nlohmann::json body = {{"profile", *profile}, {"fallback_printers", printers}};
  const std::string text = body.dump();
  const std::string etag = etag_of(*profile, text);
  call.response.set_header("ETag", etag);
  const std::string if_none_match = call.request.get_header_value("If-None-Match");
  if (!if_none_match.empty() &&
      (if_none_match == "*" || if_none_match.find(etag) != std::string::npos)) {
    call.response.status = 304;
    return;
  }
  send_json(call.response, body);
}

}  // namespace

void add_profile_routes(ApiRoutes& routes) {
  routes.push_back({"GET", "/api/v1/me/profile", Access::kUser, my_profile});
  routes.push_back({"GET", "/api/v1/profiles", Access::kAdmin, list});
  routes.push_back({"POST", "/api/v1/profiles", Access::kAdmin, create});
  routes.push_back({"GET", R"(/api/v1/profiles/([^/]+))", Access::kAdmin, get});
  routes.push_back({"PATCH", R"(/api/v1/profiles/([^/]+))", Access::kAdmin, update});
  routes.push_back({"DELETE", R"(/api/v1/profiles/([^/]+))", Access::kAdmin, remove});
}

}  // namespace printline::server
