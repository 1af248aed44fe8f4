// Fuzzes what a desktop client may POST to /api/v1/accounting/fallback-jobs (D12): the bytes
// go through the same bounded JSON parse and the same per-job checks and pricing as the route,
// without a server or a store. Properties: never crashes; an accepted job lies within the
// documented bounds with a non-negative price; every answer serialises.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "model/bounded_json.h"
#include "server/fallback_job_parsing.h"

namespace {

using namespace printline;

server::FallbackUploadContext make_context() {
  server::FallbackUploadContext context;
  context.owner.id = 7;
  context.owner.login = "alice";
  context.now = model::now_seconds();
  context.prices.prices.push_back({model::PaperSize::kA4, false, 10});
  context.prices.prices.push_back({model::PaperSize::kA4, true, 50});
  context.prices.prices.push_back({model::PaperSize::kA3, false, std::int64_t{1} << 50});
  context.prices.duplex_discount_percent = 50;
  for (std::int64_t id : {1, 2}) {
    model::Printer printer;
    printer.id = id;
    printer.name = id == 1 ? "office" : "elsewhere";
    printer.device_uri = "socket://127.0.0.1:9100";
    printer.color = id == 1;
    context.printer_ids_by_name[printer.name] = id;
    context.printers_by_id[id] = printer;
  }
  context.fallback_printers.insert(1);
  return context;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const server::FallbackUploadContext context = make_context();
  auto parsed = model::parse_bounded_json(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.ok() || !parsed.value.is_object()) return 0;  // the route answers 400
  auto jobs = parsed.value.find("jobs");
  if (jobs == parsed.value.end() || !jobs->is_array()) return 0;
  for (const auto& entry : *jobs) {
    auto job = server::parse_fallback_job(entry, context);
    if (auto* accepted = std::get_if<model::Job>(&job)) {
      const auto& c = accepted->counts;
      if (c.pages < 0 || c.pages > server::kMaxFallbackPages || c.copies < 1 ||
          c.copies > server::kMaxFallbackCopies || c.color_pages < 0 || c.color_pages > c.pages ||
          accepted->cost_cents < 0 || accepted->printer_id != 1) {
        std::abort();
      }
      (void)nlohmann::json(*accepted).dump();
    } else {
      (void)server::rejected_fallback_job(entry, std::get<server::FallbackRejection>(job))
          .dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    }
  }
  return 0;
}
