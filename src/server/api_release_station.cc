// Release stations (a tablet or a printer's panel browser at /#/release/<printer>): a person
// identifies with a badge's card number, or with login and PIN, and gets a short session in
// which they see their held jobs priced for this printer, and release or cancel them with the
// job routes (api_jobs.cc). Badge and PIN guesses are rate-limited per account and per
// station (its address), more strictly than log-ins (kBadgeLimits).

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/i18n.h"
#include "model/job_costing.h"
#include "model/pricing.h"
#include "server/api_lookup.h"
#include "server/api_route.h"
#include "store/job_filter.h"
#include "transport/ipp_printer_readiness.h"

namespace printline::server {
namespace {

// A station session ends when its page logs out (after 30 s without a touch) and, whatever
// the page does, after this long.
constexpr std::chrono::seconds kStationSessionLifetime = std::chrono::minutes(5);
constexpr int kIdleLogoutSeconds = 30;
// A station asks its IPP printer whether it can print before offering to; a printer that does
// not answer this fast is shown as it is, not waited for.
constexpr std::chrono::seconds kReadinessTimeout{2};

model::Printer station_printer(ApiCall& call) {
  auto printer = lookup_printer(call.context.store, call.path_part(1));
  if (!printer) {
    throw not_found(trf("There is no printer \"{printer}\": check the release station's "
                        "address (/#/release/<printer name>).",
                        fmt::arg("printer", call.path_part(1))));
  }
  return *printer;
}

ApiError rate_limited(std::chrono::seconds wait) {
  ApiError error;
  error.status = 429;
  error.code = "rate-limited";
  error.message = trf(
      "Too many wrong badges or PINs for this account or at this station. Wait {seconds} "
      "seconds and try again, or ask an administrator.",
      fmt::arg("seconds", wait.count()));
  error.retry_after = wait;
  return error;
}

// Who stands at the station: by card number, or by login and PIN. Every wrong answer counts.
model::User identify(ApiCall& call, const nlohmann::json& body) {
  auto& limiter = call.context.badge_limiter;
  const std::string& station = call.request.remote_addr;
  const bool by_card = body.contains("card");
  // A wrong card names no account: guessing cards is stopped by the station's limit (each
  // card number counts as its own "account", so one mistyped badge cannot lock the others).
  const std::string account =
      by_card ? "card:" + string_field(body, "card") : string_field(body, "login");
  if (auto wait = limiter.wait_before_attempt(station, account); wait.count() > 0) {
    throw rate_limited(wait);
  }
  auto user = by_card ? read_or_throw(call.context.store.find_user_by_card(
                            string_field(body, "card")))
                      : read_or_throw(call.context.store.verify_pin(
                            account, string_field(body, "pin")));
  if (!user) {
    limiter.record_failure(station, account);
    throw unauthenticated(
        by_card ? tr("This badge is not known. Use your login and PIN, or ask an administrator "
                     "to register the badge.")
                : tr("Wrong login or PIN. No PIN yet? Set one under My balance in the web "
                     "interface."));
  }
  limiter.record_success(station, account);
  return *user;
}

void open_session(ApiCall& call) {
  const auto printer = station_printer(call);
  auto body = call.json_body();
  if (body.contains("card")) {
    require_known_fields(body, {"card"});
  } else {
    require_known_fields(body, {"login", "pin"});
  }
  const auto user = identify(call, body);
  auto token =
      read_or_throw(call.context.store.issue_token(user.id, kStationSessionLifetime));
  send_json(call.response, {{"token", token.token},
                            {"expires_at", model::format_timestamp(token.expires_at)},
                            {"idle_logout_s", kIdleLogoutSeconds},
                            {"user", {{"login", user.login}, {"name", user.name}}},
                            {"printer", {{"name", printer.name}, {"location", printer.location}}}});
}

// Can this printer print now? IPP printers are asked (stopped, paper out, door open…);
// RAW and LPR printers cannot say, and are taken as ready. When it cannot, the other printers
// of its groups are named, for the person to walk to.
nlohmann::json readiness_of(ApiCall& call, const model::Printer& printer) {
  nlohmann::json answer = {{"ready", true}, {"problems", nlohmann::json::array()},
                           {"message", ""}, {"others", nlohmann::json::array()}};
  const std::string_view uri = printer.device_uri;
  if (!uri.starts_with("ipp://") && !uri.starts_with("ipps://")) return answer;
  auto readiness = transport::ask_printer_readiness(uri, TlsTrust{}, kReadinessTimeout);
  if (!readiness.ok()) {
    answer["ready"] = false;
    answer["problems"] = {"not-answering"};
    answer["message"] = readiness.error().message;
  } else if (!readiness->ready) {
    answer["ready"] = false;
    answer["problems"] = readiness->problems;
    answer["message"] = readiness->message;
  }
  if (answer["ready"] == false) {
    std::set<std::string> others;
    for (const auto& group : read_or_throw(call.context.store.list_groups())) {
      const auto& ids = group.printer_ids;
      if (std::find(ids.begin(), ids.end(), printer.id) == ids.end()) continue;
      for (auto id : ids) {
        if (id == printer.id) continue;
        if (auto other = read_or_throw(call.context.store.find_printer(id))) others.insert(other->name);
      }
    }
    answer["others"] = others;
  }
  return answer;
}

// The caller's held jobs with what each costs, and how many sides it prints, on this printer
// (a colour job costs the mono price on a mono printer: what release will charge), and
// whether the printer can print now.
void held_jobs(ApiCall& call) {
  const auto printer = station_printer(call);
  store::JobFilter filter;
  filter.owner_id = call.caller().id;
  filter.state = model::JobState::kHeld;
  auto jobs = read_or_throw(call.context.store.list_jobs(filter));
  const auto prices = read_or_throw(call.context.store.price_list());
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& job : jobs) {
    if (job.awaiting_commit) continue;  // D10: its desktop client may still print it
    const auto counts = model::counts_on_printer(job.counts, printer.color);
    auto cost = model::price_job(prices, counts, printer.color);
    listed.push_back({{"uuid", job.uuid},
                      {"title", job.title},
                      {"submitted_at", model::format_timestamp(job.submitted_at)},
                      {"pages", counts.total_pages()},
                      {"color_pages", counts.color_pages * counts.copies},
                      {"cost_cents", cost.ok() ? nlohmann::json(*cost) : nlohmann::json(nullptr)}});
  }
  auto me = read_or_throw(call.context.store.find_user(call.caller().id));
  send_json(call.response,
            {{"jobs", listed},
             {"balance_cents", me ? me->balance_cents : 0},
             {"currency", call.context.config.currency},
             {"printer", {{"name", printer.name}, {"location", printer.location},
                          {"color", printer.color}, {"readiness", readiness_of(call, printer)}}}});
}

}  // namespace

void add_release_station_routes(ApiRoutes& routes) {
  routes.push_back(
      {"POST", R"(/api/v1/release-station/([^/]+)/session)", Access::kPublic, open_session});
  routes.push_back({"GET", R"(/api/v1/release-station/([^/]+)/jobs)", Access::kUser, held_jobs});
}

}  // namespace printline::server
