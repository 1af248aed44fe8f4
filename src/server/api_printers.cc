// Printers: every user reads them (the desktop client caches them with their fallback
// attributes), with credentials in device URIs redacted; administrators create, change and
// delete them. A printer has a language and capabilities (D11); a change that would break a
// Desktop Client profile using the printer is refused, naming the profile (D8).

#include <fmt/format.h>

#include "core/i18n.h"
#include "model/device_uri.h"
#include "server/api_lookup.h"
#include "server/api_route.h"
#include "server/printer_redaction.h"
#include "server/profile_recheck.h"
#include "transport/ipp_printer_capabilities.h"

namespace printline::server {
namespace {

using model::Printer;

Printer find_printer(ApiCall& call, const std::string& reference) {
  auto found = lookup_printer(call.context.store, reference);
  if (!found) {
    throw not_found(trf("There is no printer \"{printer}\". GET /api/v1/printers lists them.",
                        fmt::arg("printer", reference)));
  }
  return *found;
}

void check_spooling_port_fields(const nlohmann::json& body) {
  auto port = body.find("spooling_port");
  if (port == body.end() || !port->is_object()) return;
  for (const auto& [key, value] : port->items()) {
    if (key != "protocol" && key != "port" && key != "queue") {
      throw unknown_field("spooling_port." + key);
    }
  }
}

// The checks a person can fix before the store sees the printer.
void validate(const Printer& printer) {
  if (printer.name.empty()) throw invalid(tr("The printer needs a name."), "name");
  if (auto host = model::device_uri_host(printer.device_uri); !host) {
    throw invalid(trf("Device URI \"{uri}\": {problem}. Use socket://host:9100, "
                      "lpd://host:515/queue, ipp://host:631/ipp/print or ipps://…",
                      fmt::arg("uri", printer.device_uri),
                      fmt::arg("problem", host.error().message)),
                  "device_uri");
  }
  if (printer.spooling_port) {
    if (auto problem = model::device_port_problem(*printer.spooling_port)) {
      throw invalid(trf("Device spooling port: {problem}.", fmt::arg("problem", *problem)),
                    "spooling_port");
    }
  }
}

// Listed paper sizes decide the largest paper, so the two cannot disagree.
void settle_paper(Printer& printer) {
  if (printer.paper_sizes.empty()) return;
  model::apply_capabilities(printer, {printer.color, printer.duplex, printer.paper_sizes,
                                      printer.document_formats});
}

void require_printer_fields(const nlohmann::json& body) {
  require_known_fields(body, {"name", "device_uri", "color", "largest_paper", "duplex", "vendor",
                              "location", "fallback_allowed", "spooling_port", "language",
                              "paper_sizes", "document_formats"});
  check_spooling_port_fields(body);
}

// Device URIs may carry credentials: only administrators read them whole.
void list(ApiCall& call) {
  nlohmann::json printers = nlohmann::json::array();
  for (const auto& printer : read_or_throw(call.context.store.list_printers())) {
    printers.push_back(printer_json_for(printer, call.caller_is_admin()));
  }
  send_json(call.response, {{"printers", printers}});
}

void get(ApiCall& call) {
  send_json(call.response,
            printer_json_for(find_printer(call, call.path_part(1)), call.caller_is_admin()));
}

void create(ApiCall& call) {
  auto body = call.json_body();
  require_printer_fields(body);
  string_field(body, "name");
  string_field(body, "device_uri");
  Printer printer = merge_fields(Printer{}, body);
  settle_paper(printer);
  validate(printer);
  send_json(call.response, write_or_throw(call.context.store.create_printer(printer, call.actor())),
            201);
}

void update(ApiCall& call) {
  Printer current = find_printer(call, call.path_part(1));
  auto body = call.json_body();
  require_printer_fields(body);
  Printer printer = merge_fields(current, body);
  printer.id = current.id;
  settle_paper(printer);
  validate(printer);
  refuse_if_profiles_break(call, printer, std::nullopt);  // D8
  send_json(call.response,
            write_or_throw(call.context.store.update_printer(printer, call.actor())));
}

// D11: asks an IPP printer what it can do (Get-Printer-Attributes) and keeps the answer with
// the printer, as its cached capabilities; asking again refreshes them. The D8 re-check applies.
void refresh_capabilities(ApiCall& call) {
  Printer printer = find_printer(call, call.path_part(1));
  auto asked = transport::ask_printer_capabilities(printer.device_uri, TlsTrust{},
                                                   std::chrono::seconds(5));
  if (!asked.ok()) {
    throw conflict(trf("Capabilities not refreshed: {problem}.",
                       fmt::arg("problem", asked.error().message)));
  }
  model::apply_capabilities(printer, *asked);
  refuse_if_profiles_break(call, printer, std::nullopt);
  send_json(call.response,
            write_or_throw(call.context.store.update_printer(printer, call.actor())));
}

void remove(ApiCall& call) {
  Printer printer = find_printer(call, call.path_part(1));
  write_or_throw(call.context.store.delete_printer(printer.id, call.actor()));
  send_no_content(call.response);
}

}  // namespace

void add_printer_routes(ApiRoutes& routes) {
  routes.push_back({"GET", "/api/v1/printers", Access::kUser, list});
  routes.push_back({"POST", "/api/v1/printers", Access::kAdmin, create});
  routes.push_back({"GET", R"(/api/v1/printers/([^/]+))", Access::kUser, get});
  routes.push_back({"PATCH", R"(/api/v1/printers/([^/]+))", Access::kAdmin, update});
  routes.push_back({"DELETE", R"(/api/v1/printers/([^/]+))", Access::kAdmin, remove});
  routes.push_back({"POST", R"(/api/v1/printers/([^/]+)/capabilities)", Access::kAdmin,
                    refresh_capabilities});
}

}  // namespace printline::server
