#include "server/capability_refresh.h"

#include <spdlog/spdlog.h>

#include "core/logging.h"
#include "core/tls_trust.h"
#include "model/printer.h"
#include "server/metrics.h"
#include "transport/ipp_printer_capabilities.h"

namespace printline::server {
namespace {

// A printer that does not answer within this costs the sweep no more.
constexpr std::chrono::seconds kAskTimeout{5};

bool is_ipp_printer(const model::Printer& printer) {
  return printer.device_uri.starts_with("ipp://") || printer.device_uri.starts_with("ipps://");
}

}  // namespace

CapabilityRefresh::CapabilityRefresh(const ServerConfig& config, store::Store& store)
    : config_(config), store_(store) {}

CapabilityRefresh::~CapabilityRefresh() { stop(); }

void CapabilityRefresh::start() {
  refreshes_.start(std::chrono::seconds(config_.capability_refresh_seconds),
                   PeriodicThread::First::kAfterAPeriod, [this] { refresh_once(); });
}

void CapabilityRefresh::stop() { refreshes_.stop(); }

int CapabilityRefresh::refresh_once() {
  auto printers = store_.list_printers();
  if (!printers.ok()) {
    spdlog::error("capability refresh: cannot list the printers: {}", printers.error().message);
    ServerMetrics::process().count_database_error();
    return 0;
  }
  int changed = 0;
  for (model::Printer printer : *printers) {
    if (!is_ipp_printer(printer)) continue;  // RAW and LPR printers are described by hand
    auto log = object_logger("printer", printer.name);
    auto asked = transport::ask_printer_capabilities(printer.device_uri, TlsTrust{}, kAskTimeout);
    if (!asked.ok()) {
      log->warn("capabilities not refreshed, what was known stays: {}", asked.error().message);
      continue;
    }
    const model::Printer known = printer;
    model::apply_capabilities(printer, *asked);
    if (printer == known) continue;
    auto saved = store_.update_printer(printer, store::system_actor());
    if (!saved.ok()) {
      log->error("capabilities changed but not saved: {}", saved.error().message);
      ServerMetrics::process().count_database_error();
      continue;
    }
    log->info("capabilities changed: colour {}, duplex {}, {} paper size(s), {} format(s)",
              printer.color ? "yes" : "no", printer.duplex ? "yes" : "no",
              printer.paper_sizes.size(), printer.document_formats.size());
    ++changed;
  }
  return changed;
}

}  // namespace printline::server
