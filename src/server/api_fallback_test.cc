// POST /api/v1/admin/fallback-test (D9, FP-3): before fallback goes into production, probe
// from the server every fallback printer's effective fallback port — the address a desktop
// client would print to — and optionally send it a one-page test job. Each distinct address
// is tested once, all at the same time, so the answer takes about one timeout at most.

#include <fmt/format.h>

#include <future>
#include <map>

#include "core/i18n.h"
#include "server/api_fallback_printers.h"
#include "server/api_route.h"
#include "transport/print_transport.h"

namespace printline::server {
namespace {

constexpr const char* kTestPage =
    "%!PS-Adobe-3.0\n%%Pages: 1\n%%EndComments\n%%Page: 1 1\n"
    "/Helvetica findfont 24 scalefont setfont 72 720 moveto (Printline fallback test) show\n"
    "/Helvetica findfont 12 scalefont setfont 72 690 moveto "
    "(This device accepts fallback jobs from Printline desktop clients.) show\n"
    "showpage\n%%EOF\n";

struct Options {
  std::optional<std::string> profile;
  bool send_test_page = false;
  std::chrono::milliseconds timeout{2000};
};

Options read_options(ApiCall& call) {
  Options options;
  if (call.request.body.empty()) return options;
  auto body = call.json_body();
  require_known_fields(body, {"profile", "send_test_page", "timeout_ms"});
  if (auto it = body.find("profile"); it != body.end() && !it->is_null()) {
    if (it->is_number_integer())
      options.profile = std::to_string(it->get<std::int64_t>());
    else
      options.profile = string_field(body, "profile");
  }
  if (auto it = body.find("send_test_page"); it != body.end()) {
    if (!it->is_boolean())
      throw bad_request(trf("Field \"{field}\" must be true or false.",
                            fmt::arg("field", "send_test_page")),
                        "send_test_page");
    options.send_test_page = it->get<bool>();
  }
  if (body.contains("timeout_ms")) {
    const auto ms = integer_field(body, "timeout_ms");
    if (ms < 100 || ms > 30000) {
      throw bad_request(tr("Field \"timeout_ms\" must be from 100 to 30000."), "timeout_ms");
    }
    options.timeout = std::chrono::milliseconds(ms);
  }
  return options;
}

std::vector<model::ClientProfile> profiles_to_test(ApiCall& call, const Options& options) {
  auto all = read_or_throw(call.context.store.list_profiles());
  std::vector<model::ClientProfile> chosen;
  for (auto& profile : all) {
    const bool named = options.profile && (profile.name == *options.profile ||
                                           std::to_string(profile.id) == *options.profile);
    if (named || (!options.profile && profile.fallback.enabled)) chosen.push_back(profile);
  }
  if (options.profile && chosen.empty()) {
    throw not_found(trf("There is no Desktop Client profile \"{profile}\".",
                        fmt::arg("profile", *options.profile)),
                    "profile");
  }
  return chosen;
}

// What one address answered: the probe, and the test page when asked for.
nlohmann::json test_address(const std::string& uri, const Options& options,
                            const std::string& admin) {
  auto probe = transport::probe(uri, options.timeout);
  nlohmann::json out = {{"reachable", probe.reachable},
                        {"ms", probe.elapsed.count()},
                        {"message", probe.message},
                        {"test_page", nullptr},
                        {"status", probe.reachable ? "reachable" : "unreachable"}};
  if (!probe.reachable || !options.send_test_page) return out;
  transport::SendOptions send;
  send.title = "Printline fallback test";
  send.user = admin;
  send.document_format = "application/postscript";
  send.connect_timeout = options.timeout;
  send.io_timeout = std::chrono::seconds(15);
  auto document = transport::document_from_string(kTestPage);
  auto sent = transport::send_document(uri, *document, send);
  out["test_page"] = {{"outcome", transport::outcome_name(sent.outcome)},
                      {"accepted", sent.delivered()},
                      {"message", sent.message}};
  out["status"] = sent.delivered() ? "accepted" : "rejected";
  out["message"] = sent.message;
  return out;
}

void fallback_test(ApiCall& call) {
  const Options options = read_options(call);
  struct Row {
    nlohmann::json head;
    std::string uri;  // empty when misconfigured
  };
  std::vector<Row> rows;
  for (const auto& profile : profiles_to_test(call, options)) {
    for (const auto& printer :
         resolve_fallback_printers(call.context.store, profile.fallback).printers) {
      auto target = fallback_printer_json(printer, profile.fallback);
      Row row{{{"profile", profile.name},
               {"printer_id", printer.id},
               {"printer", printer.name},
               {"device_uri", target["device_uri"]},
               {"may_be_counted_twice", target["may_be_counted_twice"]}},
              {}};
      if (!printer.fallback_allowed) {
        row.head.update({{"status", "misconfigured"},
                         {"reachable", false},
                         {"ms", 0},
                         {"test_page", nullptr},
                         {"message", fmt::format("printer \"{}\" does not allow fallback "
                                                 "printing: allow it or remove it from the "
                                                 "profile",
                                                 printer.name)}});
      } else if (!target["usable"].get<bool>()) {
        row.head.update({{"status", "misconfigured"},
                         {"reachable", false},
                         {"ms", 0},
                         {"test_page", nullptr},
                         {"message", target["problem"]}});
      } else {
        row.uri = target["device_uri"].get<std::string>();
      }
      rows.push_back(std::move(row));
    }
  }
  std::map<std::string, std::future<nlohmann::json>> tests;
  for (const auto& row : rows) {
    if (row.uri.empty() || tests.contains(row.uri)) continue;
    tests[row.uri] =
        std::async(std::launch::async, test_address, row.uri, options, call.caller().login);
  }
  std::map<std::string, nlohmann::json> answers;
  for (auto& [uri, future] : tests) answers[uri] = future.get();
  nlohmann::json results = nlohmann::json::array();
  for (auto& row : rows) {
    if (!row.uri.empty()) row.head.update(answers[row.uri]);
    results.push_back(std::move(row.head));
  }
  send_json(call.response, {{"results", results}});
}

}  // namespace

void add_fallback_test_routes(ApiRoutes& routes) {
  routes.push_back({"POST", "/api/v1/admin/fallback-test", Access::kAdmin, fallback_test});
}

}  // namespace printline::server
