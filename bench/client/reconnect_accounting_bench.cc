// Accounting after reconnect (issue 4, SPEC §5 "Accounting sync", D6): a desktop client holds
// N jobs it printed while the server was down (default 10,000); the server comes back; how
// long until the client has every one of them accounted? Goal: under 5 s.
//
// Peer, same run, same server: the same number of reports uploaded straight to the server's
// API in batches of 1000 (what accounting_sync_bench measures), with no outbox around it. The
// ratio shows what the client adds: reading its outbox, marking each batch accounted durably.
//
// The client's outbox is filled through its own store (OutboxStore::add, then the record
// marked printed-offline) in a state directory on /dev/shm when there is one, only so that
// filling 10,000 fsync'ed jobs does not take minutes; the measured upload commits through the
// same code either way. The server's database is on the normal disk.
//
// Usage: reconnect_accounting_bench [--jobs N]. Exit status 0 when every job was accounted
// once (the ledger has exactly N charges for the client's user).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

#include "api_client/fallback_upload.h"
#include "api_client/session_calls.h"
#include "client/outbox_store.h"
#include "client/running_client.h"
#include "core/job_uuid.h"
#include "core/logging.h"
#include "model/ledger_entry.h"
#include "server/running_server.h"
#include "store/store.h"
#include "support/must.h"
#include "support/temp_dir.h"
#include "transport/document_source.h"

namespace {

using namespace printline;
using Clock = std::chrono::steady_clock;
using testing::must;

template <typename T>
T must(api_client::ApiResult<T> result) {
  if (!result.ok()) throw std::runtime_error(api_client::describe(result.error()));
  return std::move(result.value());
}

model::PageCounts counts_of(int i) {
  model::PageCounts counts;
  counts.pages = 1 + i % 7;
  counts.color_pages = i % 3 == 0 ? 1 : 0;
  counts.copies = 1 + i % 2;
  return counts;
}

// Fills the client's outbox with `jobs` printed-offline jobs on `printer`.
void fill_outbox(const std::filesystem::path& state_dir, int jobs, const model::Printer& printer) {
  auto outbox = must(client::OutboxStore::open(state_dir));
  for (int i = 0; i < jobs; ++i) {
    client::OutboxJob job;
    job.uuid = new_job_uuid();
    job.title = "offline " + std::to_string(i);
    job.document_format = "application/pdf";
    auto document = transport::document_from_string("%PDF-1.4 placeholder\n");
    job = must(outbox->add(job, *document));
    job.state = client::JobState::kPrintedOffline;
    job.printer_id = printer.id;
    job.printer = printer.name;
    job.counts = counts_of(i);
    job.ticket.copies = static_cast<int>(job.counts->copies);  // what was asked is what printed
    job.copies = job.ticket.copies;
    job.printed_at = model::now_seconds();
    must(outbox->update(job));
    outbox->discard_document(job.uuid);
  }
}

std::filesystem::path fast_temp_root() {
  return std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
}

int charges_of(store::Store& store, std::int64_t user_id) {
  int count = 0;
  for (const auto& entry : must(store.ledger_of(user_id))) {
    if (entry.kind == model::LedgerKind::kCharge) ++count;
  }
  return count;
}

}  // namespace

int main(int argc, char** argv) {
  int jobs = 10000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--jobs") jobs = std::atoi(argv[i + 1]);
  }
  init_logging("error");
  try {
    testing::TempDir data("printline-reconnect-bench");
    testing::RunningServer server([&](server::ServerConfig& config) {
      config.data_dir = data.path() / "data";
      config.log_level = "error";
    });
    auto store = must(store::open_sqlite_store((data.path() / "data" / "printline.db").string()));
    model::PriceList prices;
    prices.prices.push_back({model::PaperSize::kA4, false, 10});
    prices.prices.push_back({model::PaperSize::kA4, true, 50});
    must(store->set_price_list(prices, store::system_actor()));
    model::User frank, grace;
    frank.login = "frank";
    grace.login = "grace";
    frank = must(store->create_user(frank, "frank-password-1", store::system_actor()));
    grace = must(store->create_user(grace, "grace-password-1", store::system_actor()));
    model::Printer printer;
    printer.name = "corridor";
    printer.device_uri = "socket://127.0.0.1:9";
    printer = must(store->create_printer(printer, store::system_actor()));
    model::ClientProfile profile;
    profile.name = "bench";
    profile.is_default = true;
    profile.server_addresses = {server.base_url()};
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {printer.id};
    must(store->create_profile(profile, store::system_actor()));

    // The client: logged in once while the server was up, then stopped; its outbox filled.
    const auto state_root = fast_temp_root() / ("printline-reconnect-" + new_job_uuid());
    auto client = std::make_unique<testing::RunningClient>(
        server.base_url(), [&](client::ClientConfig& config) {
          config.state_dir = state_root;
          config.heartbeat_interval = std::chrono::milliseconds(100);
        });
    client->login("frank", "frank-password-1");
    client->stop();
    std::fprintf(stderr, "filling the outbox with %d printed-offline jobs...\n", jobs);
    fill_outbox(state_root, jobs, printer);

    // Reconnect: the client starts and finds the server; time until everything is accounted.
    const auto start = Clock::now();
    client->start();
    while (client->daemon().status().jobs_awaiting_accounting > 0 ||
           client->daemon().status().jobs_awaiting_accounting < 0) {
      if (Clock::now() - start > std::chrono::minutes(5)) throw std::runtime_error("timed out");
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const double client_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    client.reset();
    std::filesystem::remove_all(state_root);
    const int charged = charges_of(*store, frank.id);

    // The peer: the same number of reports straight to the API, in batches of 1000.
    auto urls = must(api_client::parse_server_urls({server.base_url()}));
    api_client::ApiClient api(urls, {});
    auto session = must(api_client::login(api, "grace", "grace-password-1"));
    api.set_token(session.token);
    std::vector<api_client::FallbackJobReport> reports;
    for (int i = 0; i < jobs; ++i) {
      api_client::FallbackJobReport report;
      report.uuid = new_job_uuid();
      report.printer_id = printer.id;
      report.printed_at = model::now_seconds();
      report.title = "direct";
      report.counts = counts_of(i);
      report.ticket.copies = static_cast<int>(report.counts.copies);
      reports.push_back(std::move(report));
    }
    const auto direct_start = Clock::now();
    for (std::size_t at = 0; at < reports.size(); at += api_client::kMaxFallbackBatch) {
      const auto end = std::min(reports.size(), at + api_client::kMaxFallbackBatch);
      must(api_client::upload_fallback_jobs(
          api, std::vector<api_client::FallbackJobReport>(reports.begin() + at, reports.begin() + end)));
    }
    const double direct_seconds =
        std::chrono::duration<double>(Clock::now() - direct_start).count();

    std::printf("Accounting after reconnect: %d printed-offline jobs in the desktop client's outbox\n",
                jobs);
    std::printf("  client, reconnect to all accounted : %6.2f s  (%d charged)  %s (goal < 5 s)\n",
                client_seconds, charged, client_seconds < 5 ? "MET" : "NOT MET");
    std::printf("  peer, direct API upload, same jobs : %6.2f s\n", direct_seconds);
    std::printf("  ratio client / direct              : %6.2f\n", client_seconds / direct_seconds);
    return charged == jobs ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "reconnect_accounting_bench: %s\n", error.what());
    return 1;
  }
}
