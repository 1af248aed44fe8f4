// D9 from the workstation (`printline fallback test`): every fallback printer of the profile,
// probed, and with send_test_page a one-page job sent to it.

#include <fmt/format.h>

#include <filesystem>

#include "client/client_daemon.h"
#include "client/fallback_printing.h"
#include "core/job_uuid.h"
#include "transport/print_transport.h"

namespace printline::client {

namespace {

// A real PDF from Debian's cups-filters when present, else a page of plain text.
std::pair<std::unique_ptr<transport::DocumentSource>, std::string> test_page() {
  const std::filesystem::path pdf = "/usr/share/cups/data/default-testpage.pdf";
  if (std::filesystem::exists(pdf)) {
    if (auto file = transport::open_document_file(pdf); file.ok()) {
      return {std::move(*file), "application/pdf"};
    }
  }
  return {transport::document_from_string("Printline fallback test page\f"), "text/plain"};
}

}  // namespace

std::vector<FallbackTestRow> ClientDaemon::test_fallback(bool send_test_page) {
  std::vector<FallbackTestRow> rows;
  const auto cache = cache_.snapshot();
  if (cache.profile) {
    // Printers the profile names that cannot be used are reported with the server's reason.
    for (const auto& entry : cache.profile->fallback_printers) {
      if (entry.usable) continue;
      FallbackTestRow row;
      row.printer = entry.printer.name;
      row.message = entry.problem.value_or("not usable for fallback printing");
      rows.push_back(std::move(row));
    }
  }
  for (const auto& printer : probed_printers()) {
    FallbackTestRow row;
    row.printer = printer.name;
    row.target_uri = printer.target_uri;
    row.reachable = printer.reachable;
    row.message = printer.reachable ? "reachable" : printer.note;
    if (send_test_page && printer.reachable) {
      auto [document, format] = test_page();
      transport::SendOptions options;
      options.job_uuid = new_job_uuid();
      options.title = "Printline fallback test";
      options.document_format = format;
      options.user = user_login();
      options.connect_timeout = config_.connect_timeout;
      options.tls_trust = link_.trust();
      auto result = transport::send_document(printer.target_uri, *document, options);
      row.accepted = result.delivered();
      if (result.delivered()) {
        row.message = "reachable; accepted the test page";
      } else if (result.outcome == transport::Outcome::kRejectedByDevice) {
        row.message = rejected_by_device_message(printer.name, result);
      } else {
        row.message = result.message;
      }
    }
    if (!printer.note.empty() && printer.reachable) row.message += "; " + printer.note;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace printline::client
