// Release stations (a tablet or a printer's panel browser at /#/release/<printer>): a person
// identifies with a badge's card number, or with login and PIN, and gets a short session in
// which they see their held jobs priced for this printer, and release or cancel them with the
// job routes (api_jobs.cc). Badge and PIN guesses are rate-limited per account and per
// station (its address), more strictly than log-ins (kBadgeLimits).

#include <fmt/format.h>

#include "model/job_costing.h"
#include "model/pricing.h"
#include "server/api_lookup.h"
#include "server/api_route.h"
#include "store/job_filter.h"

namespace printline::server {
namespace {

// A station session ends when its page logs out (after 30 s without a touch) and, whatever
// the page does, after this long.
constexpr std::chrono::seconds kStationSessionLifetime = std::chrono::minutes(5);
constexpr int kIdleLogoutSeconds = 30;

model::Printer station_printer(ApiCall& call) {
  auto printer = lookup_printer(call.context.store, call.path_part(1));
  if (!printer) {
    throw not_found(fmt::format("There is no printer \"{}\": check the release station's address "
                                "(/#/release/<printer name>).",
                                call.path_part(1)));
  }
  return *printer;
}

ApiError rate_limited(std::chrono::seconds wait) {
  ApiError error;
  error.status = 429;
  error.code = "rate-limited";
  error.message = fmt::format(
      "Too many wrong badges or PINs for this account or at this station. Wait {} seconds and "
      "try again, or ask an administrator.",
      wait.count());
  error.retry_after = wait;
  return error;
}

// Who stands at the station: by card number, or by login and PIN. Every wrong answer counts.
model::User identify(ApiCall& call, const nlohmann::json& body) {
  auto& limiter = call.context.badge_limiter;
  const std::string& station = call.request.remote_addr;
  const bool by_card = body.contains("card");
  // A wrong card names no account: its guesses count against the station alone.
  const std::string account = by_card ? "card@" + station : string_field(body, "login");
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
        by_card ? "This badge is not known. Use your login and PIN, or ask an administrator to "
                  "register the badge."
                : "Wrong login or PIN. No PIN yet? Set one under My balance in the web "
                  "interface.");
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

// The caller's held jobs with what each costs, and how many sides it prints, on this printer
// (a colour job costs the mono price on a mono printer: what release will charge).
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
             {"printer", {{"name", printer.name}, {"location", printer.location},
                          {"color", printer.color}}}});
}

}  // namespace

void add_release_station_routes(ApiRoutes& routes) {
  routes.push_back(
      {"POST", R"(/api/v1/release-station/([^/]+)/session)", Access::kPublic, open_session});
  routes.push_back({"GET", R"(/api/v1/release-station/([^/]+)/jobs)", Access::kUser, held_jobs});
}

}  // namespace printline::server
